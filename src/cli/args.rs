//! The arguments of each command, and their conversion into plain domain values.

use clap::Args;
use std::path::PathBuf;

use super::named;
use crate::catalog::Kind;
use crate::catalog::Pacing;
use crate::estimate;
use crate::filter::{Filter, PacingWanted};
use crate::pace::{MAX_COURSES_PER_TERM, Pace};
use crate::plan::{PlanOrder, PlanRequest};
use crate::profile::Profile;
use crate::quantity::{parse_hours, parse_limit, parse_non_negative, parse_positive, parse_share};
use crate::rank::{self, Comparison, Order, Weights};
use crate::schedule::{Finances, GainFrom, Month};

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

    /// Keep programs with this pacing: `self-paced` and `instructor-led` keep mixed (`both`)
    /// programs too; `self-paced-only` (start any time) and `instructor-led-only` do not; `both`
    /// keeps only mixed ones
    #[arg(long, value_name = "PACING", value_parser = named::<PacingWanted>(PacingWanted::NAMES))]
    pub pacing: Option<PacingWanted>,

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
            pace: Pace::default(),
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
    #[arg(long, short = 'n', value_name = "N", value_parser = parse_limit)]
    pub limit: Option<u64>,

    /// Compare the programs of your profile's `shortlist`
    #[arg(long)]
    pub shortlist: bool,

    /// Hours a week you will study: months (shown, filtered, scored and sorted) at your pace
    /// where the catalogue has what it needs, else advertised and marked
    #[arg(long, value_name = "H", value_parser = parse_hours)]
    pub hours_per_week: Option<f64>,

    /// Courses you will take per term (1 to 12): months of programs with terms at your pace
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_COURSES_PER_TERM)))]
    pub courses_per_term: Option<u32>,
}

impl CompareArgs {
    /// The domain request.
    pub fn comparison(&self) -> Comparison {
        Comparison {
            ids: self.ids.clone(),
            filter: Filter {
                pace: Pace {
                    hours_per_week: self.hours_per_week,
                    courses_per_term: self.courses_per_term,
                },
                ..self.filters.filter()
            },
            order: self.sort.0.clone(),
            weights: self.weights.unwrap_or_default(),
            prefer: self.prefer,
            limit: self.limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        }
    }
}

/// `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Order instead of by institution: a comma list of cost, months, credit, pacing, name
    /// (as `compare --sort`; `-` reverses a key; ties by id)
    #[arg(long, value_name = "KEYS", allow_hyphen_values = true, value_parser = rank::parse_list_order)]
    pub sort: Option<Order>,

    /// Keep the first N programs
    #[arg(long, short = 'n', value_name = "N", value_parser = parse_limit)]
    pub limit: Option<u64>,
}

impl ListArgs {
    /// The order asked for, if any, and the limit.
    pub fn listing(&self) -> (Option<Vec<rank::OrderKey>>, Option<usize>) {
        (
            self.sort.as_ref().map(|o| o.0.clone()),
            self.limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        )
    }
}

/// `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Program ids
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,

    /// One row per pathway (program, degree, school, amount, note) instead of every field
    #[arg(long)]
    pub pathways: bool,
}

/// What the learner says of themselves, for `estimate` and `plan`.
#[derive(Debug, Args, Default)]
pub struct LearnerArgs {
    /// Hours a week you will study (at most 168); turns the advertised effort into months at
    /// your pace
    #[arg(long, value_name = "H", value_parser = parse_hours)]
    pub hours_per_week: Option<f64>,

    /// Courses you will take per term (1 to 12): sets the months of programs with terms, and
    /// prices a program with fee parts at your pace
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_COURSES_PER_TERM)))]
    pub courses_per_term: Option<u32>,

    /// Financial aid you hope for (`0.5` or `50%`), capped at what the program offers
    #[arg(long, value_name = "SHARE", value_parser = parse_share, allow_hyphen_values = true)]
    pub aid: Option<f64>,

    /// The month you start, `YYYY-MM` (default: next month): places the payments by year
    #[arg(long, value_name = "YYYY-MM", value_parser = Month::parse)]
    pub start: Option<Month>,

    /// The most your employer reimburses in one calendar year, in the display currency
    #[arg(long, value_name = "AMOUNT", value_parser = parse_non_negative)]
    pub employer_cap: Option<f64>,

    /// The share of each payment your employer reimburses (`1` or `100%`, the default), within
    /// the cap
    #[arg(long, value_name = "SHARE", value_parser = parse_share, allow_hyphen_values = true)]
    pub employer_share: Option<f64>,

    /// What the degree adds to your salary a year, in the display currency: gives the months
    /// until it repays what you paid
    #[arg(long, value_name = "AMOUNT", value_parser = parse_non_negative)]
    pub salary_gain: Option<f64>,

    /// Count the salary gain from the route's `finish` (default) or its `start`
    #[arg(long, value_name = "WHEN", value_parser = ["finish", "start"])]
    pub gain_from: Option<String>,

    /// Your own cost for each month on campus (living costs, income given up), added for the
    /// months of campus and blended programs
    #[arg(long, value_name = "AMOUNT", value_parser = parse_non_negative)]
    pub campus_cost_per_month: Option<f64>,
}

