//! The periodic report: read the facts of the scope, compute once, hand the result to
//! whichever format was asked for.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use uuid::Uuid;

mod history;

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::barrier::ReportState;
use crate::domain::checklist::{Feature, Severity};
use crate::domain::finding::FindingState;
use crate::domain::geo::Coordinates;
use crate::domain::lang::Bilingual;
use crate::domain::permission::{Action, Scope as Where};
use crate::domain::report::{
    self, BarrierFact, Counting, Facts, FindingFact, Named, Period, Report, Scope, SiteFact,
};
use crate::domain::site::Subtype;
use crate::domain::validation::{FieldErrors, Problem};
use crate::store::{areas, reports, targets};

/// A report as asked for: dates as typed, a department code, an area code or id.
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// A department's code; a reviewer's own department when left out.
    pub department: Option<String>,
    /// An area's code or id; the whole province when left out.
    pub area: Option<String>,
}

/// Whether `actor` may have reports of every department (`true`) or of their own only
/// (`false`); refused when neither.
pub fn reaches_everywhere(actor: &Actor) -> Result<bool, Error> {
    if actor.may(Action::ReadReports, Where::Everywhere).is_ok() {
        return Ok(true);
    }
    let own = actor.department().ok_or(Error::Forbidden)?;
    actor.may(Action::ReadReports, Where::Department(own))?;
    Ok(false)
}

/// The report `actor` asked for. Coordinators and admins may ask for any scope; a reviewer
/// for their own department only (it is chosen for them when they name none).
pub async fn report(s: &Services, actor: &Actor, input: &ReportInput) -> Result<Report, Error> {
    // Who has no right to any report learns nothing of the input, the departments or areas.
    let everywhere = reaches_everywhere(actor)?;
    let mut errors = FieldErrors::default();
    let period = match Period::parse(input.from.as_deref(), input.to.as_deref(), s.today()) {
        Ok(period) => Some(period),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    };
    let mut conn = s.db.conn().await?;
    let directory = super::departments::directory(&mut conn).await?;
    let all_areas = areas::all(&mut conn).await?;
    let department = input
        .department
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .and_then(|code| errors.take("department", directory.resolve(code)));
    let wanted = input
        .area
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    let area = match wanted {
        Some(given) => {
            let found = all_areas
                .iter()
                .find(|a| a.code == given || a.id.to_string() == given);
            if found.is_none() {
                errors.add(
                    "area",
                    Problem::Unknown {
                        given: given.to_owned(),
                    },
                );
            }
            found
        }
        None => None,
    };
    let Some(period) = period.filter(|_| errors.0.is_empty()) else {
        return Err(Error::Invalid(errors));
    };
    // A reviewer who names no department gets their own; one who names another is refused.
    let department = match department {
        None if !everywhere => actor
            .department()
            .and_then(|own| directory.all().find(|d| d.id == own)),
        department => department,
    };
    let asked = department.map_or(Where::Everywhere, |d| Where::Department(d.id));
    actor.may(Action::ReadReports, asked)?;

    let named = |d: &crate::domain::department::Department| Named {
        id: d.id,
        code: d.code.clone(),
        name: d.name.clone(),
    };
    let area_named = |a: &crate::domain::area::Area| Named {
        id: a.id,
        code: a.code.clone(),
        name: Bilingual {
            vi: a.name.clone(),
            en: a.name.clone(),
        },
    };
    // When the map changed after the period ended, the sites are placed in the areas of the
    // period's last day, not today's, and an area asked for is matched on that placement.
    let historic = history::changed_since(&all_areas, period.to, s.today());
    let scope = reports::Scope {
        department: department.map(|d| d.id),
        area: area.filter(|_| !historic).map(|a| a.id),
    };
    // Targets are the province's: only a report of the whole province holds them.
    let targets = if department.is_none() && area.is_none() {
        let years = (period.from.year(), period.to.year());
        super::targets::facts_of(targets::all(&mut conn).await?, years, &all_areas)
    } else {
        Vec::new()
    };
    drop(conn);
    let mut facts = read_facts(s, scope).await?;
    facts.barriers = read_barriers(s, scope, period).await?;
    if historic {
        history::place_on(s, &mut facts, period.to, area.map(|a| a.id), &all_areas).await?;
    }
    let facts = Facts {
        departments: match department {
            Some(d) => vec![named(d)],
            None => directory.all().map(named).collect(),
        },
        areas: all_areas.iter().map(area_named).collect(),
        ..facts
    };
    let scope = Scope {
        department: department.map(named),
        area: area.map(area_named),
    };
    // The arithmetic runs off the async threads: a province's ten years are a lot of rows.
    let (today, now, answer_days) = (s.today(), s.now(), s.report_answer_days);
    let unregistered = scope.department.is_none();
    tokio::task::spawn_blocking(move || {
        let mut report = report::compute(&facts, scope, period, today);
        let rows = Counting {
            departments: &facts.departments,
            areas: &facts.areas,
            unregistered,
            answer_days,
        };
        report.barriers = report::count_barriers(&facts.barriers, rows, period, now);
        report.costs = report::count_costs(&facts, report.as_of);
        report.targets = report::hold_to_targets(&facts, &targets, report.as_of);
        report
    })
    .await
    .map_err(|e| Error::Internal(e.into()))
}

