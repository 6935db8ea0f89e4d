//! The command line, with clap: arguments are turned into plain domain values here, once.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::str::FromStr;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

mod args;
mod completions;
mod man;

pub use args::{
    CompareArgs, CompletionsArgs, EstimateArgs, FilterArgs, LearnerArgs, ListArgs, PlanArgs, ProfileArgs,
    ShowArgs, ValidateArgs,
};
pub use completions::{completions, with_id_completions};
pub use man::man;

use crate::profile::{self, Profile};
use crate::render::{Format, Style};

/// Compare MicroMasters programs and their alternatives by cost, time, pacing and credit.
///
/// The built-in catalogue holds real programs with sourced figures; add or correct programs
/// with catalogue files of your own (`--catalog FILE`).
#[derive(Debug, Parser)]
#[command(name = "micromasters", version = VERSION, max_term_width = 100, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// A command's own options, added to the parser only when that command is the one run (or its
/// help, completions or manual are asked for): clap then sets up one command's options rather
/// than every command's, most of its start-up. It reads as the options it holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deferred<T>(pub T);

impl<T> std::ops::Deref for Deferred<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> std::ops::DerefMut for Deferred<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: clap::FromArgMatches> clap::FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Deferred)
    }
    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
}

thread_local! {
    /// Whether `Deferred` options wait for their command to be built: only in the parser that
    /// `parser()` makes. Anything else that lists every command's options (the completion
    /// scripts, the manual, the tests) gets them at once, in the order it always had them.
    static DEFER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The parser for one run: each command's own options are added only to the command run, and
/// so are the global ones. clap would copy every global option into every command as it sets
/// the parser up (some 100 options, most of its start-up); here the top-level copies are not
/// global, and the command run gets its own copies, global, when it is built: clap then
/// resolves a value given before and after the command as it resolves a global option's.
pub fn parser() -> clap::Command {
    DEFER.set(true);
    let mut command = <Cli as clap::CommandFactory>::command().mut_args(|a| a.global(false));
    DEFER.set(false);
    // The commands without options of their own take the global ones too, when they are built
    // (`Deferred` gives them to the others); a command added without either would lack them, which the
    // test that holds this parser's help to the whole command's finds.
    for name in ["sources", "man"] {
        command = command.mut_subcommand(name, |c| c.defer(with_globals));
    }
    command
}

/// `command` with its own, global copies of the global options, each in the place clap's own
/// copies take in its help (their display order, which the help sorts by before names).
fn with_globals(command: clap::Command) -> clap::Command {
    let globals = GlobalArgs::augment_args(clap::Command::new("micromasters"));
    globals
        .get_arguments()
        .fold(command, |command, arg| command.arg(arg.clone()))
}

/// `add` applied to `command`, its about text kept: an options struct sets its own, which the
/// command's overrides when they are added at once.
fn keeping_about(command: clap::Command, add: fn(clap::Command) -> clap::Command) -> clap::Command {
    let about = command.get_about().cloned();
    let long_about = command.get_long_about().cloned();
    let command = add(command);
    let command = match about {
        Some(about) => command.about(about),
        None => command.about(None::<&str>),
    };
    match long_about {
        Some(long_about) => command.long_about(long_about),
        None => command.long_about(None::<&str>),
    }
}

impl<T: Args> Args for Deferred<T> {
    fn augment_args(command: clap::Command) -> clap::Command {
        if DEFER.get() {
            command.defer(|c| with_globals(keeping_about(c, T::augment_args)))
        } else {
            keeping_about(command, T::augment_args)
        }
    }
    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        if DEFER.get() {
            command.defer(|c| with_globals(keeping_about(c, T::augment_args_for_update)))
        } else {
            keeping_about(command, T::augment_args_for_update)
        }
    }
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

const MAIN_EXAMPLES: &str = "\
Examples:
  micromasters compare --pacing self-paced --max-cost 1500
  micromasters list --university mit
  micromasters estimate mitx-scm --aid 50% --then mit-scm-masters";

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Add a catalogue file after the built-in one (repeatable, loaded in order; an entry whose
    /// id an earlier file defines corrects it key by key). `MICROMASTERS_CATALOG` (a
    /// `:`-separated list) adds files before these.
    #[arg(long, global = true, value_name = "FILE")]
    pub catalog: Vec<PathBuf>,

    /// Do not load the built-in catalogue
    #[arg(long, global = true)]
    pub no_builtin: bool,

    /// Output format (any case)
    #[arg(long, short = 'f', global = true, value_name = "FORMAT", default_value = "table",
          value_parser = named::<Format>(Format::NAMES), ignore_case = true)]
    pub format: Format,

    /// Show every amount in this currency (ISO 4217 code; the catalogue needs a rate for it)
    /// [default: USD]
    #[arg(long, global = true, value_name = "CODE")]
    pub currency: Option<String>,

    /// When to colour tables: `auto` colours only on a terminal, and never when `NO_COLOR` is set
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Table width in columns [default: the terminal's, else `COLUMNS`, else 80]
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,

    /// Read your profile (hours a week, aid, currency, budget, employer, shortlist) from FILE
    /// [default: `MICROMASTERS_PROFILE`, else `$XDG_CONFIG_HOME/micromasters/profile.toml`];
    /// flags win over it
    #[arg(long, global = true, value_name = "FILE")]
    pub profile: Option<std::path::PathBuf>,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A parser that accepts exactly `names` and turns them into `T`.
fn named<T>(names: &'static [&'static str]) -> impl TypedValueParser<Value = T>
where
    T: FromStr<Err = String> + Clone + Send + Sync + 'static,
{
    // Every name is lowercase: `ignore_case` arguments arrive in any case.
    PossibleValuesParser::new(names).try_map(|text| text.to_lowercase().parse::<T>())
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank programs by a score built from cost, months, credit transfer and pacing
    #[command(after_help = "\
Examples:
  micromasters compare
  micromasters compare --kind micromasters --pacing self-paced --max-cost 1500 --limit 5
  micromasters compare mitx-scm mitx-sds uopeople-mba --explain
  micromasters compare --sort cost,-credit --format csv")]
    Compare(Deferred<CompareArgs>),

    /// Draw programs as points of cost against months, the cost–time front marked and joined
    #[command(after_help = "\
Examples:
  micromasters chart --kind micromasters --has-pathway
  micromasters chart mitx-scm gtx-analytics uopeople-mba gatech-omscs
  micromasters chart --subject data --format html > chart.html")]
    Chart(Deferred<CompareArgs>),

    /// List programs grouped by institution (institutions by name, programs by name)
    #[command(after_help = "\
Examples:
  micromasters list
  micromasters list --university mit
  micromasters list --kind masters --format json")]
    List(Deferred<ListArgs>),

    /// Show every field of programs, one column per program
    #[command(after_help = "\
Examples:
  micromasters show mitx-scm
  micromasters show mitx-scm mitx-sds --format markdown")]
    Show(Deferred<ShowArgs>),

    /// Estimate the total cost and time of one program, alone or as a pathway to a degree
    #[command(after_help = "\
Examples:
  micromasters estimate mitx-scm --hours-per-week 10
  micromasters estimate uopeople-mba --courses-per-term 2
  micromasters estimate mitx-scm --aid 50% --then mit-scm-masters")]
    Estimate(Deferred<EstimateArgs>),

    /// Every route to a degree for you: each degree alone, and every chain of up to three
    /// programs whose pathways lead to it; cheapest first, with the cost–time front marked
    #[command(after_help = "\
Examples:
  micromasters plan --subject supply
  micromasters plan --toward gatech-omsa --hours-per-week 10 --aid 50%
  micromasters plan --subject data --budget 20000 --sort months")]
    Plan(Deferred<PlanArgs>),

    /// What the catalogue does not know, most in need of a check first, with its coverage
    #[command(after_help = "\
Examples:
  micromasters audit
  micromasters audit --kind micromasters --format csv")]
    Audit(Deferred<ListArgs>),

    /// List the sources the catalogue's figures come from: key, title, url, date
    #[command(after_help = "\
Examples:
  micromasters sources
  micromasters sources --format json")]
    Sources,

    /// Show the values your profile and flags put in force, and where each came from
    #[command(after_help = "\
Examples:
  micromasters profile
  micromasters --profile me.toml profile --hours-per-week 12")]
    Profile(Deferred<ProfileArgs>),

    /// Check catalogue files and print every problem as FILE:LINE:COLUMN
    #[command(after_help = "\
Examples:
  micromasters validate
  micromasters validate my-programs.toml
  micromasters --no-builtin validate draft.toml")]
    Validate(Deferred<ValidateArgs>),

    /// Print a shell completion script
    // The global options (--format, --currency, ...) do nothing here: the help leaves them out.
    #[command(
        help_template = "{about-with-newline}\n{usage-heading} micromasters completions <SHELL>\n\n\
Arguments:\n{positionals}\n\nOptions:\n  -h, --help  Print help{after-help}",
        after_help = "\
Examples:
  micromasters completions bash > ~/.local/share/bash-completion/completions/micromasters
  micromasters completions zsh > ~/.zfunc/_micromasters"
    )]
    Completions(Deferred<CompletionsArgs>),

    /// Print the manual page (roff) to stdout
    #[command(
        help_template = "{about-with-newline}\n{usage-heading} micromasters man\n\n\
Options:\n  -h, --help  Print help{after-help}",
        after_help = "\
Examples:
  micromasters man > micromasters.1 && man ./micromasters.1"
    )]
    Man,
}

