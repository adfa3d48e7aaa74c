//! The talks of each post as a table a person reads in a terminal.

use crate::pipeline::{Analysis, Outcome};
use crate::resolve::Talk;
use std::fmt::Write;

/// Each post's talks, grouped by day in the order the days first appear.
pub fn talks_table(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for o in outcomes {
        match o {
            Outcome::Failed(e) => {
                let _ = writeln!(out, "{}\n  (not analyzed: {})\n", e.path, e.message);
            }
            Outcome::Analyzed(a) => write_post(&mut out, a),
        }
    }
    out
}

/// The talks' days in the order they first appear (`None` for talks without one), so
/// every talk table groups the same way.
pub fn days_in_order(talks: &[Talk]) -> Vec<Option<&str>> {
    let mut days: Vec<Option<&str>> = Vec::new();
    for t in talks {
        if !days.contains(&t.day.as_deref()) {
            days.push(t.day.as_deref());
        }
    }
    days
}

/// Width of the kind column.
pub fn kind_width(talks: &[Talk]) -> usize {
    talks
        .iter()
        .map(|t| t.kind.as_str().len())
        .max()
        .unwrap_or(4)
}

fn write_post(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "{}  ({} talks)", a.path, a.talks.len());
    let kind_width = kind_width(&a.talks);
    for day in days_in_order(&a.talks) {
        let _ = writeln!(out, "  {}", day.unwrap_or("(no day)"));
        for t in a.talks.iter().filter(|t| t.day.as_deref() == day) {
            let speakers = if t.speakers.is_empty() {
                String::new()
            } else {
                format!("  — {}", t.speakers.join(", "))
            };
            let _ = writeln!(
                out,
                "    {:kind_width$}  {}{}",
                t.kind.as_str(),
                t.title,
                speakers
            );
        }
    }
    out.push('\n');
}
