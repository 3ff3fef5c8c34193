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

/// The open end of a rule: from `from`, `required`, and one more for every further `per`
/// (so `from + per` needs `required + 1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Over {
    /// The first total of the open end.
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
    use super::*;

    /// QCVN 10:2024/BXD 2.1.1 Table 1, accessible car spaces.
    fn parking() -> Requirement {
        let row = |up_to, required| Step { up_to, required };
        Requirement::Table {
            rows: vec![row(5, 0), row(50, 1), row(100, 2), row(150, 3), row(200, 4)],
            over: Some(Over {
                from: 201,
                required: 5,
                per: 100,
            }),
        }
    }

    /// QCVN 10:2024/BXD 2.5.2 Table 2, wheelchair spaces.
    fn seating() -> Requirement {
        let row = |up_to, required| Step { up_to, required };
        Requirement::Table {
            rows: vec![
                row(30, 1),
                row(50, 2),
                row(100, 3),
                row(300, 5),
                row(600, 6),
            ],
            over: Some(Over {
                from: 601,
                required: 6,
                per: 200,
            }),
        }
    }

    #[test]
    fn parking_table_1_at_every_row_boundary() {
        let t = parking();
        for (total, required) in [
            (0, 0),
            (5, 0),
            (6, 1),
            (50, 1),
            (51, 2),
            (100, 2),
            (101, 3),
            (150, 3),
            (151, 4),
            (200, 4),
            (201, 5),
            (300, 5),
            (301, 6),
            (1000, 12),
        ] {
            assert_eq!(t.required(total), required, "{total} spaces");
        }
        assert!(t.met(120, 3));
        assert!(!t.met(120, 2));
    }

    #[test]
    fn seating_table_2_at_every_row_boundary() {
        let t = seating();
        for (total, required) in [
            (1, 1),
            (30, 1),
            (31, 2),
            (50, 2),
            (51, 3),
            (100, 3),
            (101, 5),
            (300, 5),
            (301, 6),
            (600, 6),
            (601, 6),
            (800, 6),
            (801, 7),
        ] {
            assert_eq!(t.required(total), required, "{total} seats");
        }
    }

    /// QCVN 10:2024/BXD 2.5.4, hotel rooms: up to 100, 5 % and at least 1; above, one
    /// more per further 50.
    #[test]
    fn hotel_rooms_share_then_one_per_further_fifty() {
        let hotel = Requirement::Share {
            percent: 5.0,
            at_least: 1,
            up_to: Some(100),
            over: Some(Over {
                from: 101,
                required: 6,
                per: 50,
            }),
        };
        for (total, required) in [
            (0, 0),
            (1, 1),
            (20, 1),
            (21, 2),
            (40, 2),
            (41, 3),
            (100, 5),
            (101, 6),
            (150, 6),
            (151, 7),
        ] {
            assert_eq!(hotel.required(total), required, "{total} rooms");
        }
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
