//! Answers for demo audits: a realistic mix, repeatable for a seed, that an inspector could
//! have given. Each audit is made to come out accessible, partly accessible or not
//! accessible, with or without an accessible toilet; the answers are ordinary answers, so
//! the level the site gets is computed by the same rule as for any other audit.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::domain::audit::answer::{AnswerInput, Entry};
use crate::domain::checklist::{Answer, Checklist, Feature, Gate, Item, Severity};

/// What a demo audit is made to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outlook {
    /// Only minor barriers, if any.
    Accessible,
    /// Some major barriers, none at the way in.
    Partly,
    /// A critical barrier at the approach or the entrance.
    NotAccessible,
}

/// True for a barrier that keeps a wheelchair user out.
fn at_the_way_in(item: &Item) -> bool {
    item.severity == Severity::Critical
        && matches!(item.feature, Feature::Approach | Feature::Entrance)
}

/// A passing or failing value for a measured item, or counts for a counted one.
fn numbers(
    item: &Item,
    pass: bool,
    rng: &mut StdRng,
) -> (Option<Entry>, Option<Entry>, Option<Entry>) {
    match &item.answer {
        Answer::YesNo => (None, None, None),
        Answer::Measure { min, max, .. } => {
            let value = match (min, max, pass) {
                (Some(lo), Some(hi), true) => lo + (hi - lo) * rng.random_range(0.3..0.7),
                (Some(lo), None, true) => lo * rng.random_range(1.02..1.25),
                (None, Some(hi), true) => hi * rng.random_range(0.6..0.95),
                (Some(lo), _, false) => lo * rng.random_range(0.7..0.9),
                (None, Some(hi), false) => hi * rng.random_range(1.2..1.6),
                (None, None, _) => 1.0,
            };
            // A tape reads to the millimetre; slopes and levels to three places.
            let value = if value > 10.0 {
                value.round()
            } else {
                (value * 1000.0).round() / 1000.0
            };
            (Some(Entry::Number(value)), None, None)
        }
        Answer::Count(count) => {
            let mut total: u32 = rng.random_range(12..160);
            // A failing count needs a total that requires at least one.
            while !pass && count.requirement.required(total) == 0 && total < 10_000 {
                total *= 2;
            }
            let required = count.requirement.required(total);
            let provided = if pass {
                required
            } else {
                required.saturating_sub(1)
            };
            (
                None,
                Some(Entry::Number(f64::from(total))),
                Some(Entry::Number(f64::from(provided))),
            )
        }
    }
}

/// The answers of one demo audit of `checklist`. `toilet` says whether the place has an
/// accessible toilet (an accessible place always has one); optional sections apply about
/// half of the time.
pub fn audit_answers(
    checklist: &Checklist,
    outlook: Outlook,
    toilet: bool,
    seed: u64,
) -> Vec<AnswerInput> {
    let mut rng = StdRng::seed_from_u64(seed);
    let blocker = match outlook {
        Outlook::NotAccessible => {
            let candidates: Vec<&str> = checklist
                .items()
                .filter(|i| at_the_way_in(i) && i.requires.is_none() && i.can_be_finding())
                .map(|i| i.code.as_str())
                .collect();
            (!candidates.is_empty())
                .then(|| candidates[rng.random_range(0..candidates.len())].to_owned())
        }
        Outlook::Accessible | Outlook::Partly => None,
    };
    let mut answers = Vec::new();
    // Gates that did not pass, and counts with none provided: what their details need.
    let mut failed: Vec<String> = Vec::new();
    let mut none_provided: Vec<String> = Vec::new();
    let mut major_failed = false;
    for section in &checklist.sections {
        let toilets = section.items.iter().any(|i| i.feature == Feature::Toilet);
        let holds_blocker = section
            .items
            .iter()
            .any(|i| Some(&i.code) == blocker.as_ref());
        let applies = !section.optional() || toilets || holds_blocker || rng.random_bool(0.5);
        if !applies {
            answers.push(AnswerInput {
                section: Some(section.code.clone()),
                result: Some("not_applicable".into()),
                ..AnswerInput::default()
            });
            continue;
        }
        for item in &section.items {
            let closed = item
                .requires
                .as_ref()
                .is_some_and(|gate| match item.requires_when {
                    Gate::Passes => failed.contains(gate),
                    Gate::AtLeastOne => none_provided.contains(gate),
                });
            if closed {
                // Not asked: its own details are not either.
                failed.push(item.code.clone());
                none_provided.push(item.code.clone());
                continue;
            }
            let is_blocker = Some(&item.code) == blocker.as_ref();
            if !is_blocker && item.not_applicable && !item.required && rng.random_bool(0.1) {
                answers.push(AnswerInput {
                    item: Some(item.code.clone()),
                    result: Some("not_applicable".into()),
                    ..AnswerInput::default()
                });
                failed.push(item.code.clone());
                none_provided.push(item.code.clone());
                continue;
            }
            let chance = match (outlook, item.severity, item.can_be_finding()) {
                (_, _, false) => 0.2,
                (_, Severity::Minor, true) => 0.15,
                (Outlook::Accessible, _, true) => 0.0,
                (_, _, true) if at_the_way_in(item) => 0.0,
                (Outlook::Partly | Outlook::NotAccessible, _, true) => 0.12,
            };
            let gate_of_toilet = item.feature == Feature::Toilet && item.requires.is_none();
            let fail = if is_blocker {
                true
            } else if gate_of_toilet {
                // An accessible place has its accessible toilet, whatever `toilet` says.
                !toilet && outlook != Outlook::Accessible
            } else {
                rng.random_bool(chance)
            };
            if fail {
                failed.push(item.code.clone());
                if item.can_be_finding() && item.severity != Severity::Minor {
                    major_failed = true;
                }
            }
            let (value, total, provided) = numbers(item, !fail, &mut rng);
            if matches!(provided, Some(Entry::Number(n)) if n < 1.0) {
                none_provided.push(item.code.clone());
            }
            let result = matches!(item.answer, Answer::YesNo)
                .then(|| if fail { "fail" } else { "pass" }.to_owned());
            answers.push(AnswerInput {
                item: Some(item.code.clone()),
                result,
                value,
                total,
                provided,
                ..AnswerInput::default()
            });
        }
    }
    if outlook == Outlook::Partly && !major_failed {
        make_one_major_fail(checklist, &mut answers);
    }
    answers
}

