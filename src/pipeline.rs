//! The pipeline for one document, and the parallel driver over many.
//!
//! [`analyze`] is pure and single-threaded: text in, analysis out. [`stream`] is the
//! only place that uses threads (rayon over documents), and [`plan`] sorts inputs by
//! path so that reports are the same whatever the thread count or the order of the
//! inputs.

use crate::aggregate::Aggregates;
use crate::extract::{self, Context, EntityKind};
use crate::input::{self, ByteSize, Document, Format, InputError, SkipKind, Source};
use crate::layout::{self, Layout};
use crate::record::DocumentRecord;
use crate::resolve::{self, Entity, Talk};
use crate::rules::Rules;
use crate::span::Span;
use crate::tokenize::{self, Tokens};
use std::borrow::Cow;
use std::sync::Arc;

/// A mention, placed in its document and tied to its entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacedMention {
    /// Entity kind.
    pub kind: EntityKind,
    /// The text as written: most often its entity's name, then shared with it.
    pub surface: Arc<str>,
    /// Canonical name of its entity, shared by its mentions.
    pub entity: Arc<str>,
    /// Index of its entity in [`Analysis::entities`].
    pub entity_index: usize,
    /// Byte range in the document's text.
    pub span: Span,
    /// Sentence index.
    pub sentence: Option<usize>,
    /// Paragraph index.
    pub paragraph: Option<usize>,
    /// Day section label, shared by the mentions of its section.
    pub day: Option<Arc<str>>,
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
    // A document has hundreds of mentions but a few sections and entities: each label
    // and name is made once, and its mentions share it.
    let days: Vec<Arc<str>> = layout
        .sections
        .iter()
        .map(|s| extract::days::normalize(s.label.slice(text)).into())
        .collect();
    let names: Vec<Arc<str>> = resolved
        .entities
        .iter()
        .map(|e| e.name.as_str().into())
        .collect();
    let mut places = Places::new(&tokens, &layout);
    let mentions: Vec<PlacedMention> = extraction
        .mentions
        .iter()
        .zip(&resolved.mention_entity)
        .map(|(m, &e)| {
            let place = places.at(m.span.start);
            PlacedMention {
                kind: m.kind,
                surface: shared_if_same(m.span.slice(text), &names[e]),
                entity: Arc::clone(&names[e]),
                entity_index: e,
                span: m.span,
                sentence: place.sentence,
                paragraph: place.paragraph,
                day: place.section.map(|s| Arc::clone(&days[s])),
                rule: m.rule,
            }
        })
        .collect();
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
    }
}

/// Where an offset stands: as [`Tokens::sentence_at`], [`Tokens::paragraph_at`] and
/// [`Layout::section_at`] say.
#[derive(Debug, PartialEq, Eq)]
struct Place {
    sentence: Option<usize>,
    paragraph: Option<usize>,
    section: Option<usize>,
}

/// Places offsets that come in text order, as a document's mentions do, by walking on
/// from the last one: a mention is a step or two from the one before, where a binary
/// search for each would go over the whole document's sentences and paragraphs.
struct Places<'a> {
    tokens: &'a Tokens,
    layout: &'a Layout,
    /// The last offset placed.
    offset: usize,
    /// Sentences starting at or before `offset`.
    sentences: usize,
    /// Paragraphs starting at or before `offset`.
    paragraphs: usize,
    /// Sections ending at or before `offset`.
    sections: usize,
}

impl<'a> Places<'a> {
    fn new(tokens: &'a Tokens, layout: &'a Layout) -> Places<'a> {
        Places {
            tokens,
            layout,
            offset: 0,
            sentences: 0,
            paragraphs: 0,
            sections: 0,
        }
    }

    /// The place of `offset`; an offset before the last one is walked to from the start.
    fn at(&mut self, offset: usize) -> Place {
        if offset < self.offset {
            *self = Places::new(self.tokens, self.layout);
        }
        self.offset = offset;
        let (tokens, layout) = (self.tokens, self.layout);
        count_on(&mut self.sentences, &tokens.sentences, |s| {
            s.span.start <= offset
        });
        count_on(&mut self.paragraphs, &tokens.paragraphs, |p| {
            p.span.start <= offset
        });
        count_on(&mut self.sections, &layout.sections, |s| {
            s.extent.end <= offset
        });
        Place {
            sentence: self.sentences.checked_sub(1),
            paragraph: tokens.paragraph_holding(offset, self.paragraphs),
            section: layout.section_holding(offset, self.sections),
        }
    }
}

