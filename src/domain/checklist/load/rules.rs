//! Checks across the items of one checklist: what an item `requires` exists, does not lead
//! round in a circle, and rests on the same clause as the item (a gate that bundles two
//! duties hides the second); a detail of a quota gates on a count; an item for some
//! subtypes names the checklist's; a `required` item never sits in an optional section;
//! every measured or sized item says how to check it; and every item that can become a
//! finding says the barrier its failure leaves.

use std::collections::HashMap;

use toml::Spanned;

use super::clause::cited;
use super::raw::RawSection;
use super::report::Report;
use crate::domain::checklist::{Answer, Gate, Item, Section};
use crate::domain::site::Subtype;

/// Reports every problem between items; `raw` gives the positions.
pub(super) fn check(
    report: &mut Report<'_>,
    sections: &[Section],
    raw: &[Spanned<RawSection>],
    subtypes: &[Subtype],
) {
    let items: HashMap<&str, &Item> = sections
        .iter()
        .flat_map(|s| &s.items)
        .map(|i| (i.code.as_str(), i))
        .collect();
    for item in sections.iter().flat_map(|s| &s.items) {
        let at = raw
            .iter()
            .flat_map(|s| &s.get_ref().item)
            .find(|r| r.get_ref().code.get_ref() == &item.code)
            .map_or(0, |r| r.get_ref().code.span().start);
        detail(report, item, &items, subtypes, at);
        if item.can_be_finding() && item.barrier.is_none() {
            report.add(
                at,
                format!(
                    "item `{}` can become a finding but has no `barrier` saying, in both languages, what stands in the way when it fails (\"The entrance has a threshold\")",
                    item.code
                ),
            );
        }
        if needs_guidance(item) && item.guidance.is_none() {
            report.add(
                at,
                format!(
                    "item `{}` is measured or sized but has no `guidance` saying how to check it (where to put the tape, the 1.4 m rule laid both ways, ...)",
                    item.code
                ),
            );
        }
    }
    let requires: HashMap<&str, &str> = sections
        .iter()
        .flat_map(|s| &s.items)
        .filter_map(|i| Some((i.code.as_str(), i.requires.as_deref()?)))
        .collect();
    let codes: Vec<&str> = sections
        .iter()
        .flat_map(|s| &s.items)
        .map(|i| i.code.as_str())
        .collect();
    for (section, raw_section) in sections.iter().zip(raw) {
        let raw_items = &raw_section.get_ref().item;
        for raw_item in raw_items {
            let raw_item = raw_item.get_ref();
            let code = raw_item.code.get_ref().as_str();
            if let Some(required) = &raw_item.required
                && *required.get_ref()
                && section.optional()
            {
                report.add(
                    required.span().start,
                    format!(
                        "item `{code}` is `required` but its section `{}` is optional",
                        section.code
                    ),
                );
            }
            let Some(target) = &raw_item.requires else {
                continue;
            };
            let at = target.span().start;
            let Some(name) = items.get(code).and_then(|i| i.requires.as_deref()) else {
                continue;
            };
            if name == code {
                report.add(at, format!("item `{code}` requires itself"));
            } else if !codes.contains(&name) {
                report.add(
                    at,
                    format!(
                        "item `{code}` requires `{name}`, which is not an item of this checklist"
                    ),
                );
            } else if let Some(circle) = circle_from(code, &requires) {
                report.add(
                    at,
                    format!(
                        "items require each other in a circle: {}",
                        circle.join(" -> ")
                    ),
                );
            }
        }
    }
}

/// The circle of `requires` that `start` is part of, if it is part of one.
fn circle_from<'a>(start: &'a str, requires: &HashMap<&'a str, &'a str>) -> Option<Vec<&'a str>> {
    let mut path = vec![start];
    let mut at = start;
    while let Some(next) = requires.get(at) {
        if *next == start {
            path.push(next);
            return Some(path);
        }
        if path.contains(next) {
            return None; // a circle further on, reported at its own items
        }
        path.push(next);
        at = next;
    }
    None
}

/// The checks of one item against its gate and the checklist's subtypes.
fn detail(
    report: &mut Report<'_>,
    item: &Item,
    items: &HashMap<&str, &Item>,
    subtypes: &[Subtype],
    at: usize,
) {
    let code = &item.code;
    for subtype in &item.subtypes {
        if !subtypes.contains(subtype) {
            report.add(
                at,
                format!(
                    "item `{code}` is asked at subtype `{}`, which this checklist does not serve",
                    subtype.as_str()
                ),
            );
        }
    }
    let Some(gate) = item.requires.as_deref().and_then(|g| items.get(g)) else {
        return;
    };
    if item.requires_when == Gate::AtLeastOne && !matches!(gate.answer, Answer::Count(_)) {
        report.add(
            at,
            format!(
                "item `{code}` is asked when `{}` has at least one provided, but that item is not a count",
                gate.code
            ),
        );
    }
    let unasked = item
        .subtypes
        .iter()
        .chain(if item.subtypes.is_empty() {
            subtypes
        } else {
            &[]
        })
        .filter(|s| !gate.subtypes.is_empty() && !gate.subtypes.contains(s))
        .map(|s| s.as_str())
        .collect::<Vec<_>>();
    if !unasked.is_empty() {
        report.add(
            at,
            format!(
                "item `{code}` requires `{}`, which is not asked at {}",
                gate.code,
                unasked.join(", ")
            ),
        );
    }
    let (mine, theirs) = (cited(&item.clause), cited(&gate.clause));
    if !mine.iter().any(|m| theirs.iter().any(|t| m.shares(t))) {
        report.add(
            at,
            format!(
                "item `{code}` ({}) is gated on `{}` ({}): a gate of another clause bundles two duties, and failing one hides the other; gate on an item of the same clause (the thing exists), or ask it on its own",
                item.clause, gate.code, gate.clause
            ),
        );
    }
}

/// True for an item an inspector measures: a measurement, a count, or a yes/no check that
/// names a size (`1400 x 1400 mm`, `at most 150 mm`).
fn needs_guidance(item: &Item) -> bool {
    match item.answer {
        Answer::Measure { .. } | Answer::Count(_) => true,
        Answer::YesNo => names_a_size(&item.text.en),
    }
}

/// True when `text` holds a number followed by `mm` or `m`, or `N x N`.
fn names_a_size(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '.');
    words.iter().enumerate().any(|(n, word)| {
        let unit_after = |w: &str| w == "mm" || w == "m" || w.starts_with("mm.") || w == "m.";
        let glued = word
            .strip_suffix("mm")
            .or_else(|| word.strip_suffix("m"))
            .is_some_and(number);
        let next = words.get(n + 1).copied().unwrap_or("");
        let after_next = words.get(n + 2).copied().unwrap_or("");
        glued
            || (number(word) && unit_after(next))
            || (number(word) && (next == "x" || next == "×") && number(after_next))
            || (number(word) && next.starts_with('×') && number(&next[next.len().min(2)..]))
    })
}

#[cfg(test)]
mod size_tests {
    use super::names_a_size;

    #[test]
    fn sizes_are_found_in_the_text_of_a_yes_no_check() {
        assert!(names_a_size(
            "A clear space of 1400 x 1400 mm in front of the lift"
        ));
        assert!(names_a_size("Warning tiles 1200 mm deep"));
        assert!(names_a_size("a 900mm door"));
        assert!(names_a_size("Headroom of at least 2 m"));
        assert!(!names_a_size("Handrails on both sides of the ramp"));
        assert!(!names_a_size("Signs in 2 languages"));
    }
}
