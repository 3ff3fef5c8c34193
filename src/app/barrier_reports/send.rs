//! Sending a barrier report, by anyone, without an account. Held back, without storing
//! anything, when a program filled the form or one address sent too many lately; the same
//! form or `Idempotency-Key` sent again gives the report it made.

use serde::Serialize;
use uuid::Uuid;

use crate::app::photo_files::{self, Upload};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::PhotoOwner;
use crate::domain::barrier::{
    self, Feature, NewReport, Publication, Report, ReportInput, ReportState, Where,
};
use crate::domain::event::Change;
use crate::domain::lang::Lang;
use crate::domain::photo::Processed;
use crate::domain::secret;
use crate::domain::validation::Problem;
use crate::objects::Key;
use crate::store::{barrier_reports, photos, sites};

/// Who sends, as far as anyone without an account is known.
#[derive(Debug, Clone)]
pub struct Sender {
    /// The client's address (behind a trusted proxy, the real client's).
    pub address: String,
    /// The language of the form.
    pub lang: Lang,
}

/// How the report came.
#[derive(Debug, Clone)]
pub enum Via<'a> {
    /// The page's form: its hidden key (made when it was drawn) and the field people never
    /// see.
    Form {
        /// The form's key.
        key: Uuid,
        /// The hidden field, as sent.
        trap: Option<&'a str>,
    },
    /// The API, with its `Idempotency-Key`.
    Api {
        /// The key.
        key: &'a str,
    },
}

/// What [`send`] did.
#[derive(Debug)]
pub enum Sent {
    /// A new report.
    New(Report),
    /// The same form or key was sent before: that report.
    Again(Report),
}

/// The key of a form drawn now: the time it was drawn is in it (a UUID version 7).
pub fn form_key(s: &Services) -> Uuid {
    let now = s.now();
    let ts = uuid::Timestamp::from_unix(
        uuid::NoContext,
        u64::try_from(now.timestamp()).unwrap_or_default(),
        now.timestamp_subsec_nanos(),
    );
    Uuid::new_v7(ts)
}

/// A report's send as the event log records it: never the sender's contact or address.
#[derive(Serialize)]
struct SendRecord<'a> {
    site: Option<Uuid>,
    lat: f64,
    lon: f64,
    department: Option<Uuid>,
    features: Vec<&'static str>,
    with_contact: bool,
    with_photo: bool,
    via: &'a str,
}

/// Sends a report, with its photo if one came. The photo is decoded and its copies without
/// metadata made before anything is stored; one the pipeline refuses is named (`photo`)
/// and nothing is kept.
pub async fn send(
    s: &Services,
    sender: &Sender,
    input: &ReportInput,
    via: Via<'_>,
    photo: Option<&Upload>,
) -> Result<Sent, Error> {
    let parsed = input.parse(&s.region).map_err(Error::Invalid)?;
    let form_key = match via {
        Via::Form { key, .. } => key.to_string(),
        Via::Api { key } => format!("api:{key}"),
    };
    let digest = secret::digest(&sender.address);
    let now = s.now();
    let mut conn = s.db.conn().await?;
    if let Some(earlier) = barrier_reports::by_form_key(&mut conn, &form_key).await? {
        return Ok(Sent::Again(earlier));
    }
    let recent =
        barrier_reports::sent_since(&mut conn, &digest, now - chrono::Duration::days(1)).await?;
    match via {
        Via::Form { key, trap } => barrier::guard(key, trap, &recent, now),
        Via::Api { .. } => barrier::per_address_limit(&recent, now),
    }
    .map_err(Error::HeldBack)?;
    let (site, position, department, area) = match parsed.place {
        Where::Site(id) => {
            let site = sites::by_id(&mut conn, id).await?.ok_or_else(|| {
                Error::field(
                    "site",
                    Problem::Unknown {
                        given: id.to_string(),
                    },
                )
            })?;
            let area = site.area.as_ref().map(|a| a.id);
            (
                Some((site.id, site.name)),
                site.location,
                Some(site.department.id),
                area,
            )
        }
        Where::Position(at) => (
            None,
            at,
            None,
            sites::locate(&mut conn, at, s.today()).await?,
        ),
    };
    drop(conn);
    let made = match photo {
        Some(upload) => {
            let processed = photo_files::process(&s.photos, upload.bytes.clone())
                .await
                .map_err(photo_field)?;
            let written = photo_files::store_objects(s, &processed, &upload.bytes).await?;
            Some((upload, processed, written))
        }
        None => None,
    };
    let NewReport {
        features,
        description,
        contact,
        ..
    } = parsed;
    let report = Report {
        id: Uuid::now_v7(),
        public_token: secret::new_secret("")[..32].to_owned(),
        site,
        position,
        department,
        features,
        description,
        lang: sender.lang,
        contact: contact.map(|c| c.as_str().to_owned()),
        contact_erased_at: None,
        state: ReportState::Received,
        publication: Publication::Pending,
        finding: None,
        follow_up_on: None,
        reason: None,
        duplicate_of: None,
        created_at: now,
        answered_at: None,
        closed_at: None,
        version: 1,
    };
    let stored = barrier_reports::Sent {
        form_key: &form_key,
        sender_digest: &digest,
        area,
    };
    let result = record(s, &report, &stored, made.as_ref(), &via).await;
    if let (Err(_) | Ok(Sent::Again(_)), Some((_, _, written))) = (&result, &made) {
        photo_files::forget_unused(s, written).await;
    }
    result
}

