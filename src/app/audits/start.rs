//! Starting an audit: a draft of a site on the latest checklist for its subtype, or a
//! follow-up of only the items of the site's standing findings. Idempotent by the client's
//! key, which is also the audit's id: a phone that started an audit offline knows its
//! address before the server does (see [`super::blank`]).

use serde::Serialize;
use uuid::Uuid;

use crate::app::audit_access::{load, person};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::{Audit, BLANK_ID, Fix};
use crate::domain::checklist;
use crate::domain::event::Change;
use crate::domain::geo::Coordinates;
use crate::domain::permission::{Action, Scope};
use crate::domain::validation::{FieldErrors, Problem};
use crate::store::audits::{self, NewAudit};
use crate::store::{Access, checklists, findings, sites};

/// What starting an audit takes: the client's key, and the position the browser offers.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartInput {
    /// A UUID the client made, which becomes the audit's id; the same key from the same
    /// person starts one audit.
    pub key: Option<String>,
    /// Latitude of the browser's fix.
    pub lat: Option<f64>,
    /// Longitude of the browser's fix.
    pub lon: Option<f64>,
    /// Its accuracy radius in metres.
    pub accuracy: Option<f64>,
    /// True for a short audit of only the items of the site's findings that a later audit
    /// checks again (open, planned, in progress, fixed, reopened).
    pub follow_up: Option<bool>,
}

impl StartInput {
    fn parse(&self) -> Result<(Uuid, Option<Fix>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let key = match self.key.as_deref().map(str::trim) {
            None | Some("") => {
                errors.add("key", Problem::Required);
                None
            }
            // The nil id is a blank audit's, for the phone to replace ([`BLANK_ID`]).
            Some(text) => errors.take(
                "key",
                Uuid::parse_str(text)
                    .ok()
                    .filter(|key| *key != BLANK_ID)
                    .ok_or(Problem::NotAnId),
            ),
        };
        let fix = match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => match Coordinates::new(lon, lat) {
                Ok(at) => Some(Fix {
                    at,
                    accuracy_m: self.accuracy.filter(|a| a.is_finite() && *a >= 0.0),
                }),
                Err((field, problem)) => {
                    errors.add(field, problem);
                    None
                }
            },
            (None, None) => None,
            (None, Some(_)) => {
                errors.add("lat", Problem::Required);
                None
            }
            (Some(_), None) => {
                errors.add("lon", Problem::Required);
                None
            }
        };
        errors.into_result(|| (key.unwrap_or_default(), fix))
    }
}

/// An audit's start as the event log records it.
#[derive(Serialize)]
struct StartRecord<'a> {
    site_id: Uuid,
    checklist: &'a str,
    checklist_version: u32,
    department: &'a str,
    key: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    follow_up: Option<&'a [String]>,
}

/// What [`start`] did.
#[derive(Debug)]
pub enum Started {
    /// A new draft.
    New(Audit),
    /// The same person sent the same key before: that audit.
    Again(Audit),
}

/// Starts a draft audit of site `site_id` on the latest checklist version for its subtype.
/// The same key from the same person returns the audit it started instead of a second.
pub async fn start(
    s: &Services,
    actor: &Actor,
    site_id: Uuid,
    input: &StartInput,
) -> Result<Started, Error> {
    let me = person(actor)?;
    let site = sites::by_id(&mut s.db.conn().await?, site_id)
        .await?
        .ok_or(Error::NotFound)?;
    actor.may(Action::StartAudit, Scope::Department(site.department.id))?;
    let (key, fix) = input.parse()?;
    let key_text = key.to_string();
    let mut tx = s.begin().await?;
    if let Some(earlier) = again(s, &mut tx, me, &key_text, site_id).await? {
        return Ok(Started::Again(earlier));
    }
    let snapshots = checklists::latest_all(&mut tx).await?;
    let checklists_now: Vec<_> = snapshots.iter().map(|s| &s.checklist).collect();
    let chosen = checklist::for_subtype(checklists_now.iter().copied(), site.subtype)
        .ok_or_else(|| anyhow::anyhow!("no checklist for subtype {}", site.subtype.as_str()))?;
    let snapshot = snapshots
        .iter()
        .find(|s| std::ptr::eq(&s.checklist, chosen))
        .expect("the chosen checklist is one of the snapshots");
    let follow_up = match input.follow_up {
        Some(true) => {
            let tracked = findings::standing(&mut tx, site_id).await?;
            let held: Vec<String> = chosen
                .items()
                .filter(|item| {
                    tracked
                        .iter()
                        .any(|f| f.state.is_tracked() && f.item == item.code)
                })
                .map(|item| item.code.clone())
                .collect();
            if held.is_empty() {
                return Err(Error::field("follow_up", Problem::NothingToFollowUp));
            }
            Some(held)
        }
        _ => None,
    };
    // The key is the id: the pages a phone filled before this start reached the server
    // already name it. Another audit's id sent as a key is refused below as taken.
    let id = key;
    let new = NewAudit {
        id,
        site_id,
        checklist_version_id: snapshot.snapshot_id,
        inspector_id: me,
        department_id: site.department.id,
        key: &key_text,
        fix,
        follow_up: follow_up.as_deref(),
        at: s.now(),
    };
    if let Err(e) = audits::insert(&mut tx, &new).await {
        return match Error::from(e) {
            // The same key at the same moment: the other request started it.
            Error::Conflict(_) => {
                drop(tx);
                let mut conn = s.db.conn().await?;
                match again(s, &mut conn, me, &key_text, site_id).await? {
                    Some(earlier) => Ok(Started::Again(earlier)),
                    None => Err(Error::field("key", Problem::Taken)),
                }
            }
            other => Err(other),
        };
    }
    let record = StartRecord {
        site_id,
        checklist: &chosen.id,
        checklist_version: chosen.version,
        department: &site.department.code,
        key,
        follow_up: follow_up.as_deref(),
    };
    s.log(
        &mut tx,
        Change::new(actor, "audit.start", "audit", id).after(record),
    )
    .await?;
    let audit = load(s, &mut tx, id).await?;
    tx.commit().await?;
    Ok(Started::New(audit))
}

/// The audit `me` started with `key`, if any; a key used for another site is refused.
async fn again(
    s: &Services,
    ex: &mut impl Access,
    me: Uuid,
    key: &str,
    site_id: Uuid,
) -> Result<Option<Audit>, Error> {
    let Some(id) = audits::by_key(ex, me, key).await? else {
        return Ok(None);
    };
    let audit = load(s, ex, id).await?;
    if audit.site.id != site_id {
        return Err(Error::field("key", Problem::KeyReused));
    }
    Ok(Some(audit))
}
