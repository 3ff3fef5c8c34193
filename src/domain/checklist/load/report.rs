//! Problems found in one file, with byte offsets turned into line numbers.

use std::path::Path;

use toml::Spanned;

use super::ChecklistError;
use super::raw::RawText;
use crate::domain::lang::Bilingual;

/// Collects problems for one file, turning byte offsets into line numbers.
pub(super) struct Report<'a> {
    pub(super) file: &'a Path,
    pub(super) source: &'a str,
    pub(super) errors: Vec<ChecklistError>,
}

impl Report<'_> {
    pub(super) fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.source.len());
        self.source.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    pub(super) fn add(&mut self, offset: usize, reason: impl Into<String>) {
        let line = self.line_of(offset);
        self.errors.push(ChecklistError {
            file: self.file.to_path_buf(),
            line,
            reason: reason.into(),
        });
    }

    pub(super) fn text(&mut self, raw: &Spanned<RawText>, what: &str) -> Bilingual {
        let at = raw.span().start;
        let raw = raw.get_ref();
        let mut lang = |value: &Option<String>, code: &str| match value.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => text.to_owned(),
            Some(_) => {
                self.add(at, format!("{what}: the `{code}` text is empty"));
                String::new()
            }
            None => {
                self.add(at, format!("{what}: the `{code}` language is missing"));
                String::new()
            }
        };
        Bilingual {
            vi: lang(&raw.vi, "vi"),
            en: lang(&raw.en, "en"),
        }
    }

    pub(super) fn parsed<T>(
        &mut self,
        raw: &Spanned<String>,
        what: &str,
        parse: impl Fn(&str) -> Result<T, crate::domain::validation::Problem>,
        allowed: &[&str],
    ) -> Option<T> {
        match parse(raw.get_ref()) {
            Ok(value) => Some(value),
            Err(_) => {
                let reason = format!(
                    "unknown {what} `{}` (allowed: {})",
                    raw.get_ref(),
                    allowed.join(", ")
                );
                self.add(raw.span().start, reason);
                None
            }
        }
    }
}