/// Adds to `count` the items after the first `count` of `items` that `before` holds for,
/// up to the first it does not: `before` holds for a first part of the list.
fn count_on<T>(count: &mut usize, items: &[T], before: impl Fn(&T) -> bool) {
    *count += items[*count..]
        .iter()
        .take_while(|&item| before(item))
        .count();
}

/// `text` as a shared string: `name` itself when they are the same.
fn shared_if_same(text: &str, name: &Arc<str>) -> Arc<str> {
    if text == &**name {
        Arc::clone(name)
    } else {
        text.into()
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
    /// Threads that analyze documents, the calling thread among them: 1 uses no other.
    pub threads: usize,
    /// Inputs larger than this are skipped unread.
    pub max_file_size: ByteSize,
}

/// One input of a run. The rarer variants are boxed so that an input is as small as a
/// path: a run over a folder holds one for each of its files.
#[derive(Clone, Debug)]
pub enum Input {
    /// A file or standard input, read when its turn comes.
    Source(Source),
    /// A post handed over as text (`recap map`).
    Text(Box<TextPost>),
    /// An input already known to be unreadable (from discovery).
    Failed(Box<InputError>),
}

/// A post handed over as text.
#[derive(Clone, Debug)]
pub struct TextPost {
    /// Path shown in reports.
    pub path: String,
    /// The post.
    pub text: String,
    /// Its markup.
    pub format: Format,
}

impl Input {
    /// The path shown in reports.
    pub fn path(&self) -> String {
        self.sort_key().into_owned()
    }

    /// The path shown in reports, borrowed where it is the path itself.
    fn sort_key(&self) -> Cow<'_, str> {
        match self {
            Input::Source(s) => s.shown(),
            Input::Text(post) => Cow::Borrowed(&post.path),
            Input::Failed(e) => Cow::Borrowed(&e.path),
        }
    }
}

/// The inputs of a run in the order of their reports: sorted by path, each path once (a
/// source before a discovery error of the same path, the first of equal sources), so
/// that reports do not depend on the order paths were given in.
///
/// Sources are moved, not copied, and sorted without a second copy of their paths: on a
/// folder of tens of thousands of posts, the list of inputs is much of a run's memory.
pub fn plan(sources: Vec<Source>, errors: Vec<InputError>) -> Vec<Input> {
    let mut items: Vec<Input> = sources
        .into_iter()
        .map(Input::Source)
        .chain(errors.into_iter().map(|e| Input::Failed(Box::new(e))))
        .collect();
    items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    items.dedup_by(|a, b| a.sort_key() == b.sort_key());
    items
}

/// Reads and analyzes one input.
fn process(input: Input, rules: &Rules, options: &RunOptions) -> Outcome {
    let doc = match input {
        Input::Failed(e) => return Outcome::Failed(*e),
        Input::Source(source) => input::load(&source, options.max_file_size),
        Input::Text(post) => {
            let TextPost { path, text, format } = *post;
            from_text(path, &text, format, options)
        }
    };
    match doc {
        Ok(doc) => Outcome::Analyzed(Box::new(analyze(&doc, rules))),
        Err(e) => Outcome::Failed(e),
    }
}

/// A post handed over as text, checked as a file would be: size, then content.
fn from_text(
    path: String,
    text: &str,
    format: Format,
    options: &RunOptions,
) -> Result<Document, InputError> {
    let limit = options.max_file_size;
    let size = text.len() as u64;
    if size > limit.0 {
        return Err(InputError {
            message: format!(
                "text is {}, over the --max-file-size limit of {limit}, skipped (to read it, pass --max-file-size {}MiB)",
                ByteSize(size),
                size.div_ceil(1 << 20).max(1)
            ),
            path,
            kind: SkipKind::TooLarge,
        });
    }
    let doc = input::parse(&path, text.as_bytes(), format)?;
    if doc.text.trim().is_empty() {
        return Err(InputError {
            path,
            kind: SkipKind::Empty,
            message: if text.is_empty() {
                "empty file, skipped".into()
            } else {
                "empty file (no text: only whitespace, invisible characters or markup), skipped"
                    .into()
            },
        });
    }
    Ok(doc)
}

/// What a run produced for one input: its outcome, and what `extra` made of its
/// analysis.
type Produced<X> = (Outcome, Option<X>);

