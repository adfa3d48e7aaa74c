//! Throughput of each pipeline stage, in bytes of post text per second, over the
//! bundled corpus: `cargo bench --bench stages`.
//!
//! Each stage is timed on the output of the stages before it, computed once outside
//! the timing loop, so the figures add up to roughly one document's whole analysis.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recap::aggregate::Aggregates;
use recap::extract::{self, Context};
use recap::input::{self, Document};
use recap::pipeline::{self, Outcome};
use recap::record::DocumentRecord;
use recap::report::{Report, csv::Formulas};
use recap::rules::Rules;
use recap::{layout, resolve, tokenize};
use std::hint::black_box;
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

/// The corpus posts as raw bytes, with their paths (the gold and schedules are skipped).
fn posts() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut posts: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("the bundled corpus is readable")
        .map(|e| e.expect("a corpus entry").path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .map(|p| {
            let bytes = std::fs::read(&p).expect("a corpus post is readable");
            (p.display().to_string(), bytes)
        })
        .collect();
    posts.sort();
    posts
}

fn stages(c: &mut Criterion) {
    let rules = Rules::builtin();
    let raw = posts();
    let docs: Vec<Document> = raw
        .iter()
        .map(|(path, bytes)| {
            input::parse(path, bytes, input::format_of(Path::new(path))).expect("a text post")
        })
        .collect();
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let tokens: Vec<_> = docs.iter().map(|d| tokenize::tokenize(&d.text)).collect();
    let layouts: Vec<_> = docs
        .iter()
        .zip(&tokens)
        .map(|(d, t)| layout::layout(&d.text, t, &d.headings, &rules))
        .collect();
    let context = |i: usize| Context {
        text: &docs[i].text,
        doc: &docs[i],
        tokens: &tokens[i],
        layout: &layouts[i],
        rules: &rules,
    };
    let extractions: Vec<_> = (0..docs.len())
        .map(|i| extract::extract(&context(i)))
        .collect();
    let records: Vec<DocumentRecord> = docs
        .iter()
        .map(|d| DocumentRecord::of(&Outcome::Analyzed(Box::new(pipeline::analyze(d, &rules)))))
        .collect();
    let aggregates = pipeline::corpus_aggregates(&records);

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(text_bytes as u64));
    group.bench_function("input", |b| {
        b.iter(|| {
            for (path, bytes) in &raw {
                black_box(input::parse(path, bytes, input::format_of(Path::new(path))).ok());
            }
        })
    });
    group.bench_function("tokenize", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(tokenize::tokenize(&d.text));
            }
        })
    });
    // Not a stage: the floor the speed target is measured against, the text split into
    // words once and nothing more.
    group.bench_function("words only (unicode-segmentation)", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(d.text.unicode_word_indices().count());
            }
        })
    });
    group.bench_function("layout", |b| {
        b.iter(|| {
            for (d, t) in docs.iter().zip(&tokens) {
                black_box(layout::layout(&d.text, t, &d.headings, &rules));
            }
        })
    });
    group.bench_function("extract", |b| {
        b.iter(|| {
            for i in 0..docs.len() {
                black_box(extract::extract(&context(i)));
            }
        })
    });
    group.bench_function("resolve", |b| {
        b.iter(|| {
            for (i, x) in extractions.iter().enumerate() {
                black_box(resolve::resolve(&docs[i].text, x, &layouts[i], &rules));
            }
        })
    });
    group.bench_function("aggregate", |b| {
        b.iter(|| {
            let mut total = Aggregates::default();
            for r in &records {
                total.add_document(r);
            }
            black_box(total)
        })
    });
    group.bench_function("report", |b| {
        b.iter(|| {
            let report = Report::build(&records, &aggregates);
            black_box(report.files(Formulas::Neutralize).expect("rows serialize"))
        })
    });
    group.bench_function("whole analysis", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(pipeline::analyze(d, &rules));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
