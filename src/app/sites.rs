//! Registering and editing sites.

use serde::Serialize;
use uuid::Uuid;

use super::retries::{Created, Once};
use super::{Error, Services, departments};
use crate::domain::actor::Actor;
use crate::domain::event::Change;
use crate::domain::geo::{Coordinates, NearSearch};
use crate::domain::permission::{Action, Scope};
use crate::domain::site::{NewSite, Site, SiteInput, SiteKind, Subtype};
use crate::store::{Tx, departments as department_rows, sites};

/// A site as the event log records it.
#[derive(Debug, Serialize)]
pub struct SiteRecord {
    name: String,
    kind: SiteKind,
    subtype: Subtype,
    address: Option<String>,
    #[serde(flatten)]
    location: Coordinates,
    department: String,
    area_id: Option<Uuid>,
    operator: Option<String>,
    design_approved_on: Option<chrono::NaiveDate>,
    heritage: bool,
}

impl From<&Site> for SiteRecord {
    fn from(s: &Site) -> Self {
        SiteRecord {
            name: s.name.clone(),
            kind: s.kind,
            subtype: s.subtype,
            address: s.address.clone(),
            location: s.location,
            department: s.department.code.clone(),
            area_id: s.area.as_ref().map(|a| a.id),
            operator: s.operator.clone(),
            design_approved_on: s.design_approved_on,
            heritage: s.heritage,
        }
    }
}

impl SiteRecord {
    /// The record of a site about to be stored.
    pub fn new(site: &NewSite, area_id: Option<Uuid>) -> SiteRecord {
        SiteRecord {
            name: site.name.clone(),
            kind: site.kind,
            subtype: site.subtype,
            address: site.address.clone(),
            location: site.location,
            department: site.department.clone(),
            area_id,
            operator: site.operator.clone(),
            design_approved_on: site.design_approved_on,
            heritage: site.heritage,
        }
    }
}

/// Registers a new site for a department; nothing is written when anything is refused.
/// Sent with a key (`once`), the same request again gets the first answer back instead of
/// making a second site.
pub async fn register(
    s: &Services,
    actor: &Actor,
    input: &SiteInput,
    once: Option<Once<'_, Site>>,
) -> Result<Created<Site>, Error> {
    // Refused before the input is even read when the person may register no site at all.
    may_for_own_department(actor, Action::CreateSite)?;
    let site = input.parse(&s.region)?;
    let mut tx = s.begin().await?;
    if let Some(once) = &once
        && let Some(answer) = once.earlier(&mut tx, actor).await?
    {
        return Ok(Created::Replayed(answer));
    }
    // Held to the commit, as a merge holds it: a site registered while its department is
    // merged away waits and is then refused, instead of staying in the department merged.
    if departments::well_formed(&site.department) {
        department_rows::lock(&mut tx, site.department.trim()).await?;
    }
    let department = departments::resolve(&mut tx, "department", &site.department).await?;
    actor.may(Action::CreateSite, Scope::Department(department.id))?;
    let area = sites::locate(&mut tx, site.location, s.today()).await?;
    let id = sites::insert(&mut tx, &site, department.id, area, s.now()).await?;
    let saved = read_back(&mut tx, id).await?;
    let change = Change::new(actor, "site.create", "site", id).after(SiteRecord::from(&saved));
    s.log(&mut tx, change).await?;
    if let Some(once) = &once
        && let Some(answer) = once.remember(s, &mut tx, actor, &saved).await?
    {
        return Ok(Created::Replayed(answer)); // a twin request won the race; `tx` rolls back
    }
    tx.commit().await?;
    Ok(Created::New(saved))
}

/// How an edit treats the fields it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Every field is replaced; a missing one becomes empty (the form).
    Replace,
    /// Only the fields given change (PATCH).
    Patch,
}

