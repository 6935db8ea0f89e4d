//! The command line, with clap: arguments are turned into plain domain values here, once.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::str::FromStr;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::catalog::{Kind, Pacing};
use crate::estimate;
use crate::filter::Filter;
use crate::plan::{PlanRequest, PlanSort};
use crate::quantity::{parse_hours, parse_non_negative, parse_positive, parse_share};
use crate::rank::{self, Order, OrderKey, Weights};
use crate::render::{Format, Style};

/// Compare MicroMasters programs and their alternatives by cost, time, pacing and credit.
///
/// The built-in catalogue holds real programs with sourced figures; add or correct programs
/// with catalogue files of your own (`--catalog FILE`).
#[derive(Debug, Parser)]
#[command(name = "micromasters", version, max_term_width = 100, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

const MAIN_EXAMPLES: &str = "\
Examples:
  micromasters compare --pacing self-paced --max-cost 1500
  micromasters list --university mit
  micromasters estimate mitx-scm --aid 50% --then mit-scm-masters";

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Add a catalogue file after the built-in one (repeatable, loaded in order; a later entry
    /// replaces an earlier one with the same id). `MICROMASTERS_CATALOG` (a `:`-separated list)
    /// adds files before these.
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
    Compare(CompareArgs),

    /// Draw programs as points of cost against months, the cost–time front marked and joined
    #[command(after_help = "\
Examples:
  micromasters chart --kind micromasters --has-pathway
  micromasters chart mitx-scm gtx-analytics uopeople-mba gatech-omscs
  micromasters chart --subject data --format html > chart.html")]
    Chart(CompareArgs),

    /// List programs grouped by institution (institutions by name, programs by name)
    #[command(after_help = "\
Examples:
  micromasters list
  micromasters list --university mit
  micromasters list --kind masters --format json")]
    List(ListArgs),

    /// Show every field of programs, one column per program
    #[command(after_help = "\
Examples:
  micromasters show mitx-scm
  micromasters show mitx-scm mitx-sds --format markdown")]
    Show(ShowArgs),

    /// Estimate the total cost and time of one program, alone or as a pathway to a degree
    #[command(after_help = "\
Examples:
  micromasters estimate mitx-scm --hours-per-week 10
  micromasters estimate uopeople-mba --courses-per-term 2
  micromasters estimate mitx-scm --aid 50% --then mit-scm-masters")]
    Estimate(EstimateArgs),

    /// Every route to a degree for you: each degree alone, and each credential with a pathway
    /// toward it first; cheapest first, with the cost–time front marked
    #[command(after_help = "\
Examples:
  micromasters plan --subject supply
  micromasters plan --toward gatech-omsa --hours-per-week 10 --aid 50%
  micromasters plan --subject data --budget 20000 --sort months")]
    Plan(PlanArgs),

    /// What the catalogue does not know, most in need of a check first, with its coverage
    #[command(after_help = "\
Examples:
  micromasters audit
  micromasters audit --kind micromasters --format csv")]
    Audit(ListArgs),

    /// Check catalogue files and print every problem as FILE:LINE:COLUMN
    #[command(after_help = "\
Examples:
  micromasters validate
  micromasters validate my-programs.toml
  micromasters --no-builtin validate draft.toml")]
    Validate(ValidateArgs),

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
    Completions(CompletionsArgs),

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

/// The filters shared by `compare` and `list`.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Keep programs of this kind (repeatable)
    #[arg(long, short = 'k', value_name = "KIND", value_parser = named::<Kind>(Kind::NAMES))]
    pub kind: Vec<Kind>,

    /// Keep programs of an institution whose id, name or short name has words beginning with
    /// TEXT's words (`mit` matches MITx, not Smith); repeatable or comma-separated: any may match
    #[arg(long, short = 'u', value_name = "TEXT", value_delimiter = ',')]
    pub university: Vec<String>,

    /// Keep programs with a subject whose words begin with TEXT's words (`data sci`);
    /// repeatable or comma-separated: any may match
    #[arg(long, short = 's', value_name = "TEXT", value_delimiter = ',')]
    pub subject: Vec<String>,

    /// Keep programs with this pacing; `both` matches either
    #[arg(long, value_name = "PACING", value_parser = named::<Pacing>(&["instructor-led", "self-paced"]))]
    pub pacing: Option<Pacing>,

    /// Keep programs whose highest cost is at most AMOUNT, in the display currency
    #[arg(long, value_name = "AMOUNT", value_parser = parse_non_negative)]
    pub max_cost: Option<f64>,

    /// Keep programs whose highest advertised months are at most N
    #[arg(long, value_name = "N", value_parser = parse_positive)]
    pub max_months: Option<f64>,

    /// Keep programs whose best known credit share is at least SHARE (`0.5` or `50%`); a
    /// pathway of unknown share cannot confirm it and is counted as left out
    #[arg(long, value_name = "SHARE", value_parser = parse_share, allow_hyphen_values = true)]
    pub min_credit: Option<f64>,

    /// Keep programs with at least one pathway toward a degree, of any kind
    #[arg(long)]
    pub has_pathway: bool,

    /// Keep programs with a pathway toward this catalogue degree (repeatable)
    #[arg(long, value_name = "DEGREE_ID")]
    pub toward: Vec<String>,

    /// Show retired programs too (hidden by default)
    #[arg(long)]
    pub include_retired: bool,
}

