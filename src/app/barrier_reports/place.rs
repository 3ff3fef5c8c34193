//! A report of a place in no registry: given by a coordinator to the department it
//! concerns, whose reviewers register the place from it; the report is then filed under
//! the place.

use serde::Serialize;
use uuid::Uuid;

use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::event::Change;
use crate::domain::permission::{Action, Scope};
use crate::domain::validation::{FieldErrors, Problem};
use crate::store::{barrier_reports, departments, sites};

/// The filing as the event log records it.
#[derive(Serialize)]
struct Filed {
    site: Uuid,
    department: Uuid,
}

/// Files report `report` under site `site`, as one who answers it (the reviewers of the
/// department it was given to); a report that names a place already is refused (409).
pub async fn file_under(
    s: &Services,
    actor: &Actor,
    report: Uuid,
    site: Uuid,
) -> Result<(), Error> {
    let mut tx = s.begin().await?;
    let place = sites::by_id(&mut tx, site).await?.ok_or(Error::NotFound)?;
    let before = barrier_reports::locked(&mut tx, report)
        .await?
        .ok_or(Error::NotFound)?;
    let scope = before
        .department
        .map_or(Scope::Everywhere, Scope::Department);
    actor.may(Action::ModerateBarrierReports, scope)?;
    if !barrier_reports::file_under(&mut tx, report, &place, s.now()).await? {
        return Err(Error::Conflict(FieldErrors::single(
            "report",
            Problem::ReportStep,
        )));
    }
    let record = Filed {
        site: place.id,
        department: place.department.id,
    };
    s.log(
        &mut tx,
        Change::new(actor, "barrier_report.file_under", "barrier_report", report).after(record),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The giving as the event log records it.
#[derive(Serialize)]
struct Given {
    department: Uuid,
}

/// Gives report `report`, of a place in no registry, to the department `code`, as a
/// coordinator; its reviewers answer it from then on. A report with a place or a
/// department already is refused (409); an unknown department is named (422).
pub async fn assign(s: &Services, actor: &Actor, report: Uuid, code: &str) -> Result<(), Error> {
    actor.may(Action::ModerateBarrierReports, Scope::Everywhere)?;
    let mut tx = s.begin().await?;
    barrier_reports::locked(&mut tx, report)
        .await?
        .ok_or(Error::NotFound)?;
    let department = departments::by_code(&mut tx, code.trim())
        .await?
        .ok_or_else(|| {
            Error::field(
                "department",
                Problem::Unknown {
                    given: code.to_owned(),
                },
            )
        })?;
    if !barrier_reports::assign(&mut tx, report, department.id, s.now()).await? {
        return Err(Error::Conflict(FieldErrors::single(
            "department",
            Problem::ReportStep,
        )));
    }
    s.log(
        &mut tx,
        Change::new(actor, "barrier_report.assign", "barrier_report", report).after(Given {
            department: department.id,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