/// The learner's profile, where there is one: `--profile`, else `MICROMASTERS_PROFILE`, else
/// the config folder's `micromasters/profile.toml` (which may be absent).
pub fn load_profile(global: &GlobalArgs) -> Result<Option<Profile>, Vec<crate::catalog::Diagnostic>> {
    let env = std::env::var("MICROMASTERS_PROFILE").ok();
    let xdg = std::env::var("XDG_CONFIG_HOME").ok();
    let home = std::env::var("HOME").ok();
    match profile::locate(
        global.profile.as_deref(),
        env.as_deref(),
        xdg.as_deref(),
        home.as_deref(),
    ) {
        Some((path, required)) => profile::read(&path, required),
        None => Ok(None),
    }
}

impl Cli {
    /// Takes from `profile` what no flag gave: the learner's values, the currency, the budget
    /// and months of `plan`, and `compare --shortlist`'s ids. `profile` itself shows them
    /// unmerged, with where each came from.
    pub fn with_profile(&mut self, profile: &Profile) -> Result<(), String> {
        if self.global.currency.is_none() {
            self.global.currency.clone_from(&profile.currency);
        }
        match &mut self.command {
            Command::Estimate(args) => args.learner.fill_from(profile),
            Command::Plan(args) => {
                args.learner.fill_from(profile);
                args.budget = args.budget.or(profile.budget);
                args.max_months = args.max_months.or(profile.max_months);
            }
            Command::Compare(args) | Command::Chart(args) if args.shortlist => {
                if profile.shortlist.is_empty() {
                    return Err("--shortlist: the profile gives no `shortlist`; add `shortlist = [\"id\", ...]` to it".into());
                }
                args.ids.extend(profile.shortlist.iter().cloned());
            }
            _ => {}
        }
        Ok(())
    }
}

