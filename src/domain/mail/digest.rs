//! What a daily message holds: sections of dated lines, each with a link. A reviewer's
//! digest has the department's overdue findings and those due within a week; a
//! coordinator's message has the findings long overdue. A reviewer's digest also lists the
//! reporting rounds whose part is due within a week, overdue, or returned to them.

use chrono::NaiveDate;

/// How far ahead a digest looks: findings due within this many days are listed.
pub const DUE_SOON_DAYS: i64 = 7;

/// What a section is about; its heading is worded per language where the text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Open findings past their due date.
    Overdue,
    /// Open findings due today or within [`DUE_SOON_DAYS`] days.
    DueSoon,
    /// Open findings overdue longer than the coordinator's setting (escalations).
    LongOverdue,
    /// Reporting rounds whose department part is due within a week, overdue, or returned.
    Rounds,
}

/// One dated thing to act on: a finding, or anything else a section lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Where (a site's name).
    pub place: String,
    /// What (a checklist item's text).
    pub what: String,
    /// When it is, or was, due.
    pub due: NaiveDate,
    /// The page that shows it, from the server's root (`/findings/ID`).
    pub path: String,
}

/// A heading's subject and its lines, due date first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// What the section is about.
    pub kind: SectionKind,
    /// Its lines, oldest due date first.
    pub lines: Vec<Line>,
}

/// A reviewer's digest sections from their department's open findings with a due date:
/// the overdue ones, then those due within a week; the rest are left out; then `rounds`
/// (the parts to write, already chosen), by due date. A section with no line is left out;
/// no section at all: nothing to say.
pub fn sections(today: NaiveDate, open: Vec<Line>, mut rounds: Vec<Line>) -> Vec<Section> {
    let soon = today + chrono::Duration::days(DUE_SOON_DAYS);
    let (mut overdue, mut due_soon): (Vec<Line>, Vec<Line>) = open
        .into_iter()
        .filter(|l| l.due <= soon)
        .partition(|l| l.due < today);
    overdue.sort_by(|a, b| (a.due, &a.place, &a.what).cmp(&(b.due, &b.place, &b.what)));
    due_soon.sort_by(|a, b| (a.due, &a.place, &a.what).cmp(&(b.due, &b.place, &b.what)));
    rounds.sort_by(|a, b| (a.due, &a.place).cmp(&(b.due, &b.place)));
    [
        (SectionKind::Overdue, overdue),
        (SectionKind::DueSoon, due_soon),
        (SectionKind::Rounds, rounds),
    ]
    .into_iter()
    .filter(|(_, lines)| !lines.is_empty())
    .map(|(kind, lines)| Section { kind, lines })
    .collect()
}

/// True for a finding due on `due` that is overdue `after_days` days or more on `today`:
/// the coordinator is told of it.
pub fn escalated(today: NaiveDate, due: NaiveDate, after_days: u32) -> bool {
    (today - due).num_days() >= i64::from(after_days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(place: &str, due: &str) -> Line {
        Line {
            place: place.to_owned(),
            what: "door".to_owned(),
            due: due.parse().expect("a date"),
            path: format!("/findings/{place}"),
        }
    }

    fn places(section: &Section) -> Vec<&str> {
        section.lines.iter().map(|l| l.place.as_str()).collect()
    }

    #[test]
    fn a_digest_lists_the_overdue_then_the_week_ahead_and_nothing_later() {
        let today: NaiveDate = "2026-03-10".parse().expect("a date");
        let got = sections(
            today,
            vec![
                line("in 20 days", "2026-03-30"),
                line("in 8 days", "2026-03-18"),
                line("in 7 days", "2026-03-17"),
                line("today", "2026-03-10"),
                line("yesterday", "2026-03-09"),
                line("a year ago", "2025-03-10"),
            ],
            Vec::new(),
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].kind, SectionKind::Overdue);
        assert_eq!(places(&got[0]), ["a year ago", "yesterday"]);
        assert_eq!(got[1].kind, SectionKind::DueSoon);
        assert_eq!(places(&got[1]), ["today", "in 7 days"]);
    }

    #[test]
    fn nothing_due_within_a_week_and_nothing_overdue_is_nothing_to_say() {
        let today: NaiveDate = "2026-03-10".parse().expect("a date");
        assert!(sections(today, vec![line("later", "2026-04-01")], Vec::new()).is_empty());
        assert!(sections(today, Vec::new(), Vec::new()).is_empty());
        let only_soon = sections(today, vec![line("soon", "2026-03-12")], Vec::new());
        assert_eq!(only_soon.len(), 1);
        assert_eq!(only_soon[0].kind, SectionKind::DueSoon);
    }

    #[test]
    fn the_rounds_to_write_come_last_by_due_date_and_alone_are_worth_a_message() {
        let today: NaiveDate = "2026-03-10".parse().expect("a date");
        let rounds = vec![
            line("Q1 round", "2026-03-31"),
            line("returned", "2026-03-05"),
        ];
        let got = sections(today, vec![line("yesterday", "2026-03-09")], rounds.clone());
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].kind, SectionKind::Rounds);
        assert_eq!(places(&got[1]), ["returned", "Q1 round"]);
        let alone = sections(today, Vec::new(), rounds);
        assert_eq!(alone.len(), 1);
        assert_eq!(alone[0].kind, SectionKind::Rounds);
    }

    #[test]
    fn a_finding_is_escalated_from_its_thirtieth_day_overdue() {
        let due: NaiveDate = "2026-03-01".parse().expect("a date");
        let day = |d: &str| d.parse::<NaiveDate>().expect("a date");
        assert!(!escalated(day("2026-03-30"), due, 30));
        assert!(escalated(day("2026-03-31"), due, 30));
        assert!(escalated(day("2026-05-01"), due, 30));
        assert!(escalated(day("2026-03-02"), due, 1));
    }
}
