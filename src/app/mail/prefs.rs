//! Each person's mail settings, and the administrator's view of the outbox.

use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::event::Change;
use crate::domain::lang::Lang;
use crate::domain::mail::{EmailAddress, MailPrefs, OutboxEntry};
use crate::domain::permission::{Action, Scope};
use crate::domain::validation::{FieldErrors, Problem};
use crate::store::mail;

/// Most messages the outbox page lists.
const OUTBOX_SHOWN: i64 = 200;

/// Mail settings as typed: nothing checked.
#[derive(Debug, Clone, Default)]
pub struct MailInput {
    /// The address; empty: no mail.
    pub email: String,
    /// Whether the daily message is on.
    pub digest: bool,
    /// `vi` or `en`.
    pub lang: String,
}

impl MailInput {
    fn parse(&self) -> Result<MailPrefs, FieldErrors> {
        let mut errors = FieldErrors::default();
        let email = match self.email.trim() {
            "" => Some(None),
            typed => errors.take("email", EmailAddress::parse(typed).map(Some)),
        };
        let lang = errors.take(
            "lang",
            Lang::parse(&self.lang)
                .filter(|l| l.code() == self.lang.trim())
                .ok_or_else(|| Problem::NotOneOf {
                    given: self.lang.clone(),
                    allowed: Lang::ALL.iter().map(|l| l.code().to_owned()).collect(),
                }),
        );
        errors.into_result(|| MailPrefs {
            email: email.expect("checked"),
            digest: self.digest,
            lang: lang.expect("checked"),
        })
    }
}

/// The signed-in person's own mail settings.
pub async fn own_prefs(s: &Services, actor: &Actor) -> Result<MailPrefs, Error> {
    let me = actor.user_id().ok_or(Error::Forbidden)?;
    actor.may(Action::ManageOwnMail, Scope::OwnRecord(me))?;
    mail::prefs(&mut s.db.conn().await?, me)
        .await?
        .ok_or(Error::NotFound)
}

/// Replaces the signed-in person's own mail settings.
pub async fn set_own_prefs(
    s: &Services,
    actor: &Actor,
    input: &MailInput,
) -> Result<MailPrefs, Error> {
    let me = actor.user_id().ok_or(Error::Forbidden)?;
    actor.may(Action::ManageOwnMail, Scope::OwnRecord(me))?;
    let prefs = input.parse()?;
    let mut tx = s.begin().await?;
    mail::set_prefs(&mut tx, me, &prefs).await?;
    let change =
        Change::new(actor, "user.mail_settings", "user", actor.name()).after(serde_json::json!({
            "email": prefs.email.as_ref().map(EmailAddress::as_str),
            "digest": prefs.digest,
            "lang": prefs.lang.code(),
        }));
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(prefs)
}

/// The outbox's newest messages, for an administrator, and whether a mail server is set.
pub async fn outbox(s: &Services, actor: &Actor) -> Result<(Vec<OutboxEntry>, bool), Error> {
    actor.may(Action::ManageUsers, Scope::Everywhere)?;
    let entries = mail::entries(&mut s.db.conn().await?, OUTBOX_SHOWN).await?;
    Ok((entries, s.mail.mailer.is_some()))
}
