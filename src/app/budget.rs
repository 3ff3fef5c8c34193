//! What each department asks for a budget year: the findings planned for it and their
//! estimated cost, beside the findings that have no plan yet (what the province's plan asks
//! each department to estimate every year, IV.2–3). Coordinators see every department; a
//! reviewer their own.

use chrono::Datelike;
use uuid::Uuid;

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::budget::{Budget, Line};
use crate::domain::permission::{Action, Scope};
use crate::domain::validation::Problem;
use crate::store::budget;

/// The estimate for budget year `year` (as typed; none: next year).
pub async fn budget(s: &Services, actor: &Actor, year: Option<&str>) -> Result<Budget, Error> {
    let everywhere = actor.may(Action::ReadReports, Scope::Everywhere).is_ok();
    let own = match actor.department() {
        Some(d) if !everywhere => {
            actor.may(Action::ReadReports, Scope::Department(d))?;
            Some(d)
        }
        _ => {
            actor.may(Action::ReadReports, Scope::Everywhere)?;
            None
        }
    };
    let year = match year.map(str::trim).filter(|y| !y.is_empty()) {
        None => s.today().year() + 1,
        Some(text) => match text.parse::<i32>() {
            Ok(y) if (2000..=2100).contains(&y) => y,
            Ok(_) => {
                return Err(Error::field(
                    "year",
                    Problem::OutOfRange {
                        min: 2000.0,
                        max: 2100.0,
                    },
                ));
            }
            Err(_) => return Err(Error::field("year", Problem::NotANumber)),
        },
    };
    let mut conn = s.db.conn().await?;
    let directory = super::departments::directory(&mut conn).await?;
    let planned = budget::of_year(&mut conn, year).await?;
    let unplanned = budget::unplanned(&mut conn).await?;
    let count = |n: i64| u64::try_from(n).unwrap_or_default();
    let lines = directory
        .all()
        .filter(|d| own.is_none_or(|own| own == d.id))
        .map(|d| {
            let of = |id: Uuid| id == d.id;
            let row = planned.iter().find(|r| of(r.department_id));
            Line {
                department: d.clone(),
                planned: row.map_or(0, |r| count(r.planned)),
                estimated_findings: row.map_or(0, |r| count(r.estimated_findings)),
                estimated: row.map_or(0, |r| count(r.estimated)),
                unplanned: unplanned
                    .iter()
                    .find(|(id, _)| of(*id))
                    .map_or(0, |(_, n)| count(*n)),
            }
        })
        .collect();
    Ok(Budget { year, lines })
}
