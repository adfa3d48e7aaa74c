//! The rows of the comparison reports: one serde type per CSV row and JSON object.
//!
//! `matrix.csv` has one column per attendee, so its rows are built as plain records
//! ([`super::Comparison::matrix_records`]).

use crate::report::rows::{CsvRow, csv_row};
use crate::schedule::{JsonOfficial, JsonScheduleReport};
use serde::Serialize;

/// Version of the comparison layout.
pub const SCHEMA_VERSION: &str = "1";

csv_row! {
    /// `similarity.csv`: one row per pair of attendees.
    #[derive(Clone)]
    pub struct SimilarityRow {
        /// First attendee.
        pub attendee_a: String,
        /// Second attendee.
        pub attendee_b: String,
        /// Talks the first wrote about.
        pub talks_a: usize,
        /// Talks the second wrote about.
        pub talks_b: usize,
        /// Talks both wrote about.
        pub shared_talks: usize,
        /// `shared / (talks_a + talks_b − shared)`; 0 when neither wrote about a talk.
        pub jaccard: f64,
        /// Cosine of the two project mention count vectors; 0 when either is empty.
        pub cosine: f64,
    }
}

csv_row! {
    /// `consensus.csv`: one row per talk and per project.
    #[derive(Clone)]
    pub struct ConsensusRow {
        /// talk or project.
        pub kind: &'static str,
        /// The talk's id in `matrix.csv` (empty for a project).
        pub talk: String,
        /// Talk label or project name.
        pub name: String,
        /// How many attendees wrote about it.
        pub attendees: usize,
        /// Who, `; `-separated.
        pub who: String,
        /// Mentions over all attendees (for a talk: the talk references merged).
        pub mentions: usize,
        /// Only one attendee wrote about it.
        pub only_one: bool,
    }
}

csv_row! {
    /// `keyness.csv`: one row per distinctive entity of an attendee.
    #[derive(Clone)]
    pub struct KeynessRow {
        /// Attendee.
        pub attendee: String,
        /// person or project.
        pub kind: &'static str,
        /// Entity name.
        pub entity: String,
        /// Its mentions by the attendee (`a`).
        pub freq_attendee: u64,
        /// Its mentions by everyone else (`b`).
        pub freq_rest: u64,
        /// All person and project mentions by the attendee (`c`).
        pub total_attendee: u64,
        /// All person and project mentions by everyone else (`d`).
        pub total_rest: u64,
        /// Log-likelihood G².
        pub g2: f64,
        /// Effect size, log2 of the relative frequency ratio.
        pub log_ratio: f64,
    }
}

/// An attendee in `compare.json`.
#[derive(Clone, Debug, Serialize)]
pub struct JsonAttendee {
    /// Name: the post's file stem, or the folder with `--group-by dir`.
    pub name: String,
    /// The attendee's posts.
    pub posts: Vec<String>,
    /// Talks (clusters) the attendee wrote about.
    pub talks: usize,
    /// Person mentions.
    pub person_mentions: u64,
    /// Project mentions.
    pub project_mentions: u64,
}

/// One talk as a post names it, in `compare.json`.
#[derive(Clone, Debug, Serialize)]
pub struct JsonMember {
    /// Attendee.
    pub attendee: String,
    /// Post.
    pub path: String,
    /// Title as the post gives it.
    pub title: String,
    /// Kind.
    pub kind: &'static str,
    /// Speakers.
    pub speakers: Vec<String>,
    /// Day label.
    pub day: Option<String>,
}

/// A talk matched across attendees, in `compare.json`.
#[derive(Debug, Serialize)]
pub struct JsonTalk {
    /// Id, as in `matrix.csv`.
    pub id: String,
    /// Readable label: the official title, else the most common title.
    pub label: String,
    /// Kind.
    pub kind: &'static str,
    /// Speakers.
    pub speakers: Vec<String>,
    /// The schedule entry, with `--schedule`.
    pub official: Option<JsonOfficial>,
    /// Who wrote about it.
    pub attendees: Vec<String>,
    /// How each post names it.
    pub members: Vec<JsonMember>,
}

/// The keyness guards and rows.
#[derive(Clone, Debug, Serialize)]
pub struct JsonKeyness {
    /// Fewest mentions by the attendee.
    pub min_frequency: u64,
    /// Smallest G².
    pub min_g2: f64,
    /// Rows, as in `keyness.csv`.
    pub rows: Vec<KeynessRow>,
}

/// `compare.json`.
#[derive(Debug, Serialize)]
pub struct JsonCompare {
    /// Layout version.
    pub schema_version: &'static str,
    /// post or dir.
    pub group_by: &'static str,
    /// Attendees.
    pub attendees: Vec<JsonAttendee>,
    /// Talks matched across attendees, in `matrix.csv` order.
    pub talks: Vec<JsonTalk>,
    /// Pairwise similarity.
    pub similarity: Vec<SimilarityRow>,
    /// Consensus.
    pub consensus: Vec<ConsensusRow>,
    /// Keyness.
    pub keyness: JsonKeyness,
    /// Schedule links (`schedule.json`), with `--schedule`.
    pub schedule: Option<JsonScheduleReport>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header serde writes for a row.
    fn serde_header<T: Serialize>(row: &T) -> String {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        w.serialize(row).unwrap();
        let bytes = w.into_inner().unwrap();
        String::from_utf8(bytes)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string()
    }

    #[test]
    fn columns_are_the_serde_header() {
        let s = SimilarityRow {
            attendee_a: String::new(),
            attendee_b: String::new(),
            talks_a: 0,
            talks_b: 0,
            shared_talks: 0,
            jaccard: 0.0,
            cosine: 0.0,
        };
        assert_eq!(serde_header(&s), SimilarityRow::COLUMNS.join(","));
        let c = ConsensusRow {
            kind: "talk",
            talk: String::new(),
            name: String::new(),
            attendees: 0,
            who: String::new(),
            mentions: 0,
            only_one: false,
        };
        assert_eq!(serde_header(&c), ConsensusRow::COLUMNS.join(","));
        let k = KeynessRow {
            attendee: String::new(),
            kind: "person",
            entity: String::new(),
            freq_attendee: 0,
            freq_rest: 0,
            total_attendee: 0,
            total_rest: 0,
            g2: 0.0,
            log_ratio: 0.0,
        };
        assert_eq!(serde_header(&k), KeynessRow::COLUMNS.join(","));
    }
}