/// The arguments as clap should read them: `help --help` (or `-h`) asks for the main help, as
/// `help` alone does, rather than being a usage error.
pub fn normalize_args(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    if args.get(1).is_some_and(|a| a == "help") {
        let mut kept: Vec<std::ffi::OsString> =
            args.into_iter().filter(|a| a != "--help" && a != "-h").collect();
        kept.truncate(kept.len().max(2));
        return kept;
    }
    args
}

/// Where the catalogue comes from, in load order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    pub builtin: bool,
    /// `MICROMASTERS_CATALOG` entries, then `--catalog` files, then extra files.
    pub files: Vec<PathBuf>,
}

impl GlobalArgs {
    /// The sources to load: the built-in catalogue unless `--no-builtin`, then the files in
    /// `catalog_env` (a path list), then `--catalog` files, then `extra`.
    pub fn sources(&self, catalog_env: Option<&std::ffi::OsStr>, extra: &[PathBuf]) -> Sources {
        let mut files: Vec<PathBuf> = catalog_env
            .map(|paths| {
                std::env::split_paths(paths)
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect()
            })
            .unwrap_or_default();
        files.extend(self.catalog.iter().cloned());
        files.extend(extra.iter().cloned());
        Sources {
            builtin: !self.no_builtin,
            files,
        }
    }

