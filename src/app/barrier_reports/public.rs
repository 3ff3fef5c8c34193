//! A report at its public address: anyone who has the address may read what the public
//! may see of it (the page decides what that is; the contact never leaves the use case).

use crate::app::{Error, Services};
use crate::domain::barrier::Report;
use crate::store::barrier_reports;

/// The report at public address `token`; 404 for any other text.
pub async fn public(s: &Services, token: &str) -> Result<Report, Error> {
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::NotFound);
    }
    let mut report = barrier_reports::by_token(&mut s.db.conn().await?, token)
        .await?
        .ok_or(Error::NotFound)?;
    report.contact = None;
    Ok(report)
}
