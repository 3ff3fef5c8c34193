//! The answers of one section page as its form posts them: `result.CODE`, `value.CODE`
//! with `unit.CODE`, `total.CODE` and `provided.CODE`, `note.CODE`, and `applies` for an
//! optional section. The page's markup names its fields the same way.

use std::collections::HashMap;

use super::{AnswerInput, Entry};
use crate::domain::checklist::{Answer, Section};

/// The answers a section form holds: the section's own question, then each item with
/// something filled in. Items left blank are left as they were.
pub fn from_section_form(section: &Section, fields: &HashMap<String, String>) -> Vec<AnswerInput> {
    let get = |name: String| {
        fields
            .get(&name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let mut out = Vec::new();
    if section.optional() {
        match fields.get("applies").map(String::as_str) {
            Some("no") => {
                return vec![AnswerInput {
                    section: Some(section.code.clone()),
                    result: Some("not_applicable".into()),
                    ..AnswerInput::default()
                }];
            }
            Some("yes") => out.push(AnswerInput {
                section: Some(section.code.clone()),
                result: Some("applicable".into()),
                ..AnswerInput::default()
            }),
            _ => {}
        }
    }
    for item in &section.items {
        let code = &item.code;
        let result = get(format!("result.{code}"));
        let note = get(format!("note.{code}"));
        let input = match &item.answer {
            Answer::YesNo => AnswerInput {
                result,
                note,
                ..AnswerInput::default()
            },
            Answer::Measure { .. } => {
                let value = get(format!("value.{code}"));
                AnswerInput {
                    unit: value.as_ref().and(get(format!("unit.{code}"))),
                    value: value.map(Entry::Text),
                    result,
                    note,
                    ..AnswerInput::default()
                }
            }
            Answer::Count(_) => AnswerInput {
                total: get(format!("total.{code}")).map(Entry::Text),
                provided: get(format!("provided.{code}")).map(Entry::Text),
                result,
                note,
                ..AnswerInput::default()
            },
        };
        // A note alone is sent too, so the person is told the result is missing rather
        // than the note being dropped.
        let given = input.result.is_some()
            || input.value.is_some()
            || input.total.is_some()
            || input.provided.is_some()
            || input.note.is_some();
        if given {
            out.push(AnswerInput {
                item: Some(code.clone()),
                ..input
            });
        }
    }
    out
}