/// The report's one transaction: the report, its photo's record, one event.
async fn record(
    s: &Services,
    report: &Report,
    stored: &barrier_reports::Sent<'_>,
    made: Option<&(&Upload, Processed, Vec<Key>)>,
    via: &Via<'_>,
) -> Result<Sent, Error> {
    let form_key = stored.form_key;
    let mut tx = s.begin().await?;
    if let Err(e) = barrier_reports::insert(&mut tx, report, stored).await {
        return match Error::from(e) {
            // The same form at the same moment: the other request stored it.
            Error::Conflict(_) => {
                drop(tx);
                let mut conn = s.db.conn().await?;
                let earlier = barrier_reports::by_form_key(&mut conn, form_key).await?;
                earlier.map(Sent::Again).ok_or(Error::Busy)
            }
            other => Err(other),
        };
    }
    if let Some((upload, processed, _)) = made {
        photo_files::keep_files(
            s,
            &mut tx,
            &photo_files::objects_of(processed, &upload.bytes),
        )
        .await?;
        let photo = photo_files::record_of(
            Uuid::now_v7(),
            PhotoOwner::Report(report.id),
            upload,
            None,
            processed,
            None,
            report.created_at,
        );
        photos::insert(&mut tx, &photo).await?;
    }
    let record = SendRecord {
        site: report.site.as_ref().map(|(id, _)| *id),
        lat: report.position.lat(),
        lon: report.position.lon(),
        department: report.department,
        features: report
            .features
            .iter()
            .map(|f: &Feature| f.as_str())
            .collect(),
        with_contact: report.contact.is_some(),
        with_photo: made.is_some(),
        via: match via {
            Via::Form { .. } => "form",
            Via::Api { .. } => "api",
        },
    };
    s.log(
        &mut tx,
        Change::new(
            &Actor::Public,
            "barrier_report.send",
            "barrier_report",
            report.id,
        )
        .after(record),
    )
    .await?;
    tx.commit().await?;
    Ok(Sent::New(report.clone()))
}

/// A refusal of the photo pipeline, named by the form's field.
fn photo_field(e: Error) -> Error {
    match e {
        Error::Invalid(mut errors) => {
            for f in &mut errors.0 {
                if f.field == "file" {
                    f.field = "photo".into();
                }
            }
            Error::Invalid(errors)
        }
        other => other,
    }
}

/// The registered place a report form is for: its id and name; 404 for no such place.
pub async fn place(s: &Services, site: Uuid) -> Result<(Uuid, String), Error> {
    let site = sites::by_id(&mut s.db.conn().await?, site)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((site.id, site.name))
}
