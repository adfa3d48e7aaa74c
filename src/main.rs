//! The `recap` binary: parse the command line, run the pipeline, report.

mod cli;
mod progress;

use anyhow::{Context as _, Result};
use clap::Parser;
use cli::{Cli, Command, Common, RunArgs, TalkFormat};
use progress::Progress;
use recap::aggregate::Aggregates;
use recap::eval::{self, Gold, Score};
use recap::input::{self, Source};
use recap::partial::{MapInputs, PartialWriter};
use recap::pipeline::{self, Input, Outcome};
use recap::record::DocumentRecord;
use recap::report::{Report, RunWriter, csv, json, table};
use recap::rules::{RulePack, Rules};
use recap::unknowns;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A document's analysis makes and drops many small strings and vectors; mimalloc serves
/// them with less work than the system allocator and returns memory between documents.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
            partial,
            schedule,
            csv,
            common,
        } => analyze(
            &common,
            out.as_deref(),
            partial.as_deref(),
            schedule.as_deref(),
            csv.formulas(),
        ),
        Command::Merge {
            partials,
            out,
            partial,
            quiet,
            csv,
        } => merge(
            &partials,
            out.as_deref(),
            partial.as_deref(),
            quiet,
            csv.formulas(),
        ),
        Command::Map { run } => map(&run),
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
                TalkFormat::Csv => talk_rows(&outcomes, csv_options.formulas())?,
                TalkFormat::Json => {
                    let records = pipeline::records(&outcomes);
                    let none = Aggregates::default();
                    json::to_json(&Report::build(&records, &none).json.documents)?
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
            let rules = load_rules(&common.run)?;
            let (sources, errors) = input::discover(&common.paths);
            let mut per_document = Vec::new();
            let mut lost = errors.iter().any(|e| e.is_error());
            for source in &sources {
                match input::load(source, common.run.max_file_size) {
                    Ok(doc) => per_document.push(unknowns::find(&doc, &rules)),
                    Err(e) => {
                        lost |= e.is_error();
                        if !common.run.quiet {
                            eprintln!("recap: {e}");
                        }
                    }
                }
            }
            for e in &errors {
                if !common.run.quiet {
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
            if !common.run.quiet {
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
            let records = pipeline::records(outcomes);
            let none = Aggregates::default();
            let report = Report::build(&records, &none);
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

/// `recap analyze`: reads and analyzes the posts a few at a time, in path order, writing
/// each one's rows as it comes, so memory holds the corpus counts and little else.
fn analyze(
    common: &Common,
    out: Option<&Path>,
    partial: Option<&Path>,
    schedule: Option<&Path>,
    formulas: csv::Formulas,
) -> Result<ExitCode> {
    let schedule = load_schedule(schedule)?;
    let rules = load_rules(&common.run)?;
    let (sources, errors) = input::discover(&common.paths);
    let plan = pipeline::plan(sources, errors);
    let inputs = plan.len();
    let mut progress = Progress::new(common.run.quiet, inputs, || {
        plan.iter()
            .map(|i| match i {
                Input::Source(Source::File(p)) => std::fs::metadata(p).map_or(0, |m| m.len()),
                _ => 0,
            })
            .collect()
    });
    let mut writer = RunWriter::create(out, partial, formulas)?;
    let mut links = Vec::new();
    let mut read = 0;
    let link = |a: &pipeline::Analysis| schedule.as_ref().map(|s| recap::schedule::link_post(a, s));
    pipeline::stream(
        plan,
        &rules,
        &run_options(&common.run),
        &link,
        &mut |outcome, linked| {
            progress.step();
            if !common.run.quiet {
                for line in messages(&outcome) {
                    progress.message(&line);
                }
            }
            read += usize::from(matches!(outcome, Outcome::Analyzed(_)));
            links.extend(linked.flatten());
            writer.document(&DocumentRecord::from_outcome(outcome))
        },
    )?;
    progress.finish();
    let lost = writer.lost();
    let extra = match &schedule {
        Some(s) => recap::schedule::report_files(&links, s, formulas)?,
        None => Vec::new(),
    };
    writer.finish(&extra)?;
    if let Some(s) = &schedule {
        let note = recap::schedule::closing_note(&links, s);
        if partial.is_some_and(|p| p.as_os_str() == "-") {
            if !common.run.quiet {
                eprint!("{note}");
            }
        } else {
            std::io::stdout().write_all(note.as_bytes())?;
        }
    }
    if !common.run.quiet {
        let mut wrote = Vec::new();
        if let Some(out) = out {
            wrote.push(format!("reports in {}", out.display()));
        }
        if let Some(p) = partial.filter(|p| p.as_os_str() != "-") {
            wrote.push(format!("partial in {}", p.display()));
        }
        let wrote = if wrote.is_empty() {
            String::new()
        } else {
            format!("; {}", wrote.join(", "))
        };
        eprintln!("recap: analyzed {read} of {inputs} inputs{wrote}");
    }
    Ok(if lost {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `recap merge`: the reports of one run over all the partials' posts.
fn merge(
    partials: &[PathBuf],
    out: Option<&Path>,
    partial: Option<&Path>,
    quiet: bool,
    formulas: csv::Formulas,
) -> Result<ExitCode> {
    let merge = recap::partial::Merge::scan(partials)?;
    let mut writer = RunWriter::create(out, partial, formulas)?;
    merge.write(&mut writer, &mut |warning| {
        if !quiet {
            eprintln!("recap: warning: {warning}");
        }
    })?;
    let (documents, lost) = (writer.documents(), writer.lost());
    writer.finish(&[])?;
    if !quiet {
        if let Some(out) = out {
            eprintln!(
                "recap: merged {documents} documents from {} partials; reports in {}",
                partials.len(),
                out.display()
            );
        }
    }
    Ok(if lost {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `recap map`: posts as JSON Lines on standard input, their partial on standard output.
/// A bad line is named on standard error and recorded as a skipped document; the exit
/// status stays 0 so a streaming job keeps going (`merge` reports the loss).
fn map(run: &RunArgs) -> Result<ExitCode> {
    let rules = load_rules(run)?;
    let inputs = MapInputs::new(std::io::stdin().lock());
    let mut partial = PartialWriter::new();
    let mut stdout = std::io::stdout().lock();
    pipeline::stream(
        inputs,
        &rules,
        &run_options(run),
        &|_| (),
        &mut |outcome, _| {
            if !run.quiet {
                for line in messages(&outcome) {
                    eprintln!("{line}");
                }
            }
            partial.document(&DocumentRecord::from_outcome(outcome))?;
            if partial.pending() >= 64 << 10 {
                stdout.write_all(&partial.take())?;
            }
            Ok(())
        },
    )?;
    partial.end();
    stdout.write_all(&partial.take())?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// What an outcome has to say on standard error: why it was skipped, or its warnings.
fn messages(outcome: &Outcome) -> Vec<String> {
    match outcome {
        Outcome::Failed(e) => vec![format!("recap: {e}")],
        Outcome::Analyzed(a) => a
            .warnings
            .iter()
            .map(|w| format!("recap: {}: warning: {w}", a.path))
            .collect(),
    }
}

/// Threads and size limit of a run.
fn run_options(run: &RunArgs) -> pipeline::RunOptions {
    let threads = run.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    pipeline::RunOptions {
        threads,
        max_file_size: run.max_file_size,
    }
}

/// The built-in rules, extended by `--rules` when given.
fn load_rules(common: &RunArgs) -> Result<Rules> {
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
    let rules = load_rules(&common.run)?;
    let (sources, errors) = input::discover(&common.paths);
    let outcomes = pipeline::run(&sources, errors, &rules, &run_options(&common.run));
    if !common.run.quiet {
        for line in outcomes.iter().flat_map(messages) {
            eprintln!("{line}");
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

/// The rows of talks.csv.
fn talk_rows(outcomes: &[Outcome], formulas: csv::Formulas) -> Result<Vec<u8>> {
    let records = pipeline::records(outcomes);
    let none = Aggregates::default();
    csv::to_csv(&Report::build(&records, &none).talks, formulas)
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
