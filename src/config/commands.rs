//! The subcommands and the options each takes.

use std::path::PathBuf;

use clap::Subcommand;

use super::{Config, Database, Heading, PhotoStorage, Region, Zone};

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (the default).
    Serve(Box<Config>),
    /// Work with checklist files.
    Checklists {
        /// What to do with them.
        #[command(subcommand)]
        action: ChecklistsAction,
    },
    /// Import data from files.
    Import {
        /// What to import.
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Demo and benchmark data.
    Demo {
        /// What to do.
        #[command(subcommand)]
        action: DemoAction,
    },
    /// Manage users.
    User {
        /// What to do.
        #[command(subcommand)]
        action: UserAction,
    },
    /// Manage departments: the bodies responsible for sites and findings.
    Department {
        /// What to do.
        #[command(subcommand)]
        action: DepartmentAction,
    },
    /// The event log.
    Events {
        /// What to do.
        #[command(subcommand)]
        action: EventsAction,
    },
    /// The photo store.
    Photos {
        /// What to do.
        #[command(subcommand)]
        action: PhotosAction,
    },
    /// Findings.
    Findings {
        /// What to do.
        #[command(subcommand)]
        action: FindingsAction,
    },
    /// Mail.
    Mail {
        /// What to do.
        #[command(subcommand)]
        action: MailAction,
    },
    /// Write the periodic report for a period to a file (the same report as
    /// `GET /api/v1/reports`).
    Report(ReportArgs),
    /// Copy the SQLite database and every photo it refers to into a new folder, while the
    /// server runs, with a manifest of every file's SHA-256.
    Backup(super::BackupArgs),
    /// Bring a backup folder back into an empty data folder, after checking every file
    /// against its manifest.
    Restore(super::RestoreArgs),
}

/// `tiepcan mail ...`
#[derive(Debug, Subcommand)]
pub enum MailAction {
    /// Send one message to ADDRESS at once with the mail settings, and say whether the
    /// mail server accepted it (exit status 1 and the cause when it did not).
    Test {
        /// Where to send it.
        address: String,
        /// How mail is sent.
        #[command(flatten)]
        smtp: super::Smtp,
    },
    /// Write one test message to ADDRESS into the outbox, as the daily messages are: the
    /// server's worker sends it, and `/admin/outbox` shows where it stands.
    Queue {
        /// Where it goes.
        address: String,
        /// The database.
        #[command(flatten)]
        database: Database,
    },
}

/// `tiepcan report --from --to [--department] [--area] --format --out`
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// First day of the period, `YYYY-MM-DD`.
    #[arg(long)]
    pub from: String,
    /// Last day of the period, `YYYY-MM-DD`.
    #[arg(long)]
    pub to: String,
    /// Only this department (its code).
    #[arg(long)]
    pub department: Option<String>,
    /// Only this area (its code), with the areas inside it.
    #[arg(long)]
    pub area: Option<String>,
    /// `html`, `csv`, `xlsx` or `json`.
    #[arg(long, default_value = "html")]
    pub format: String,
    /// The file to write.
    #[arg(long)]
    pub out: std::path::PathBuf,
    /// Language of the words in it: `vi` or `en`.
    #[arg(long, default_value = "vi")]
    pub lang: String,
    /// The database.
    #[command(flatten)]
    pub database: Database,
    /// The province's time zone, which dates the period.
    #[command(flatten)]
    pub zone: Zone,
    /// The province and the issuing body, which head the report.
    #[command(flatten)]
    pub heading: Heading,
    /// How long departments have to answer a barrier report.
    #[command(flatten)]
    pub answer_time: super::AnswerTime,
}

/// `tiepcan findings ...`
#[derive(Debug, Subcommand)]
pub enum FindingsAction {
    /// Print the open findings past their due date, per department (for a daily mail or
    /// report). Exits 0 whether or not there are any.
    Overdue {
        /// Only this department (its code).
        #[arg(long)]
        department: Option<String>,
        /// The database.
        #[command(flatten)]
        database: Database,
        /// The province's time zone, which says what "today" is.
        #[command(flatten)]
        zone: Zone,
    },
}

/// `tiepcan photos ...`
#[derive(Debug, Subcommand)]
pub enum PhotosAction {
    /// Compare the photo store with the photo records: list stored files that no record
    /// uses (orphans, left by a crash) and recorded files that are not stored (missing).
    /// Exits non-zero when it finds either.
    Check {
        /// Also delete the orphans (missing files cannot be made again).
        #[arg(long)]
        delete: bool,
        /// The database.
        #[command(flatten)]
        database: Database,
        /// The photo store.
        #[command(flatten)]
        photos: PhotoStorage,
    },
}

