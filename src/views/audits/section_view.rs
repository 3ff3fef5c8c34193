//! What a section page shows, for the page ([`super::section`]) and its items
//! ([`super::item`]).

use std::collections::HashMap;

use crate::domain::audit::Audit;
use crate::domain::checklist::Section;
use crate::domain::validation::FieldErrors;
use crate::i18n::Msg;

/// What a section page shows: the audit and section, what was typed when the page comes
/// back with errors, and those errors.
pub struct SectionView<'a> {
    /// The audit.
    pub audit: &'a Audit,
    /// The section.
    pub section: &'a Section,
    /// The fields as posted, when the page shows a refused form again.
    pub typed: Option<&'a HashMap<String, String>>,
    /// The problems of the answers, by item code; the section's other answers were saved.
    pub errors: Option<&'a FieldErrors>,
    /// Photos refused after the answers were saved: (item code, why).
    pub photo_errors: &'a [(String, String)],
    /// A message at the top of the page (another section saved, a photo removed).
    pub notice: Option<String>,
    /// A message in the save bar about this section just saved.
    pub saved: Option<Msg>,
    /// Why saving failed, when the page comes back with what was typed and nothing of it
    /// saved.
    pub failed: Option<String>,
}

impl SectionView<'_> {
    /// The value of field `name` as typed, else as saved.
    pub(super) fn value(&self, name: &str, saved: Option<String>) -> String {
        match self.typed {
            Some(typed) => typed.get(name).cloned().unwrap_or_default(),
            None => saved.unwrap_or_default(),
        }
    }
}
