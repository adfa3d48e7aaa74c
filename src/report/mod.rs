//! Reports: rows made from each document's record, then written in each format.
//!
//! [`ReportWriter`] writes a run's six reports a document at a time, so a run keeps no
//! more than one document's rows and the corpus counts. The six files (and any others of
//! the run, such as the schedule reports) are replaced together (see [`atomic`]), so a
//! failed run never leaves a half-written report, or a mix of old and new ones, behind.
//! [`Report`] holds every row at once, for commands that print a few posts.

pub mod atomic;
pub mod csv;
pub mod document_json;
pub mod json;
pub mod pairs;
pub mod repeats;
pub mod rows;
pub mod table;

use crate::aggregate::Aggregates;
use crate::record::DocumentRecord;
use anyhow::Context as _;
use json::{ArrayWriter, PrettyJson as _};
use rows::*;
use std::path::{Path, PathBuf};

/// The six reports of `recap analyze`, in the order they are written.
pub const REPORT_FILES: [&str; 6] = [
    "documents.csv",
    "mentions.csv",
    "entities.csv",
    "talks.csv",
    "cooccurrence.csv",
    "report.json",
];

const DOCUMENTS: usize = 0;
const MENTIONS: usize = 1;
const ENTITIES: usize = 2;
const TALKS: usize = 3;
const PAIRS: usize = 4;
const JSON: usize = 5;

/// Bytes a report gathers before they go to its temporary file.
const FLUSH_AT: usize = 256 << 10;

/// Corpus rows written to a report in one go.
const CHUNK: usize = 1024;

/// All report rows of a run, in memory.
pub struct Report<'a> {
    /// `documents.csv`.
    pub documents: Vec<DocumentRow<'a>>,
    /// `mentions.csv`.
    pub mentions: Vec<MentionRow<'a>>,
    /// `entities.csv`.
    pub entities: Vec<EntityRow<'a>>,
    /// `talks.csv`.
    pub talks: Vec<TalkRow<'a>>,
    /// `cooccurrence.csv`.
    pub pairs: Vec<PairRow<'a>>,
    /// `report.json`.
    pub json: JsonReport<'a>,
}

impl<'a> Report<'a> {
    /// Builds every row from the records of a run and their corpus aggregate.
    pub fn build(records: &'a [DocumentRecord], aggregates: &'a Aggregates) -> Report<'a> {
        let mut documents = Vec::new();
        let mut mentions = Vec::new();
        let mut talks = Vec::new();
        let mut json_docs = Vec::new();
        for r in records {
            let rows = DocumentRows::of(r);
            documents.push(rows.document);
            mentions.extend(rows.mentions);
            talks.extend(rows.talks);
            json_docs.push(rows.json);
        }
        let entities = aggregates.entities();
        let pairs = aggregates.cooccurrence();
        Report {
            documents,
            mentions,
            entities: entities.iter().map(|(k, s)| entity_row(k, s)).collect(),
            talks,
            pairs: pairs.iter().map(|p| pair_row(&p)).collect(),
            json: JsonReport {
                schema_version: SCHEMA_VERSION,
                documents: json_docs,
                entities: entities.iter().map(|(k, s)| json_entity(k, s)).collect(),
                cooccurrence: pairs.iter().map(|p| pair_row(&p)).collect(),
            },
        }
    }

    /// The six reports, serialized, in [`REPORT_FILES`] order.
    ///
    /// # Errors
    /// When a row cannot be serialized.
    pub fn files(&self, formulas: csv::Formulas) -> anyhow::Result<Vec<Vec<u8>>> {
        Ok(vec![
            csv::to_csv(&self.documents, formulas)?,
            csv::to_csv(&self.mentions, formulas)?,
            csv::to_csv(&self.entities, formulas)?,
            csv::to_csv(&self.talks, formulas)?,
            csv::to_csv(&self.pairs, formulas)?,
            json::to_json(&self.json)?,
        ])
    }
}

/// Writes the six reports of a run into a folder as documents come, byte for byte as
/// [`Report`] would: per-document rows at once, corpus rows from the aggregate at the
/// end. Its files are temporary files of a [`atomic::Staged`] set, which the caller
/// commits.
pub struct ReportWriter {
    dir: PathBuf,
    formulas: csv::Formulas,
    /// Index in the staged set of each report, in [`REPORT_FILES`] order.
    files: [usize; 6],
    buffers: [Vec<u8>; 6],
    documents: Option<ArrayWriter>,
    /// Writes each document's object in `documents`.
    document_json: document_json::DocumentJson,
    /// Scratch: the path cell of the document being written.
    path_cell: Vec<u8>,
}