/// `tiepcan department ...`
#[derive(Debug, Subcommand)]
pub enum DepartmentAction {
    /// List the departments in use.
    List {
        /// The database.
        #[command(flatten)]
        database: Database,
    },
    /// Create a department.
    Add {
        /// Its code: 2 to 32 of a-z, 0-9, `_`, `-`, starting with a letter.
        code: String,
        /// Its name in Vietnamese.
        #[arg(long)]
        name_vi: String,
        /// Its name in English.
        #[arg(long)]
        name_en: String,
        /// The database.
        #[command(flatten)]
        database: Database,
    },
    /// Rename a department (both languages); history keeps the old name.
    Rename {
        /// Its code.
        code: String,
        /// The new name in Vietnamese.
        #[arg(long)]
        name_vi: String,
        /// The new name in English.
        #[arg(long)]
        name_en: String,
        /// The database.
        #[command(flatten)]
        database: Database,
    },
    /// Merge a department into another: its people, sites, open audits and findings move.
    Merge {
        /// The department merged away.
        code: String,
        /// The department that takes over.
        #[arg(long)]
        into: String,
        /// The database.
        #[command(flatten)]
        database: Database,
    },
    /// Retire a department that has nothing left to it.
    Retire {
        /// Its code.
        code: String,
        /// The database.
        #[command(flatten)]
        database: Database,
    },
}

/// `tiepcan user ...`
#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Create a user; the password is read from standard input.
    Add {
        /// Login name (a-z, 0-9, `.`, `_`, `-`).
        #[arg(long)]
        username: String,
        /// `inspector`, `reviewer`, `coordinator`, `admin` or `observer`.
        #[arg(long)]
        role: String,
        /// Department code (needed for inspectors and reviewers).
        #[arg(long)]
        department: Option<String>,
        /// Name shown to colleagues (default: the username).
        #[arg(long)]
        display_name: Option<String>,
        /// Where their mail goes (the daily digest); none: no mail.
        #[arg(long)]
        email: Option<String>,
        /// Read the password from standard input (required: passwords never go on the
        /// command line).
        #[arg(long, required = true)]
        password_stdin: bool,
        /// The database.
        #[command(flatten)]
        database: Database,
    },
    /// Disable a user: no sign-in, sessions ended, tokens revoked.
    Disable {
        /// Login name.
        username: String,
        /// The database.
        #[command(flatten)]
        database: Database,
    },
    /// Enable a disabled user again.
    Enable {
        /// Login name.
        username: String,
        /// The database.
        #[command(flatten)]
        database: Database,
    },
    /// Set the address a user's mail goes to; an empty ADDRESS ("") removes it.
    SetEmail {
        /// Login name.
        username: String,
        /// The email address.
        address: String,
        /// The database.
        #[command(flatten)]
        database: Database,
    },
    /// Set a new password (read from standard input); ends the user's sessions.
    ResetPassword {
        /// Login name.
        username: String,
        /// Read the password from standard input (required).
        #[arg(long, required = true)]
        password_stdin: bool,
        /// The database.
        #[command(flatten)]
        database: Database,
    },
}

/// `tiepcan events ...`
#[derive(Debug, Subcommand)]
pub enum EventsAction {
    /// Check the hash chain of the whole log; names the first broken row.
    Verify {
        /// The database.
        #[command(flatten)]
        database: Database,
    },
}

/// `tiepcan checklists ...`
#[derive(Debug, Subcommand)]
pub enum ChecklistsAction {
    /// Validate checklist files and report every problem with file and line.
    Check {
        /// Folder to check.
        #[arg(default_value = "checklists", env = "TIEPCAN_CHECKLISTS_DIR")]
        dir: PathBuf,
    },
}

/// `tiepcan import ...`
#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Administrative areas from a GeoJSON FeatureCollection of (Multi)Polygons.
    Areas {
        /// The `.geojson` file.
        file: PathBuf,
        /// The database.
        #[command(flatten)]
        database: Database,
        /// The region every site must lie in.
        #[command(flatten)]
        region: Region,
        /// The province's time zone: areas valid on its date are preferred.
        #[command(flatten)]
        zone: Zone,
    },
    /// Sites from GeoJSON points or CSV (`name,kind,subtype,lat,lon,address,department,operator`).
    Sites {
        /// The `.geojson` or `.csv` file.
        file: PathBuf,
        /// The database.
        #[command(flatten)]
        database: Database,
        /// The region every site must lie in.
        #[command(flatten)]
        region: Region,
        /// The province's time zone: areas valid on its date are preferred.
        #[command(flatten)]
        zone: Zone,
    },
}

/// `tiepcan demo ...`
#[derive(Debug, Subcommand)]
pub enum DemoAction {
    /// Write N realistic synthetic sites into the database, or into a CSV file (for
    /// benchmarks).
    Generate {
        /// How many sites.
        #[arg(long)]
        sites: u64,
        /// Seed of the random generator, for repeatable data.
        #[arg(long, default_value_t = 2020)]
        seed: u64,
        /// Write them as an import file (CSV) instead of into the database.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Also fill, photograph and review audits of every other new site, as the demo's
        /// field staff (who must exist: load the demo data first).
        #[arg(long, conflicts_with = "csv")]
        audits: bool,
        /// The database.
        #[command(flatten)]
        database: Database,
        /// The photo store, for the audits' photos.
        #[command(flatten)]
        photos: PhotoStorage,
    },
}
