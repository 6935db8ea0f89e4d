//! The parts of a program checked on their own: its fee table, and each credit table (one
//! pathway) with the amount in the unit its source gives.

use toml::Spanned;

use super::super::raw::{RawCredit, RawFees};
use super::{Findings, MAX_AMOUNT, MAX_COUNT, MAX_MONTHS, date, is_slug, number_in, word};
use crate::catalog::amount::Stated;
use crate::catalog::model::{Fees, Grants, Pathway, PathwayStatus, Program, Target, Text, Tuition};

/// Checks each fee part on its own; what the parts need of the program is checked once
/// corrections are merged.
pub(super) fn check_fees(f: &mut Findings, fees: &Spanned<RawFees>) -> Fees {
    let raw = fees.get_ref();
    let parts = [
        ("per_course", &raw.per_course),
        ("per_credit", &raw.per_credit),
        ("per_term", &raw.per_term),
        ("one_off", &raw.one_off),
    ];
    for (key, value) in parts {
        if let Some(v) = value {
            number_in(f, v, key, 0.0, false, MAX_AMOUNT);
        }
    }
    if let Some(t) = &raw.term_months {
        number_in(f, t, "term_months", 0.0, true, MAX_MONTHS);
    }
    let get = |v: &Option<Spanned<f64>>| v.as_ref().map(|s| *s.get_ref());
    Fees {
        per_course: get(&raw.per_course),
        per_credit: get(&raw.per_credit),
        per_term: get(&raw.per_term),
        term_months: get(&raw.term_months),
        one_off: get(&raw.one_off),
    }
}

/// What a program's fee parts need of the rest of it, checked on the merged program; each
/// problem with the index of the offset in `References::fees` it stands at.
pub fn fee_needs(program: &Program) -> Vec<(usize, &'static str)> {
    let Some(fees) = &program.fees else {
        return Vec::new();
    };
    let mut found = Vec::new();
    if **fees == Fees::default() {
        found.push((0, "`fees` is empty; give at least one of `per_course`, `per_credit`, `per_term`, `term_months`, `one_off`"));
    }
    if fees.per_course.is_some() && program.courses.is_none() {
        found.push((1, "`per_course` needs the program's `courses`; add `courses = N`"));
    }
    if fees.per_credit.is_some() && program.credits.is_none() {
        found.push((2, "`per_credit` needs the program's `credits`; add `credits = N`"));
    }
    if fees.per_term.is_some() {
        if fees.term_months.is_none() {
            found.push((3, "`per_term` needs `term_months` in the same table"));
        } else if program.courses.is_none() {
            found.push((3, "`per_term` needs the program's `courses`; add `courses = N`"));
        }
    }
    found
}

pub(super) fn check_credit(f: &mut Findings, credit: &Spanned<RawCredit>) -> Option<Pathway> {
    let raw = credit.get_ref();
    let before = f.problems.len();
    let ends = date(f, raw.ends.as_ref());
    let grants = word::<Grants>(f, raw.grants.as_ref(), Grants::NAMES).unwrap_or(Grants::Credit);
    let tuition = word::<Tuition>(f, raw.tuition.as_ref(), Tuition::NAMES).unwrap_or(Tuition::Reduced);
    let status =
        word::<PathwayStatus>(f, raw.status.as_ref(), PathwayStatus::NAMES).unwrap_or(PathwayStatus::Active);
    let mut share = None;
    if let Some(stated) = &raw.share {
        match stated.get_ref() {
            Stated::Unknown => {}
            Stated::Known(a) if a.min != a.max => f.at(
                stated,
                "`share` is one number in (0, 1] or \"unknown\", not a range",
            ),
            Stated::Known(a) => {
                number_in(f, &Spanned::new(stated.span(), a.min), "share", 0.0, true, 1.0);
                share = Some(a.min);
            }
        }
    }
    if let Some(credits) = &raw.credits {
        number_in(f, credits, "credits", 0.0, true, MAX_COUNT);
    }
    if let Some(of) = &raw.of {
        number_in(f, of, "of", 0.0, true, MAX_COUNT);
        match &raw.credits {
            None => f.at(of, "`of` goes with `credits`: the degree's total in the same unit"),
            Some(c) if c.get_ref() > of.get_ref() => f.at(
                c,
                format!(
                    "`credits` ({}) is more than `of` ({}): a pathway never counts for more than the whole degree",
                    c.get_ref(),
                    of.get_ref()
                ),
            ),
            Some(_) => {}
        }
    }
    match (grants, &raw.share, &raw.credits) {
        (Grants::Credit, None, None) => f.at(
            credit,
            "a credit pathway needs `share` (a number, or \"unknown\" where no source gives it) or `credits`",
        ),
        (Grants::Credit, Some(s), Some(_)) => f.at(
            s,
            "give one of `share` and `credits`, not both: the share is computed from credits",
        ),
        (Grants::Admission, Some(_), _) | (Grants::Admission, _, Some(_)) => f.at(
            credit,
            "`grants = \"admission\"` is a route in without credit: give neither `share` nor `credits`",
        ),
        _ => {}
    }
    let target = target(f, credit);
    if f.problems.len() > before {
        return None;
    }
    let credits = raw.credits.as_ref().map(|c| *c.get_ref());
    let of = raw.of.as_ref().map(|o| *o.get_ref());
    Some(Pathway {
        target: target?,
        grants,
        // With credits of a stated total the share is known now; against a catalogue degree's
        // own credits it is worked out once every source is loaded.
        share: share.or_else(|| Some(credits? / of?)),
        credits,
        of,
        unit: raw.unit.as_deref().map(Text::from),
        tuition,
        note: raw.note.as_deref().map(Text::from),
        status,
        ends,
    })
}

/// Where a credit table leads: `toward` a catalogue program, or a `degree` outside it.
fn target(f: &mut Findings, credit: &Spanned<RawCredit>) -> Option<Target> {
    let raw = credit.get_ref();
    match (&raw.toward, &raw.degree) {
        (Some(toward), None) => {
            if let Some(at) = &raw.at {
                f.at(
                    at,
                    "`at` goes with `degree`, not `toward`: a catalogue degree names its institution itself",
                );
            }
            if !is_slug(toward.get_ref()) {
                f.at(
                    toward,
                    format!("`toward` must be a program id, found `{}`", toward.get_ref()),
                );
            }
            Some(Target::Program(Text::from(toward.get_ref().as_str())))
        }
        (None, Some(degree)) => Some(Target::Described {
            degree: Text::from(degree.as_str()),
            at: raw.at.as_ref().map(|a| Text::from(a.get_ref().as_str())),
        }),
        (Some(toward), Some(_)) => {
            f.at(toward, "a credit table takes `toward` (a program in the catalogue) or `degree` (one outside it), not both");
            None
        }
        (None, None) => {
            f.at(
                credit,
                "a credit table needs `toward` (a program in the catalogue) or `degree` (one outside it)",
            );
            None
        }
    }
}