impl LearnerArgs {
    /// The learner as the domain takes them.
    pub fn request(&self) -> estimate::Request {
        estimate::Request {
            pace: Pace {
                hours_per_week: self.hours_per_week,
                courses_per_term: self.courses_per_term,
            },
            aid: self.aid,
            finances: Finances {
                start: self.start,
                employer_cap: self.employer_cap,
                employer_share: self.employer_share,
                salary_gain: self.salary_gain,
                gain_from: if self.gain_from.as_deref() == Some("start") {
                    GainFrom::Start
                } else {
                    GainFrom::Finish
                },
                campus_cost_per_month: self.campus_cost_per_month,
            },
        }
    }
}

/// `plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Keep routes one of whose programs has a subject whose words begin with TEXT's words;
    /// repeatable or comma-separated: any may match
    #[arg(long, short = 's', value_name = "TEXT", value_delimiter = ',')]
    pub subject: Vec<String>,

    /// Keep routes one of whose programs comes from an institution matching TEXT (id, name or
    /// short name, by word starts); repeatable or comma-separated
    #[arg(long, short = 'u', value_name = "TEXT", value_delimiter = ',')]
    pub university: Vec<String>,

    /// Only routes to this catalogue degree (repeatable)
    #[arg(long, value_name = "DEGREE_ID")]
    pub toward: Vec<String>,

    /// Only degrees of this kind (repeatable)
    #[arg(long, short = 'k', value_name = "KIND", value_parser = named::<Kind>(&["masters", "bachelors"]))]
    pub kind: Vec<Kind>,

    /// Keep routes whose total cost is at most AMOUNT (by the high end), in the display
    /// currency; a route with unknown parts is kept, marked "may fit", when its lower bound is
    #[arg(long, value_name = "AMOUNT", value_parser = parse_non_negative)]
    pub budget: Option<f64>,

    /// Keep routes whose total months are at most N (by the high end; bounded routes by their
    /// lower bound, marked "may fit")
    #[arg(long, value_name = "N", value_parser = parse_positive)]
    pub max_months: Option<f64>,

    /// Keep routes every program of which can be taken at this pacing (values as for
    /// `compare --pacing`)
    #[arg(long, value_name = "PACING", value_parser = named::<PacingWanted>(PacingWanted::NAMES))]
    pub pacing: Option<PacingWanted>,

    /// Show routes through retired programs too (hidden by default)
    #[arg(long)]
    pub include_retired: bool,

    #[command(flatten)]
    pub learner: LearnerArgs,

    /// Order: a comma list of cost (default), months (each by the middle of a known range, else
    /// the lower bound), saving (against the degree alone, most first), payback (soonest
    /// first); `-` reverses a key; then cost, months and the route's id
    #[arg(long, value_name = "KEYS", allow_hyphen_values = true, value_parser = crate::plan::parse_order)]
    pub sort: Option<PlanOrder>,

    /// Keep the first N routes
    #[arg(long, short = 'n', value_name = "N", value_parser = parse_limit)]
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
                pacing: self.pacing,
                include_retired: self.include_retired,
                pace: Pace::default(),
                ..Filter::default()
            },
            budget: self.budget,
            max_months: self.max_months,
            learner: self.learner.request(),
            sort: self.sort.clone().unwrap_or_default(),
            limit: self.limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        }
    }
}

/// `estimate`.
#[derive(Debug, Args)]
pub struct EstimateArgs {
    /// The program to estimate; several side by side, one column each
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,

    #[command(flatten)]
    pub learner: LearnerArgs,

    /// A program the one before counts toward (a degree, or a credential that counts toward
    /// another): prices each, then the rest; give it twice for three steps
    #[arg(long, value_name = "ID", action = clap::ArgAction::Append)]
    pub then: Vec<String>,
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

/// `profile`.
#[derive(Debug, Args, Default)]
pub struct ProfileArgs {
    #[command(flatten)]
    pub learner: LearnerArgs,

    /// A budget, as `plan --budget` takes it
    #[arg(long, value_name = "AMOUNT", value_parser = parse_non_negative)]
    pub budget: Option<f64>,

    /// The most months, as `plan --max-months` takes it
    #[arg(long, value_name = "N", value_parser = parse_positive)]
    pub max_months: Option<f64>,
}

impl LearnerArgs {
    /// Takes from `profile` what no flag gave.
    pub fn fill_from(&mut self, profile: &Profile) {
        self.hours_per_week = self.hours_per_week.or(profile.hours_per_week);
        self.courses_per_term = self.courses_per_term.or(profile.courses_per_term);
        self.aid = self.aid.or(profile.aid);
        self.start = self.start.or(profile.start);
        self.employer_cap = self.employer_cap.or(profile.employer_cap);
        self.employer_share = self.employer_share.or(profile.employer_share);
        self.salary_gain = self.salary_gain.or(profile.salary_gain);
        self.campus_cost_per_month = self.campus_cost_per_month.or(profile.campus_cost_per_month);
        if self.gain_from.is_none() {
            self.gain_from = profile.gain_from.map(|g| match g {
                GainFrom::Start => "start".to_string(),
                GainFrom::Finish => "finish".to_string(),
            });
        }
    }
}
