//! `tiepcan mail test ADDRESS`: checks the mail settings by sending one message at once.

use std::process::ExitCode;

use crate::app::mail::send_test;
use crate::config::MailAction;
use crate::domain::mail::EmailAddress;

/// Sends the test message and says whether the mail server accepted it; the exit status
/// is 1 and the cause is printed when it did not go.
pub async fn run(action: MailAction) -> anyhow::Result<ExitCode> {
    let MailAction::Test { address, smtp } = action;
    let Ok(to) = EmailAddress::parse(&address) else {
        eprintln!("error: `{address}` is not an email address");
        return Ok(ExitCode::FAILURE);
    };
    let Some(mailer) = smtp.mailer()? else {
        eprintln!("error: no mail server is set: give --smtp-host (or TIEPCAN_SMTP_HOST)");
        return Ok(ExitCode::FAILURE);
    };
    match send_test(&mailer, &to, smtp.mail_from.domain()).await {
        Ok(()) => {
            println!("sent: {} accepted the test message to {to}", mailer.server);
            Ok(ExitCode::SUCCESS)
        }
        Err(cause) => {
            eprintln!(
                "error: the test message to {to} was not sent through {}: {cause}",
                mailer.server
            );
            Ok(ExitCode::FAILURE)
        }
    }
}
