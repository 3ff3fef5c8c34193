//! The mail server and the daily messages' settings.

use clap::Args;

use crate::app::mail::MailSetup;
use crate::domain::mail::{EmailAddress, TlsMode};
use crate::mailer::{Mailer, SmtpSettings};

/// The sender address when none is given.
const DEFAULT_MAIL_FROM: &str = "tiepcan@localhost.localdomain";

/// How mail is sent (nothing is sent without `--smtp-host`).
#[derive(Debug, Clone, Args)]
pub struct Smtp {
    /// The mail server's host name or address; without it no mail is sent and messages
    /// stay in the outbox (the administrator's page lists them).
    #[arg(long, env = "TIEPCAN_SMTP_HOST")]
    pub smtp_host: Option<String>,

    /// The mail server's port (default: 25 with `--smtp-tls none`, 587 with `starttls`,
    /// 465 with `tls`).
    #[arg(long, env = "TIEPCAN_SMTP_PORT")]
    pub smtp_port: Option<u16>,

    /// How the connection to the mail server is protected: `none`, `starttls` (the server
    /// must offer it) or `tls` (from the first byte).
    #[arg(long, env = "TIEPCAN_SMTP_TLS", default_value = "starttls", value_parser = parse_tls)]
    pub smtp_tls: TlsMode,

    /// The user name to sign in to the mail server with (its password comes from the
    /// environment variable `TIEPCAN_SMTP_PASSWORD`).
    #[arg(long, env = "TIEPCAN_SMTP_USER")]
    pub smtp_user: Option<String>,

    /// The mail server's password; give it in the environment, not on the command line,
    /// where other users of the machine could read it.
    #[arg(long, env = "TIEPCAN_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,

    /// The sender address of every message.
    #[arg(long, env = "TIEPCAN_MAIL_FROM", default_value = DEFAULT_MAIL_FROM, value_parser = parse_email)]
    pub mail_from: EmailAddress,
}

/// The mail server and the daily messages.
#[derive(Debug, Clone, Args)]
pub struct Mail {
    /// How mail is sent.
    #[command(flatten)]
    pub smtp: Smtp,

    /// Days a finding is overdue before the coordinators are told of it (once each).
    #[arg(long, env = "TIEPCAN_ESCALATE_AFTER_DAYS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub escalate_after_days: u32,

    /// The hour (0–23, in the province's time zone) from which each day's digest is
    /// written; a server started later writes it at once.
    #[arg(long, env = "TIEPCAN_DIGEST_HOUR", default_value_t = 7, value_parser = clap::value_parser!(u32).range(0..=23))]
    pub digest_hour: u32,
}

impl Smtp {
    /// The SMTP client of these settings; none without a host.
    pub fn mailer(&self) -> anyhow::Result<Option<Mailer>> {
        let Some(host) = self.smtp_host.clone().filter(|h| !h.trim().is_empty()) else {
            return Ok(None);
        };
        let credentials = match (&self.smtp_user, &self.smtp_password) {
            (Some(user), password) => Some((user.clone(), password.clone().unwrap_or_default())),
            (None, Some(_)) => anyhow::bail!("--smtp-password is set without --smtp-user"),
            (None, None) => None,
        };
        let settings = SmtpSettings {
            host,
            port: self
                .smtp_port
                .unwrap_or_else(|| self.smtp_tls.default_port()),
            tls: self.smtp_tls,
            credentials,
            from: self.mail_from.clone(),
        };
        Mailer::new(&settings)
            .map(Some)
            .map_err(|e| anyhow::anyhow!("--smtp-host: {e}"))
    }
}

impl Mail {
    /// What the mail work needs, links pointing at `base_url`.
    pub fn setup(&self, base_url: &str) -> anyhow::Result<MailSetup> {
        Ok(MailSetup {
            mailer: self.smtp.mailer()?,
            domain: self.smtp.mail_from.domain().to_owned(),
            base_url: base_url.to_owned(),
            escalate_after_days: self.escalate_after_days,
            digest_hour: self.digest_hour,
        })
    }
}

fn parse_tls(text: &str) -> Result<TlsMode, String> {
    TlsMode::parse(text).map_err(|_| {
        let allowed: Vec<&str> = TlsMode::ALL.iter().map(|m| m.as_str()).collect();
        format!("`{text}` is not one of {}", allowed.join(", "))
    })
}

fn parse_email(text: &str) -> Result<EmailAddress, String> {
    EmailAddress::parse(text).map_err(|_| format!("`{text}` is not an email address"))
}

#[cfg(test)]
mod tests {
    use crate::config::Cli;
    use clap::Parser;

    #[test]
    fn a_port_that_is_not_a_number_is_refused_naming_the_flag() {
        let parsed = Cli::try_parse_from(["tiepcan", "--smtp-port", "twenty-five"]);
        let message = parsed.expect_err("refused").to_string();
        assert!(message.contains("--smtp-port"), "{message}");
        let too_big = Cli::try_parse_from(["tiepcan", "--smtp-port", "70000"]);
        assert!(
            too_big
                .expect_err("refused")
                .to_string()
                .contains("--smtp-port")
        );
    }

    #[test]
    fn mail_goes_nowhere_unless_a_host_is_set_and_escalates_after_30_days() {
        let cli = Cli::try_parse_from(["tiepcan"]).expect("defaults");
        let setup = cli.serve.mail.setup("http://x.vn").expect("a setup");
        assert!(setup.mailer.is_none());
        assert_eq!((setup.escalate_after_days, setup.digest_hour), (30, 7));
        let tls = Cli::try_parse_from(["tiepcan", "--smtp-tls", "ssl"]);
        assert!(
            tls.expect_err("refused")
                .to_string()
                .contains("none, starttls, tls")
        );
    }
}
