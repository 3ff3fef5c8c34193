//! Sending the outbox: each due message is claimed (its try counted and its next try set
//! after the back-off), sent with its own Message-ID, and marked sent once the mail server
//! accepted it; a failure is recorded and the message waits for its next try, unless the
//! server refused it for good (a 5xx answer): then it is marked failed and kept.

use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::event::Change;
use crate::domain::lang::Lang;
use crate::domain::mail::{EmailAddress, Outgoing, backoff};
use crate::domain::permission::{Action, Scope};
use crate::i18n::Msg;
use crate::mailer::Mailer;
use crate::store::mail;

/// Most messages one round sends.
const PER_ROUND: i64 = 100;

/// Sends the messages due now; returns how many the mail server accepted. Without a mail
/// server set, sends nothing and the messages wait in the outbox.
pub async fn send_due(s: &Services) -> Result<usize, Error> {
    let Some(mailer) = &s.mail.mailer else {
        return Ok(0);
    };
    let now = s.now();
    let due = mail::due(&mut s.db.conn().await?, now, PER_ROUND).await?;
    let mut sent = 0;
    for id in due {
        let mut tx = s.begin().await?;
        let claimed = mail::claim(&mut tx, id, now, |tries| now + backoff(tries)).await?;
        tx.commit().await?;
        let Some((message, tries)) = claimed else {
            continue;
        };
        // If this process dies between the server's acceptance and the mark below, the
        // message is tried again after its back-off, with the same Message-ID.
        let result = mailer.send(&message).await;
        let mut tx = s.begin().await?;
        match &result {
            Ok(()) => mail::sent(&mut tx, id, s.now()).await?,
            Err(error) if error.permanent => {
                mail::gave_up(&mut tx, id, &error.text, s.now()).await?;
            }
            Err(error) => mail::failed(&mut tx, id, &error.text).await?,
        }
        tx.commit().await?;
        match result {
            Ok(()) => sent += 1,
            Err(error) if error.permanent => tracing::warn!(
                message_id = %message.message_id,
                tries,
                error = %error,
                "the mail server refused a message for good; it is not tried again"
            ),
            Err(error) => tracing::warn!(
                message_id = %message.message_id,
                tries,
                error = %error,
                "a message was not sent; it is tried again later"
            ),
        }
    }
    Ok(sent)
}

/// Sends one test message to `to` through `mailer` at once, not through the outbox; the
/// error says why it did not go.
pub async fn send_test(mailer: &Mailer, to: &EmailAddress, domain: &str) -> Result<(), String> {
    mailer
        .send(&test_message(to, domain))
        .await
        .map_err(|e| e.text)
}

/// Writes one test message to `to` into the outbox, for the worker to send: an
/// administrator's check of the whole way a daily message goes.
pub async fn queue_test(s: &Services, actor: &Actor, to: &str) -> Result<EmailAddress, Error> {
    actor.may(Action::ManageUsers, Scope::Everywhere)?;
    let to = EmailAddress::parse(to).map_err(|p| Error::field("email", p))?;
    let message = test_message(&to, &s.mail.domain);
    let mut tx = s.begin().await?;
    mail::enqueue(&mut tx, &message, s.now()).await?;
    let change = Change::new(actor, "mail.test", "outbox", &message.message_id)
        .after(serde_json::json!({ "recipient": to.as_str() }));
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(to)
}

/// The test message, in both languages.
fn test_message(to: &EmailAddress, domain: &str) -> Outgoing {
    let lang = Lang::En;
    let subject = format!(
        "{} / {}",
        Msg::MailTestSubject.get(Lang::Vi),
        Msg::MailTestSubject.get(lang)
    );
    let body = format!(
        "{}\n\n{}\n",
        Msg::MailTestBody.get(Lang::Vi),
        Msg::MailTestBody.get(lang)
    );
    Outgoing::new(to, subject, body, domain)
}
