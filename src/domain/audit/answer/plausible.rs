//! Lengths probably read in the wrong unit: a handrail typed "90" with the unit left on mm
//! is 90 mm where the rule asks 865-965 mm, and 90 cm was meant. Such a value is kept (the
//! reading may be right) and the inspector is asked about it.

use super::Outcome;
use super::measured::Measured;
use crate::domain::checklist::{Answer, Item, Unit};

/// A value is far off when it is more than this many times below the rule's lower bound or
/// above its upper one; a value meant differently lies within this many times of the bound
/// an open range has.
const FAR: f64 = 3.0;

/// How near the range the value meant must come: within this share beyond its bounds.
const NEAR: f64 = 0.2;

/// The slips between mm, cm and m, the nearest first.
const SLIPS: [f64; 6] = [10.0, 0.1, 100.0, 0.01, 1000.0, 0.001];

/// When `value` (in `item`'s unit) fails far off the item's range while ten times it (or a
/// tenth, a hundred or a thousand times, the slips between mm, cm and m) would lie in or
/// near the range: the value probably meant, in the item's unit. Only lengths are asked
/// about, since that is where units slip; a close miss is a real failure and is not.
pub fn probably_meant(item: &Item, value: f64) -> Option<f64> {
    let Answer::Measure {
        unit: Unit::Mm | Unit::M,
        min,
        max,
        ..
    } = &item.answer
    else {
        return None;
    };
    let outcome = |v: f64| {
        Measured {
            value: Some(v),
            ..Measured::default()
        }
        .outcome(item)
    };
    if value <= 0.0 || outcome(value) != Some(Outcome::Fail) {
        return None;
    }
    let far = min.is_some_and(|min| value < min / FAR) || max.is_some_and(|max| value > max * FAR);
    if !far {
        return None;
    }
    let low = min
        .map(|min| min * (1.0 - NEAR))
        .or(max.map(|max| max / FAR));
    let high = max
        .map(|max| max * (1.0 + NEAR))
        .or(min.map(|min| min * FAR));
    SLIPS
        .iter()
        .map(|k| value * k)
        .find(|&meant| low.is_none_or(|low| meant >= low) && high.is_none_or(|high| meant <= high))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::fixtures;

    fn item(unit: Unit, min: Option<f64>, max: Option<f64>) -> Item {
        let checklist = fixtures::checklist(fixtures::MEASURED);
        let mut item = checklist.item("entrance.door").expect("item").clone();
        item.answer = Answer::Measure {
            unit,
            min,
            max,
            tolerance: None,
            strict: false,
        };
        item
    }

    fn near(got: Option<f64>, want: f64) -> bool {
        got.is_some_and(|got| (got - want).abs() < 1e-6)
    }

    #[test]
    fn a_handrail_typed_90_in_mm_was_probably_90_cm() {
        let handrail = item(Unit::Mm, Some(865.0), Some(965.0));
        assert!(near(probably_meant(&handrail, 90.0), 900.0));
        assert!(
            near(probably_meant(&handrail, 9000.0), 900.0),
            "9000 mm for 900"
        );
        assert_eq!(probably_meant(&handrail, 900.0), None, "it passes");
        assert_eq!(
            probably_meant(&handrail, 820.0),
            None,
            "a close miss is real"
        );
        assert_eq!(probably_meant(&handrail, 2000.0), None, "not ten times off");
    }

    #[test]
    fn an_open_range_asks_only_when_the_value_meant_is_near_its_bound() {
        let door = item(Unit::Mm, Some(900.0), None);
        assert!(
            near(probably_meant(&door, 85.0), 850.0),
            "85 cm, still narrow"
        );
        assert!(near(probably_meant(&door, 1.0), 1000.0), "1 m");
        assert_eq!(
            probably_meant(&door, 50.0),
            None,
            "neither 50 cm nor 5 m fits"
        );
        assert_eq!(probably_meant(&door, 850.0), None);
        let obstacle = item(Unit::Mm, None, Some(100.0));
        assert!(
            near(probably_meant(&obstacle, 500.0), 50.0),
            "50 cm for 50 mm"
        );
        assert_eq!(probably_meant(&obstacle, 150.0), None);
    }

    #[test]
    fn only_lengths_are_asked_about() {
        let slope = item(Unit::Ratio, None, Some(1.0 / 12.0));
        assert_eq!(probably_meant(&slope, 0.8), None);
        let time = item(Unit::Seconds, Some(20.0), None);
        assert_eq!(probably_meant(&time, 2.0), None);
    }
}
