//! Numbers as a user types them on the command line: shares (`0.5` or `50%`), positive
//! figures, amounts of money.

/// Parses a share: `0.5` or `50%`, in [0, 1].
///
/// ```
/// use micromasters::quantity::parse_share;
/// assert_eq!(parse_share("50%"), Ok(0.5));
/// assert_eq!(parse_share("0.25"), Ok(0.25));
/// assert!(parse_share("150%").is_err());
/// ```
pub fn parse_share(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let (number, scale) = match trimmed.strip_suffix('%') {
        Some(percent) => (percent.trim(), 100.0),
        None => (trimmed, 1.0),
    };
    let value = parse_finite(number)? / scale;
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "`{text}` is outside [0, 1]; write a share like `0.5` or `50%`"
        ))
    }
}

/// Parses a number greater than 0 (hours per week, months).
pub fn parse_positive(text: &str) -> Result<f64, String> {
    let value = parse_finite(text.trim())?;
    if value > 0.0 {
        Ok(value)
    } else {
        Err(format!("`{text}` must be greater than 0"))
    }
}

/// Hours in a week: the most anyone can study.
pub const HOURS_IN_A_WEEK: f64 = 168.0;

/// The fewest hours a week a learner may give: half an hour. Less is no pace a person means,
/// and would turn any program into centuries.
pub const FEWEST_HOURS_A_WEEK: f64 = 0.5;

/// Parses hours a week: from half an hour to the 168 hours in a week.
pub fn parse_hours(text: &str) -> Result<f64, String> {
    let value = parse_positive(text)?;
    if value < FEWEST_HOURS_A_WEEK {
        Err(format!(
            "`{text}` is less than half an hour a week; give 0.5 to 168"
        ))
    } else if value <= HOURS_IN_A_WEEK {
        Ok(value)
    } else {
        Err(format!("`{text}` is more than the 168 hours in a week"))
    }
}

/// The most money a figure typed on the command line may be: 10^15, in any currency.
pub const MOST_MONEY: f64 = 1e15;

/// Parses a number of 0 or more (an amount of money).
pub fn parse_non_negative(text: &str) -> Result<f64, String> {
    let value = parse_finite(text.trim().trim_start_matches('$').replace(',', "").as_str())?;
    if value < 0.0 {
        Err(format!("`{text}` must not be negative"))
    } else if value > MOST_MONEY {
        Err(format!("`{text}` is more than 10^15, more than any price"))
    } else {
        Ok(value)
    }
}

/// Parses a number of rows to keep: a whole number of 1 or more.
pub fn parse_limit(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => Err("`0` would keep nothing: give 1 or more (or leave out --limit for every row)".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{text}` is not a whole number of rows, like `10`")),
    }
}

fn parse_finite(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err(format!("`{text}` is not a finite number")),
        Err(_) => Err(format!("`{text}` is not a number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_read_as_fractions_or_percentages() {
        assert_eq!(parse_share("0.5"), Ok(0.5));
        assert_eq!(parse_share("50%"), Ok(0.5));
        assert_eq!(parse_share("100 %"), Ok(1.0));
        assert_eq!(parse_share("0"), Ok(0.0));
        assert!(parse_share("1.5").unwrap_err().contains("outside [0, 1]"));
        assert!(parse_share("-10%").is_err());
        assert!(parse_share("NaN").unwrap_err().contains("finite"));
        assert!(parse_share("half").unwrap_err().contains("not a number"));
    }

    #[test]
    fn positive_numbers_refuse_zero_negatives_and_infinity() {
        assert_eq!(parse_positive("7.5"), Ok(7.5));
        assert!(parse_positive("0").is_err());
        assert!(parse_positive("-1").is_err());
        assert!(parse_positive("inf").is_err());
    }

    #[test]
    fn hours_a_week_are_a_pace_a_person_could_mean() {
        assert_eq!(parse_hours("0.5"), Ok(0.5));
        assert_eq!(parse_hours("168"), Ok(168.0));
        assert!(parse_hours("5e-324").unwrap_err().contains("half an hour"));
        assert!(parse_hours("0.1").is_err());
        assert!(parse_hours("169").is_err());
        assert!(parse_non_negative("1e300").unwrap_err().contains("10^15"));
    }

    #[test]
    fn money_may_carry_a_dollar_sign_and_separators() {
        assert_eq!(parse_non_negative("$3,000"), Ok(3000.0));
        assert_eq!(parse_non_negative("0"), Ok(0.0));
        assert!(parse_non_negative("-5").is_err());
        assert!(parse_non_negative("1e999").is_err());
    }
}
