//! Checking a set of checklist files together: the checks that span files. Reading the
//! folder is the caller's job (`app::checklists::read_dir`); this stays free of I/O.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::clause::{Cited, cited};
use super::{ChecklistError, parse_with_lines};
use crate::domain::checklist::{Checklist, Feature, Severity};
use crate::domain::site::Subtype;

/// One checklist file as read: its path (for messages) and its text, or why it could not
/// be read.
pub type SourceFile = (PathBuf, Result<String, String>);

/// Parses every file of a folder named `dir` (in the given order), validating each file and
/// the set: checklist ids and item codes are unique across files, every site subtype has
/// exactly one checklist, and items citing the same clause for the same feature carry the
/// same severity unless one says why (`severity_reason`).
pub fn parse_set(
    dir: &Path,
    files: Vec<SourceFile>,
) -> Result<Vec<Checklist>, Vec<ChecklistError>> {
    if files.is_empty() {
        return Err(vec![ChecklistError {
            file: dir.to_path_buf(),
            line: 1,
            reason: "no checklist files (*.toml) in this folder".into(),
        }]);
    }

    let mut errors = Vec::new();
    let mut checklists = Vec::new();
    let mut ids: HashMap<String, PathBuf> = HashMap::new();
    let mut codes: HashMap<String, (PathBuf, usize)> = HashMap::new();
    let mut owners: HashMap<Subtype, (String, PathBuf)> = HashMap::new();
    let mut duties: HashMap<(Cited, Feature), Vec<Placed>> = HashMap::new();
    for (file, source) in files {
        let source = match source {
            Ok(source) => source,
            Err(e) => {
                errors.push(ChecklistError {
                    file: file.clone(),
                    line: 1,
                    reason: format!("cannot read file: {e}"),
                });
                continue;
            }
        };
        match parse_with_lines(&file, &source) {
            Err(mut file_errors) => errors.append(&mut file_errors),
            Ok((located, lines)) => {
                let checklist = located.checklist;
                for subtype in &checklist.subtypes {
                    let mine = (checklist.id.clone(), file.clone());
                    if let Some((other, other_file)) = owners.insert(*subtype, mine) {
                        errors.push(ChecklistError {
                            file: file.clone(),
                            line: located.subtypes_line,
                            reason: format!(
                                "subtype `{}` is also given to checklist `{other}` ({}): each subtype has exactly one checklist",
                                subtype.as_str(),
                                other_file.display()
                            ),
                        });
                    }
                }
                if let Some(first) = ids.insert(checklist.id.clone(), file.clone()) {
                    errors.push(ChecklistError {
                        file: file.clone(),
                        line: 1,
                        reason: format!(
                            "checklist id `{}` is also used by {}",
                            checklist.id,
                            first.display()
                        ),
                    });
                }
                for item in checklist.items() {
                    if item.severity_reason.is_some() {
                        continue;
                    }
                    let first = cited(&item.clause).remove(0);
                    duties
                        .entry((first, item.feature))
                        .or_default()
                        .push(Placed {
                            file: file.clone(),
                            line: lines.get(&item.code).copied().unwrap_or(1),
                            code: item.code.clone(),
                            severity: item.severity,
                        });
                }
                let mut sorted: Vec<_> = lines.into_iter().collect();
                sorted.sort_by_key(|(_, line)| *line);
                for (code, line) in sorted {
                    if let Some((first, first_line)) = codes.get(&code) {
                        errors.push(ChecklistError {
                            file: file.clone(),
                            line,
                            reason: format!(
                                "item code `{code}` is also used in {}:{first_line}",
                                first.display()
                            ),
                        });
                    } else {
                        codes.insert(code, (file.clone(), line));
                    }
                }
                checklists.push(checklist);
            }
        }
    }
    errors.extend(severities_apart(duties));
    if errors.is_empty() {
        let without: Vec<&str> = Subtype::ALL
            .iter()
            .filter(|s| !owners.contains_key(s))
            .map(|s| s.as_str())
            .collect();
        if !without.is_empty() {
            errors.push(ChecklistError {
                file: dir.to_path_buf(),
                line: 1,
                reason: format!(
                    "no checklist is given these subtypes: {} (each subtype has exactly one checklist)",
                    without.join(", ")
                ),
            });
        }
    }
    if errors.is_empty() {
        Ok(checklists)
    } else {
        Err(errors)
    }
}

/// An item of a clause and feature, where it is.
struct Placed {
    file: PathBuf,
    line: usize,
    code: String,
    severity: Severity,
}

/// Items of one clause and feature whose severities differ with no reason given: the same
/// barrier must weigh the same in every checklist. Each item that differs from the first
/// of its group is named, with the item it differs from.
fn severities_apart(duties: HashMap<(Cited, Feature), Vec<Placed>>) -> Vec<ChecklistError> {
    let mut errors = Vec::new();
    for ((clause, feature), items) in duties {
        let Some(first) = items.first() else {
            continue;
        };
        for other in items.iter().filter(|i| i.severity != first.severity) {
            errors.push(ChecklistError {
                file: other.file.clone(),
                line: other.line,
                reason: format!(
                    "item `{}` is {} but `{}` ({}:{}), of the same clause {} {} and feature `{}`, is {}: give them one severity, or say why in `severity_reason`",
                    other.code,
                    other.severity.as_str(),
                    first.code,
                    first.file.display(),
                    first.line,
                    clause.document,
                    clause.number,
                    feature.as_str(),
                    first.severity.as_str()
                ),
            });
        }
    }
    errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    errors
}
