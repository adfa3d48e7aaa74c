//! The `recap` binary: parse the command line, run the pipeline, report.

mod cli;

use anyhow::{Context as _, Result};
use clap::Parser;
use cli::{Cli, Command, Common, TalkFormat};
use recap::eval::{self, Gold, Score};
use recap::input;
use recap::pipeline::{self, Outcome};
use recap::report::{Report, csv, json, rows::TalkRow, table};
use recap::rules::{RulePack, Rules};
use recap::unknowns;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("recap: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Analyze {
            out,
            schedule,
            csv,
            common,
        } => {
            let schedule = load_schedule(schedule.as_deref())?;
            let outcomes = analyze_inputs(&common)?;
            let aggregates = pipeline::corpus_aggregates(&outcomes);
            Report::build(&outcomes, &aggregates).write(&out, csv.formulas())?;
            if let Some(s) = &schedule {
                let links = recap::schedule::link_all(&outcomes, s);
                recap::schedule::write_reports(&out, &links, s, csv.formulas())?;
                let note = recap::schedule::closing_note(&links, s);
                std::io::stdout().write_all(note.as_bytes())?;
            }
            if !common.quiet {
                let read = outcomes
                    .iter()
                    .filter(|o| matches!(o, Outcome::Analyzed(_)))
                    .count();
                eprintln!(
                    "recap: analyzed {read} of {} inputs; reports in {}",
                    outcomes.len(),
                    out.display()
                );
            }
            Ok(exit_code(&outcomes))
        }
        Command::Talks {
            format,
            schedule,
            csv: csv_options,
            common,
        } => {
            let schedule = load_schedule(schedule.as_deref())?;
            let outcomes = analyze_inputs(&common)?;
            if let Some(s) = &schedule {
                let bytes = linked_talks(&outcomes, s, format, csv_options.formulas())?;
                std::io::stdout().write_all(&bytes)?;
                return Ok(exit_code(&outcomes));
            }
            let bytes = match format {
                TalkFormat::Table => table::talks_table(&outcomes).into_bytes(),
                TalkFormat::Csv => csv::to_csv(&talk_rows(&outcomes), csv_options.formulas())?,
                TalkFormat::Json => {
                    let report = Report::build(&outcomes, &Default::default());
                    json::to_json(&report.json.documents)?
                }
            };
            std::io::stdout().write_all(&bytes)?;
            Ok(exit_code(&outcomes))
        }
        Command::Eval {
            gold,
            verbose,
            common,
        } => {
            let outcomes = analyze_inputs(&common)?;
            let mut total = Score::default();
            let mut scored = 0;
            for o in &outcomes {
                let Outcome::Analyzed(a) = o else { continue };
                let Some(g) = load_gold(&gold, &a.path)? else {
                    eprintln!(
                        "recap: {}: no gold file in {}, not scored",
                        a.path,
                        gold.display()
                    );
                    continue;
                };
                total.add(&eval::score(a, &g));
                scored += 1;
            }
            let mut out = eval::render(&total, scored);
            if verbose {
                out.push('\n');
                for m in &total.misses {
                    out.push_str(m);
                    out.push('\n');
                }
            }
            std::io::stdout().write_all(out.as_bytes())?;
            Ok(exit_code(&outcomes))
        }
        Command::Unknowns { limit, common } => {
            let rules = load_rules(&common)?;
            let (sources, errors) = input::discover(&common.paths);
            let mut per_document = Vec::new();
            let mut lost = errors.iter().any(|e| e.is_error());
            for source in &sources {
                match input::load(source, common.max_file_size) {
                    Ok(doc) => per_document.push(unknowns::find(&doc, &rules)),
                    Err(e) => {
                        lost |= e.is_error();
                        if !common.quiet {
                            eprintln!("recap: {e}");
                        }
                    }
                }
            }
            for e in &errors {
                if !common.quiet {
                    eprintln!("recap: {e}");
                }
            }
            let mut out = format!(
                "{:<7} {:>5} {:>5}  {:<32} example\n",
                "kind", "docs", "uses", "text"
            );
            for r in unknowns::rank(&per_document).iter().take(limit) {
                out.push_str(&format!(
                    "{:<7} {:>5} {:>5}  {:<32} {}\n",
                    r.kind.as_str(),
                    r.documents,
                    r.count,
                    r.text,
                    r.example
                ));
            }
            std::io::stdout().write_all(out.as_bytes())?;
            Ok(if !lost {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Explain { entity, common } => {
            let outcomes = analyze_inputs(&common)?;
            let filter = entity.map(|e| e.to_lowercase());
            let mut out = String::new();
            for o in &outcomes {
                let Outcome::Analyzed(a) = o else { continue };
                out.push_str(&format!("{}\n", a.path));
                for m in &a.mentions {
                    if filter
                        .as_ref()
                        .is_some_and(|f| !m.entity.to_lowercase().contains(f))
                    {
                        continue;
                    }
                    out.push_str(&format!(
                        "  {:>6}-{:<6} {:<8} {:<28} -> {:<28} {}\n",
                        m.span.start,
                        m.span.end,
                        m.kind.as_str(),
                        m.surface,
                        m.entity,
                        m.rule
                    ));
                }
                for t in &a.talks {
                    if filter
                        .as_ref()
                        .is_some_and(|f| !t.title.to_lowercase().contains(f))
                    {
                        continue;
                    }
                    out.push_str(&format!(
                        "  {:>6}        talk     {:<28} -> {} [{}] {}\n",
                        t.span.start,
                        t.title,
                        t.speakers.join(", "),
                        t.day.as_deref().unwrap_or("-"),
                        t.rule
                    ));
                }
            }
            std::io::stdout().write_all(out.as_bytes())?;
            Ok(exit_code(&outcomes))
        }
        Command::Compare {
            out,
            group_by,
            schedule,
            csv,
            common,
        } => {
            let schedule = load_schedule(schedule.as_deref())?;
            let outcomes = analyze_inputs(&common)?;
            compare(&outcomes, group_by, schedule.as_ref(), &out, csv.formulas())?;
            if !common.quiet {
                eprintln!("recap: comparison reports in {}", out.display());
            }
            Ok(exit_code(&outcomes))
        }
    }
}

/// Reads the `--schedule` file, if one is given.
fn load_schedule(path: Option<&Path>) -> Result<Option<recap::schedule::Schedule>> {
    path.map(recap::schedule::Schedule::load).transpose()
}

/// `recap talks --schedule`: the talks with their schedule entries.
fn linked_talks(
    outcomes: &[Outcome],
    schedule: &recap::schedule::Schedule,
    format: TalkFormat,
    formulas: csv::Formulas,
) -> Result<Vec<u8>> {
    use recap::schedule as sched;
    let links = sched::link_all(outcomes, schedule);
    Ok(match format {
        TalkFormat::Table => {
            let mut out = sched::linked_talks_table(outcomes, &links, schedule);
            out.push_str(&sched::closing_note(&links, schedule));
            out.into_bytes()
        }
        TalkFormat::Csv => csv::to_csv(&sched::link_rows(&links, schedule), formulas)?,
        TalkFormat::Json => {
            let report = Report::build(outcomes, &Default::default());
            let mut documents = serde_json::to_value(&report.json.documents)?;
            sched::annotate_documents(&mut documents, &links, schedule);
            json::to_json(&documents)?
        }
    })
}

/// `recap compare`: prints the matrix and writes the comparison reports.
fn compare(
    outcomes: &[Outcome],
    group_by: cli::GroupByArg,
    schedule: Option<&recap::schedule::Schedule>,
    out: &Path,
    formulas: csv::Formulas,
) -> Result<()> {
    use recap::compare::{Comparison, GroupBy};
    let posts: Vec<&pipeline::Analysis> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Analyzed(a) => Some(a.as_ref()),
            Outcome::Failed(_) => None,
        })
        .collect();
    let group_by = match group_by {
        cli::GroupByArg::Post => GroupBy::Post,
        cli::GroupByArg::Dir => GroupBy::Dir,
    };
    let comparison = Comparison::build(&posts, group_by, schedule);
    comparison.write(out, formulas)?;
    let mut text = comparison.render();
    if let Some((s, links)) = &comparison.schedule {
        text.push('\n');
        text.push_str(&recap::schedule::closing_note(links, s));
    }
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(())
}