impl FilterArgs {
    /// The domain filter.
    pub fn filter(&self) -> Filter {
        Filter {
            kinds: self.kind.clone(),
            universities: self.university.clone(),
            subjects: self.subject.clone(),
            pacing: self.pacing,
            max_cost: self.max_cost,
            max_months: self.max_months,
            min_credit: self.min_credit,
            has_pathway: self.has_pathway,
            toward: self.toward.clone(),
            include_retired: self.include_retired,
        }
    }
}

/// `compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Compare only these programs (shown even when retired; filters still apply)
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Order: a comma list of score, cost, months, credit, pacing, name; `-` reverses a key;
    /// ties are broken by id
    #[arg(long, value_name = "KEYS", default_value = "score", allow_hyphen_values = true,
          value_parser = rank::parse_order)]
    pub sort: Order,

    /// How much each criterion counts in the score, e.g. `cost=2,pacing=0` (others stay 1)
    #[arg(long, value_name = "WEIGHTS", value_parser = rank::parse_weights)]
    pub weights: Option<Weights>,

    /// Count this pacing as best in the score and in `--sort pacing`
    #[arg(long, value_name = "PACING", value_parser = named::<Pacing>(&["instructor-led", "self-paced"]))]
    pub prefer: Option<Pacing>,

    /// Show each criterion's part of every score
    #[arg(long)]
    pub explain: bool,

    /// Keep the first N rows
    #[arg(long, short = 'n', value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: Option<u64>,
}

/// A comparison, as plain values.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub ids: Vec<String>,
    pub filter: Filter,
    pub order: Vec<OrderKey>,
    pub weights: Weights,
    pub prefer: Option<Pacing>,
    pub explain: bool,
    pub limit: Option<usize>,
}

impl CompareArgs {
    /// The domain request.
    pub fn comparison(&self) -> Comparison {
        Comparison {
            ids: self.ids.clone(),
            filter: self.filters.filter(),
            order: self.sort.0.clone(),
            weights: self.weights.unwrap_or_default(),
            prefer: self.prefer,
            explain: self.explain,
            limit: self.limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        }
    }
}

/// `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Program ids
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,
}

/// What the learner says of themselves, for `estimate` and `plan`.
#[derive(Debug, Args, Default)]
pub struct LearnerArgs {
    /// Hours a week you will study (at most 168); turns the advertised effort into months at
    /// your pace
    #[arg(long, value_name = "H", value_parser = parse_hours)]
    pub hours_per_week: Option<f64>,

    /// Financial aid you hope for (`0.5` or `50%`), capped at what the program offers
    #[arg(long, value_name = "SHARE", value_parser = parse_share, allow_hyphen_values = true)]
    pub aid: Option<f64>,
}

/// `plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Keep routes whose degree or credential has a subject whose words begin with TEXT's
    /// words; repeatable or comma-separated: any may match
    #[arg(long, short = 's', value_name = "TEXT", value_delimiter = ',')]
    pub subject: Vec<String>,

    /// Keep routes whose degree or credential comes from an institution matching TEXT (id, name
    /// or short name, by word starts); repeatable or comma-separated
    #[arg(long, short = 'u', value_name = "TEXT", value_delimiter = ',')]
    pub university: Vec<String>,

    /// Only routes to this catalogue degree (repeatable)
    #[arg(long, value_name = "DEGREE_ID")]
    pub toward: Vec<String>,

    /// Only degrees of this kind (repeatable)
    #[arg(long, short = 'k', value_name = "KIND", value_parser = named::<Kind>(&["masters", "bachelors"]))]
    pub kind: Vec<Kind>,

    /// Keep routes whose total cost is at most AMOUNT (by the high end), in the display currency
    #[arg(long, value_name = "AMOUNT", value_parser = parse_non_negative)]
    pub budget: Option<f64>,

    /// Keep routes whose total months are at most N (by the high end)
    #[arg(long, value_name = "N", value_parser = parse_positive)]
    pub max_months: Option<f64>,

    /// Show routes through retired programs too (hidden by default)
    #[arg(long)]
    pub include_retired: bool,

    #[command(flatten)]
    pub learner: LearnerArgs,

    /// Order by total `cost` (default) or `months`, by the middle of the range
    #[arg(long, value_name = "KEY", value_parser = named::<PlanSort>(PlanSort::NAMES))]
    pub sort: Option<PlanSort>,

    /// Keep the first N routes
    #[arg(long, short = 'n', value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: Option<u64>,
}

