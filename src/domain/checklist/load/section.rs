//! Sections and their items.

use std::collections::HashMap;

use toml::Spanned;

use super::answer::parse_answer;
use super::is_code;
use super::raw::{RawItem, RawSection};
use super::report::Report;
use crate::domain::checklist::{Basis, Feature, Gate, Item, PhotoRule, Section, Severity};
use crate::domain::site::Subtype;

/// Reads a section: code, title, the question that makes it optional, and its items.
pub(super) fn parse(
    report: &mut Report<'_>,
    raw: &Spanned<RawSection>,
    section_codes: &mut HashMap<String, usize>,
    item_lines: &mut HashMap<String, usize>,
) -> Section {
    let at = raw.span().start;
    let raw = raw.get_ref();
    let code = raw.code.get_ref().clone();
    let code_at = raw.code.span().start;
    if !is_code(&code, None) {
        report.add(
            code_at,
            format!("section code `{code}` must be lowercase ascii"),
        );
    }
    let line = report.line_of(code_at);
    if let Some(first) = section_codes.insert(code.clone(), line) {
        report.add(
            code_at,
            format!("duplicate section code `{code}` (first on line {first})"),
        );
    }
    let title = report.text(&raw.title, &format!("section `{code}` title"));
    let optional = raw.optional.as_ref().is_some_and(|o| *o.get_ref());
    let question = match (&raw.question, optional) {
        (Some(q), true) => Some(report.text(q, &format!("section `{code}` question"))),
        (None, true) => {
            let at = raw.optional.as_ref().map_or(at, |o| o.span().start);
            report.add(
                at,
                format!(
                    "section `{code}` is optional but asks no `question` (\"Does the building have ...?\") in both languages"
                ),
            );
            None
        }
        (Some(q), false) => {
            report.add(
                q.span().start,
                format!("section `{code}` has a question but is not `optional = true`"),
            );
            None
        }
        (None, false) => None,
    };
    if raw.item.is_empty() {
        report.add(at, format!("section `{code}` has no [[section.item]]"));
    }
    let items = raw
        .item
        .iter()
        .filter_map(|i| parse_item(report, i.get_ref(), item_lines))
        .collect();
    Section {
        code,
        title,
        question,
        items,
    }
}

fn names<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| name(*v)).collect()
}

fn parse_item(
    report: &mut Report<'_>,
    raw: &RawItem,
    item_lines: &mut HashMap<String, usize>,
) -> Option<Item> {
    let code = raw.code.get_ref().clone();
    let code_at = raw.code.span().start;
    if !is_code(&code, Some('.')) {
        report.add(
            code_at,
            format!("item code `{code}` must look like `section.name` in lowercase ascii"),
        );
    }
    let line = report.line_of(code_at);
    if let Some(first) = item_lines.insert(code.clone(), line) {
        report.add(
            code_at,
            format!("duplicate item code `{code}` (first on line {first})"),
        );
    }
    let what = format!("item `{code}`");
    let text = report.text(&raw.text, &format!("{what} text"));
    let barrier = raw
        .barrier
        .as_ref()
        .map(|b| report.text(b, &format!("{what} barrier")));
    if raw.clause.get_ref().trim().is_empty() {
        report.add(raw.clause.span().start, format!("{what}: clause is empty"));
    }
    let basis = report.parsed(
        &raw.basis,
        "basis",
        Basis::parse,
        &names(Basis::ALL, Basis::as_str),
    );
    let feature = report.parsed(
        &raw.feature,
        "feature",
        Feature::parse,
        &names(Feature::ALL, Feature::as_str),
    );
    let severity = report.parsed(
        &raw.severity,
        "severity",
        Severity::parse,
        &names(Severity::ALL, Severity::as_str),
    );
    let photo = report.parsed(
        &raw.photo,
        "photo rule",
        PhotoRule::parse,
        &names(PhotoRule::ALL, PhotoRule::as_str),
    );
    let answer = parse_answer(report, &raw.answer, &what);
    let flag = |f: &Option<Spanned<bool>>| f.as_ref().is_some_and(|f| *f.get_ref());
    let (not_applicable, required) = (flag(&raw.not_applicable), flag(&raw.required));
    if not_applicable && required {
        report.add(
            code_at,
            format!("{what} is both `required` and `not_applicable`: it can only be one"),
        );
    }
    let alternative = raw
        .alternative
        .as_ref()
        .map(|a| report.text(a, &format!("{what} alternative")));
    let guidance = raw
        .guidance
        .as_ref()
        .map(|g| report.text(g, &format!("{what} guidance")));
    let (requires, requires_when) = match &raw.requires {
        None => (None, Gate::Passes),
        Some(value) => gate(report, value, &what)?,
    };
    let subtypes = raw.subtypes.as_ref().map_or_else(Vec::new, |list| {
        if list.get_ref().is_empty() {
            report.add(
                list.span().start,
                format!("{what}: `subtypes` is empty; leave it out to ask the item everywhere"),
            );
        }
        let allowed = names(Subtype::ALL, Subtype::as_str);
        list.get_ref()
            .iter()
            .filter_map(|name| report.parsed(name, "subtype", Subtype::parse, &allowed))
            .collect()
    });
    let severity_reason = match &raw.severity_reason {
        Some(reason) if reason.get_ref().trim().is_empty() => {
            report.add(
                reason.span().start,
                format!("{what}: `severity_reason` is empty"),
            );
            None
        }
        Some(reason) => Some(reason.get_ref().trim().to_owned()),
        None => None,
    };
    Some(Item {
        code,
        text,
        barrier,
        clause: raw.clause.get_ref().trim().to_owned(),
        basis: basis?,
        feature: feature?,
        severity: severity?,
        answer: answer?,
        photo: photo?,
        verified: raw.verified,
        not_applicable,
        required,
        requires,
        requires_when,
        subtypes,
        severity_reason,
        alternative,
        guidance,
    })
}

/// The gate of an item: `requires = "code"` (asked when that item passes), or
/// `requires = { item = "code", when = "at_least_one" }` (asked when that count has at
/// least one provided).
fn gate(
    report: &mut Report<'_>,
    raw: &Spanned<toml::Value>,
    what: &str,
) -> Option<(Option<String>, Gate)> {
    let at = raw.span().start;
    let shape = || {
        format!(
            "{what}: `requires` must be an item code, or {{ item = \"code\", when = \"at_least_one\" }}"
        )
    };
    match raw.get_ref() {
        toml::Value::String(code) => Some((Some(code.trim().to_owned()), Gate::Passes)),
        toml::Value::Table(table) => {
            let unknown = table.keys().any(|k| k != "item" && k != "when");
            let item = table.get("item").and_then(|v| v.as_str());
            let when = table.get("when").and_then(|v| v.as_str());
            match (unknown, item, when.map(Gate::parse)) {
                (false, Some(item), Some(Ok(when))) => Some((Some(item.trim().to_owned()), when)),
                (false, Some(_), Some(Err(_))) => {
                    report.add(
                        at,
                        format!(
                            "{what}: unknown `when` (allowed: {})",
                            names(Gate::ALL, Gate::as_str).join(", ")
                        ),
                    );
                    None
                }
                _ => {
                    report.add(at, shape());
                    None
                }
            }
        }
        _ => {
            report.add(at, shape());
            None
        }
    }
}
