//! The progress bar of a long run: on standard error, only when a person is watching it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How long a run goes before its bar appears: short runs never show one.
const DELAY: Duration = Duration::from_secs(1);

/// Files and bytes done, drawn as a bar once the run has taken [`DELAY`]; messages go
/// through [`Progress::message`] so they never tear the bar. Only ever reads the run, so
/// the reports are the same with or without it.
pub struct Progress {
    enabled: bool,
    started: Instant,
    bar: Option<ProgressBar>,
    files: u64,
    total_files: u64,
    /// Size of each input, in run order; empty when no bar is ever shown.
    sizes: Vec<u64>,
    bytes: u64,
    total_bytes: u64,
}

impl Progress {
    /// A bar for `total_files` inputs, shown unless `quiet`, standard error is not a
    /// terminal, or the `CI` variable is set. `sizes` gives each input's size in run
    /// order; it is only called when the bar may show, since it costs a look at every
    /// file of a folder that may hold tens of thousands.
    pub fn new(quiet: bool, total_files: usize, sizes: impl FnOnce() -> Vec<u64>) -> Progress {
        let enabled = !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let sizes = if enabled { sizes() } else { Vec::new() };
        Progress {
            enabled,
            started: Instant::now(),
            bar: None,
            files: 0,
            total_files: total_files as u64,
            bytes: 0,
            total_bytes: sizes.iter().sum(),
            sizes,
        }
    }

    /// One more input done, the next in run order.
    pub fn step(&mut self) {
        self.bytes += self.sizes.get(self.files as usize).copied().unwrap_or(0);
        self.files += 1;
        if self.bar.is_none() && self.enabled && self.started.elapsed() >= DELAY {
            // Started where the run is, so elapsed time counts from the start of the
            // run, not from the moment the bar appears.
            let bar = ProgressBar::with_draw_target(
                Some(self.total_bytes),
                ProgressDrawTarget::stderr_with_hz(4),
            )
            .with_elapsed(self.started.elapsed())
            .with_position(self.bytes.min(self.total_bytes));
            let style = ProgressStyle::with_template("{elapsed} [{wide_bar}] {msg}")
                .expect("the template is valid")
                .progress_chars("=> ");
            bar.set_style(style);
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_message(self.status());
            bar.set_position(self.bytes.min(self.total_bytes));
        }
    }

    /// Files and megabytes done, and the rate and time left over the whole run so far
    /// (steadier than a rate over the last few files, which vary in size).
    fn status(&self) -> String {
        let mb = |bytes: u64| bytes as f64 / 1e6;
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = mb(self.bytes) / seconds;
        let left = if rate > 0.0 {
            let eta = (mb(self.total_bytes.saturating_sub(self.bytes)) / rate).round() as u64;
            format!("{}:{:02}", eta / 60, eta % 60)
        } else {
            "?".into()
        };
        format!(
            "{}/{} files, {:.1}/{:.1} MB, {rate:.2} MB/s, ETA {left}",
            self.files,
            self.total_files,
            mb(self.bytes),
            mb(self.total_bytes)
        )
    }

    /// Prints a line on standard error above the bar.
    pub fn message(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Removes the bar.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
