//! Amounts: one number or a `[min, max]` range, and the word `"unknown"` where no source gives one.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};

/// A figure that is either exact (`min == max`) or a range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    pub min: f64,
    pub max: f64,
}

impl Amount {
    /// An exact figure.
    pub fn exact(value: f64) -> Self {
        Amount {
            min: value,
            max: value,
        }
    }

    /// A range; the caller has checked `min <= max`.
    pub fn range(min: f64, max: f64) -> Self {
        Amount { min, max }
    }

    /// The middle of the range, used where one number must stand for it.
    pub fn mid(self) -> f64 {
        f64::midpoint(self.min, self.max)
    }

    /// Both ends multiplied by `factor`.
    #[must_use]
    pub fn scale(self, factor: f64) -> Self {
        Amount {
            min: self.min * factor,
            max: self.max * factor,
        }
    }

    /// Low end plus low end, high end plus high end.
    #[must_use]
    pub fn plus(self, other: Amount) -> Self {
        Amount {
            min: self.min + other.min,
            max: self.max + other.max,
        }
    }

    /// The first problem with this amount, if any: not finite, negative, `min > max`,
    /// or (when `positive`) zero.
    pub fn problem(self, positive: bool) -> Option<String> {
        if !self.min.is_finite() || !self.max.is_finite() {
            return Some("numbers must be finite, not `inf` or `nan`".into());
        }
        if self.min > self.max {
            return Some(format!(
                "the range's minimum {} is greater than its maximum {}; write `[min, max]`",
                self.min, self.max
            ));
        }
        if positive && self.min <= 0.0 {
            return Some(format!("must be greater than 0, found {}", self.min));
        }
        if self.min < 0.0 {
            return Some(format!("must not be negative, found {}", self.min));
        }
        None
    }
}

/// An amount as written in a catalogue: a figure, or `"unknown"`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stated {
    Known(Amount),
    Unknown,
}

impl Stated {
    /// The amount, or `None` where the catalogue says `"unknown"`.
    pub fn known(self) -> Option<Amount> {
        match self {
            Stated::Known(a) => Some(a),
            Stated::Unknown => None,
        }
    }
}

struct AmountVisitor {
    allow_unknown: bool,
}

impl<'de> Visitor<'de> for AmountVisitor {
    type Value = Stated;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.allow_unknown {
            f.write_str("a number, a [min, max] pair or \"unknown\"")
        } else {
            f.write_str("a number or a [min, max] pair")
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Stated, E> {
        Ok(Stated::Known(Amount::exact(v as f64)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Stated, E> {
        Ok(Stated::Known(Amount::exact(v as f64)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Stated, E> {
        Ok(Stated::Known(Amount::exact(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Stated, E> {
        if self.allow_unknown && v == "unknown" {
            Ok(Stated::Unknown)
        } else {
            Err(E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Stated, A::Error> {
        let pair = "a [min, max] pair of two numbers";
        let min: f64 = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &pair))?;
        let max: f64 = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(1, &pair))?;
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(3, &pair));
        }
        Ok(Stated::Known(Amount::range(min, max)))
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(AmountVisitor { allow_unknown: false })? {
            Stated::Known(a) => Ok(a),
            // The visitor already refuses "unknown" here; this answer is never reached.
            Stated::Unknown => Err(de::Error::custom("\"unknown\" is not allowed here")),
        }
    }
}

impl<'de> Deserialize<'de> for Stated {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AmountVisitor { allow_unknown: true })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Doc {
        a: Stated,
        b: Option<Amount>,
    }

    fn parse(text: &str) -> Result<Doc, String> {
        toml::from_str(text).map_err(|e| e.message().to_string())
    }

    #[test]
    fn a_number_a_pair_and_unknown_all_parse() {
        let doc = parse("a = 1500\nb = [6, 12.5]").unwrap();
        assert_eq!(doc.a, Stated::Known(Amount::exact(1500.0)));
        assert_eq!(doc.b, Some(Amount::range(6.0, 12.5)));
        assert_eq!(parse("a = \"unknown\"").unwrap().a, Stated::Unknown);
    }

    #[test]
    fn other_shapes_are_refused_with_what_is_expected() {
        assert!(parse("a = \"cheap\"").unwrap_err().contains("\"unknown\""));
        assert!(parse("a = [1, 2, 3]").unwrap_err().contains("[min, max]"));
        assert!(parse("a = [1]").unwrap_err().contains("[min, max]"));
        assert!(
            parse("a = 1\nb = \"unknown\"")
                .unwrap_err()
                .contains("a number or a [min, max] pair")
        );
    }

    #[test]
    fn problems_name_the_first_rule_broken() {
        assert!(
            Amount::range(5.0, 2.0)
                .problem(false)
                .unwrap()
                .contains("greater than its maximum")
        );
        assert!(Amount::exact(-1.0).problem(false).unwrap().contains("negative"));
        assert!(
            Amount::exact(0.0)
                .problem(true)
                .unwrap()
                .contains("greater than 0")
        );
        assert!(Amount::exact(f64::NAN).problem(false).unwrap().contains("finite"));
        assert!(
            Amount::range(1.0, f64::INFINITY)
                .problem(false)
                .unwrap()
                .contains("finite")
        );
        assert_eq!(Amount::exact(0.0).problem(false), None);
        assert_eq!(Amount::range(6.0, 12.0).problem(true), None);
    }

    #[test]
    fn arithmetic_pairs_low_with_low_and_high_with_high() {
        let a = Amount::range(100.0, 200.0);
        assert_eq!(a.plus(Amount::exact(10.0)), Amount::range(110.0, 210.0));
        assert_eq!(a.scale(0.5), Amount::range(50.0, 100.0));
        assert_eq!(a.mid(), 150.0);
    }
}
