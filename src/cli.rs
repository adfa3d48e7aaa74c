//! The command line: the only place that knows about clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use recap::input::ByteSize;
use recap::report::csv::Formulas;
use std::path::PathBuf;

/// Mine conference recap posts for talks, persons, projects and days.
///
/// Exit status: 0 when every input was read (empty files are reported but are no error),
/// 1 when any input could not be read, was binary or too large (the others are still
/// analyzed and reported), 2 for a usage error.
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
        #[arg(long, short, required_unless_present = "partial")]
        out: Option<PathBuf>,
        /// Also (or instead) write the run as a partial to this file (`-` for standard
        /// output), for `recap merge`.
        #[arg(long, value_name = "FILE")]
        partial: Option<PathBuf>,
        /// Link each talk to this official schedule (CSV with title, speakers, date, kind;
        /// or JSON), write links.csv and schedule.json too, and print the links.
        #[arg(long, value_name = "FILE", requires = "out")]
        schedule: Option<PathBuf>,
        #[command(flatten)]
        csv: CsvOptions,
        #[command(flatten)]
        common: Common,
    },
    /// Print each post's talks, grouped by day.
    Talks {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TalkFormat::Table)]
        format: TalkFormat,
        /// Show each talk's entry in this official schedule (CSV or JSON) beside it.
        #[arg(long, value_name = "FILE")]
        schedule: Option<PathBuf>,
        #[command(flatten)]
        csv: CsvOptions,
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
    /// List names, inline code and link targets near talk and person cues that no rule
    /// claimed, most widespread first: candidates for a rule pack.
    Unknowns {
        /// Show at most this many rows.
        #[arg(long, default_value_t = 50)]
        limit: usize,
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
    /// Merge partials (from `analyze --partial` or `map`) into the reports of one run over
    /// all their posts.
    Merge {
        /// Partial files (several streams one after the other are fine), `-` for standard
        /// input.
        #[arg(required = true, value_name = "PARTIAL")]
        partials: Vec<PathBuf>,
        /// Where the reports go (created if missing).
        #[arg(long, short, required_unless_present = "partial")]
        out: Option<PathBuf>,
        /// Also (or instead) write the merged partial to this file (`-` for standard
        /// output).
        #[arg(long, value_name = "FILE")]
        partial: Option<PathBuf>,
        /// Print no warnings.
        #[arg(long, short)]
        quiet: bool,
        #[command(flatten)]
        csv: CsvOptions,
    },
    /// Read posts as JSON Lines on standard input ({"path": …, "text": …, "format": …},
    /// format optional) and write their partial to standard output: a mapper for
    /// Hadoop Streaming or Spark, with `merge` to combine the parts.
    Map {
        #[command(flatten)]
        run: RunArgs,
    },
    /// Compare attendees' recaps of one conference: print the attendee × talk matrix and
    /// write matrix.csv, similarity.csv, consensus.csv, keyness.csv and compare.json.
    Compare {
        /// Where the reports go (created if missing).
        #[arg(long, short)]
        out: PathBuf,
        /// One attendee per post, or per folder of posts.
        #[arg(long, value_enum, default_value_t = GroupByArg::Post)]
        group_by: GroupByArg,
        /// Link talks to this official schedule (CSV or JSON) and match them by it; also
        /// writes links.csv and schedule.json.
        #[arg(long, value_name = "FILE")]
        schedule: Option<PathBuf>,
        #[command(flatten)]
        csv: CsvOptions,
        #[command(flatten)]
        common: Common,
    },
}

/// How `recap compare` groups posts into attendees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GroupByArg {
    /// One attendee per post.
    Post,
    /// One attendee per folder: an attendee's several posts.
    Dir,
}

/// Options every command that reads posts takes.
#[derive(Debug, Args)]
pub struct Common {
    /// Posts: files, folders (walked recursively) or `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub run: RunArgs,
}

/// How posts are analyzed.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Threads that analyze posts (default: all cores). Output is the same for any number.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// A TOML rule pack that adds to or overrides the built-in rules.
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Print no warnings about unreadable inputs, and no progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip inputs larger than this, such as 50MB, 64MiB or 1048576 (bytes).
    #[arg(long, value_name = "SIZE", default_value_t = ByteSize::DEFAULT_MAX_FILE)]
    pub max_file_size: ByteSize,
}

/// Options of commands that write CSV.
#[derive(Debug, Args)]
pub struct CsvOptions {
    /// Write CSV cells exactly as found. By default a text cell starting with =, +, -, @,
    /// tab or carriage return gets a leading ' so that a spreadsheet shows it instead of
    /// running it as a formula.
    #[arg(long)]
    pub raw_csv: bool,
}

impl CsvOptions {
    /// What the CSV writer does with formula-like cells.
    pub fn formulas(&self) -> Formulas {
        if self.raw_csv {
            Formulas::Raw
        } else {
            Formulas::Neutralize
        }
    }
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
    fn analyze_needs_out_or_partial_and_schedule_needs_out() {
        let parse = |args: &[&str]| Cli::try_parse_from(args).map(|_| ());
        assert!(parse(&["recap", "analyze", "x"]).is_err());
        assert!(parse(&["recap", "analyze", "x", "--out", "o"]).is_ok());
        assert!(parse(&["recap", "analyze", "x", "--partial", "p"]).is_ok());
        assert!(parse(&["recap", "analyze", "x", "--partial", "p", "--schedule", "s"]).is_err());
        assert!(parse(&["recap", "merge", "p"]).is_err());
        assert!(parse(&["recap", "merge", "p", "q", "--out", "o"]).is_ok());
        assert!(parse(&["recap", "map", "-j", "2"]).is_ok());
    }

    #[test]
    fn threads_must_be_positive() {
        assert!(Cli::try_parse_from(["recap", "talks", "x", "--threads", "0"]).is_err());
        assert!(Cli::try_parse_from(["recap", "talks", "x", "--threads", "2"]).is_ok());
    }

    #[test]
    fn max_file_size_takes_units() {
        let size = |args: &[&str]| match Cli::try_parse_from(args).map(|cli| cli.command) {
            Ok(Command::Explain { common, .. }) => Ok(common.run.max_file_size),
            Ok(other) => panic!("{other:?}"),
            Err(e) => Err(e),
        };
        assert_eq!(
            size(&["recap", "explain", "x"]).unwrap(),
            ByteSize(20 << 20)
        );
        let given = ["recap", "explain", "x", "--max-file-size", "50MB"];
        assert_eq!(size(&given).unwrap(), ByteSize(50_000_000));
        assert!(size(&["recap", "explain", "x", "--max-file-size", "lots"]).is_err());
    }
}
