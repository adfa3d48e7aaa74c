//! Integration tests: the real `recap` binary on fixture posts.

mod util;

mod analyze;
mod commands;
mod compare;
mod errors;
mod hostile;
mod partial;
mod properties;
mod schedule;
