//! A synthetic recap corpus for benchmarks, the same for the same seed and size.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --mb 100 --seed 7 --out bench-corpus
//! ```
//!
//! Posts are 2–8 KB of recap-like prose: day headings, quoted and unquoted talk titles,
//! possessives, list lines, names with and without diacritics, projects in and out of
//! the gazetteer; one post in six is Markdown and one in ten HTML.

use std::fmt::Write as _;
use std::path::PathBuf;

/// xorshift64*: enough randomness for text, and no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const GIVEN: &[&str] = &[
    "Ana",
    "Łukasz",
    "José",
    "Siân",
    "Zoë",
    "Mariana",
    "Obi",
    "Priya",
    "Kenji",
    "Ingrid",
    "Tomasz",
    "Amara",
    "Hiroshi",
    "Søren",
    "Chiamaka",
    "Mehmet",
    "Leilani",
    "Dmitri",
    "Aroha",
    "Ravi",
    "Freya",
    "Jesse",
    "Guillaume",
    "Nadia",
    "Oskar",
    "Wei",
    "Fatima",
    "Diego",
    "Elena",
    "Kwame",
];
const FAMILY: &[&str] = &[
    "Noller",
    "Langa",
    "Valim",
    "Gaffney",
    "Okafor",
    "Nowak",
    "Castillo",
    "Kahale",
    "Solberg",
    "Wiśniewski",
    "de la Cruz",
    "van der Berg",
    "O'Neill",
    "Kaplan-Moss",
    "Yılmaz",
    "Haddad",
    "Lindqvist",
    "Nguyễn",
    "Mensah",
    "Øster",
    "Achterberg",
    "Ishikawa",
    "Byrne",
    "Reyes",
];
const PROJECTS: &[&str] = &[
    "Python",
    "Django",
    "Rust",
    "Go",
    "Kubernetes",
    "PostgreSQL",
    "React",
    "Node.js",
    "asyncio",
    "pytest",
    "Elixir",
    "Phoenix",
    "Ruby on Rails",
    "TypeScript",
    "Docker",
    "Redis",
    "Kafka",
    "GraphQL",
    "WebAssembly",
    "Tokio",
    "NumPy",
    "pandas",
    "Flask",
    "Celery",
    "Istio",
    "Helm",
    "Zorblify",
    "QuuxDB",
    "FrobKit",
    "Snarkle.js",
    "Blimpy",
];
const TOPICS: &[&str] = &[
    "Testing Async Code",
    "Memory Leaks in Production",
    "Scaling Task Queues",
    "Type Hints at Work",
    "Observability for Humans",
    "Packaging Without Tears",
    "The Long Middle of Open Source",
    "Fearless Refactoring",
    "Streams All the Way Down",
    "Teaching Programming to Adults",
];
const FILLER: &[&str] = &[
    "The room was packed and the questions were sharp.",
    "I took far too many notes and will need a week to read them.",
    "Lunch was excellent, and the hallway track was even better.",
    "Afterwards we talked about it over coffee for an hour.",
    "The slides are online, and the video should follow soon.",
    "It made me rethink how our team ships code.",
];

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY))
}

fn title(rng: &mut Rng) -> String {
    format!("{} with {}", rng.pick(TOPICS), rng.pick(PROJECTS))
}

fn sentence(rng: &mut Rng) -> String {
    let (a, p) = (person(rng), rng.pick(PROJECTS));
    match rng.below(9) {
        0 => format!(
            "Then on to “{}” by {a}, which used {p} throughout.",
            title(rng)
        ),
        1 => format!("{a}’s {p} talk was the surprise of the day."),
        2 => format!("After lunch, {a} gave \"{}\" about {p}.", title(rng)),
        3 => format!("I caught the {p} panel with {a} and {}.", person(rng)),
        4 => format!(
            "{a} talked about migrating from {p} to {}.",
            rng.pick(PROJECTS)
        ),
        5 => format!(
            "There was an open space on {} in the afternoon.",
            rng.pick(PROJECTS)
        ),
        6 => format!("Thanks {} for the tour of the {p} sprint.", rng.pick(GIVEN)),
        _ => rng.pick(FILLER).to_string(),
    }
}

fn post(rng: &mut Rng, target: usize) -> String {
    let mut out = String::new();
    let mut day = 1;
    while out.len() < target {
        let _ = write!(out, "Day {day}\n\n");
        day += 1;
        for _ in 0..3 + rng.below(4) {
            let n = 2 + rng.below(4);
            let para: Vec<String> = (0..n).map(|_| sentence(rng)).collect();
            out.push_str(&para.join(" "));
            out.push_str("\n\n");
        }
        if rng.below(3) == 0 {
            for _ in 0..3 {
                let _ = writeln!(out, "- {} - {}", person(rng), title(rng));
            }
            out.push('\n');
        }
    }
    out
}

fn markdown(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with("Day ") {
                format!("## {l}")
            } else {
                l.replace(" talk ", " **talk** ")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn html(text: &str) -> String {
    let mut out = String::from(
        "<!DOCTYPE html><html><head><title>Recap</title><style>p{}</style></head><body>\n",
    );
    for block in text.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let escaped = block.replace('&', "&amp;").replace('<', "&lt;");
        if block.starts_with("Day ") {
            let _ = writeln!(out, "<h2>{escaped}</h2>");
        } else if block.starts_with("- ") {
            out.push_str("<ul>");
            for item in escaped.lines() {
                let _ = write!(out, "<li>{}</li>", item.trim_start_matches("- "));
            }
            out.push_str("</ul>\n");
        } else {
            let _ = writeln!(out, "<p>{escaped}</p>");
        }
    }
    out.push_str("</body></html>\n");
    out
}

fn main() -> std::io::Result<()> {
    let mut mb = 10.0_f64;
    let mut seed = 7_u64;
    let mut out = PathBuf::from("bench-corpus");
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--mb" => mb = value.parse().expect("--mb takes a number"),
            "--seed" => seed = value.parse().expect("--seed takes an integer"),
            "--out" => out = PathBuf::from(value),
            other => panic!("unknown flag {other}; use --mb N --seed N --out DIR"),
        }
    }
    std::fs::create_dir_all(&out)?;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let budget = (mb * 1024.0 * 1024.0) as usize;
    let (mut written, mut n) = (0, 0);
    while written < budget {
        let size = 2048 + rng.below(6 * 1024);
        let text = post(&mut rng, size);
        let (ext, body) = match n % 30 {
            0 | 6 | 12 | 18 | 24 => ("md", markdown(&text)),
            3 | 13 | 23 => ("html", html(&text)),
            _ => ("txt", text),
        };
        std::fs::write(out.join(format!("{:06}.{ext}", n)), &body)?;
        written += body.len();
        n += 1;
    }
    eprintln!(
        "wrote {n} posts, {:.1} MB, to {}",
        written as f64 / 1048576.0,
        out.display()
    );
    Ok(())
}
