//! The pipeline for one document, and the parallel driver over many.
//!
//! [`analyze`] is pure and single-threaded: text in, analysis out. [`run`] is the only
//! place that uses threads (rayon over documents), and it sorts results by path so that
//! reports are the same whatever the thread count or the order of the inputs.

use crate::aggregate::{Aggregates, EntityKey, Window};
use crate::extract::{self, Context, EntityKind};
use crate::input::{self, ByteSize, Document, Format, InputError, Source};
use crate::layout;
use crate::resolve::{self, Entity, Talk};
use crate::rules::Rules;
use crate::span::Span;
use crate::tokenize;

/// A mention, placed in its document and tied to its entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacedMention {
    /// Entity kind.
    pub kind: EntityKind,
    /// The text as written.
    pub surface: String,
    /// Canonical name of its entity.
    pub entity: String,
    /// Byte range in the document's text.
    pub span: Span,
    /// Sentence index.
    pub sentence: Option<usize>,
    /// Paragraph index.
    pub paragraph: Option<usize>,
    /// Day section label.
    pub day: Option<String>,
    /// Rule id.
    pub rule: &'static str,
}

/// Everything recap learned from one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// Path as given.
    pub path: String,
    /// Markup.
    pub format: Format,
    /// Bytes read.
    pub bytes: usize,
    /// Word count.
    pub words: usize,
    /// Sentence count.
    pub sentences: usize,
    /// Paragraph count.
    pub paragraphs: usize,
    /// Warnings from reading.
    pub warnings: Vec<String>,
    /// Mentions in text order.
    pub mentions: Vec<PlacedMention>,
    /// Entities sorted by kind and name.
    pub entities: Vec<Entity>,
    /// Talks in text order.
    pub talks: Vec<Talk>,
    /// Counts for the corpus.
    pub aggregates: Aggregates,
}

/// Analyzes one document.
pub fn analyze(doc: &Document, rules: &Rules) -> Analysis {
    let text = doc.text.as_str();
    let tokens = tokenize::tokenize(text);
    let layout = layout::layout(text, &tokens, &doc.headings, rules);
    let ctx = Context {
        text,
        doc,
        tokens: &tokens,
        layout: &layout,
        rules,
    };
    let extraction = extract::extract(&ctx);
    let resolved = resolve::resolve(text, &extraction, &layout, rules);
    let mentions: Vec<PlacedMention> = extraction
        .mentions
        .iter()
        .zip(&resolved.mention_entity)
        .map(|(m, &e)| PlacedMention {
            kind: m.kind,
            surface: m.span.slice(text).to_string(),
            entity: resolved.entities[e].name.clone(),
            span: m.span,
            sentence: tokens.sentence_at(m.span.start),
            paragraph: tokens.paragraph_at(m.span.start),
            day: layout
                .section_at(m.span.start)
                .map(|s| extract::days::normalize(layout.sections[s].label.slice(text))),
            rule: m.rule,
        })
        .collect();
    let mut aggregates = Aggregates::default();
    for e in &resolved.entities {
        let stats = aggregates
            .entities
            .entry((e.kind, e.name.clone()))
            .or_default();
        stats.mentions += e.mentions as u64;
        stats.documents += 1;
        stats.talks_given += e.talks_given as u64;
        stats.aliases.extend(e.aliases.iter().cloned());
    }
    for (window, count) in [
        (Window::Sentence, tokens.sentences.len()),
        (Window::Paragraph, tokens.paragraphs.len()),
    ] {
        let mut groups: Vec<Vec<EntityKey>> = vec![Vec::new(); count];
        for m in &mentions {
            let slot = match window {
                Window::Sentence => m.sentence,
                Window::Paragraph => m.paragraph,
            };
            if let Some(g) = slot.and_then(|i| groups.get_mut(i)) {
                g.push((m.kind, m.entity.clone()));
            }
        }
        aggregates.add_windows(window, &groups);
    }
    Analysis {
        path: doc.path.clone(),
        format: doc.format,
        bytes: doc.bytes,
        words: tokens.words.len(),
        sentences: tokens.sentences.len(),
        paragraphs: tokens.paragraphs.len(),
        warnings: doc.warnings.clone(),
        mentions,
        entities: resolved.entities,
        talks: resolved.talks,
        aggregates,
    }
}

/// What became of one input.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Read and analyzed.
    Analyzed(Box<Analysis>),
    /// Not analyzed: unreadable, not text, too large or empty (see
    /// [`input::SkipKind`]).
    Failed(InputError),
}

impl Outcome {
    /// The input's path.
    pub fn path(&self) -> &str {
        match self {
            Outcome::Analyzed(a) => &a.path,
            Outcome::Failed(e) => &e.path,
        }
    }
}

/// How a run reads its inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunOptions {
    /// Worker threads; 1 runs on the calling thread.
    pub threads: usize,
    /// Inputs larger than this are skipped unread.
    pub max_file_size: ByteSize,
}

/// Reads and analyzes every source, and returns the outcomes sorted by path, with
/// `errors` from discovery among them.
pub fn run(
    sources: &[Source],
    errors: Vec<InputError>,
    rules: &Rules,
    options: &RunOptions,
) -> Vec<Outcome> {
    let work = |source: &Source| match input::load(source, options.max_file_size) {
        Ok(doc) => Outcome::Analyzed(Box::new(analyze(&doc, rules))),
        Err(e) => Outcome::Failed(e),
    };
    let mut outcomes: Vec<Outcome> = if options.threads <= 1 {
        sources.iter().map(work).collect()
    } else {
        use rayon::prelude::*;
        match rayon::ThreadPoolBuilder::new()
            .num_threads(options.threads)
            .build()
        {
            Ok(pool) => pool.install(|| sources.par_iter().map(work).collect()),
            Err(_) => sources.iter().map(work).collect(),
        }
    };
    outcomes.extend(errors.into_iter().map(Outcome::Failed));
    outcomes.sort_by(|a, b| a.path().cmp(b.path()));
    outcomes.dedup_by(|a, b| a.path() == b.path());
    outcomes
}

/// The corpus aggregate of every analyzed outcome.
pub fn corpus_aggregates(outcomes: &[Outcome]) -> Aggregates {
    let mut total = Aggregates::default();
    for o in outcomes {
        if let Outcome::Analyzed(a) = o {
            total.merge(a.aggregates.clone());
        }
    }
    total
}
