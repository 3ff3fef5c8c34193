//! Mail: addresses, how a failed sending is retried, and what a daily message holds.

mod digest;

pub use super::email::{EMAIL_MAX, EmailAddress};
pub use digest::{DUE_SOON_DAYS, Line, Section, SectionKind, escalated, sections};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::enums::string_enum;
use super::lang::Lang;
use super::user::Role;

/// A person's mail settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MailPrefs {
    /// Where their mail goes; none: they get no mail.
    pub email: Option<EmailAddress>,
    /// Whether they get the daily message (on unless turned off).
    pub digest: bool,
    /// The language their mail is written in.
    pub lang: Lang,
}

/// Someone who gets a daily message: a reviewer (their department's digest) or a
/// coordinator (the long overdue findings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The person.
    pub user: Uuid,
    /// Their role, which decides what their message holds.
    pub role: Role,
    /// Their department.
    pub department: Option<Uuid>,
    /// Where it goes.
    pub email: EmailAddress,
    /// In which language.
    pub lang: Lang,
}

/// A message of the outbox, as it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The outbox row.
    pub id: Uuid,
    /// Its Message-ID header, the same on every try.
    pub message_id: String,
    /// The address it goes to.
    pub recipient: String,
    /// Its subject line.
    pub subject: String,
    /// Its plain text.
    pub body: String,
}

impl Outgoing {
    /// A new message to `recipient`, with a Message-ID at `domain`.
    pub fn new(recipient: &EmailAddress, subject: String, body: String, domain: &str) -> Outgoing {
        let id = Uuid::now_v7();
        Outgoing {
            id,
            message_id: message_id(id, domain),
            recipient: recipient.as_str().to_owned(),
            subject,
            body,
        }
    }
}

/// A message of the outbox as the administrator's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    /// The outbox row.
    pub id: Uuid,
    /// Its Message-ID.
    pub message_id: String,
    /// Where it goes.
    pub recipient: String,
    /// Its subject line.
    pub subject: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// How many times it was tried.
    pub attempts: u32,
    /// When it is tried next, unless sent.
    pub next_attempt_at: DateTime<Utc>,
    /// When the mail server accepted it.
    pub sent_at: Option<DateTime<Utc>>,
    /// When the mail server refused it for good; it is not tried again.
    pub failed_at: Option<DateTime<Utc>>,
    /// Why its last try failed.
    pub last_error: Option<String>,
}

/// Where a message of the outbox stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxState {
    /// Accepted by the mail server.
    Sent,
    /// Not tried yet.
    Waiting,
    /// Tried and failed; tried again later.
    Retrying,
    /// Refused by the mail server for good; not tried again.
    Failed,
}

impl OutboxEntry {
    /// Where it stands.
    pub fn state(&self) -> OutboxState {
        match (self.sent_at, self.failed_at, self.attempts) {
            (Some(_), _, _) => OutboxState::Sent,
            (None, Some(_), _) => OutboxState::Failed,
            (None, None, 0) => OutboxState::Waiting,
            (None, None, _) => OutboxState::Retrying,
        }
    }
}

string_enum! {
    /// How the connection to the mail server is protected.
    TlsMode {
        /// Plain text (a relay on the same machine or network only).
        None = "none",
        /// Plain connection upgraded with STARTTLS, which the server must offer (port 587).
        Starttls = "starttls",
        /// TLS from the first byte (port 465).
        Tls = "tls",
    }
}

impl TlsMode {
    /// The usual port of the mode.
    pub fn default_port(self) -> u16 {
        match self {
            TlsMode::None => 25,
            TlsMode::Starttls => 587,
            TlsMode::Tls => 465,
        }
    }
}

/// The first wait after a failed sending; each next failure doubles it.
pub const FIRST_RETRY: chrono::Duration = chrono::Duration::minutes(1);
/// The longest wait between two tries.
pub const LONGEST_RETRY: chrono::Duration = chrono::Duration::hours(6);

/// How long to wait before the next try of a message tried `attempts` times (1 after the
/// first try): one minute, then two, four, … up to six hours.
pub fn backoff(attempts: u32) -> chrono::Duration {
    let doublings = attempts.saturating_sub(1).min(16);
    let wait = FIRST_RETRY * 2_i32.pow(doublings);
    wait.min(LONGEST_RETRY)
}

/// A new Message-ID (RFC 5322, with its angle brackets): unique by its UUIDv7, at the
/// sender's domain.
pub fn message_id(id: uuid::Uuid, domain: &str) -> String {
    let domain = if domain.is_empty() { "tiepcan" } else { domain };
    format!("<{}@{domain}>", id.simple())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_one_minute_then_double_up_to_six_hours() {
        let minutes: Vec<i64> = (1..=12).map(|a| backoff(a).num_minutes()).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360]);
        assert_eq!(backoff(0).num_minutes(), 1);
        assert_eq!(backoff(u32::MAX).num_minutes(), 360);
    }

    #[test]
    fn a_message_id_is_bracketed_at_the_senders_domain() {
        let id = uuid::Uuid::nil();
        assert_eq!(
            message_id(id, "langson.gov.vn"),
            "<00000000000000000000000000000000@langson.gov.vn>"
        );
        assert!(message_id(id, "").ends_with("@tiepcan>"));
    }

    #[test]
    fn each_tls_mode_has_its_usual_port() {
        let ports: Vec<u16> = TlsMode::ALL.iter().map(|m| m.default_port()).collect();
        assert_eq!(ports, [25, 587, 465]);
        assert_eq!(TlsMode::parse("starttls"), Ok(TlsMode::Starttls));
    }
}
