//! A report at its public address: anyone who has the address may read what the public
//! may see of it (the page decides what that is; the contact never leaves the use case).

use crate::app::{Error, Services};
use crate::domain::barrier::{PublicReport, Publication};
use crate::store::{barrier_reports, findings, photos};

/// The report at public address `token`; 404 for any other text.
pub async fn public(s: &Services, token: &str) -> Result<PublicReport, Error> {
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::NotFound);
    }
    let mut conn = s.db.conn().await?;
    let mut report = barrier_reports::by_token(&mut conn, token)
        .await?
        .ok_or(Error::NotFound)?;
    report.contact = None;
    let duplicate_of = match report.duplicate_of {
        Some(id) => barrier_reports::by_id(&mut conn, id)
            .await?
            .map(|other| other.public_token),
        None => None,
    };
    // The sender's photo, once accepted: its copies carry no metadata.
    let photos = if report.publication == Publication::Accepted {
        photos::of_report(&mut conn, report.id)
            .await?
            .into_iter()
            .filter(|p| p.uploaded_by.is_none())
            .map(|p| p.id)
            .collect()
    } else {
        Vec::new()
    };
    let fix = match report.finding {
        Some(id) => findings::by_id(&mut conn, id)
            .await?
            .map(|(f, _)| (f.state, f.due_date)),
        None => None,
    };
    Ok(PublicReport {
        report,
        duplicate_of,
        photos,
        fix,
    })
}