/// The built-in rules, extended by `--rules` when given.
fn load_rules(common: &Common) -> Result<Rules> {
    Ok(match &common.rules {
        None => Rules::builtin(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read rule pack {}", path.display()))?;
            let pack = RulePack::from_toml(&text).with_context(|| {
                format!("rule pack {} (see README, \"Rule packs\")", path.display())
            })?;
            Rules::with_pack(pack).with_context(|| format!("rule pack {}", path.display()))?
        }
    })
}

/// Loads the rules, reads and analyzes every input, and reports unreadable inputs.
fn analyze_inputs(common: &Common) -> Result<Vec<Outcome>> {
    let rules = load_rules(common)?;
    let (sources, errors) = input::discover(&common.paths);
    let threads = common.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let options = pipeline::RunOptions {
        threads,
        max_file_size: common.max_file_size,
    };
    let outcomes = pipeline::run(&sources, errors, &rules, &options);
    if !common.quiet {
        for o in &outcomes {
            match o {
                Outcome::Failed(e) => eprintln!("recap: {e}"),
                Outcome::Analyzed(a) => {
                    for w in &a.warnings {
                        eprintln!("recap: {}: warning: {w}", a.path);
                    }
                }
            }
        }
    }
    Ok(outcomes)
}

fn exit_code(outcomes: &[Outcome]) -> ExitCode {
    if outcomes
        .iter()
        .any(|o| matches!(o, Outcome::Failed(e) if e.is_error()))
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn talk_rows(outcomes: &[Outcome]) -> Vec<TalkRow> {
    Report::build(outcomes, &Default::default()).talks
}

/// The gold file for a post: `GOLD/STEM.json`.
fn load_gold(dir: &Path, post: &str) -> Result<Option<Gold>> {
    let stem = Path::new(post)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let path = dir.join(format!("{stem}.json"));
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read gold file {}", path.display()))?;
    let gold = serde_json::from_str(&text)
        .with_context(|| format!("gold file {} is not valid gold JSON", path.display()))?;
    Ok(Some(gold))
}
