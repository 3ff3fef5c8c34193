//! Use cases: one function per user action. Each takes the actor and parsed input, asks the
//! permission matrix, opens the transaction, calls `store`, appends one event, commits, and
//! returns an [`Error`]. The web layer and the command line call these and nothing below.

mod audit_access;
pub mod audits;
pub mod backup;
pub mod barrier_reports;
pub mod budget;
pub mod checklists;
mod clock;
pub mod decode_gate;
pub mod demo;
pub mod departments;
mod error;
pub mod events;
pub mod export;
pub mod findings;
pub mod imports;
pub mod mail;
pub mod map;
pub mod participation;
pub mod photo_files;
pub mod photos;
pub mod public;
pub mod reports;
pub mod retries;
pub mod rounds;
pub mod sessions;
pub mod sites;
pub mod targets;
pub mod timeline;
pub mod tokens;
pub mod uploads;
pub mod users;

pub use clock::Clock;
pub use error::{Error, Transition};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::domain::event::{Change, Event};
use crate::domain::geo::Bbox;
use crate::store::{Db, Tx};

/// What every use case works with. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Services {
    /// The database.
    pub db: Db,
    /// The region every site must lie in.
    pub region: Bbox,
    /// The province's time zone: "today", dates shown to people and due dates use it.
    pub zone: Tz,
    /// What time it is (fixed in tests).
    pub clock: Clock,
    /// Checklist snapshots already read.
    pub snapshots: checklists::Snapshots,
    /// Where photos are stored and how they are made.
    pub photos: photo_files::PhotoStore,
    /// The map's cluster indexes, kept in step with the database.
    pub clusters: std::sync::Arc<map::ClusterCache>,
    /// The event log's position as this instance last read it.
    pub log_watch: std::sync::Arc<events::LogWatch>,
    /// How long an unfinished resumable upload is kept after its last piece arrived.
    pub upload_expiry: chrono::Duration,
    /// How long a barrier report's contact is kept after its last answer.
    pub report_contact_keep: chrono::Duration,
    /// Days departments have to answer a barrier report, as the periodic report counts it.
    pub report_answer_days: u64,
    /// The mail server, if any, and what the daily messages need.
    pub mail: mail::MailSetup,
}

impl Services {
    /// The current time.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today's date in the province.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&self.zone).date_naive()
    }

    /// Starts a write transaction.
    pub async fn begin(&self) -> Result<Tx, Error> {
        Ok(self.db.begin().await?)
    }

    /// Appends `change` to the event log inside `tx`, stamped now.
    pub async fn log(&self, tx: &mut Tx, change: Change) -> Result<Event, Error> {
        self.log_watch.wrote(std::time::Instant::now());
        Ok(crate::store::events::append(tx, self.now(), change).await?)
    }
}
