//! micromasters: parse the command line, run one command, report an error once, exit.

use std::cell::OnceCell;
use std::ffi::OsString;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;

use micromasters::catalog::{self, Catalog, Date, Invalid, Loaded};
use micromasters::cli::{self, Cli, Command, GlobalArgs};
use micromasters::cmd::{self, Context};
use micromasters::money::Money;
use micromasters::profile::Profile;
use micromasters::render;

fn main() -> ExitCode {
    let args = cli::normalize_args(std::env::args_os().collect());
    // Help and usage errors go to a terminal too: they follow the output's colour decision.
    let colour = cli::colour(
        cli::colour_asked(&args),
        std::io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("CLICOLOR_FORCE").as_deref(),
    );
    let command = cli::parser().color(if colour {
        clap::ColorChoice::Always
    } else {
        clap::ColorChoice::Never
    });
    let parsed = command
        .try_get_matches_from(args)
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    let mut cli = match parsed {
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
    // The profile fills in what no flag gave; `profile` shows both, unmerged.
    let profile = match cli::load_profile(&cli.global) {
        Ok(profile) => profile,
        Err(problems) => {
            for problem in &problems {
                report(&problem.to_string());
            }
            let n = problems.len();
            report(&format!(
                "error: the profile has {n} problem{} (listed above); fix {} or give another with --profile",
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "them" }
            ));
            return ExitCode::from(1);
        }
    };
    if let (Some(p), false) = (&profile, matches!(cli.command, Command::Profile(_)))
        && let Err(message) = cli.with_profile(p)
    {
        report(&format!("error: {message}"));
        return ExitCode::from(1);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = run(&cli, profile.as_ref(), &mut out).and_then(|code| match out.flush() {
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

/// Runs the command: one match, each arm one command. `Ok` carries the exit code.
fn run(cli: &Cli, profile: Option<&Profile>, out: &mut dyn Write) -> Result<ExitCode> {
    let mut err = io::stderr();
    let extra = match &cli.command {
        Command::Validate(args) => args.files.clone(),
        _ => Vec::new(),
    };
    let session = Session::new(&cli.global, extra);
    match &cli.command {
        Command::Compare(args) => {
            session.with(|c, ctx| cmd::compare::run(&args.comparison(), args.explain, c, ctx, out, &mut err))
        }
        Command::Chart(args) => {
            session.with(|c, ctx| cmd::chart::run(&args.comparison(), c, ctx, out, &mut err))
        }
        Command::List(args) => {
            let (order, limit) = args.listing();
            session.with(|c, ctx| {
                cmd::list::run(
                    &args.filters.filter(),
                    order.as_deref(),
                    limit,
                    c,
                    ctx,
                    out,
                    &mut err,
                )
            })
        }
        Command::Show(args) => session.with(|c, ctx| {
            if args.pathways {
                cmd::show::pathways(&args.ids, c, ctx, out)
            } else {
                cmd::show::run(&args.ids, c, ctx, out, &mut err)
            }
        }),
        Command::Estimate(args) => session.with(|c, ctx| {
            cmd::estimate::run(
                &args.ids,
                &args.then,
                &args.learner.request(),
                c,
                ctx,
                out,
                &mut err,
            )
        }),
        Command::Plan(args) => session.with(|c, ctx| cmd::plan::run(&args.request(), c, ctx, out, &mut err)),
        Command::Sources => session.with(|c, ctx| cmd::sources::run(c, ctx, out, &mut err)),
        Command::Profile(args) => {
            cmd::profile::run(
                args,
                cli.global.currency.as_deref(),
                profile,
                cli.global.format,
                out,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit(args) => {
            session.with(|c, ctx| cmd::audit::run(&args.filters.filter(), c, ctx, out, &mut err))
        }
        Command::Validate(_) => validate(session.loaded(), cli.global.format, out),
        Command::Completions(args) => {
            // Ids complete too: those of the catalogue as loaded now, problems or not.
            let catalog = &session.loaded().catalog;
            let ids: Vec<String> = catalog.programs.iter().map(|p| p.id.to_string()).collect();
            let degrees: Vec<String> = catalog.degree_ids().map(str::to_string).collect();
            cli::completions(args.shell, &ids, &degrees, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            cli::man(out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `validate`: its exit status reports validity, whatever happened to stdout (`validate | head`
/// in a CI step with `pipefail` must not pass a broken file).
fn validate(loaded: &Loaded, format: render::Format, out: &mut dyn Write) -> Result<ExitCode> {
    let code = if loaded.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    let written = cmd::validate::run(loaded, format, out).and_then(|()| Ok(out.flush()?));
    match written {
        Err(error) if !is_broken_pipe(&error) => Err(error),
        _ => Ok(code),
    }
}

/// The command line as typed, for a page's inputs: `micromasters` and each argument, quoted
/// where it holds a space or a quote.
fn command_line() -> String {
    let mut line = String::from("micromasters");
    for arg in std::env::args_os().skip(1) {
        let arg = arg.to_string_lossy();
        line.push(' ');
        if arg.is_empty() || arg.chars().any(|c| c.is_whitespace() || "'\"\\$`".contains(c)) {
            line.push('\'');
            line.push_str(&arg.replace('\'', "'\\''"));
            line.push('\'');
        } else {
            line.push_str(&arg);
        }
    }
    line
}

/// The catalogue, loaded once when a command first needs it, and what every command is given.
struct Session<'a> {
    global: &'a GlobalArgs,
    /// `MICROMASTERS_CATALOG`, to name it when its files have problems.
    env_catalog: Option<OsString>,
    /// Files `validate` names, loaded after the others.
    extra: Vec<std::path::PathBuf>,
    loaded: OnceCell<Loaded>,
}

impl<'a> Session<'a> {
    fn new(global: &'a GlobalArgs, extra: Vec<std::path::PathBuf>) -> Self {
        Session {
            global,
            env_catalog: std::env::var_os("MICROMASTERS_CATALOG"),
            extra,
            loaded: OnceCell::new(),
        }
    }

    fn loaded(&self) -> &Loaded {
        self.loaded.get_or_init(|| {
            let sources = self.global.sources(self.env_catalog.as_deref(), &self.extra);
            catalog::load_sources(sources.builtin, &sources.files)
        })
    }

    /// Runs `command` on a catalogue without problems, with the context the options make.
    fn with(&self, command: impl FnOnce(&Catalog, &Context) -> Result<()>) -> Result<ExitCode> {
        let loaded = self.loaded();
        if !loaded.problems.is_empty() {
            return Err(self.invalid(loaded));
        }
        let catalog = &loaded.catalog;
        let global = self.global;
        let ctx = Context {
            format: global.format,
            style: global.style_for(
                cli::terminal_width(),
                std::env::var_os("NO_COLOR").as_deref(),
                std::env::var("COLUMNS").ok().as_deref(),
                std::env::var("TERM").ok().as_deref(),
            ),
            money: Money::new(catalog, global.currency.as_deref())?,
            today: Date::today(),
            command: command_line(),
        };
        command(catalog, &ctx)?;
        Ok(ExitCode::SUCCESS)
    }

    /// The error for a catalogue with problems; a file from the environment (set in a shell
    /// profile, perhaps) makes every command fail, so it is named with its variable.
    fn invalid(&self, loaded: &Loaded) -> anyhow::Error {
        let from_env: Vec<String> = self
            .env_catalog
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
        let error = anyhow::Error::from(Invalid(loaded.problems.clone()));
        match named.as_slice() {
            [] => error,
            files => error.context(format!(
                "`{}` comes from the MICROMASTERS_CATALOG environment variable; fix the file or unset the variable",
                files.join("`, `")
            )),
        }
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        // The process ends next, and the OS takes its memory back at once; freeing a catalogue
        // of 100,000 programs entry by entry would take a noticeable part of the run.
        if let Some(loaded) = self.loaded.take() {
            std::mem::forget(loaded);
        }
    }
}

/// A closed stdout (`micromasters list | head -1`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
