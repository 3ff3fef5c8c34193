//! The province's targets: a coordinator enters them ([`create`]) and removes them
//! ([`remove`]), each an event; the report holds its figures against them ([`facts_of`]).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::area::Area;
use crate::domain::event::Change;
use crate::domain::lang::Bilingual;
use crate::domain::permission::{Action, Scope};
use crate::domain::report::{Named, TargetFact};
use crate::domain::target::{Fields, NewTarget, Target};
use crate::domain::validation::{FieldErrors, Problem};
use crate::store::{areas, targets};

/// A number as sent: a JSON number, or text in a form.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum NumberField {
    /// `80`.
    Number(f64),
    /// `"80 %"`.
    Text(String),
}

impl NumberField {
    /// As text, to be read like a form's.
    pub fn text(&self) -> String {
        match self {
            NumberField::Number(n) => n.to_string(),
            NumberField::Text(t) => t.clone(),
        }
    }
}

/// A target as sent: nothing checked.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetInput {
    /// The year.
    pub year: Option<NumberField>,
    /// `audited`, `accessible` or `fixed`.
    pub measure: Option<String>,
    /// A kind of site; none or empty: every kind.
    pub site_kind: Option<String>,
    /// An area's code or id; none or empty: the whole province.
    pub area: Option<String>,
    /// The share in per cent.
    pub share: Option<NumberField>,
    /// `YYYY-MM-DD`; none: the year's last day.
    pub by_date: Option<String>,
    /// The programme it comes from.
    pub programme: Option<String>,
}

/// A target as the event log records it.
#[derive(Serialize)]
struct Record<'a> {
    year: i32,
    measure: &'a str,
    site_kind: Option<&'a str>,
    area: Option<Uuid>,
    share: f64,
    by_date: chrono::NaiveDate,
    programme: &'a str,
}

impl<'a> From<&'a NewTarget> for Record<'a> {
    fn from(t: &'a NewTarget) -> Self {
        Record {
            year: t.year,
            measure: t.measure.as_str(),
            site_kind: t.kind.map(|k| k.as_str()),
            area: t.area,
            share: t.share,
            by_date: t.by,
            programme: &t.programme,
        }
    }
}

/// Every target, and the areas a target may name.
#[derive(Debug, Clone)]
pub struct Overview {
    /// Every target, latest year first.
    pub targets: Vec<Target>,
    /// Every area.
    pub areas: Vec<Area>,
}

/// Every target, for those who read the province's reports.
pub async fn overview(s: &Services, actor: &Actor) -> Result<Overview, Error> {
    actor.may(Action::ReadReports, Scope::Everywhere)?;
    let mut conn = s.db.conn().await?;
    Ok(Overview {
        targets: targets::all(&mut conn).await?,
        areas: areas::all(&mut conn).await?,
    })
}

/// Enters a target; every bad field is named, an unknown area too.
pub async fn create(s: &Services, actor: &Actor, input: &TargetInput) -> Result<Target, Error> {
    actor.may(Action::ManageTargets, Scope::Everywhere)?;
    let me = actor.user_id().ok_or(Error::Forbidden)?;
    let mut errors = FieldErrors::default();
    let wanted = input
        .area
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    let area = match wanted {
        Some(given) => {
            let all = areas::all(&mut s.db.conn().await?).await?;
            let found = all
                .iter()
                .find(|a| a.code == given || a.id.to_string() == given)
                .map(|a| a.id);
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
    let (year, share) = (
        input.year.as_ref().map(NumberField::text),
        input.share.as_ref().map(NumberField::text),
    );
    let fields = Fields {
        year: year.as_deref(),
        measure: input.measure.as_deref(),
        kind: input.site_kind.as_deref(),
        share: share.as_deref(),
        by: input.by_date.as_deref(),
        programme: input.programme.as_deref(),
    };
    let checked = match NewTarget::check(&fields, area) {
        Ok(target) if errors.is_empty() => target,
        Ok(_) => return Err(Error::Invalid(errors)),
        Err(more) => {
            errors.0.extend(more.0);
            return Err(Error::Invalid(errors));
        }
    };
    let id = Uuid::now_v7();
    let mut tx = s.begin().await?;
    targets::insert(&mut tx, id, &checked, me, s.now()).await?;
    let change = Change::new(actor, "target.create", "target", id).after(Record::from(&checked));
    s.log(&mut tx, change).await?;
    let created = targets::all(&mut tx)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(created)
}

/// Removes target `id`.
pub async fn remove(s: &Services, actor: &Actor, id: Uuid) -> Result<(), Error> {
    actor.may(Action::ManageTargets, Scope::Everywhere)?;
    let mut tx = s.begin().await?;
    let before = targets::all(&mut tx)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(Error::NotFound)?;
    targets::delete(&mut tx, id).await?;
    let change =
        Change::new(actor, "target.delete", "target", id).before(Record::from(&before.entered));
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(())
}

/// The targets of the years `from..=to` as the report holds them, each area with the areas
/// inside it (from `all_areas`).
pub(super) fn facts_of(
    list: Vec<Target>,
    years: (i32, i32),
    all_areas: &[Area],
) -> Vec<TargetFact> {
    list.into_iter()
        .filter(|t| (years.0..=years.1).contains(&t.entered.year))
        .map(|t| {
            let areas = match t.entered.area {
                Some(top) => inside(top, all_areas),
                None => Vec::new(),
            };
            TargetFact {
                id: t.id,
                year: t.entered.year,
                measure: t.entered.measure,
                kind: t.entered.kind,
                area: t.area.map(|a| Named {
                    id: a.id,
                    code: a.code,
                    name: Bilingual {
                        vi: a.name.clone(),
                        en: a.name,
                    },
                }),
                areas,
                share: t.entered.share,
                by: t.entered.by,
                programme: t.entered.programme,
            }
        })
        .collect()
}

/// `top` and every area inside it, at any depth.
fn inside(top: Uuid, all: &[Area]) -> Vec<Uuid> {
    let mut found = vec![top];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            all.iter()
                .filter(|a| a.parent_id == Some(parent))
                .map(|a| a.id),
        );
        i += 1;
    }
    found
}
