//! The talks of each post as a table a person reads in a terminal.

use crate::pipeline::{Analysis, Outcome};
use std::fmt::Write;

/// Each post's talks, grouped by day in the order the days first appear.
pub fn talks_table(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for o in outcomes {
        match o {
            Outcome::Failed(e) => {
                let _ = writeln!(out, "{}\n  (not analyzed: {})\n", e.path, e.message);
            }
            Outcome::Analyzed(a) => write_post(&mut out, a),
        }
    }
    out
}

fn write_post(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "{}  ({} talks)", a.path, a.talks.len());
    let mut days: Vec<Option<&str>> = Vec::new();
    for t in &a.talks {
        let d = t.day.as_deref();
        if !days.contains(&d) {
            days.push(d);
        }
    }
    let kind_width = a
        .talks
        .iter()
        .map(|t| t.kind.as_str().len())
        .max()
        .unwrap_or(4);
    for day in days {
        let _ = writeln!(out, "  {}", day.unwrap_or("(no day)"));
        for t in a.talks.iter().filter(|t| t.day.as_deref() == day) {
            let speakers = if t.speakers.is_empty() {
                String::new()
            } else {
                format!("  — {}", t.speakers.join(", "))
            };
            let _ = writeln!(
                out,
                "    {:kind_width$}  {}{}",
                t.kind.as_str(),
                t.title,
                speakers
            );
        }
    }
    out.push('\n');
}