/// Turns the first passing major yes/no compliance item away from the way in into a
/// failure, so a "partly" audit has at least one major barrier.
fn make_one_major_fail(checklist: &Checklist, answers: &mut [AnswerInput]) {
    for answer in answers.iter_mut() {
        let Some(item) = answer.item.as_deref().and_then(|c| checklist.item(c)) else {
            continue;
        };
        let fits = item.severity == Severity::Major
            && item.can_be_finding()
            && item.requires.is_none()
            && matches!(item.answer, Answer::YesNo)
            && answer.result.as_deref() == Some("pass")
            && !at_the_way_in(item);
        let gates_others = checklist
            .items()
            .any(|i| i.requires.as_deref() == Some(item.code.as_str()));
        if fits && !gates_others {
            answer.result = Some("fail".into());
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::answer::{Change, read_batch};
    use crate::domain::audit::sheet::{Decisions, Sheet};
    use crate::domain::site::level::{Barrier, Level, level};

    /// The level the answers give, by the product's own rules, and whether it is complete.
    fn outcome(checklist: &Checklist, inputs: &[AnswerInput]) -> (Level, Vec<String>) {
        let changes = read_batch(checklist, inputs).expect("every demo answer is valid");
        let mut answers = Vec::new();
        let mut sections = Vec::new();
        for change in changes {
            match change {
                Change::Answer(a) => answers.push(a),
                Change::Section {
                    code,
                    applies: false,
                } => sections.push(code),
                other => panic!("unexpected {other:?}"),
            }
        }
        let sheet = Sheet::new(checklist, &answers, sections.iter().map(String::as_str), []);
        let open: Vec<Barrier> = sheet
            .failures(&Decisions::new())
            .iter()
            .filter(|f| f.item.can_be_finding())
            .map(|f| Barrier {
                severity: f.item.severity,
                feature: f.item.feature,
            })
            .collect();
        let missing = sheet
            .missing_answers()
            .into_iter()
            .map(str::to_owned)
            .collect();
        (level(true, &open), missing)
    }

    #[test]
    fn demo_audits_are_complete_valid_and_come_out_as_intended() {
        for checklist in crate::domain::checklist::fixtures::shipped() {
            for seed in 0..12 {
                for (outlook, want) in [
                    (Outlook::Accessible, Level::Accessible),
                    (Outlook::Partly, Level::Partly),
                    (Outlook::NotAccessible, Level::NotAccessible),
                ] {
                    let answers = audit_answers(&checklist, outlook, seed % 2 == 0, seed);
                    let (got, missing) = outcome(&checklist, &answers);
                    assert!(
                        missing.is_empty(),
                        "{} {outlook:?} {seed}: {missing:?}",
                        checklist.id
                    );
                    assert_eq!(got, want, "{} {outlook:?} seed {seed}", checklist.id);
                }
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_answers() {
        let checklist = &crate::domain::checklist::fixtures::shipped()[0];
        assert_eq!(
            audit_answers(checklist, Outlook::Partly, true, 7),
            audit_answers(checklist, Outlook::Partly, true, 7)
        );
    }
}
