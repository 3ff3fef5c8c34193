//! The checklist file as TOML gives it, with the position of every value for messages.

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChecklist {
    pub(super) id: Spanned<String>,
    pub(super) version: Spanned<i64>,
    pub(super) regulation: Spanned<String>,
    pub(super) in_force: Spanned<toml::value::Datetime>,
    pub(super) previous_edition: Option<Spanned<RawPrevious>>,
    pub(super) applies_to: Spanned<Vec<Spanned<String>>>,
    pub(super) subtypes: Spanned<Vec<Spanned<String>>>,
    pub(super) title: Spanned<RawText>,
    #[serde(default)]
    pub(super) section: Vec<Spanned<RawSection>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrevious {
    pub(super) name: String,
    pub(super) clause: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawText {
    pub(super) vi: Option<String>,
    pub(super) en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSection {
    pub(super) code: Spanned<String>,
    pub(super) title: Spanned<RawText>,
    #[serde(default)]
    pub(super) optional: Option<Spanned<bool>>,
    pub(super) question: Option<Spanned<RawText>>,
    #[serde(default)]
    pub(super) item: Vec<Spanned<RawItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawItem {
    pub(super) code: Spanned<String>,
    pub(super) text: Spanned<RawText>,
    pub(super) barrier: Option<Spanned<RawText>>,
    pub(super) clause: Spanned<String>,
    pub(super) basis: Spanned<String>,
    pub(super) feature: Spanned<String>,
    pub(super) severity: Spanned<String>,
    pub(super) answer: Spanned<toml::Value>,
    pub(super) photo: Spanned<String>,
    pub(super) verified: bool,
    #[serde(default)]
    pub(super) not_applicable: Option<Spanned<bool>>,
    #[serde(default)]
    pub(super) required: Option<Spanned<bool>>,
    pub(super) requires: Option<Spanned<toml::Value>>,
    pub(super) subtypes: Option<Spanned<Vec<Spanned<String>>>>,
    pub(super) severity_reason: Option<Spanned<String>>,
    pub(super) alternative: Option<Spanned<RawText>>,
    pub(super) guidance: Option<Spanned<RawText>>,
}
