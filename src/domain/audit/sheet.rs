//! An audit as a whole: which items are asked, which are still missing, which need a
//! photo, and which failures become findings.
//!
//! An item of an optional section marked not applicable is not asked. An item that
//! `requires` another is asked only when that one passed (or an alternative was offered):
//! when there is no accessible toilet, its detail items are not asked, and the one failure
//! is one finding, not fifteen. A detail of a quota (`requires_when = at_least_one`) is
//! asked when at least one is provided, so the rooms that exist are checked even when the
//! hotel is one room short.

use std::collections::{HashMap, HashSet};

use super::Outcome;
use super::answer::ItemAnswer;
use crate::domain::checklist::{Checklist, Gate, Item, PhotoRule};

/// Where one item stands in an audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Answered; the result that counts.
    Answered(Outcome),
    /// Its section was marked not applicable.
    SectionNotApplicable,
    /// Not asked: the item it requires did not pass.
    NotAsked,
    /// Asked and not answered yet.
    Missing,
}

/// A reviewer's word on an offered alternative.
pub type Decisions = HashMap<String, bool>;

/// An audit's answers laid over its checklist.
#[derive(Debug)]
pub struct Sheet<'a> {
    checklist: &'a Checklist,
    answers: HashMap<&'a str, &'a ItemAnswer>,
    sections_not_applicable: HashSet<&'a str>,
    photos: HashMap<&'a str, usize>,
}

/// A failed item that becomes a finding when the audit is approved.
#[derive(Debug, Clone, Copy)]
pub struct Failure<'a> {
    /// The item.
    pub item: &'a Item,
    /// Its answer.
    pub answer: &'a ItemAnswer,
}

/// Items deeper than this in a chain of `requires` are treated as not asked; the loader
/// refuses cycles, this only guards stored versions against looping forever.
const DEPTH: usize = 32;

