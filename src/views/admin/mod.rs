//! The administrators' pages: departments and people. Each page lists what there is, with a
//! form per action; a refused form comes back open, with what was typed and each problem
//! beside its field.

pub mod departments;
pub mod outbox;
pub mod people;

use std::collections::HashMap;

use maud::{Markup, html};

use crate::domain::validation::FieldErrors;
use crate::views::Ctx;
use crate::views::components::{self, FieldParts};

/// A form of the page as it was sent and refused.
pub struct Refused<'a, F> {
    /// Which form.
    pub form: F,
    /// The fields as they were posted.
    pub typed: &'a HashMap<String, String>,
    /// The problems, field by field (for a change that came too late: none).
    pub errors: Option<&'a FieldErrors>,
}

/// A form of a page, known by the prefix of its fields' ids (unique on the page).
pub trait FormId {
    /// The prefix of the ids of the form's fields.
    fn prefix(&self) -> String;
}

impl<F: FormId> Refused<'_, F> {
    /// True when `form` is the refused one.
    fn is(&self, form: &impl FormId) -> bool {
        self.form.prefix() == form.prefix()
    }

    /// The problems of `form`, when it is the refused one.
    fn errors_of(&self, form: &impl FormId) -> Option<&FieldErrors> {
        self.errors.filter(|_| self.is(form))
    }

    /// What was typed into `name` of `form`, when it is the refused one.
    fn typed_in(&self, form: &impl FormId, name: &str) -> Option<&str> {
        self.typed
            .get(name)
            .map(String::as_str)
            .filter(|_| self.is(form))
    }
}

/// The id of field `name` of the form whose fields start with `prefix` (`name.vi` in form
/// `new` is `new-name-vi`).
fn field_id(prefix: &str, name: &str) -> String {
    format!("{prefix}-{}", name.replace(['.', '_'], "-"))
}

/// What a one-line text input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    /// A required code (a username, a department's code), typed as it is: without
    /// capitals or spelling help.
    Code,
    /// A required name.
    Name,
    /// A name that may be left blank.
    OptionalName,
    /// An email address that may be left blank.
    OptionalEmail,
}

/// A one-line text input of a form, with its label, hint and problem.
#[allow(clippy::too_many_arguments)]
fn text_input(
    ctx: &Ctx,
    prefix: &str,
    name: &str,
    label: &str,
    hint: Option<&str>,
    value: &str,
    errors: Option<&FieldErrors>,
    text: Text,
) -> Markup {
    let id = field_id(prefix, name);
    let error = errors.and_then(|e| e.for_field(name));
    let required = !matches!(text, Text::OptionalName | Text::OptionalEmail);
    let code = matches!(text, Text::Code | Text::OptionalEmail);
    let kind = if text == Text::OptionalEmail {
        "email"
    } else {
        "text"
    };
    let parts = FieldParts {
        id: &id,
        label,
        required,
        hint,
        error,
    };
    components::field(ctx, parts, |described| {
        html! {
            input id=(id) name=(name) type=(kind) value=(value) required[required] autocomplete="off"
                autocapitalize=[code.then_some("none")] spellcheck=[code.then_some("false")]
                aria-describedby=[described] aria-invalid=[error.map(|_| "true")];
        }
    })
}
