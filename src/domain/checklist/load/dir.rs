//! Checking a set of checklist files together: the checks that span files. Reading the
//! folder is the caller's job (`app::checklists::read_dir`); this stays free of I/O.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{ChecklistError, parse_with_lines};
use crate::domain::checklist::Checklist;
use crate::domain::site::Subtype;

/// One checklist file as read: its path (for messages) and its text, or why it could not
/// be read.
pub type SourceFile = (PathBuf, Result<String, String>);

/// Parses every file of a folder named `dir` (in the given order), validating each file and
/// the set: checklist ids and item codes are unique across files, and every site subtype
/// has exactly one checklist.
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
