//! The public's barrier reports in the periodic report: of the reports received in the
//! period, how many were answered within the time departments are given (from being sent
//! to the first answer), how many late (answered after it, or still unanswered past it),
//! and how they ended, as they stand when the report is made; in total, by the department
//! that answers them (places in no registry under the coordinators) and by area.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use uuid::Uuid;

use super::{Named, Period};
use crate::domain::barrier::ReportState;
use crate::domain::geo::Coordinates;

/// How long a department has to answer a report, unless the server is told otherwise.
pub const ANSWER_DAYS: u64 = 15;

/// One barrier report as the periodic report reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct BarrierFact {
    /// The department that answers it; none for a place in no registry.
    pub department: Option<Uuid>,
    /// The area it lies in, if known.
    pub area: Option<Uuid>,
    /// Where, to place it in the areas of another day.
    pub position: Coordinates,
    /// The province's day it was received.
    pub received_on: NaiveDate,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// When it was first answered (past "received").
    pub answered_at: Option<DateTime<Utc>>,
    /// Where it stands now.
    pub state: ReportState,
}

/// The figures of one group's barrier reports for a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BarrierFigures {
    /// Reports received in the period.
    pub received: u64,
    /// Of those, first answered within the time given.
    pub answered_in_time: u64,
    /// Answered after the time given, or still unanswered past it.
    pub late: u64,
    /// Not answered yet, and the time given not yet out.
    pub awaiting: u64,
    /// Confirmed as barriers.
    pub confirmed: u64,
    /// A follow-up audit planned.
    pub follow_up_planned: u64,
    /// Not barriers.
    pub not_a_barrier: u64,
    /// Duplicates of other reports.
    pub duplicate: u64,
    /// Still received or under review.
    pub still_open: u64,
}

/// One figure of [`BarrierFigures`]: the list every format iterates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarrierFigure {
    /// [`BarrierFigures::received`].
    Received,
    /// [`BarrierFigures::answered_in_time`].
    AnsweredInTime,
    /// [`BarrierFigures::late`].
    Late,
    /// [`BarrierFigures::awaiting`].
    Awaiting,
    /// [`BarrierFigures::confirmed`].
    Confirmed,
    /// [`BarrierFigures::follow_up_planned`].
    FollowUpPlanned,
    /// [`BarrierFigures::not_a_barrier`].
    NotABarrier,
    /// [`BarrierFigures::duplicate`].
    Duplicate,
    /// [`BarrierFigures::still_open`].
    StillOpen,
}

impl BarrierFigure {
    /// Every figure, in the order the tables show them.
    pub const ALL: [BarrierFigure; 9] = [
        BarrierFigure::Received,
        BarrierFigure::AnsweredInTime,
        BarrierFigure::Late,
        BarrierFigure::Awaiting,
        BarrierFigure::Confirmed,
        BarrierFigure::FollowUpPlanned,
        BarrierFigure::NotABarrier,
        BarrierFigure::Duplicate,
        BarrierFigure::StillOpen,
    ];

    /// Its name in the data (JSON keys; stable).
    pub fn key(self) -> &'static str {
        match self {
            BarrierFigure::Received => "received",
            BarrierFigure::AnsweredInTime => "answered_in_time",
            BarrierFigure::Late => "late",
            BarrierFigure::Awaiting => "awaiting_answer",
            BarrierFigure::Confirmed => "confirmed",
            BarrierFigure::FollowUpPlanned => "follow_up_planned",
            BarrierFigure::NotABarrier => "not_a_barrier",
            BarrierFigure::Duplicate => "duplicate",
            BarrierFigure::StillOpen => "still_open",
        }
    }

    /// Its value in `f`.
    pub fn of(self, f: &BarrierFigures) -> u64 {
        match self {
            BarrierFigure::Received => f.received,
            BarrierFigure::AnsweredInTime => f.answered_in_time,
            BarrierFigure::Late => f.late,
            BarrierFigure::Awaiting => f.awaiting,
            BarrierFigure::Confirmed => f.confirmed,
            BarrierFigure::FollowUpPlanned => f.follow_up_planned,
            BarrierFigure::NotABarrier => f.not_a_barrier,
            BarrierFigure::Duplicate => f.duplicate,
            BarrierFigure::StillOpen => f.still_open,
        }
    }
}

