//! Reading and validating checklist files, reporting every problem with file and line.

mod answer;
mod dir;
mod raw;
mod report;

pub use dir::load_dir;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use self::answer::parse_answer;
use self::raw::{RawChecklist, RawItem};
use self::report::Report;
use super::{Checklist, Feature, Item, PhotoRule, Section, Severity};
use crate::domain::site::SiteKind;

/// One problem in one checklist file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistError {
    /// The file.
    pub file: PathBuf,
    /// 1-based line (1 when the problem concerns the whole file).
    pub line: usize,
    /// What is wrong, in words an official can act on.
    pub reason: String,
}

impl fmt::Display for ChecklistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.reason)
    }
}

fn is_code(text: &str, separator: Option<char>) -> bool {
    let part_ok = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    };
    match separator {
        None => part_ok(text),
        Some(sep) => text.split(sep).count() >= 2 && text.split(sep).all(part_ok),
    }
}

/// Parses and validates one checklist file's text. `file` is only used in messages.
pub fn parse(file: &Path, source: &str) -> Result<Checklist, Vec<ChecklistError>> {
    parse_with_lines(file, source).map(|(checklist, _)| checklist)
}

/// As [`parse`], also giving the line of each item code (for checks across files).
fn parse_with_lines(
    file: &Path,
    source: &str,
) -> Result<(Checklist, HashMap<String, usize>), Vec<ChecklistError>> {
    let mut report = Report {
        file,
        source,
        errors: Vec::new(),
    };
    let raw: RawChecklist = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(e) => {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            report.add(at, e.message().trim().to_owned());
            return Err(report.errors);
        }
    };

    if !is_code(raw.id.get_ref(), None) {
        report.add(
            raw.id.span().start,
            "id must be lowercase letters, digits, `-` or `_`",
        );
    }
    let version = u32::try_from(*raw.version.get_ref())
        .ok()
        .filter(|v| *v >= 1);
    if version.is_none() {
        report.add(
            raw.version.span().start,
            "version must be a whole number from 1",
        );
    }
    if raw.regulation.get_ref().trim().is_empty() {
        report.add(raw.regulation.span().start, "regulation is empty");
    }
    let allowed_kinds: Vec<&str> = SiteKind::ALL.iter().map(|k| k.as_str()).collect();
    let applies_to: Vec<SiteKind> = raw
        .applies_to
        .get_ref()
        .iter()
        .filter_map(|k| report.parsed(k, "site kind", SiteKind::parse, &allowed_kinds))
        .collect();
    if raw.applies_to.get_ref().is_empty() {
        report.add(raw.applies_to.span().start, "applies_to names no site kind");
    }
    let title = report.text(&raw.title, "title");
    if raw.section.is_empty() {
        report.add(0, "the checklist has no [[section]]");
    }

    let mut item_lines: HashMap<String, usize> = HashMap::new();
    let mut section_codes: HashMap<String, usize> = HashMap::new();
    let mut sections = Vec::new();
    for raw_section in &raw.section {
        let at = raw_section.span().start;
        let raw_section = raw_section.get_ref();
        let code = raw_section.code.get_ref().clone();
        let code_at = raw_section.code.span().start;
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
        let title = report.text(&raw_section.title, &format!("section `{code}` title"));
        if raw_section.item.is_empty() {
            report.add(at, format!("section `{code}` has no [[section.item]]"));
        }
        let mut items = Vec::new();
        for raw_item in &raw_section.item {
            if let Some(item) = parse_item(&mut report, raw_item.get_ref(), &mut item_lines) {
                items.push(item);
            }
        }
        sections.push(Section { code, title, items });
    }

    if !report.errors.is_empty() {
        return Err(report.errors);
    }
    let checklist = Checklist {
        id: raw.id.into_inner(),
        version: version.expect("checked above"),
        regulation: raw.regulation.into_inner().trim().to_owned(),
        applies_to,
        title,
        sections,
    };
    Ok((checklist, item_lines))
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
    if raw.clause.get_ref().trim().is_empty() {
        report.add(raw.clause.span().start, format!("{what}: clause is empty"));
    }
    let names = |all: &[&'static str]| all.to_vec();
    let feature = report.parsed(
        &raw.feature,
        "feature",
        Feature::parse,
        &names(&Feature::ALL.iter().map(|f| f.as_str()).collect::<Vec<_>>()),
    );
    let severity = report.parsed(
        &raw.severity,
        "severity",
        Severity::parse,
        &Severity::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
    );
    let photo = report.parsed(
        &raw.photo,
        "photo rule",
        PhotoRule::parse,
        &PhotoRule::ALL
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>(),
    );
    let answer = parse_answer(report, &raw.answer, &what);
    let guidance = raw
        .guidance
        .as_ref()
        .map(|g| report.text(g, &format!("{what} guidance")));
    Some(Item {
        code,
        text,
        clause: raw.clause.get_ref().trim().to_owned(),
        feature: feature?,
        severity: severity?,
        answer: answer?,
        photo: photo?,
        verified: raw.verified,
        guidance,
    })
}

#[cfg(test)]
mod tests;
