//! The command line: the only place that knows about clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Mine conference recap posts for talks, persons, projects and days.
///
/// Exit status: 0 when every input was read, 1 when any input could not be read (the
/// others are still analyzed and reported), 2 for a usage error.
#[derive(Debug, Parser)]
#[command(name = "recap", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyze posts and write documents.csv, mentions.csv, entities.csv, talks.csv,
    /// cooccurrence.csv and report.json.
    Analyze {
        /// Where the reports go (created if missing).
        #[arg(long, short)]
        out: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// Print each post's talks, grouped by day.
    Talks {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TalkFormat::Table)]
        format: TalkFormat,
        #[command(flatten)]
        common: Common,
    },
    /// Score extraction against gold files (GOLD/NAME.json for a post NAME.ext).
    Eval {
        /// Folder of gold JSON files.
        #[arg(long)]
        gold: PathBuf,
        /// Also list every miss and extra.
        #[arg(long)]
        verbose: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Show every mention in the posts with the rule that found it.
    Explain {
        /// Only mentions of entities whose name contains this text (any case).
        #[arg(long)]
        entity: Option<String>,
        #[command(flatten)]
        common: Common,
    },
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Common {
    /// Posts: files, folders (walked recursively) or `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Worker threads (default: all cores). Output is the same for any number.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// A TOML rule pack that adds to or overrides the built-in rules.
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Print no warnings about unreadable inputs.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Formats of `recap talks`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TalkFormat {
    /// A table for people.
    Table,
    /// CSV, the columns of talks.csv.
    Csv,
    /// JSON, one object per post.
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn threads_must_be_positive() {
        assert!(Cli::try_parse_from(["recap", "talks", "x", "--threads", "0"]).is_err());
        assert!(Cli::try_parse_from(["recap", "talks", "x", "--threads", "2"]).is_ok());
    }
}