impl<'a> Sheet<'a> {
    /// Lays `answers`, the sections marked not applicable and the items photographed (one
    /// entry per photo) over `checklist`.
    pub fn new(
        checklist: &'a Checklist,
        answers: &'a [ItemAnswer],
        sections_not_applicable: impl IntoIterator<Item = &'a str>,
        photographed: impl IntoIterator<Item = &'a str>,
    ) -> Sheet<'a> {
        let mut photos: HashMap<&str, usize> = HashMap::new();
        for item in photographed {
            *photos.entry(item).or_default() += 1;
        }
        Sheet {
            checklist,
            answers: answers.iter().map(|a| (a.item.as_str(), a)).collect(),
            sections_not_applicable: sections_not_applicable.into_iter().collect(),
            photos,
        }
    }

    /// The checklist it is laid over.
    pub fn checklist(&self) -> &'a Checklist {
        self.checklist
    }

    /// The answer to `item`, if any.
    pub fn answer(&self, item: &str) -> Option<&'a ItemAnswer> {
        self.answers.get(item).copied()
    }

    /// True when `section` was marked not applicable.
    pub fn section_not_applicable(&self, section: &str) -> bool {
        self.sections_not_applicable.contains(section)
    }

    /// How many photos are tied to `item`.
    pub fn photos_of(&self, item: &str) -> usize {
        self.photos.get(item).copied().unwrap_or(0)
    }

    /// Where `item` stands.
    pub fn status(&self, item: &Item) -> Status {
        self.status_at(item, 0)
    }

    fn status_at(&self, item: &Item, depth: usize) -> Status {
        let in_section = self
            .checklist
            .sections
            .iter()
            .find(|s| s.items.iter().any(|i| i.code == item.code));
        if in_section.is_some_and(|s| self.section_not_applicable(&s.code)) {
            return Status::SectionNotApplicable;
        }
        if let Some(gate) = &item.requires {
            let Some(gate) = self.checklist.item(gate) else {
                return Status::NotAsked;
            };
            if depth >= DEPTH {
                return Status::NotAsked;
            }
            let open = match (item.requires_when, self.status_at(gate, depth + 1)) {
                (Gate::Passes, Status::Answered(Outcome::Pass | Outcome::Alternative)) => true,
                (Gate::AtLeastOne, Status::Answered(Outcome::Pass | Outcome::Fail)) => self
                    .answer(&gate.code)
                    .and_then(|a| a.provided)
                    .is_some_and(|provided| provided >= 1),
                _ => false,
            };
            if !open {
                return Status::NotAsked;
            }
        }
        match self.answer(&item.code) {
            Some(answer) => Status::Answered(answer.result),
            None => Status::Missing,
        }
    }

    /// Codes of the items asked and not answered, in checklist order.
    pub fn missing_answers(&self) -> Vec<&'a str> {
        self.checklist
            .items()
            .filter(|item| self.status(item) == Status::Missing)
            .map(|item| item.code.as_str())
            .collect()
    }

    /// Codes of the answered items whose photo rule asks for a photo that is not there: an
    /// item photographed `always`, or `on_fail` that failed.
    pub fn missing_photos(&self) -> Vec<&'a str> {
        self.checklist
            .items()
            .filter(|item| {
                let needed = match (item.photo, self.status(item)) {
                    (PhotoRule::Always, Status::Answered(Outcome::NotApplicable)) => false,
                    (PhotoRule::Always, Status::Answered(_)) => true,
                    (PhotoRule::OnFail, Status::Answered(Outcome::Fail)) => true,
                    _ => false,
                };
                needed && self.photos_of(&item.code) == 0
            })
            .map(|item| item.code.as_str())
            .collect()
    }

    /// Codes of the items answered with an alternative that `decisions` does not decide.
    pub fn undecided(&self, decisions: &Decisions) -> Vec<&'a str> {
        self.alternatives()
            .filter(|code| !decisions.contains_key(*code))
            .collect()
    }

    /// Codes of the asked items answered with an alternative, for the reviewer to decide.
    pub fn alternatives(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.checklist
            .items()
            .filter(|item| self.status(item) == Status::Answered(Outcome::Alternative))
            .map(|item| item.code.as_str())
    }

    /// The result that counts once a reviewer has decided: an accepted alternative passes,
    /// a refused one fails.
    pub fn decided(&self, item: &Item, decisions: &Decisions) -> Status {
        match self.status(item) {
            Status::Answered(Outcome::Alternative) => match decisions.get(&item.code) {
                Some(true) => Status::Answered(Outcome::Pass),
                Some(false) => Status::Answered(Outcome::Fail),
                None => Status::Answered(Outcome::Alternative),
            },
            other => other,
        }
    }

    /// Every asked item that failed, with the reviewer's decisions on alternatives applied,
    /// in checklist order. Advisory items are included: the caller keeps them as advice.
    pub fn failures(&self, decisions: &Decisions) -> Vec<Failure<'a>> {
        self.checklist
            .items()
            .filter(|item| self.decided(item, decisions) == Status::Answered(Outcome::Fail))
            .filter_map(|item| {
                self.answer(&item.code)
                    .map(|answer| Failure { item, answer })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::fixtures;

    fn checklist() -> Checklist {
        fixtures::checklist(fixtures::GATED)
    }

    fn answer(item: &str, result: Outcome) -> ItemAnswer {
        ItemAnswer::with_result(item, result)
    }

    #[test]
    fn details_of_a_failed_gate_are_not_asked_and_not_missing() {
        let c = checklist();
        let answers = vec![
            answer("entrance.door", Outcome::Pass),
            answer("entrance.photo", Outcome::Pass),
            answer("toilet.present", Outcome::Fail),
        ];
        let sheet = Sheet::new(&c, &answers, [], ["entrance.photo"]);
        assert_eq!(
            sheet.status(c.item("toilet.bar").expect("item")),
            Status::NotAsked
        );
        assert_eq!(
            sheet.status(c.item("toilet.bar_height").expect("item")),
            Status::NotAsked,
            "a chain of requires is followed"
        );
        assert!(sheet.missing_answers().is_empty());
        let failures: Vec<&str> = sheet
            .failures(&Decisions::new())
            .iter()
            .map(|f| f.item.code.as_str())
            .collect();
        assert_eq!(failures, ["toilet.present"], "one finding, not three");
    }

    #[test]
    fn a_passed_gate_asks_its_details_and_they_are_missing_until_answered() {
        let c = checklist();
        let answers = vec![answer("toilet.present", Outcome::Pass)];
        let sheet = Sheet::new(&c, &answers, [], []);
        assert_eq!(
            sheet.missing_answers(),
            ["entrance.door", "entrance.photo", "toilet.bar"],
            "the bar height waits for the bar"
        );
        let answers = vec![
            answer("toilet.present", Outcome::Pass),
            answer("toilet.bar", Outcome::Pass),
        ];
        let sheet = Sheet::new(&c, &answers, [], []);
        assert!(sheet.missing_answers().contains(&"toilet.bar_height"));
    }

    fn counted(item: &str, result: Outcome, total: u32, provided: u32) -> ItemAnswer {
        ItemAnswer {
            total: Some(total),
            provided: Some(provided),
            ..answer(item, result)
        }
    }

    #[test]
    fn a_detail_of_a_quota_is_asked_when_at_least_one_is_provided() {
        let c = fixtures::checklist(fixtures::QUOTA);
        let bedside = c.item("rooms.bedside").expect("item");
        // 40 rooms need 2; one is provided: the quota fails, and the room that exists is
        // still checked.
        let one_short = vec![counted("rooms.accessible", Outcome::Fail, 40, 1)];
        let sheet = Sheet::new(&c, &one_short, [], []);
        assert_eq!(sheet.status(bedside), Status::Missing);
        let none = vec![counted("rooms.accessible", Outcome::Fail, 40, 0)];
        let sheet = Sheet::new(&c, &none, [], []);
        assert_eq!(sheet.status(bedside), Status::NotAsked, "no room to check");
        let unanswered = Sheet::new(&c, &[], [], []);
        assert_eq!(unanswered.status(bedside), Status::NotAsked);
    }

    #[test]
    fn items_for_other_subtypes_are_left_out_of_the_checklist_a_site_is_asked() {
        let c = fixtures::checklist(fixtures::QUOTA);
        let school = c.asked_at(crate::domain::site::Subtype::School);
        let codes: Vec<&str> = school.items().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["rooms.signs"]);
        let hotel = c.asked_at(crate::domain::site::Subtype::Hotel);
        assert_eq!(hotel.items().count(), 3);
        let sheet = Sheet::new(&school, &[], [], []);
        assert_eq!(
            sheet.missing_answers(),
            ["rooms.signs"],
            "a school is not asked for hotel rooms"
        );
    }

    #[test]
    fn a_section_marked_not_applicable_asks_nothing_and_finds_nothing() {
        let c = checklist();
        let answers = vec![answer("toilet.present", Outcome::Fail)];
        let sheet = Sheet::new(&c, &answers, ["toilet"], []);
        for code in ["toilet.present", "toilet.bar", "toilet.bar_height"] {
            assert_eq!(
                sheet.status(c.item(code).expect("item")),
                Status::SectionNotApplicable
            );
        }
        assert_eq!(sheet.missing_answers(), ["entrance.door", "entrance.photo"]);
        assert!(sheet.failures(&Decisions::new()).is_empty());
    }

    #[test]
    fn photos_are_missing_for_failures_on_fail_and_for_always_items() {
        let c = checklist();
        let answers = vec![
            answer("entrance.door", Outcome::Fail),
            answer("entrance.photo", Outcome::Pass),
            answer("toilet.present", Outcome::Pass),
            answer("toilet.bar", Outcome::Pass),
        ];
        let sheet = Sheet::new(&c, &answers, [], []);
        assert_eq!(sheet.missing_photos(), ["entrance.door", "entrance.photo"]);
        let sheet = Sheet::new(&c, &answers, [], ["entrance.door", "entrance.photo"]);
        assert!(sheet.missing_photos().is_empty());
        let passing = vec![answer("entrance.door", Outcome::Pass)];
        let sheet = Sheet::new(&c, &passing, [], []);
        assert!(
            !sheet.missing_photos().contains(&"entrance.door"),
            "a pass needs no photo on_fail"
        );
    }

    #[test]
    fn an_alternative_asks_the_details_and_the_reviewer_decides_whether_it_fails() {
        let c = checklist();
        let answers = vec![answer("toilet.present", Outcome::Alternative)];
        let sheet = Sheet::new(&c, &answers, [], []);
        assert!(sheet.missing_answers().contains(&"toilet.bar"));
        assert_eq!(sheet.undecided(&Decisions::new()), ["toilet.present"]);
        let refused = Decisions::from([("toilet.present".to_owned(), false)]);
        assert!(sheet.undecided(&refused).is_empty());
        assert_eq!(sheet.failures(&refused).len(), 1);
        let accepted = Decisions::from([("toilet.present".to_owned(), true)]);
        assert!(sheet.failures(&accepted).is_empty());
    }
}
