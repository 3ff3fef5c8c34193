//! The parts of every page that working offline adds (the layout includes them): the
//! installable app's links, and the field script with its texts and status panel on the
//! pages of field staff, when the build has the offline scripts.

use std::collections::BTreeMap;

use maud::{Markup, html};

use super::Ctx;
use super::assets::{FIELD_JS, OFFLINE_BUILT, UPLOAD_JS};
use super::labels::audit_state_label;
use crate::domain::audit::AuditState;
use crate::domain::permission::Action;
use crate::i18n::Msg;

/// The texts the field script shows, by the names it asks for: it holds no language of
/// its own.
const TEXTS: [(&str, Msg); 35] = [
    ("banner", Msg::OfflineBanner),
    ("queueTitle", Msg::OfflineQueueTitle),
    ("queueEmpty", Msg::OfflineQueueEmpty),
    ("queueShow", Msg::OfflineQueueShow),
    ("waiting", Msg::OfflineWaiting),
    ("sending", Msg::OfflineSending),
    ("failed", Msg::OfflineFailed),
    ("conflict", Msg::OfflineConflict),
    ("answersOf", Msg::OfflineAnswersOf),
    ("photoOf", Msg::OfflinePhotoOf),
    ("startOf", Msg::OfflineStartOf),
    ("retry", Msg::OfflineRetry),
    ("discard", Msg::OfflineDiscard),
    ("discardConfirm", Msg::OfflineDiscardConfirm),
    ("notSent", Msg::OfflineNotSent),
    ("savedLocal", Msg::OfflineSavedLocal),
    ("allSent", Msg::OfflineAllSent),
    ("conflictTitle", Msg::OfflineConflictTitle),
    ("conflictText", Msg::OfflineConflictText),
    ("conflictDiffers", Msg::OfflineConflictDiffers),
    ("item", Msg::OfflineItem),
    ("onPhone", Msg::OfflineOnPhone),
    ("onServer", Msg::OfflineOnServer),
    ("nothing", Msg::OfflineNothing),
    ("apply", Msg::OfflineApply),
    ("keepNote", Msg::OfflineKeepNote),
    ("notes", Msg::OfflineNotes),
    ("takeOffline", Msg::OfflineTakeOffline),
    ("taken", Msg::OfflineTaken),
    ("startQueued", Msg::OfflineStartQueued),
    ("storage", Msg::OfflineStorage),
    ("storageLow", Msg::OfflineStorageLow),
    ("photoKept", Msg::OfflinePhotoKept),
    ("photo", Msg::AnswerPhoto),
    ("remove", Msg::PhotoRemove),
];

/// True when this page carries the field script: a build with it, and a person who fills
/// audits.
pub fn for_field_staff(ctx: &Ctx) -> bool {
    OFFLINE_BUILT && ctx.can_for_own_department(Action::StartAudit)
}

/// The texts as one JSON object, with the names of the audit states under `state.*`.
fn texts_json(ctx: &Ctx) -> String {
    let mut texts: BTreeMap<String, &str> = TEXTS
        .iter()
        .map(|(key, msg)| ((*key).to_owned(), ctx.t(*msg)))
        .collect();
    for state in AuditState::ALL.iter().copied() {
        texts.insert(
            format!("state.{}", state.as_str()),
            ctx.t(audit_state_label(state)),
        );
    }
    serde_json::to_string(&texts).expect("texts serialize")
}

/// The head's links of an installable app (manifest, colour), when the build has them.
pub fn head_links() -> Markup {
    html! {
        @if OFFLINE_BUILT {
            link rel="manifest" href="/manifest.webmanifest";
            meta name="theme-color" content="#073763";
        }
    }
}

/// The field script and its texts, on the pages of field staff. The status panel stays
/// hidden until the script runs: without it nothing is kept on the phone to speak of.
pub fn field_script(ctx: &Ctx) -> Markup {
    html! {
        @if for_field_staff(ctx) {
            script src=(FIELD_JS.href()) data-upload=(UPLOAD_JS.href()) defer {}
        }
    }
}

/// The status panel the field script fills: the offline banner, the queue, conflicts.
pub fn field_panel(ctx: &Ctx) -> Markup {
    html! {
        @if for_field_staff(ctx) {
            section id="offline-panel" class="offline-panel" hidden
                aria-labelledby="offline-panel-title" data-texts=(texts_json(ctx)) {
                h2 id="offline-panel-title" class="visually-hidden" { (ctx.t(Msg::OfflineQueueTitle)) }
                p id="offline-banner" class="offline-banner" role="status" hidden { (ctx.t(Msg::OfflineBanner)) }
                div id="offline-queue" aria-live="polite" {}
            }
        }
    }
}
