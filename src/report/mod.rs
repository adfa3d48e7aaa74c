//! Reports: rows built once from the analyses, then written in each format.
//!
//! The six files are replaced together (see [`atomic`]), so a failed run never leaves a
//! half-written report, or a mix of old and new ones, behind.

pub mod atomic;
pub mod csv;
pub mod json;
pub mod rows;
pub mod table;

use crate::aggregate::Aggregates;
use crate::input::Format;
use crate::pipeline::{Analysis, Outcome};
use rows::*;
use std::path::Path;

/// The `status` of an input that was not analyzed, in `documents.csv` and `report.json`.
const SKIPPED: &str = "skipped";

/// All report rows of one run.
pub struct Report {
    /// `documents.csv`.
    pub documents: Vec<DocumentRow>,
    /// `mentions.csv`.
    pub mentions: Vec<MentionRow>,
    /// `entities.csv`.
    pub entities: Vec<EntityRow>,
    /// `talks.csv`.
    pub talks: Vec<TalkRow>,
    /// `cooccurrence.csv`.
    pub pairs: Vec<PairRow>,
    /// `report.json`.
    pub json: JsonReport,
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Text => "txt",
        Format::Markdown => "markdown",
        Format::Html => "html",
    }
}

fn status(a: &Analysis) -> (String, String) {
    if a.warnings.is_empty() {
        ("ok".into(), String::new())
    } else {
        ("warning".into(), a.warnings.join("; "))
    }
}

impl Report {
    /// Builds every row from the outcomes of a run and their corpus aggregate.
    pub fn build(outcomes: &[Outcome], aggregates: &Aggregates) -> Report {
        let mut documents = Vec::new();
        let mut mentions = Vec::new();
        let mut talks = Vec::new();
        let mut json_docs = Vec::new();
        for o in outcomes {
            match o {
                Outcome::Failed(e) => {
                    documents.push(DocumentRow {
                        path: e.path.clone(),
                        format: String::new(),
                        status: SKIPPED.into(),
                        reason: e.message.clone(),
                        bytes: 0,
                        words: 0,
                        sentences: 0,
                        paragraphs: 0,
                        talks: 0,
                        persons: 0,
                        projects: 0,
                        days: 0,
                    });
                    json_docs.push(JsonDocument {
                        path: e.path.clone(),
                        status: SKIPPED.into(),
                        reason: e.message.clone(),
                        talks: Vec::new(),
                        entities: Vec::new(),
                    });
                }
                Outcome::Analyzed(a) => {
                    let (status, reason) = status(a);
                    let count = |k| a.entities.iter().filter(|e| e.kind == k).count();
                    use crate::extract::EntityKind::*;
                    documents.push(DocumentRow {
                        path: a.path.clone(),
                        format: format_name(a.format).into(),
                        status: status.clone(),
                        reason: reason.clone(),
                        bytes: a.bytes,
                        words: a.words,
                        sentences: a.sentences,
                        paragraphs: a.paragraphs,
                        talks: a.talks.len(),
                        persons: count(Person),
                        projects: count(Project),
                        days: count(Day),
                    });
                    mentions.extend(a.mentions.iter().map(|m| MentionRow {
                        path: a.path.clone(),
                        kind: m.kind.as_str(),
                        surface: m.surface.clone(),
                        entity: m.entity.clone(),
                        start: m.span.start,
                        end: m.span.end,
                        sentence: m.sentence,
                        paragraph: m.paragraph,
                        day: m.day.clone(),
                        rule: m.rule,
                    }));
                    talks.extend(a.talks.iter().map(|t| TalkRow {
                        path: a.path.clone(),
                        title: t.title.clone(),
                        kind: t.kind.as_str(),
                        speakers: t.speakers.join("; "),
                        day: t.day.clone(),
                        start: t.span.start,
                        mentions: t.mentions,
                        rule: t.rule,
                    }));
                    json_docs.push(JsonDocument {
                        path: a.path.clone(),
                        status,
                        reason,
                        talks: a
                            .talks
                            .iter()
                            .map(|t| JsonTalk {
                                title: t.title.clone(),
                                kind: t.kind.as_str(),
                                speakers: t.speakers.clone(),
                                day: t.day.clone(),
                            })
                            .collect(),
                        entities: a
                            .entities
                            .iter()
                            .map(|e| JsonEntity {
                                kind: e.kind.as_str(),
                                name: e.name.clone(),
                                aliases: e.aliases.clone(),
                                mentions: e.mentions,
                                talks_given: e.talks_given,
                            })
                            .collect(),
                    });
                }
            }
        }
        let entities: Vec<EntityRow> = aggregates
            .entities
            .iter()
            .map(|((kind, name), s)| EntityRow {
                kind: kind.as_str(),
                name: name.clone(),
                aliases: s.aliases.iter().cloned().collect::<Vec<_>>().join("; "),
                mentions: s.mentions,
                documents: s.documents,
                talks_given: s.talks_given,
            })
            .collect();
        let pair_rows = || {
            aggregates.cooccurrence().into_iter().map(|p| PairRow {
                window: p.window.as_str(),
                kind_a: p.a.0.as_str(),
                entity_a: p.a.1,
                kind_b: p.b.0.as_str(),
                entity_b: p.b.1,
                count: p.count,
                npmi: p.npmi,
            })
        };
        let json = JsonReport {
            schema_version: SCHEMA_VERSION,
            documents: json_docs,
            entities: aggregates
                .entities
                .iter()
                .map(|((kind, name), s)| JsonCorpusEntity {
                    kind: kind.as_str(),
                    name: name.clone(),
                    aliases: s.aliases.iter().cloned().collect(),
                    mentions: s.mentions,
                    documents: s.documents,
                    talks_given: s.talks_given,
                })
                .collect(),
            cooccurrence: pair_rows().collect(),
        };
        Report {
            documents,
            mentions,
            entities,
            talks,
            pairs: pair_rows().collect(),
            json,
        }
    }

    /// Writes the six reports into `dir`, creating it if needed.
    ///
    /// # Errors
    /// When the folder cannot be created or a file cannot be written; reports already in
    /// `dir` are then left as they were.
    pub fn write(&self, dir: &Path, formulas: csv::Formulas) -> anyhow::Result<()> {
        self.write_with(dir, formulas, &mut atomic::write_and_sync)
    }

    /// [`Report::write`], with `write` filling each temporary file: the seam through
    /// which a test makes one report's write fail.
    ///
    /// # Errors
    /// As [`Report::write`].
    pub fn write_with(
        &self,
        dir: &Path,
        formulas: csv::Formulas,
        write: &mut atomic::WriteFn<'_>,
    ) -> anyhow::Result<()> {
        use anyhow::Context as _;
        let files = [
            ("documents.csv", csv::to_csv(&self.documents, formulas)?),
            ("mentions.csv", csv::to_csv(&self.mentions, formulas)?),
            ("entities.csv", csv::to_csv(&self.entities, formulas)?),
            ("talks.csv", csv::to_csv(&self.talks, formulas)?),
            ("cooccurrence.csv", csv::to_csv(&self.pairs, formulas)?),
            ("report.json", json::to_json(&self.json)?),
        ];
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create output folder {}", dir.display()))?;
        atomic::replace_all(dir, &files, write)
    }
}
