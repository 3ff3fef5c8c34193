//! Who took part in an audit besides its inspector (a person of the provincial association
//! of people with disabilities, of the Fatherland Front, of another department), and what
//! they said about the audit or one of its findings.
//!
//! The public learns only the organisations that took part in an approved audit, never a
//! participant's name.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::person::PersonRef;
use crate::domain::user::parse_username;
use crate::domain::validation::{FieldErrors, Problem, multi_line, required_text};

/// Longest participant's name, in characters.
pub const NAME_MAX: usize = 120;
/// Longest organisation's name, in characters.
pub const ORGANISATION_MAX: usize = 200;
/// Longest remark, in characters.
pub const REMARK_MAX: usize = 2000;

/// The organisations suggested on the participant's form (the departments are suggested
/// too); any other may be typed.
pub const USUAL_ORGANISATIONS: [&str; 2] = [
    "Hội Người khuyết tật tỉnh Lạng Sơn",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn",
];

/// One person who took part in an audit.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// Id.
    pub id: Uuid,
    /// The audit.
    pub audit_id: Uuid,
    /// Their name (never shown to the public).
    pub name: String,
    /// The organisation they came for.
    pub organisation: String,
    /// The observer's account they sign in with, if they have one.
    pub account: Option<PersonRef>,
    /// When they were added.
    pub added_at: DateTime<Utc>,
}

/// What a participant said.
#[derive(Debug, Clone, PartialEq)]
pub struct Remark {
    /// Id.
    pub id: Uuid,
    /// Who said it.
    pub participant_id: Uuid,
    /// The finding it is about, or none for the audit as a whole.
    pub finding_id: Option<Uuid>,
    /// The words.
    pub body: String,
    /// Who wrote it down: the observer themselves, or the staff who noted it.
    pub written_by: PersonRef,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// An audit's participants and their remarks, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Participation {
    /// Who took part.
    pub participants: Vec<Participant>,
    /// What they said.
    pub remarks: Vec<Remark>,
}

impl Participation {
    /// The accounts named on the audit, for the permission matrix's
    /// [`crate::domain::permission::Scope::NamedOn`].
    pub fn accounts(&self) -> Vec<Uuid> {
        self.participants
            .iter()
            .filter_map(|p| p.account.as_ref().map(|a| a.id))
            .collect()
    }

    /// The participant `user` signs in as, if any.
    pub fn of_account(&self, user: Uuid) -> Option<&Participant> {
        self.participants
            .iter()
            .find(|p| p.account.as_ref().is_some_and(|a| a.id == user))
    }

    /// The participant `id`, if they are on this audit.
    pub fn participant(&self, id: Uuid) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }
}

/// The organisations that took part, each once, in the order they were first named.
pub fn organisations<'a>(participants: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for organisation in participants {
        if !out
            .iter()
            .any(|o| o.to_lowercase() == organisation.to_lowercase())
        {
            out.push(organisation.to_owned());
        }
    }
    out
}

/// A participant to add, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct NewParticipant {
    /// Their name.
    pub name: String,
    /// Their organisation.
    pub organisation: String,
    /// The username of the observer's account to link, still to be looked up.
    pub account: Option<String>,
}

impl NewParticipant {
    /// Checks every field, reporting all problems.
    pub fn parse(
        name: Option<&str>,
        organisation: Option<&str>,
        account: Option<&str>,
    ) -> Result<NewParticipant, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", required_text(name, NAME_MAX));
        let organisation = errors.take(
            "organisation",
            required_text(organisation, ORGANISATION_MAX),
        );
        let account = match crate::domain::text::optional(account) {
            None => Some(None),
            Some(typed) => errors.take("account", parse_username(Some(&typed)).map(Some)),
        };
        errors.into_result(|| NewParticipant {
            name: name.expect("checked"),
            organisation: organisation.expect("checked"),
            account: account.expect("checked"),
        })
    }
}