impl PlanArgs {
    /// The domain request.
    pub fn request(&self) -> PlanRequest {
        PlanRequest {
            filter: Filter {
                kinds: self.kind.clone(),
                subjects: self.subject.clone(),
                universities: self.university.clone(),
                toward: self.toward.clone(),
                include_retired: self.include_retired,
                ..Filter::default()
            },
            budget: self.budget,
            max_months: self.max_months,
            hours_per_week: self.learner.hours_per_week,
            aid: self.learner.aid,
            sort: self.sort,
            limit: self.limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        }
    }
}

/// `estimate`.
#[derive(Debug, Args)]
pub struct EstimateArgs {
    /// The program to estimate
    #[arg(value_name = "ID")]
    pub id: String,

    #[command(flatten)]
    pub learner: LearnerArgs,

    /// Courses you will take per term; prices your pace from the program's fee parts
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub courses_per_term: Option<u32>,

    /// A degree the credential counts toward: prices the credential, then the rest of it
    #[arg(long, value_name = "DEGREE_ID")]
    pub then: Option<String>,
}

impl EstimateArgs {
    /// The domain request.
    pub fn request(&self) -> estimate::Request {
        estimate::Request {
            hours_per_week: self.learner.hours_per_week,
            aid: self.learner.aid,
            courses_per_term: self.courses_per_term,
            then: self.then.clone(),
        }
    }
}

/// `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Catalogue files to check, loaded after the others
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
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

/// The command-line definition with `ids` as the values completion scripts offer for program
/// ids (`compare`, `show`, `estimate`), and `degrees` for the flags that take a degree
/// (`--then`, `--toward`). Only completion scripts use it: the parser still accepts any id, so
/// that programs from catalogues added later work too.
pub fn with_id_completions(command: clap::Command, ids: &[String], degrees: &[String]) -> clap::Command {
    let values = |ids: &[String]| -> Vec<clap::builder::PossibleValue> {
        ids.iter()
            .map(|id| clap::builder::PossibleValue::new(id.clone()))
            .collect()
    };
    let (ids, degrees) = (values(ids), values(degrees));
    let offer = |arg: clap::Arg| arg.value_parser(PossibleValuesParser::new(ids.clone()));
    let degree = |arg: clap::Arg| arg.value_parser(PossibleValuesParser::new(degrees.clone()));
    command
        .mut_subcommand("compare", |c| c.mut_arg("ids", offer).mut_arg("toward", degree))
        .mut_subcommand("chart", |c| c.mut_arg("ids", offer).mut_arg("toward", degree))
        .mut_subcommand("list", |c| c.mut_arg("toward", degree))
        .mut_subcommand("audit", |c| c.mut_arg("toward", degree))
        .mut_subcommand("plan", |c| c.mut_arg("toward", degree))
        .mut_subcommand("show", |c| c.mut_arg("ids", offer))
        .mut_subcommand("estimate", |c| c.mut_arg("id", offer).mut_arg("then", degree))
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
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal.is_some() && no_color.is_none_or(|v| v.is_empty()),
        };
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

/// Width of tables when stdout is not a terminal and `COLUMNS` is not set.
pub const DEFAULT_WIDTH: u16 = 80;

/// The terminal's width when stdout is one.
pub fn terminal_width() -> Option<u16> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    Some(comfy_table::Table::new().width().unwrap_or(DEFAULT_WIDTH))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

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
        assert_eq!(c.filter.pacing, Some(Pacing::SelfPaced));
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
            &["list", "--pacing", "both"],
            &["--format", "xml", "list"],
        ] {
            let result = Cli::try_parse_from(std::iter::once("micromasters").chain(args.iter().copied()));
            assert!(result.is_err(), "{args:?} was accepted");
        }
    }
}