/// One department's or area's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct BarrierRow {
    /// The department or area; none for places in no registry (by department) or outside
    /// every known area (by area).
    pub key: Option<Named>,
    /// Its figures.
    pub figures: BarrierFigures,
}

/// The barrier reports of a periodic report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BarrierReports {
    /// The days departments are given to answer.
    pub answer_days: u64,
    /// Every report in scope.
    pub total: BarrierFigures,
    /// By the department that answers them: each department of the report, then the
    /// places in no registry (the coordinators) unless the report is of one department.
    pub by_department: Vec<BarrierRow>,
    /// By area, each area that received one (by name), then those outside every known area.
    pub by_area: Vec<BarrierRow>,
}

/// Which departments and areas the rows are of, and how long departments have to answer.
#[derive(Debug, Clone, Copy)]
pub struct Counting<'a> {
    /// The departments of the report, each with a row.
    pub departments: &'a [Named],
    /// Every area a report may name.
    pub areas: &'a [Named],
    /// True when the report covers the places in no registry too (it is of no one
    /// department).
    pub unregistered: bool,
    /// The days departments are given to answer.
    pub answer_days: u64,
}

impl BarrierFigures {
    /// Adds `r`, a report received in the period, as it stands at `now`.
    fn add(&mut self, r: &BarrierFact, time: Duration, now: DateTime<Utc>) {
        self.received += 1;
        match r.answered_at {
            Some(at) if at - r.sent_at <= time => self.answered_in_time += 1,
            Some(_) => self.late += 1,
            None if now - r.sent_at > time => self.late += 1,
            None => self.awaiting += 1,
        }
        match r.state {
            ReportState::Confirmed => self.confirmed += 1,
            ReportState::FollowUpPlanned => self.follow_up_planned += 1,
            ReportState::NotABarrier => self.not_a_barrier += 1,
            ReportState::Duplicate => self.duplicate += 1,
            ReportState::Received | ReportState::UnderReview => self.still_open += 1,
        }
    }
}