/// The barrier reports of `scope` received in `period` (the province's days), as they stand.
async fn read_barriers(
    s: &Services,
    scope: reports::Scope,
    period: Period,
) -> Result<Vec<BarrierFact>, Error> {
    let zone = s.zone;
    let start = |day: NaiveDate| {
        day.and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(zone).earliest())
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("report: no start of {day}")))
    };
    let since = start(period.from)?;
    let until = start(period.to + chrono::Days::new(1))?;
    let rows = reports::barriers(&mut s.db.conn().await?, scope, since, until).await?;
    rows.into_iter()
        .map(
            |(department, area, lat, lon, sent_at, answered_at, state)| {
                let bad = |what: &str| {
                    Error::Internal(anyhow::anyhow!("report: a barrier report's {what}"))
                };
                Ok(BarrierFact {
                    department,
                    area,
                    position: Coordinates::new(lon, lat).map_err(|_| bad("position"))?,
                    received_on: sent_at.with_timezone(&zone).date_naive(),
                    sent_at,
                    answered_at,
                    state: ReportState::parse(&state).map_err(|_| bad("state"))?,
                })
            },
        )
        .collect()
}

/// The sites, approvals, findings and steps of `scope`, dated in the province's calendar.
/// The four lists are read and decoded at once, each on its own connection and task: a
/// province's are large, and reading them is most of a report's time.
async fn read_facts(s: &Services, scope: reports::Scope) -> Result<Facts, Error> {
    let started = std::time::Instant::now();
    let zone = s.zone;
    let day = move |at: DateTime<Utc>| -> NaiveDate { at.with_timezone(&zone).date_naive() };
    let read = |db: crate::store::Db| async move { db.conn().await };
    let db = s.db.clone();
    let sites = tokio::spawn(async move {
        let rows = reports::sites(&mut read(db).await?, scope).await?;
        rows.into_iter()
            .map(|(id, subtype, department, area, registered)| {
                let subtype = Subtype::parse(&subtype).map_err(|_| undecodable("subtype", id))?;
                Ok(SiteFact {
                    id,
                    kind: subtype.kind(),
                    subtype,
                    department,
                    area,
                    registered: day(registered),
                    approved: Vec::new(),
                })
            })
            .collect::<Result<Vec<_>, Error>>()
    });
    let db = s.db.clone();
    let approvals = tokio::spawn(async move {
        let rows = reports::approvals(&mut read(db).await?, scope).await?;
        Ok::<_, Error>(
            rows.into_iter()
                .map(|(site, at)| (site, day(at)))
                .collect::<Vec<_>>(),
        )
    });
    let db = s.db.clone();
    let findings = tokio::spawn(async move {
        let rows = reports::findings(&mut read(db).await?, scope).await?;
        rows.into_iter()
            .map(|row| {
                let id = row.id;
                let amount = |n: Option<i64>| n.map(u64::try_from).transpose();
                let fact = FindingFact {
                    site: row.site,
                    severity: Severity::parse(&row.severity)
                        .map_err(|_| undecodable("severity", id))?,
                    feature: Feature::parse(&row.feature)
                        .map_err(|_| undecodable("feature", id))?,
                    found: day(row.found),
                    due: row.due,
                    steps: Vec::new(),
                    budget_year: row
                        .budget_year
                        .map(i32::try_from)
                        .transpose()
                        .map_err(|_| undecodable("budget year", id))?,
                    estimated_cost: amount(row.estimated_cost)
                        .map_err(|_| undecodable("estimated cost", id))?,
                    actual_cost: amount(row.actual_cost)
                        .map_err(|_| undecodable("actual cost", id))?,
                };
                Ok((id, fact))
            })
            .collect::<Result<Vec<_>, Error>>()
    });
    let db = s.db.clone();
    let steps = tokio::spawn(async move {
        let mut rows = reports::steps(&mut read(db).await?, scope).await?;
        // In the order they were taken: by time, and by id (time-ordered) within one instant.
        rows.sort_unstable_by_key(|s| (s.0, s.2, s.3));
        rows.into_iter()
            .map(|(finding, to, at, _)| {
                let state = FindingState::parse(&to).map_err(|_| undecodable("step", finding))?;
                Ok((finding, state, day(at)))
            })
            .collect::<Result<Vec<_>, Error>>()
    });
    let joined = |e: tokio::task::JoinError| Error::Internal(e.into());
    let mut sites = sites.await.map_err(joined)??;
    let approvals = approvals.await.map_err(joined)??;
    let findings = findings.await.map_err(joined)??;
    let steps = steps.await.map_err(joined)??;
    let read = started.elapsed();

    let index: HashMap<Uuid, usize> = sites.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    for (site, day) in approvals {
        if let Some(i) = index.get(&site) {
            sites[*i].approved.push(day);
        }
    }
    let by_id: HashMap<Uuid, usize> = findings
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let mut findings: Vec<FindingFact> = findings.into_iter().map(|(_, f)| f).collect();
    for (finding, state, day) in steps {
        if let Some(i) = by_id.get(&finding) {
            findings[*i].steps.push((state, day));
        }
    }
    tracing::debug!(
        sites = sites.len(),
        findings = findings.len(),
        read_ms = read.as_millis() as u64,
        total_ms = started.elapsed().as_millis() as u64,
        "report facts read"
    );
    Ok(Facts {
        sites,
        findings,
        ..Facts::default()
    })
}

/// A stored value the report cannot read: a fault of the data, not of the request.
fn undecodable(what: &str, id: Uuid) -> Error {
    Error::Internal(anyhow::anyhow!("report: {what} of {id} cannot be read"))
}