/// Changes site `id`. The row is locked and read inside the transaction, so concurrent
/// edits cannot undo each other; someone who may not edit it is refused (403) before their
/// input is even checked; moving it to another department needs both to be their own. With
/// `expected` (the version the person started from), a site changed since is refused
/// ([`Error::Stale`]) and nothing is overwritten.
pub async fn edit(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    how: Edit,
    input: &SiteInput,
    expected: Option<i64>,
) -> Result<Site, Error> {
    let mut tx = s.begin().await?;
    if !sites::lock(&mut tx, id).await? {
        return Err(Error::NotFound);
    }
    let before = sites::by_id(&mut tx, id).await?.ok_or(Error::NotFound)?;
    actor.may(Action::EditSite, Scope::Department(before.department.id))?;
    if let Some(expected) = expected
        && expected != before.version
    {
        return Err(Error::Stale(before.version));
    }
    let site = match how {
        Edit::Patch => SiteInput::from_site(&before)
            .merge(input.clone())
            .parse(&s.region)?,
        Edit::Replace => input.parse(&s.region)?,
    };
    let moving = site.department.trim() != before.department.code
        && departments::well_formed(&site.department);
    if moving {
        // Held as a merge holds it, read after: a department merged away meanwhile is
        // refused.
        department_rows::lock(&mut tx, site.department.trim()).await?;
    }
    let department = departments::resolve(&mut tx, "department", &site.department).await?;
    actor.may(Action::EditSite, Scope::Department(department.id))?;
    if moving {
        // The site's open work goes with it, as in a merge.
        department_rows::move_site_work(&mut tx, id, department.id).await?;
    }
    let area = sites::locate(&mut tx, site.location, s.today()).await?;
    sites::update(&mut tx, id, &site, department.id, area, s.now()).await?;
    let saved = read_back(&mut tx, id).await?;
    let change = Change::new(actor, "site.update", "site", id)
        .before(SiteRecord::from(&before))
        .after(SiteRecord::from(&saved));
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(saved)
}

/// A site as stored, in its own transaction; it cannot be missing there.
async fn read_back(tx: &mut Tx, id: Uuid) -> Result<Site, Error> {
    sites::by_id(tx, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("site {id} vanished inside its own transaction").into())
}

/// 403 unless `actor` may do `action` for their own department (the least any site write
/// needs); the department the input names is checked again once it is known.
fn may_for_own_department(actor: &Actor, action: Action) -> Result<(), Error> {
    match actor.department() {
        Some(own) => Ok(actor.may(action, Scope::Department(own))?),
        None => match actor {
            Actor::Console | Actor::System => Ok(()),
            Actor::Person(_) | Actor::Public => Err(Error::Forbidden),
        },
    }
}

/// The site as it stands, for someone about to edit it (the edit form).
pub async fn editable(s: &Services, actor: &Actor, id: Uuid) -> Result<Site, Error> {
    let site = sites::by_id(&mut s.db.conn().await?, id)
        .await?
        .ok_or(Error::NotFound)?;
    actor.may(Action::EditSite, Scope::Department(site.department.id))?;
    Ok(site)
}

/// Whether `actor` may register sites at all (the empty form).
pub fn may_register(actor: &Actor) -> Result<(), Error> {
    may_for_own_department(actor, Action::CreateSite)
}

/// The `limit` sites (of `kind`, when given) nearest to `from`, nearest first, with their
/// distance in metres.
pub async fn nearest(
    s: &Services,
    from: Coordinates,
    kind: Option<SiteKind>,
    limit: u32,
) -> Result<Vec<(Site, f64)>, Error> {
    let mut conn = s.db.conn().await?;
    let mut search = NearSearch::new(from, limit);
    while let Some(bbox) = search.next_box() {
        let filter = sites::Filter {
            bbox: Some(bbox),
            kind,
            nearest_to: Some(from),
            limit,
            ..sites::Filter::default()
        };
        let inside = sites::list(&mut conn, &filter).await?;
        if let Some(found) = search.keep(inside, |site| site.location) {
            return Ok(found);
        }
    }
    Ok(Vec::new())
}
