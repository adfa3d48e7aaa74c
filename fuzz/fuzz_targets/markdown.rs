//! The Markdown reader on arbitrary bytes.

#![no_main]

use libfuzzer_sys::fuzz_target;
use recap::input::Format;

fuzz_target!(|bytes: &[u8]| {
    recap_miner_fuzz::read(bytes, Format::Markdown);
});
