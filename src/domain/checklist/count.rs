//! Required numbers that depend on another number: accessible parking spaces by total
//! spaces (QCVN 10:2024/BXD Table 1), wheelchair spaces by seats (Table 2), accessible rooms
//! by rooms (2.5.3, 2.5.4), accessible toilets by toilets (2.5.5).

use serde::{Deserialize, Serialize};

/// One row of a table: totals up to `up_to` need `required`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The largest total of this row.
    pub up_to: u32,
    /// How many must be provided.
    pub required: u32,
}

/// The open end of a rule: above the last row, `required`, and one more for each full
/// further `per` counted from `from` (so `from + per` needs `required + 1`).
///
/// Files say `above = N`, the last total of the rows, and `from` is N: "over 600: 6 plus 1
/// per further 200" needs 6 for 601-799 seats and 7 for 800. Versions stored before that
/// reading kept `from` at N + 1 and are computed as they were.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Over {
    /// The total further brackets are counted from.
    pub from: u32,
    /// How many it needs.
    pub required: u32,
    /// Each further this many add one.
    pub per: u32,
}

impl Over {
    fn required(self, total: u32) -> u32 {
        self.required + (total - self.from) / self.per
    }
}

/// How many must be provided for a total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Requirement {
    /// Rows of a table, then the open end.
    Table {
        /// Rows by rising `up_to`.
        rows: Vec<Step>,
        /// Above the last row.
        over: Option<Over>,
    },
    /// A share of the total, rounded up, at least `at_least`; up to `up_to` when an open
    /// end follows.
    Share {
        /// Per cent of the total.
        percent: f64,
        /// Never fewer than this.
        at_least: u32,
        /// The largest total the share applies to, when `over` takes over above it.
        up_to: Option<u32>,
        /// Above `up_to`.
        over: Option<Over>,
    },
    /// One for every `per` of the total, or part of it.
    Per {
        /// How many of the total each one serves.
        per: u32,
    },
}

impl Requirement {
    /// How many must be provided when there are `total`.
    pub fn required(&self, total: u32) -> u32 {
        match self {
            Requirement::Table { rows, over } => rows
                .iter()
                .find(|row| total <= row.up_to)
                .map(|row| row.required)
                .or_else(|| over.map(|o| o.required(total.max(o.from))))
                .unwrap_or_else(|| rows.last().map_or(0, |r| r.required)),
            Requirement::Share {
                percent,
                at_least,
                up_to,
                over,
            } => match (up_to, over) {
                (Some(limit), Some(over)) if total > *limit => over.required(total.max(over.from)),
                _ if total == 0 => 0,
                _ => share(total, *percent).max(*at_least),
            },
            Requirement::Per { per } => total.div_ceil(*per),
        }
    }

    /// True when `provided` meets the requirement for `total`.
    pub fn met(&self, total: u32, provided: u32) -> bool {
        provided >= self.required(total)
    }
}

/// `percent` of `total`, rounded up, computed in whole numbers so 5 % of 20 is exactly 1.
fn share(total: u32, percent: f64) -> u32 {
    let hundredths = (percent * 100.0).round() as u64; // percent in 1/100 of a per cent
    let needed = u64::from(total) * hundredths;
    u32::try_from(needed.div_ceil(10_000)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    //! The shipped tables at every boundary are tested in `checklist::shipped`.
    use super::*;

    /// A version stored before the open ends were read as "one more per full further
    /// bracket" kept `from` one above the last row; it is computed as it was, so an old
    /// audit keeps its result.
    #[test]
    fn an_open_end_stored_under_the_old_reading_computes_as_before() {
        let old = Requirement::Table {
            rows: vec![Step {
                up_to: 600,
                required: 6,
            }],
            over: Some(Over {
                from: 601,
                required: 6,
                per: 200,
            }),
        };
        assert_eq!(old.required(800), 6);
        assert_eq!(old.required(801), 7);
    }

    /// QCVN 10:2024/BXD 2.5.3 (10 % of patient rooms) and 2.5.5 (5 % of toilets, at least
    /// one; one urinal in six).
    #[test]
    fn shares_round_up_and_per_counts_every_part() {
        let rooms = Requirement::Share {
            percent: 10.0,
            at_least: 0,
            up_to: None,
            over: None,
        };
        assert_eq!(rooms.required(10), 1);
        assert_eq!(rooms.required(11), 2);
        assert_eq!(rooms.required(100), 10);
        let toilets = Requirement::Share {
            percent: 5.0,
            at_least: 1,
            up_to: None,
            over: None,
        };
        assert_eq!(toilets.required(1), 1);
        assert_eq!(toilets.required(20), 1);
        assert_eq!(toilets.required(21), 2);
        let urinals = Requirement::Per { per: 6 };
        assert_eq!(urinals.required(0), 0);
        assert_eq!(urinals.required(1), 1);
        assert_eq!(urinals.required(6), 1);
        assert_eq!(urinals.required(7), 2);
        let every_floor = Requirement::Share {
            percent: 100.0,
            at_least: 1,
            up_to: None,
            over: None,
        };
        assert_eq!(every_floor.required(4), 4);
    }
}