/// Reads and analyzes `inputs` on `options.threads` threads, and hands each outcome to
/// `sink` in input order, with what `extra` computed from its analysis (on the thread
/// that analyzed it).
///
/// At most a few documents per thread are in flight or waiting for their turn, so memory
/// does not grow with the number of inputs: whatever `sink` keeps is all that stays.
/// `inputs` is drawn on the calling thread as room frees up, and `sink` runs there too,
/// so the order it sees never depends on the thread count.
///
/// The calling thread is one of the `options.threads`: between outcomes it analyzes
/// documents of its own, once the pool's workers have enough queued to stay busy. A
/// thread that only waited for outcomes would be woken for every document, a system
/// call and a switch of threads each time, and would share the cores with the workers.
///
/// # Errors
/// The first error of `sink`, after which no more outcomes are produced.
pub fn stream<X: Send>(
    inputs: impl IntoIterator<Item = Input>,
    rules: &Rules,
    options: &RunOptions,
    extra: &(dyn Fn(&Analysis) -> X + Sync),
    sink: &mut dyn FnMut(Outcome, Option<X>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let work = |input: Input| -> Produced<X> {
        let outcome = process(input, rules, options);
        let x = match &outcome {
            Outcome::Analyzed(a) => Some(extra(a)),
            Outcome::Failed(_) => None,
        };
        (outcome, x)
    };
    let workers = options.threads.saturating_sub(1);
    let pool = (workers > 0)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(workers)
                .build()
                .ok()
        })
        .flatten();
    let Some(pool) = pool else {
        for input in inputs {
            let (outcome, x) = work(input);
            sink(outcome, x)?;
        }
        return Ok(());
    };
    let window = 4 * options.threads + 4;
    // Enough for each worker to go on with while this thread analyzes a document.
    let queued_for_pool = 2 * workers + 2;
    type Sent<X> = (usize, std::thread::Result<Produced<X>>);
    let (tx, rx) = std::sync::mpsc::channel::<Sent<X>>();
    pool.in_place_scope(|scope| {
        let work = &work;
        let mut inputs = inputs.into_iter();
        let mut waiting: std::collections::BTreeMap<usize, Produced<X>> = Default::default();
        let (mut sent, mut done, mut in_pool) = (0usize, 0usize, 0usize);
        let mut exhausted = false;
        let arrived = |(i, result): Sent<X>, waiting: &mut std::collections::BTreeMap<_, _>| {
            match result {
                Ok(produced) => waiting.insert(i, produced),
                Err(panic) => std::panic::resume_unwind(panic),
            };
        };
        loop {
            while let Ok(result) = rx.try_recv() {
                in_pool -= 1;
                arrived(result, &mut waiting);
            }
            while let Some((outcome, x)) = waiting.remove(&done) {
                done += 1;
                sink(outcome, x)?;
            }
            while !exhausted && in_pool < queued_for_pool && sent - done < window {
                match inputs.next() {
                    Some(input) => {
                        let (tx, i) = (tx.clone(), sent);
                        scope.spawn(move |_| {
                            let result =
                                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                    work(input)
                                }));
                            let _ = tx.send((i, result));
                        });
                        sent += 1;
                        in_pool += 1;
                    }
                    None => exhausted = true,
                }
            }
            if !exhausted && sent - done < window {
                match inputs.next() {
                    Some(input) => {
                        waiting.insert(sent, work(input));
                        sent += 1;
                    }
                    None => exhausted = true,
                }
                continue;
            }
            if done == sent {
                return Ok(());
            }
            let result = rx.recv().expect("every job sends its result");
            in_pool -= 1;
            arrived(result, &mut waiting);
        }
    })
}

/// Reads and analyzes every source, and returns the outcomes sorted by path, with
/// `errors` from discovery among them. Everything is kept: for the commands that show
/// posts one by one; `analyze` streams instead (see [`stream`]).
pub fn run(
    sources: &[Source],
    errors: Vec<InputError>,
    rules: &Rules,
    options: &RunOptions,
) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    let collect = &mut |outcome, _| {
        outcomes.push(outcome);
        Ok(())
    };
    stream(
        plan(sources.to_vec(), errors),
        rules,
        options,
        &|_| (),
        collect,
    )
    .expect("collecting outcomes cannot fail");
    outcomes
}

/// The records of outcomes, in their order.
pub fn records(outcomes: &[Outcome]) -> Vec<DocumentRecord> {
    outcomes.iter().map(DocumentRecord::of).collect()
}

