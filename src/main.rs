//! micromasters: parse the command line, run one command, report an error once, exit.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, Parser};

use micromasters::catalog::{self, Date, Invalid};
use micromasters::cli::{self, Cli, Command};
use micromasters::cmd::{self, Context};
use micromasters::money::Money;
use micromasters::render;

fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(cli::normalize_args(std::env::args_os().collect())) {
        Ok(cli) => cli,
        Err(error) => {
            // --help and --version are not errors; anything else is a usage error. Help that
            // cannot be written (a full disk, not a closed pipe) is an error too.
            let printed = error.print();
            return match (error.use_stderr(), printed) {
                (true, _) => ExitCode::from(2),
                (false, Err(e)) if e.kind() != io::ErrorKind::BrokenPipe => {
                    report(&format!("error: cannot write the help: {e}"));
                    ExitCode::from(1)
                }
                (false, _) => ExitCode::SUCCESS,
            };
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = run(cli, &mut out).and_then(|code| match out.flush() {
        // A closed stdout is success, or whatever the command said (`validate`'s verdict).
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(code),
        flushed => flushed.map(|()| code).map_err(anyhow::Error::from),
    });
    match result {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            if let Some(Invalid(problems)) = error.chain().find_map(|e| e.downcast_ref::<Invalid>()) {
                for problem in problems {
                    report(&problem.to_string());
                }
            }
            report(&format!("error: {error:#}"));
            ExitCode::from(1)
        }
    }
}

/// Writes one line to stderr, its text made safe for a terminal. A stderr that cannot be
/// written (closed, or a full disk) is not worth a panic: the exit code still tells.
fn report(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{}", render::text::plain(line));
}

/// Runs the command; `Ok` carries the exit code of a run that found problems to report.
fn run(cli: Cli, out: &mut dyn Write) -> Result<ExitCode> {
    let env_catalog = std::env::var_os("MICROMASTERS_CATALOG");
    let mut err = io::stderr();
    let extra = match &cli.command {
        Command::Validate(args) => args.files.as_slice(),
        _ => &[],
    };
    let load = || {
        let sources = cli.global.sources(env_catalog.as_deref(), extra);
        catalog::load_sources(sources.builtin, &sources.files)
    };
    match &cli.command {
        Command::Completions(args) => {
            // Program ids complete too: those of the catalogue as loaded now.
            let catalog = load().catalog;
            let ids: Vec<String> = catalog.programs.iter().map(|p| p.id.clone()).collect();
            let degrees: Vec<String> = catalog
                .programs
                .iter()
                .filter(|p| p.kind.is_degree())
                .map(|p| p.id.clone())
                .collect();
            let mut command = cli::with_id_completions(Cli::command(), &ids, &degrees);
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut command, "micromasters", &mut script);
            out.write_all(&script)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Man => {
            cmd::man::run(Cli::command(), out)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Validate(_) => {
            let loaded = load();
            let code = if loaded.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            };
            // The exit status reports validity, whatever happened to stdout: `validate | head`
            // in a CI step with `pipefail` must not pass a broken file.
            let written = cmd::validate::run(&loaded, cli.global.format, out).and_then(|()| Ok(out.flush()?));
            return match written {
                Err(error) if !is_broken_pipe(&error) => Err(error),
                _ => Ok(code),
            };
        }
        _ => {}
    }
    let loaded = load();
    if !loaded.problems.is_empty() {
        // A file from the environment (set in a shell profile, perhaps) makes every command
        // fail: say where it comes from.
        let from_env: Vec<String> = env_catalog
            .as_deref()
            .map(|paths| {
                std::env::split_paths(paths)
                    .map(|p| p.display().to_string())
                    .collect()
            })
            .unwrap_or_default();
        let named: Vec<&str> = from_env
            .iter()
            .filter(|f| loaded.problems.iter().any(|p| &p.file == *f))
            .map(String::as_str)
            .collect();
        let error = anyhow::Error::from(Invalid(loaded.problems));
        return Err(match named.as_slice() {
            [] => error,
            files => error.context(format!(
                "`{}` comes from the MICROMASTERS_CATALOG environment variable; fix the file or unset the variable",
                files.join("`, `")
            )),
        });
    }
    let catalog = &loaded.catalog;
    let ctx = Context {
        format: cli.global.format,
        style: cli.global.style_for(
            cli::terminal_width(),
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var("COLUMNS").ok().as_deref(),
            std::env::var("TERM").ok().as_deref(),
        ),
        money: Money::new(catalog, cli.global.currency.as_deref())?,
        today: Date::today(),
    };
    match &cli.command {
        Command::Chart(args) => cmd::chart::run(&args.comparison(), catalog, &ctx, out, &mut err)?,
        Command::Compare(args) => cmd::compare::run(&args.comparison(), catalog, &ctx, out, &mut err)?,
        Command::List(args) => cmd::list::run(&args.filters.filter(), catalog, &ctx, out, &mut err)?,
        Command::Show(args) => cmd::show::run(&args.ids, catalog, &ctx, out, &mut err)?,
        Command::Estimate(args) => {
            cmd::estimate::run(&args.id, &args.request(), catalog, &ctx, out, &mut err)?
        }
        Command::Audit(args) => cmd::audit::run(&args.filters.filter(), catalog, &ctx, out, &mut err)?,
        Command::Plan(args) => cmd::plan::run(&args.request(), catalog, &ctx, out, &mut err)?,
        Command::Validate(_) | Command::Completions(_) | Command::Man => {}
    }
    drop(ctx);
    // The process ends next, and the OS takes its memory back at once; freeing a catalogue of
    // 100,000 programs entry by entry would take a noticeable part of the run.
    std::mem::forget(loaded);
    Ok(ExitCode::SUCCESS)
}

/// A closed stdout (`micromasters list | head -1`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