/// A remark to add, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRemark {
    /// The words (several lines allowed).
    pub body: String,
    /// Whose remark staff note down; an observer writing their own names nobody.
    pub participant: Option<Uuid>,
    /// The finding it is about, if any.
    pub finding: Option<Uuid>,
}

fn optional_id(text: Option<&str>) -> Result<Option<Uuid>, Problem> {
    match crate::domain::text::optional(text) {
        None => Ok(None),
        Some(id) => Uuid::parse_str(&id).map(Some).map_err(|_| Problem::NotAnId),
    }
}

impl NewRemark {
    /// Checks every field, reporting all problems.
    pub fn parse(
        body: Option<&str>,
        participant: Option<&str>,
        finding: Option<&str>,
    ) -> Result<NewRemark, FieldErrors> {
        let mut errors = FieldErrors::default();
        let body = match errors.take("body", multi_line(body, REMARK_MAX)) {
            Some(None) => {
                errors.add("body", Problem::Required);
                None
            }
            other => other.flatten(),
        };
        let participant = errors.take("participant", optional_id(participant));
        let finding = errors.take("finding", optional_id(finding));
        errors.into_result(|| NewRemark {
            body: body.expect("checked"),
            participant: participant.expect("checked"),
            finding: finding.expect("checked"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_participant_needs_a_name_and_an_organisation_of_bounded_plain_text() {
        let ok = NewParticipant::parse(
            Some(" Nguyễn Thị Hoa "),
            Some(USUAL_ORGANISATIONS[0]),
            Some(" Hoa.GS "),
        )
        .expect("valid");
        assert_eq!(ok.name, "Nguyễn Thị Hoa");
        assert_eq!(ok.account.as_deref(), Some("hoa.gs"));
        let errors = NewParticipant::parse(Some(" "), None, Some("x y")).expect_err("bad");
        assert_eq!(errors.for_field("name"), Some(&Problem::Required));
        assert_eq!(errors.for_field("organisation"), Some(&Problem::Required));
        assert_eq!(errors.for_field("account"), Some(&Problem::BadUsername));
        let long = "a".repeat(NAME_MAX + 1);
        let errors = NewParticipant::parse(Some(&long), Some("Hội\u{7}"), None).expect_err("bad");
        assert_eq!(
            errors.for_field("name"),
            Some(&Problem::TooLong { max: NAME_MAX })
        );
        assert_eq!(
            errors.for_field("organisation"),
            Some(&Problem::ControlCharacter)
        );
    }

    #[test]
    fn a_remark_is_words_on_several_lines_without_other_control_characters() {
        let ok = NewRemark::parse(Some("Dốc quá dốc.\nTay vịn thiếu."), None, None).expect("ok");
        assert_eq!(ok.body, "Dốc quá dốc.\nTay vịn thiếu.");
        for (body, problem) in [
            ("  ", Problem::Required),
            ("Dốc\u{1b}[2J", Problem::ControlCharacter),
            (
                &"x".repeat(REMARK_MAX + 1),
                Problem::TooLong { max: REMARK_MAX },
            ),
        ] {
            let errors = NewRemark::parse(Some(body), None, None).expect_err("bad");
            assert_eq!(errors.for_field("body"), Some(&problem));
        }
        let errors = NewRemark::parse(Some("ok"), Some("nope"), Some("x")).expect_err("bad");
        assert_eq!(errors.for_field("participant"), Some(&Problem::NotAnId));
        assert_eq!(errors.for_field("finding"), Some(&Problem::NotAnId));
    }

    #[test]
    fn organisations_are_named_once_each_and_no_person_is() {
        let named = organisations([
            "Hội Người khuyết tật tỉnh Lạng Sơn",
            "Sở Xây dựng",
            "hội người khuyết tật tỉnh lạng sơn",
        ]);
        assert_eq!(named, ["Hội Người khuyết tật tỉnh Lạng Sơn", "Sở Xây dựng"]);
    }
}