/// The corpus aggregate of records.
pub fn corpus_aggregates(records: &[DocumentRecord]) -> Aggregates {
    let mut total = Aggregates::default();
    for r in records {
        total.add_document(r);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_is_no_bigger_than_a_source() {
        assert_eq!(std::mem::size_of::<Input>(), std::mem::size_of::<Source>());
    }

    /// Posts handed over as text, of varied lengths so that they finish out of order.
    fn text_inputs(count: usize) -> Vec<Input> {
        (0..count)
            .map(|i| {
                let talk = format!("Day One\n\nJesse Noller gave “Talk {i}” with Django. ");
                Input::Text(Box::new(TextPost {
                    path: format!("post-{i:03}.txt"),
                    text: talk.repeat(1 + i * 7 % 40),
                    format: Format::Text,
                }))
            })
            .collect()
    }

    /// What a sink saw of each outcome, in the order it saw them.
    fn streamed(inputs: Vec<Input>, threads: usize) -> Vec<(String, usize)> {
        let options = RunOptions {
            threads,
            max_file_size: ByteSize::DEFAULT_MAX_FILE,
        };
        let mut seen = Vec::new();
        let words = |a: &Analysis| a.words;
        stream(
            inputs,
            &Rules::builtin(),
            &options,
            &words,
            &mut |outcome, words| {
                seen.push((outcome.path().to_string(), words.unwrap_or(0)));
                Ok(())
            },
        )
        .unwrap();
        seen
    }

    #[test]
    fn outcomes_come_in_input_order_for_any_thread_count() {
        // More inputs than the pool is given at once, so the calling thread analyzes
        // some of them itself.
        let one = streamed(text_inputs(60), 1);
        assert_eq!(one.len(), 60);
        assert!(one.iter().all(|(_, words)| *words > 0));
        let paths: Vec<&str> = one.iter().map(|(p, _)| p.as_str()).collect();
        assert!(paths.is_sorted(), "{paths:?}");
        for threads in [2, 3, 8] {
            assert_eq!(streamed(text_inputs(60), threads), one, "{threads} threads");
        }
    }

    #[test]
    fn a_sink_error_ends_the_stream() {
        let options = RunOptions {
            threads: 2,
            max_file_size: ByteSize::DEFAULT_MAX_FILE,
        };
        let mut seen = 0;
        let result = stream(
            text_inputs(40),
            &Rules::builtin(),
            &options,
            &|_| (),
            &mut |_, _| {
                seen += 1;
                if seen == 5 {
                    anyhow::bail!("disk full");
                }
                Ok(())
            },
        );
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        assert_eq!(seen, 5);
    }

    #[test]
    fn every_offset_placed_in_order_as_searches_place_it() {
        let text = "Intro.\n\nDay One\n\nTalk A. More.\n\nDay two\n\nTalk B.\n\nConclusion\n\nBye.";
        let tokens = tokenize::tokenize(text);
        let layout = layout::layout(text, &tokens, &[], &Rules::builtin());
        assert_eq!(layout.sections.len(), 2);
        let mut places = Places::new(&tokens, &layout);
        for offset in 0..=text.len() {
            let searched = Place {
                sentence: tokens.sentence_at(offset),
                paragraph: tokens.paragraph_at(offset),
                section: layout.section_at(offset),
            };
            assert_eq!(places.at(offset), searched, "at {offset}");
        }
    }

    proptest::proptest! {
        #[test]
        fn places_are_where_sentence_paragraph_and_section_searches_find_them(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Word", " ", "é’", ". ", "!\n", "\n\n", "\n\nDay 2\n\n", "\n\nDay One\n",
                    "\n\nWrap-up\n\n", "\n\n\n",
                ]),
                0..40,
            ),
            mut offsets in proptest::collection::vec(0usize..400, 0..30),
            sorted in proptest::bool::ANY,
        ) {
            static RULES: std::sync::LazyLock<Rules> = std::sync::LazyLock::new(Rules::builtin);
            let text = parts.concat();
            let tokens = tokenize::tokenize(&text);
            let layout = layout::layout(&text, &tokens, &[], &RULES);
            if sorted {
                offsets.sort_unstable();
            }
            let mut places = Places::new(&tokens, &layout);
            for offset in offsets.into_iter().map(|o| o.min(text.len())) {
                let searched = Place {
                    sentence: tokens.sentence_at(offset),
                    paragraph: tokens.paragraph_at(offset),
                    section: layout.section_at(offset),
                };
                proptest::prop_assert_eq!(places.at(offset), searched, "at {}", offset);
            }
        }

        #[test]
        fn a_surface_is_its_text_shared_with_an_equal_name(
            text in "[a-zé’ ]{0,6}",
            name in "[a-zé’ ]{0,6}",
        ) {
            let name: Arc<str> = name.as_str().into();
            let surface = shared_if_same(&text, &name);
            proptest::prop_assert_eq!(&*surface, text.as_str());
            proptest::prop_assert_eq!(Arc::ptr_eq(&surface, &name), text == *name);
        }
    }
}
