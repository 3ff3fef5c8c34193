//! Following a report from a program (an Open311 client): what the public may see of it,
//! and who answers it.

use crate::app::{Error, Services};
use crate::domain::barrier::PublicReport;
use crate::domain::lang::Bilingual;
use crate::store::departments;

/// A report as a program following it reads it.
#[derive(Debug, Clone)]
pub struct Followed {
    /// What the public may see of it (never the contact).
    pub public: PublicReport,
    /// The name of the department that answers it; none for a place in no registry (the
    /// coordinators answer those).
    pub department: Option<Bilingual>,
}

/// The report at public address `token`, with the name of who answers it; 404 for any
/// other text.
pub async fn follow(s: &Services, token: &str) -> Result<Followed, Error> {
    let public = super::public(s, token).await?;
    let department = match public.report.department {
        Some(id) => departments::name_of(&mut s.db.conn().await?, id).await?,
        None => None,
    };
    Ok(Followed { public, department })
}