    /// How tables look, given whether stdout is a terminal, `NO_COLOR` and `COLUMNS`.
    pub fn style(
        &self,
        terminal: Option<u16>,
        no_color: Option<&std::ffi::OsStr>,
        columns: Option<&str>,
    ) -> Style {
        let color = colour(
            self.color,
            terminal.is_some(),
            no_color,
            std::env::var_os("CLICOLOR_FORCE").as_deref(),
        );
        let from_env = columns
            .and_then(|c| c.trim().parse::<u16>().ok())
            .filter(|&w| w >= 20);
        let width = self.width.or(terminal).or(from_env).unwrap_or(DEFAULT_WIDTH);
        Style {
            color,
            width,
            ascii: false,
        }
    }

    /// `style`, for a terminal of type `term`: a `dumb` one gets no colour (unless
    /// `--color always`) and rules of ASCII dashes instead of box drawing.
    pub fn style_for(
        &self,
        terminal: Option<u16>,
        no_color: Option<&std::ffi::OsStr>,
        columns: Option<&str>,
        term: Option<&str>,
    ) -> Style {
        let mut style = self.style(terminal, no_color, columns);
        if term == Some("dumb") {
            style.ascii = true;
            style.color &= self.color == ColorChoice::Always;
        }
        style
    }
}

/// The one colour decision, for help and output alike: `--color always|never` wins; else a
/// non-empty `NO_COLOR` turns colour off; else `CLICOLOR_FORCE` (set, not `0`) turns it on even
/// when stdout is not a terminal; else colour is on on a terminal.
pub fn colour(
    choice: ColorChoice,
    terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
    force: Option<&std::ffi::OsStr>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if no_color.is_some_and(|v| !v.is_empty()) => false,
        ColorChoice::Auto if force.is_some_and(|v| !v.is_empty() && v != "0") => true,
        ColorChoice::Auto => terminal,
    }
}

/// What `--color` the command line gives, read before clap parses it, so that `--help` and a
/// usage error follow the same decision as the output: the last `--color WHEN` or
/// `--color=WHEN`; `Auto` where none (or a value clap will refuse).
pub fn colour_asked(args: &[std::ffi::OsString]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut args = args.iter().map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--color") {
            Some("") => args.next().map(|v| v.to_string()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        match value.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("always") => choice = ColorChoice::Always,
            Some("never") => choice = ColorChoice::Never,
            Some("auto") => choice = ColorChoice::Auto,
            _ => {}
        }
    }
    choice
}

/// `--version`: the program's version and the date of the built-in catalogue's figures (its
/// `as_of`; a test keeps the two in step).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (built-in catalogue as of 2025-04-11)"
);

/// Width of tables when stdout is not a terminal and `COLUMNS` is not set.
pub const DEFAULT_WIDTH: u16 = 80;

