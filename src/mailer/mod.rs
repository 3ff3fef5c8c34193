//! Sending mail by SMTP: one connection per message, protected as the settings say. The
//! outbox's worker and `tiepcan mail test` send through here.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::domain::mail::{EmailAddress, Outgoing, TlsMode};

/// How long one exchange with the mail server may take before the try counts as failed.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Where and how to send.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    /// The mail server's host name or address.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// How the connection is protected.
    pub tls: TlsMode,
    /// The user name and password to sign in with, if the server asks for one.
    pub credentials: Option<(String, String)>,
    /// The sender address of every message.
    pub from: EmailAddress,
}

/// An SMTP client. Cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// Where it sends, for messages.
    pub server: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("server", &self.server)
            .finish()
    }
}

/// Why a message did not go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    /// The cause, with the mail server's answer when it gave one, as one line.
    pub text: String,
    /// True when trying again cannot help: the server refused it for good (an SMTP reply
    /// 5xx, such as 550 for a mailbox that does not exist), or the message cannot be
    /// written at all. False for a server that is down or answers 4xx ("try later").
    pub permanent: bool,
}

impl SendError {
    fn permanent(text: String) -> SendError {
        SendError {
            text,
            permanent: true,
        }
    }
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Mailer {
    /// A client for `settings`; connects only when it sends.
    pub fn new(settings: &SmtpSettings) -> Result<Mailer, String> {
        let host = settings.host.as_str();
        let builder = match settings.tls {
            TlsMode::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            TlsMode::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                .map_err(|e| describe(&e))?,
            TlsMode::Tls => {
                AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(|e| describe(&e))?
            }
        };
        let mut builder = builder.port(settings.port).timeout(Some(TIMEOUT));
        if let Some((user, password)) = &settings.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let from = settings
            .from
            .as_str()
            .parse::<Mailbox>()
            .map_err(|e| format!("the sender address {}: {e}", settings.from))?;
        Ok(Mailer {
            transport: builder.build(),
            from,
            server: format!("{host}:{} ({})", settings.port, settings.tls.as_str()),
        })
    }

    /// Sends one message with its own Message-ID; the error says why it did not go and
    /// whether a later try could help.
    pub async fn send(&self, message: &Outgoing) -> Result<(), SendError> {
        let to = message
            .recipient
            .parse::<Mailbox>()
            .map_err(|e| SendError::permanent(format!("the address {}: {e}", message.recipient)))?;
        let email = Message::builder()
            .message_id(Some(message.message_id.clone()))
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| SendError::permanent(describe(&e)))?;
        self.transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| SendError {
                text: describe(&e),
                permanent: e.is_permanent(),
            })
    }
}

/// An error with its causes, as one line.
fn describe(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = cause.source();
    }
    text
}
