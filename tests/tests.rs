//! Integration tests: the real `recap` binary on fixture posts.

mod util;

mod analyze;
mod commands;
mod errors;
mod properties;