/// The terminal's width when stdout is one that reports a width; a terminal that reports 0
/// (some do, under a program that gives it no size) counts as none, so `COLUMNS` applies.
pub fn terminal_width() -> Option<u16> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    comfy_table::Table::new().width().filter(|w| *w > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Kind, Pacing};
    use clap::CommandFactory;

    /// What `command` makes of `args`: the parsed command line, or the text it prints (help, a
    /// usage error), with its exit code.
    fn outcome(command: clap::Command, args: &[&str]) -> String {
        let args = std::iter::once("micromasters").chain(args.iter().copied());
        match command
            .try_get_matches_from(args)
            .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m))
        {
            Ok(cli) => format!("{cli:?}"),
            Err(e) => format!("{} {}", e.exit_code(), e.render()),
        }
    }

    #[test]
    fn the_parser_that_adds_options_late_reads_and_helps_as_the_whole_command_does() {
        let mut cases: Vec<Vec<&str>> = vec![
            vec!["compare", "--kind", "micromasters", "--limit", "3", "mitx-scm"],
            vec!["--format", "json", "chart", "--toward", "gatech-omsa"],
            vec!["list", "--university", "mit", "--catalog", "x.toml"],
            vec!["plan", "--subject", "supply", "--budget", "20000", "--aid", "50%"],
            vec![
                "estimate",
                "mitx-scm",
                "--then",
                "mit-scm-masters",
                "--hours-per-week",
                "10",
            ],
            vec!["show", "mitx-scm", "--pathways"],
            vec!["--catalog", "list", "compare"],
            vec!["profile", "--hours-per-week", "12"],
            vec!["validate", "a.toml", "b.toml"],
            vec!["completions", "zsh"],
            vec!["compare", "--bogus"],
            vec!["compar"],
            vec!["plan", "--toward"],
            vec!["estimate"],
            vec![],
            vec!["--help"],
            vec!["--version"],
            vec!["--format", "csv", "compare"],
            vec!["compare", "--format", "csv"],
            vec!["--format", "csv", "compare", "--format", "json"],
            vec!["--catalog", "a.toml", "list", "--catalog", "b.toml"],
            vec!["-f", "json", "plan", "--currency", "EUR", "--width", "100"],
            vec!["sources", "--format", "json"],
            vec!["--no-builtin", "sources", "--catalog", "a.toml"],
            vec!["man", "--format", "json"],
            vec!["completions", "bash", "--color", "never"],
            vec!["validate", "--no-builtin", "x.toml", "--profile", "me.toml"],
            vec!["--color", "sometimes", "list"],
            vec!["list", "--width", "nope"],
            vec!["help", "compare", "--format", "json"],
        ];
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        assert!(names.len() >= 12, "{names:?}");
        for name in &names {
            cases.push(vec![name, "--help"]);
            cases.push(vec![name, "-h"]);
            cases.push(vec!["help", name]);
        }
        for args in cases {
            assert_eq!(
                outcome(parser(), &args),
                outcome(Cli::command(), &args),
                "{args:?}"
            );
        }
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("micromasters").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn compare_arguments_become_a_comparison() {
        let cli = parse(&[
            "compare",
            "a",
            "--kind",
            "masters",
            "--kind",
            "micromasters",
            "--pacing",
            "self-paced",
            "--max-cost",
            "$3,000",
            "--min-credit",
            "25%",
            "--sort",
            "cost,-months",
            "--limit",
            "3",
            "--weights",
            "cost=2",
            "--prefer",
            "instructor-led",
        ]);
        let Command::Compare(args) = cli.command else {
            panic!("not compare")
        };
        let c = args.comparison();
        assert_eq!(c.ids, ["a"]);
        assert_eq!(c.filter.kinds, [Kind::Masters, Kind::MicroMasters]);
        assert_eq!(c.filter.pacing, Some(crate::filter::PacingWanted::SelfPaced));
        assert_eq!(c.filter.max_cost, Some(3000.0));
        assert_eq!(c.filter.min_credit, Some(0.25));
        assert_eq!(c.order.len(), 2);
        assert!(c.order[1].reverse);
        assert_eq!(c.limit, Some(3));
        assert_eq!(c.weights.cost, 2.0);
        assert_eq!(c.prefer, Some(Pacing::InstructorLed));
    }

    #[test]
    fn global_options_go_before_or_after_the_command() {
        let before = parse(&["--format", "json", "--no-builtin", "list"]);
        let after = parse(&["list", "--format", "json", "--no-builtin"]);
        assert_eq!(before.global.format, Format::Json);
        assert_eq!(after.global.format, Format::Json);
        assert!(before.global.no_builtin && after.global.no_builtin);
    }

    #[test]
    fn sources_come_in_order_env_then_flags_then_extra() {
        let cli = parse(&["--catalog", "b.toml", "validate"]);
        let env = std::ffi::OsString::from("a1.toml::a2.toml");
        let sources = cli.global.sources(Some(&env), &[PathBuf::from("c.toml")]);
        assert!(sources.builtin);
        let names: Vec<_> = sources
            .files
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a1.toml", "a2.toml", "b.toml", "c.toml"]);
    }

    #[test]
    fn colour_is_automatic_only_on_a_terminal_without_no_color() {
        let cli = parse(&["list"]);
        assert!(cli.global.style(Some(120), None, None).color);
        assert!(!cli.global.style(None, None, None).color);
        let set = std::ffi::OsString::from("1");
        let empty = std::ffi::OsString::new();
        assert!(!cli.global.style(Some(120), Some(&set), None).color);
        assert!(cli.global.style(Some(120), Some(&empty), None).color);
        let always = parse(&["--color", "always", "list"]);
        assert!(always.global.style(None, Some(&set), None).color);
    }

    #[test]
    fn width_comes_from_the_terminal_then_columns_then_a_default() {
        let cli = parse(&["list"]);
        assert_eq!(cli.global.style(Some(120), None, Some("60")).width, 120);
        assert_eq!(cli.global.style(None, None, Some("60")).width, 60);
        assert_eq!(cli.global.style(None, None, Some("wide")).width, DEFAULT_WIDTH);
        let dumb = cli.global.style_for(Some(120), None, None, Some("dumb"));
        assert!(dumb.ascii && !dumb.color);
        assert!(!cli.global.style_for(Some(120), None, None, Some("xterm")).ascii);
        assert_eq!(cli.global.style(None, None, None).width, DEFAULT_WIDTH);
        let cli = Cli::try_parse_from(["micromasters", "--width", "100", "list"]).unwrap();
        assert_eq!(cli.global.style(Some(120), None, Some("60")).width, 100);
    }

    #[test]
    fn completion_scripts_offer_program_ids() {
        let command = with_id_completions(Cli::command(), &["mitx-scm".into(), "mitx-sds".into()], &[]);
        let show = command.find_subcommand("show").unwrap();
        let ids = show.get_arguments().find(|a| a.get_id() == "ids").unwrap();
        let offered: Vec<String> = ids
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect();
        assert_eq!(offered, ["mitx-scm", "mitx-sds"]);
    }

    #[test]
    fn help_help_is_the_main_help_and_short_flags_read_as_long_ones() {
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(
            normalize_args(args(&["m", "help", "--help"])),
            args(&["m", "help"])
        );
        assert_eq!(
            normalize_args(args(&["m", "help", "compare", "-h"])),
            args(&["m", "help", "compare"])
        );
        assert_eq!(
            normalize_args(args(&["m", "list", "--help"])),
            args(&["m", "list", "--help"])
        );
        let short = Cli::try_parse_from([
            "m", "-f", "Json", "compare", "-k", "masters", "-s", "data", "-u", "mit", "-n", "3",
        ])
        .unwrap();
        let long = Cli::try_parse_from([
            "m",
            "--format",
            "json",
            "compare",
            "--kind",
            "masters",
            "--subject",
            "data",
            "--university",
            "mit",
            "--limit",
            "3",
        ])
        .unwrap();
        assert_eq!(short.global.format, long.global.format);
        let (Command::Compare(a), Command::Compare(b)) = (short.command, long.command) else {
            panic!()
        };
        assert_eq!(a.comparison(), b.comparison());
    }

    #[test]
    fn nonsense_values_are_usage_errors() {
        for args in [
            &["estimate", "x", "--aid", "150%"][..],
            &["estimate", "x", "--hours-per-week", "0"],
            &["estimate", "x", "--hours-per-week", "NaN"],
            &["estimate", "x", "--courses-per-term", "0"],
            &["compare", "--limit", "0"],
            &["compare", "--limit", "-1"],
            &["compare", "--sort", "price"],
            &["compare", "--max-cost", "-5"],
            &["compare", "--kind", "phd"],
            &["list", "--pacing", "mixed"],
            &["--format", "xml", "list"],
        ] {
            let result = Cli::try_parse_from(std::iter::once("micromasters").chain(args.iter().copied()));
            assert!(result.is_err(), "{args:?} was accepted");
        }
    }
}
