//! The whole per-document pipeline on arbitrary bytes, read as each format.

#![no_main]

use libfuzzer_sys::fuzz_target;
use recap::input::Format;
use recap::pipeline::analyze;
use recap::rules::Rules;
use recap_miner_fuzz::{check_analysis, read};
use std::sync::LazyLock;

static RULES: LazyLock<Rules> = LazyLock::new(Rules::builtin);

fuzz_target!(|bytes: &[u8]| {
    for format in [Format::Text, Format::Markdown, Format::Html] {
        if let Some(doc) = read(bytes, format) {
            check_analysis(&doc, &analyze(&doc, &RULES));
        }
    }
});