impl ReportWriter {
    /// Starts the reports in `dir`, creating it if needed, as files of `staged`.
    ///
    /// # Errors
    /// When the folder or a temporary file cannot be created.
    pub fn create(
        dir: &Path,
        formulas: csv::Formulas,
        staged: &mut atomic::Staged<'_>,
    ) -> anyhow::Result<ReportWriter> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create output folder {}", dir.display()))?;
        let mut files = [0; 6];
        for (index, name) in files.iter_mut().zip(REPORT_FILES) {
            *index = staged.add(&dir.join(name))?;
        }
        let mut buffers = [
            csv::header::<DocumentRow>()?,
            csv::header::<MentionRow>()?,
            csv::header::<EntityRow>()?,
            csv::header::<TalkRow>()?,
            csv::header::<PairRow>()?,
            Vec::new(),
        ];
        let json = &mut buffers[JSON];
        json.extend_from_slice(b"{\n  \"schema_version\": ");
        SCHEMA_VERSION.write_pretty(json, 2);
        json.extend_from_slice(b",\n  \"documents\": ");
        let documents = Some(ArrayWriter::open(json, document_json::INDENT));
        Ok(ReportWriter {
            dir: dir.to_path_buf(),
            formulas,
            files,
            buffers,
            documents,
            document_json: document_json::DocumentJson::new(),
            path_cell: Vec::new(),
        })
    }

    /// The folder of the reports.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one document's rows; documents come in report order.
    ///
    /// # Errors
    /// When a row cannot be serialized or written.
    pub fn document(
        &mut self,
        record: &DocumentRecord,
        staged: &mut atomic::Staged<'_>,
    ) -> anyhow::Result<()> {
        let f = self.formulas;
        let path = PathCell::prepared(&record.path, f, &mut self.path_cell);
        csv::append(&mut self.buffers[DOCUMENTS], [document_row(record)], f)?;
        repeats::mention_rows(&mut self.buffers[MENTIONS], path, &record.mentions, f);
        repeats::talk_rows(&mut self.buffers[TALKS], path, &record.talks, f);
        if let Some(documents) = &mut self.documents {
            let json = &mut self.buffers[JSON];
            self.document_json.push(json, documents, record);
        }
        self.flush(staged, false)
    }

    /// Writes the corpus rows of `aggregates` and the end of every report.
    ///
    /// # Errors
    /// When a row cannot be serialized or written.
    pub fn finish(
        mut self,
        aggregates: &Aggregates,
        staged: &mut atomic::Staged<'_>,
    ) -> anyhow::Result<()> {
        let f = self.formulas;
        if let Some(documents) = self.documents.take() {
            documents.close(&mut self.buffers[JSON]);
        }
        self.buffers[JSON].extend_from_slice(b",\n  \"entities\": ");
        let mut array = ArrayWriter::open(&mut self.buffers[JSON], 4);
        for chunk in aggregates.entities().chunks(CHUNK) {
            let rows = chunk.iter().map(|(k, s)| entity_row(k, s));
            csv::append(&mut self.buffers[ENTITIES], rows, f)?;
            for (k, s) in chunk {
                array.push(&mut self.buffers[JSON], &json_entity(k, s));
            }
            self.flush(staged, false)?;
        }
        array.close(&mut self.buffers[JSON]);
        self.buffers[JSON].extend_from_slice(b",\n  \"cooccurrence\": ");
        let mut array = ArrayWriter::open(&mut self.buffers[JSON], 4);
        let pairs = aggregates.cooccurrence();
        let mut writer = pairs::PairWriter::new(pairs.keys(), f, 4);
        for (i, pair) in pairs.iter().enumerate() {
            let (csv, json) = self.buffers.split_at_mut(JSON);
            writer.write(&mut csv[PAIRS], &mut json[0], &mut array, &pair);
            if i % CHUNK == CHUNK - 1 {
                self.flush(staged, false)?;
            }
        }
        self.flush(staged, false)?;
        array.close(&mut self.buffers[JSON]);
        self.buffers[JSON].extend_from_slice(b"\n}\n");
        self.flush(staged, true)
    }

    /// Hands the gathered bytes of each report to its temporary file: all of them, or
    /// those past [`FLUSH_AT`].
    fn flush(&mut self, staged: &mut atomic::Staged<'_>, all: bool) -> anyhow::Result<()> {
        for (&index, buffer) in self.files.iter().zip(&mut self.buffers) {
            if !buffer.is_empty() && (all || buffer.len() >= FLUSH_AT) {
                staged.write(index, buffer)?;
                buffer.clear();
            }
        }
        Ok(())
    }
}

