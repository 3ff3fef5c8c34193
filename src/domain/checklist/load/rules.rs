//! Checks across the items of one checklist: what an item `requires` exists and does not
//! lead round in a circle, and a `required` item never sits in an optional section.

use std::collections::HashMap;

use toml::Spanned;

use super::raw::RawSection;
use super::report::Report;
use crate::domain::checklist::Section;

/// Reports every problem between items; `raw` gives the positions.
pub(super) fn check(report: &mut Report<'_>, sections: &[Section], raw: &[Spanned<RawSection>]) {
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
            let name = target.get_ref().trim();
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