/// Counts the reports of `facts` received in `period`, as they stand at `now`.
pub fn count(
    facts: &[BarrierFact],
    rows: Counting<'_>,
    period: Period,
    now: DateTime<Utc>,
) -> BarrierReports {
    let time = Duration::days(i64::try_from(rows.answer_days).unwrap_or(365));
    let mut total = BarrierFigures::default();
    let mut by_department: HashMap<Option<Uuid>, BarrierFigures> = HashMap::new();
    let mut by_area: HashMap<Option<Uuid>, BarrierFigures> = HashMap::new();
    for r in facts.iter().filter(|r| period.holds(r.received_on)) {
        total.add(r, time, now);
        by_department
            .entry(r.department)
            .or_default()
            .add(r, time, now);
        by_area.entry(r.area).or_default().add(r, time, now);
    }
    let mut departments: Vec<BarrierRow> = rows
        .departments
        .iter()
        .map(|d| BarrierRow {
            key: Some(d.clone()),
            figures: by_department.remove(&Some(d.id)).unwrap_or_default(),
        })
        .collect();
    if rows.unregistered {
        departments.push(BarrierRow {
            key: None,
            figures: by_department.remove(&None).unwrap_or_default(),
        });
    }
    let names: HashMap<Uuid, &Named> = rows.areas.iter().map(|a| (a.id, a)).collect();
    let mut areas: Vec<BarrierRow> = by_area
        .into_iter()
        .map(|(id, figures)| BarrierRow {
            key: id.and_then(|id| names.get(&id).map(|a| (*a).clone())),
            figures,
        })
        .collect();
    // Named areas by name, then those outside every known area.
    areas.sort_by(|a, b| match (&a.key, &b.key) {
        (Some(x), Some(y)) => (x.name.vi.as_str(), &x.code).cmp(&(y.name.vi.as_str(), &y.code)),
        (a, b) => b.is_some().cmp(&a.is_some()),
    });
    BarrierReports {
        answer_days: rows.answer_days,
        total,
        by_department: departments,
        by_area: areas,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Bilingual;

    fn named(n: u128, code: &str) -> Named {
        Named {
            id: Uuid::from_u128(n),
            code: code.into(),
            name: Bilingual {
                vi: code.into(),
                en: code.into(),
            },
        }
    }

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(2026, 3, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .expect("a time")
            .and_utc()
    }

    /// A report sent on 1 March at 03:00, answered `after` days later (if at all).
    fn sent(
        department: Option<u128>,
        area: Option<u128>,
        after: Option<i64>,
        state: ReportState,
    ) -> BarrierFact {
        BarrierFact {
            department: department.map(Uuid::from_u128),
            area: area.map(Uuid::from_u128),
            position: Coordinates::new(106.76, 21.85).expect("a point"),
            received_on: at(1, 3).date_naive(),
            sent_at: at(1, 3),
            answered_at: after.map(|d| at(1, 3) + Duration::days(d)),
            state,
        }
    }

    fn march() -> Period {
        Period::new(
            NaiveDate::from_ymd_opt(2026, 3, 1).expect("a day"),
            NaiveDate::from_ymd_opt(2026, 3, 31).expect("a day"),
        )
        .expect("a period")
    }

    #[test]
    fn answered_within_the_days_given_counts_in_time_and_unanswered_past_them_late() {
        use ReportState::*;
        let facts = [
            sent(Some(1), Some(10), Some(10), Confirmed),
            sent(Some(1), Some(10), Some(15), NotABarrier),
            sent(Some(1), Some(11), Some(20), FollowUpPlanned),
            sent(Some(2), None, None, Received),
            sent(None, Some(11), Some(1), Duplicate),
            sent(None, Some(11), None, Received),
        ];
        let departments = [named(1, "construction"), named(2, "culture")];
        let areas = [named(10, "b-town"), named(11, "a-commune")];
        let rows = Counting {
            departments: &departments,
            areas: &areas,
            unregistered: true,
            answer_days: 15,
        };
        // On 10 March the unanswered are still awaiting their answer.
        let early = count(&facts, rows, march(), at(10, 3));
        assert_eq!(
            (
                early.total.received,
                early.total.answered_in_time,
                early.total.late,
                early.total.awaiting
            ),
            (6, 3, 1, 2)
        );
        // On 17 March (more than 15 days after 1 March 03:00) they are late.
        let r = count(&facts, rows, march(), at(17, 4));
        let t = r.total;
        assert_eq!(
            (t.received, t.answered_in_time, t.late, t.awaiting),
            (6, 3, 3, 0)
        );
        assert_eq!(
            (
                t.confirmed,
                t.follow_up_planned,
                t.not_a_barrier,
                t.duplicate,
                t.still_open
            ),
            (1, 1, 1, 1, 2)
        );
        let keys: Vec<Option<&str>> = r
            .by_department
            .iter()
            .map(|row| row.key.as_ref().map(|k| k.code.as_str()))
            .collect();
        assert_eq!(keys, [Some("construction"), Some("culture"), None]);
        let c = r.by_department[0].figures;
        assert_eq!((c.received, c.answered_in_time, c.late), (3, 2, 1));
        let unregistered = r.by_department[2].figures;
        assert_eq!(
            (
                unregistered.received,
                unregistered.late,
                unregistered.duplicate
            ),
            (2, 1, 1)
        );
        let areas: Vec<(Option<&str>, u64)> = r
            .by_area
            .iter()
            .map(|row| {
                (
                    row.key.as_ref().map(|k| k.code.as_str()),
                    row.figures.received,
                )
            })
            .collect();
        assert_eq!(
            areas,
            [(Some("a-commune"), 3), (Some("b-town"), 2), (None, 1)]
        );
        let sum: u64 = r.by_area.iter().map(|row| row.figures.received).sum();
        assert_eq!(sum, t.received);
    }

    #[test]
    fn a_report_of_another_period_or_of_one_department_counts_apart() {
        let mut before = sent(Some(1), None, None, ReportState::Received);
        before.received_on = NaiveDate::from_ymd_opt(2026, 2, 28).expect("a day");
        let departments = [named(1, "construction")];
        let rows = Counting {
            departments: &departments,
            areas: &[],
            unregistered: false,
            answer_days: 15,
        };
        let r = count(&[before], rows, march(), at(31, 0));
        assert_eq!(r.total, BarrierFigures::default());
        assert_eq!(r.by_department.len(), 1, "no row of the coordinators");
        assert!(r.by_area.is_empty());
        let each: Vec<u64> = BarrierFigure::ALL
            .iter()
            .map(|f| {
                f.of(&BarrierFigures {
                    received: 1,
                    late: 3,
                    still_open: 9,
                    ..BarrierFigures::default()
                })
            })
            .collect();
        assert_eq!(each, [1, 0, 3, 0, 0, 0, 0, 0, 9]);
    }
}