/// Where a run's partial goes.
enum PartialOut {
    /// Standard output, as it comes.
    Stdout(std::io::Stdout),
    /// A file of the staged set.
    Staged(usize),
}

/// Everything a run writes: the reports in a folder and a partial, either or both, from
/// documents handed over in report order. Files are replaced together at
/// [`RunWriter::finish`] (a partial on standard output is written as it comes).
pub struct RunWriter<'w> {
    staged: atomic::Staged<'w>,
    reports: Option<ReportWriter>,
    partial: Option<(crate::partial::PartialWriter, PartialOut)>,
    aggregates: Aggregates,
    documents: usize,
    lost: bool,
}

impl RunWriter<'static> {
    /// Starts a run's outputs: reports in `out`, a partial in `partial` (`-` for
    /// standard output).
    ///
    /// # Errors
    /// When a folder or temporary file cannot be created.
    pub fn create(
        out: Option<&Path>,
        partial: Option<&Path>,
        formulas: csv::Formulas,
    ) -> anyhow::Result<RunWriter<'static>> {
        RunWriter::create_with(out, partial, formulas, Box::new(atomic::write_only))
    }
}

impl<'w> RunWriter<'w> {
    /// [`RunWriter::create`], with `write` filling the temporary files: the seam through
    /// which a test makes a write fail.
    ///
    /// # Errors
    /// As [`RunWriter::create`].
    pub fn create_with(
        out: Option<&Path>,
        partial: Option<&Path>,
        formulas: csv::Formulas,
        write: Box<atomic::WriteFn<'w>>,
    ) -> anyhow::Result<RunWriter<'w>> {
        let mut staged = atomic::Staged::new(write);
        let reports = out
            .map(|dir| ReportWriter::create(dir, formulas, &mut staged))
            .transpose()?;
        let partial = match partial {
            None => None,
            Some(p) if p.as_os_str() == "-" => Some(PartialOut::Stdout(std::io::stdout())),
            Some(p) => Some(PartialOut::Staged(staged.add(p)?)),
        }
        .map(|to| (crate::partial::PartialWriter::new(), to));
        let mut run = RunWriter {
            staged,
            reports,
            partial,
            aggregates: Aggregates::default(),
            documents: 0,
            lost: false,
        };
        run.flush_partial()?;
        Ok(run)
    }

    /// Writes one document; documents come in report order.
    ///
    /// # Errors
    /// When a row cannot be serialized or written.
    pub fn document(&mut self, record: &DocumentRecord) -> anyhow::Result<()> {
        if let Some(reports) = &mut self.reports {
            reports.document(record, &mut self.staged)?;
            self.aggregates.add_document(record);
        }
        if let Some((partial, _)) = &mut self.partial {
            partial.document(record)?;
            if partial.pending() >= FLUSH_AT {
                self.flush_partial()?;
            }
        }
        self.documents += 1;
        self.lost |= record.lost;
        Ok(())
    }

    /// Documents written so far.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// Whether a document written was lost (skipped for a reason other than being empty).
    pub fn lost(&self) -> bool {
        self.lost
    }

    fn flush_partial(&mut self) -> anyhow::Result<()> {
        use std::io::Write as _;
        let Some((partial, to)) = &mut self.partial else {
            return Ok(());
        };
        let bytes = partial.take();
        match to {
            PartialOut::Stdout(stdout) => {
                let mut lock = stdout.lock();
                lock.write_all(&bytes)?;
                lock.flush()?;
            }
            PartialOut::Staged(index) => self.staged.write(*index, &bytes)?,
        }
        Ok(())
    }

    /// Ends every output, adds `extra` files (name and bytes) beside the reports, and
    /// replaces them all together.
    ///
    /// # Errors
    /// When a row cannot be serialized, or a file written or replaced; files already in
    /// place are then left as they were.
    pub fn finish(mut self, extra: &[(&str, Vec<u8>)]) -> anyhow::Result<()> {
        if let Some((partial, _)) = &mut self.partial {
            partial.end();
        }
        self.flush_partial()?;
        if let Some(reports) = self.reports.take() {
            let dir = reports.dir().to_path_buf();
            reports.finish(&self.aggregates, &mut self.staged)?;
            for (name, bytes) in extra {
                let index = self.staged.add(&dir.join(name))?;
                self.staged.write(index, bytes)?;
            }
        }
        self.staged.commit()
    }
}
