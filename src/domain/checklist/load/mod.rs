//! Reading and validating checklist files, reporting every problem with file and line.

mod answer;
mod clause;
mod count;
mod dir;
mod raw;
mod report;
mod rules;
mod section;

pub use dir::{SourceFile, parse_set};

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use self::raw::RawChecklist;
use self::report::Report;
use super::{Checklist, Edition, PreviousEdition};
use crate::domain::site::{SiteKind, Subtype};

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

/// True for `lowercase_ascii` codes, or `part.part` ones with a separator.
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
    parse_with_lines(file, source).map(|(checklist, _)| checklist.checklist)
}

/// A parsed checklist with the lines of what checks across files need.
struct Located {
    checklist: Checklist,
    /// The `subtypes` line.
    subtypes_line: usize,
}

/// As [`parse`], also giving the line of each item code (for checks across files).
fn parse_with_lines(
    file: &Path,
    source: &str,
) -> Result<(Located, HashMap<String, usize>), Vec<ChecklistError>> {
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
    let edition = edition(&mut report, &raw);
    let kinds: Vec<&str> = SiteKind::ALL.iter().map(|k| k.as_str()).collect();
    let applies_to: Vec<SiteKind> = raw
        .applies_to
        .get_ref()
        .iter()
        .filter_map(|k| report.parsed(k, "site kind", SiteKind::parse, &kinds))
        .collect();
    if raw.applies_to.get_ref().is_empty() {
        report.add(raw.applies_to.span().start, "applies_to names no site kind");
    }
    let subtypes = subtypes(&mut report, &raw, &applies_to);
    let title = report.text(&raw.title, "title");
    if raw.section.is_empty() {
        report.add(0, "the checklist has no [[section]]");
    }
    let mut item_lines: HashMap<String, usize> = HashMap::new();
    let mut section_codes: HashMap<String, usize> = HashMap::new();
    let sections: Vec<_> = raw
        .section
        .iter()
        .map(|s| section::parse(&mut report, s, &mut section_codes, &mut item_lines))
        .collect();
    rules::check(&mut report, &sections, &raw.section, &subtypes);
    if !report.errors.is_empty() {
        return Err(report.errors);
    }
    let checklist = Checklist {
        id: raw.id.into_inner(),
        version: version.expect("checked above"),
        edition: edition.expect("checked above"),
        applies_to,
        subtypes,
        title,
        sections,
    };
    let subtypes_line = report.line_of(raw.subtypes.span().start);
    Ok((
        Located {
            checklist,
            subtypes_line,
        },
        item_lines,
    ))
}

/// The edition: its name, the day it came into force, and the edition it replaced.
fn edition(report: &mut Report<'_>, raw: &RawChecklist) -> Option<Edition> {
    let name = raw.regulation.get_ref().trim().to_owned();
    if name.is_empty() {
        report.add(raw.regulation.span().start, "regulation is empty");
    }
    let day = raw.in_force.get_ref().date;
    let in_force = day.and_then(|d| {
        NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
    });
    if in_force.is_none() || raw.in_force.get_ref().time.is_some() {
        report.add(
            raw.in_force.span().start,
            "in_force must be a date such as 2025-02-01",
        );
    }
    let previous = raw.previous_edition.as_ref().map(|p| {
        let at = p.span().start;
        let p = p.get_ref();
        if p.name.trim().is_empty() || p.clause.trim().is_empty() {
            report.add(
                at,
                "previous_edition needs a `name` and the `clause` that keeps it",
            );
        }
        PreviousEdition {
            name: p.name.trim().to_owned(),
            clause: p.clause.trim().to_owned(),
        }
    });
    Some(Edition {
        name,
        in_force: in_force?,
        previous,
    })
}

/// The subtypes the checklist is used for; each must fit one of its kinds.
fn subtypes(report: &mut Report<'_>, raw: &RawChecklist, kinds: &[SiteKind]) -> Vec<Subtype> {
    let allowed: Vec<&str> = Subtype::ALL.iter().map(|s| s.as_str()).collect();
    if raw.subtypes.get_ref().is_empty() {
        report.add(raw.subtypes.span().start, "subtypes names no site subtype");
    }
    let mut found = Vec::new();
    for name in raw.subtypes.get_ref() {
        let Some(subtype) = report.parsed(name, "subtype", Subtype::parse, &allowed) else {
            continue;
        };
        if !kinds.iter().any(|k| subtype.fits(*k)) {
            report.add(
                name.span().start,
                format!(
                    "subtype `{}` is not of the kinds this checklist applies to",
                    subtype.as_str()
                ),
            );
        }
        if found.contains(&subtype) {
            report.add(
                name.span().start,
                format!("subtype `{}` is listed twice", subtype.as_str()),
            );
        }
        found.push(subtype);
    }
    found
}

#[cfg(test)]
mod tests;
