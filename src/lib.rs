//! recap mines conference recap posts: the talks people went to, who spoke, which
//! projects they talked about, and on which day.
//!
//! # Overview
//! Data flows one way, one module a stage:
//! [`input`] (files → [`input::Document`]) → [`tokenize`] and [`layout`] (sentences,
//! paragraphs, quotes, headings, day sections) → [`extract`] (rules → mentions) →
//! [`resolve`] (aliases → entities, one talk per session) → [`aggregate`] (corpus counts,
//! co-occurrence) → [`report`] (CSV, JSON, tables). [`pipeline`] joins the stages and is
//! the only place that runs threads; `analyze` streams documents through it, keeping only
//! each document's [`record`] until its rows are written. [`partial`] saves a run's records
//! so that runs over parts of a corpus merge into the reports of one. Rule data lives in `rules/` and is compiled once into
//! [`rules::Rules`].
//!
//! # Example
//! ```
//! use recap::input::{parse, Format};
//! use recap::pipeline::analyze;
//! use recap::rules::Rules;
//!
//! let rules = Rules::builtin();
//! let doc = parse("post.txt", "Day One\n\nThen on to “Introduction to CherryPy”.".as_bytes(), Format::Text).unwrap();
//! let analysis = analyze(&doc, &rules);
//! assert_eq!(analysis.talks[0].title, "Introduction to CherryPy");
//! assert_eq!(analysis.talks[0].day.as_deref(), Some("Day One"));
//! ```
#![deny(missing_docs)]

pub mod aggregate;
pub mod compare;
pub mod eval;
pub mod extract;
pub mod input;
pub mod layout;
pub mod partial;
pub mod pipeline;
pub mod record;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod schedule;
pub mod span;
mod swar;
pub mod tokenize;
pub mod unknowns;
