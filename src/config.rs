//! The command line and its environment variables: one `Config` shared by every subcommand.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::domain::geo::Bbox;

/// Lạng Sơn province, slightly padded (see `shared/reference/lang-son.md`).
pub const DEFAULT_REGION_BBOX: &str = "106.10,21.32,107.35,22.45";

/// `tiepcan`: accessibility audits of public buildings, transport stops and cultural sites.
#[derive(Debug, Parser)]
#[command(name = "tiepcan", version, about, propagate_version = true)]
pub struct Cli {
    /// Settings shared by every subcommand.
    #[command(flatten)]
    pub config: Config,
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Settings shared by the server and the command-line tools.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port the web server listens on.
    #[arg(
        long,
        env = "TIEPCAN_LISTEN",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub listen: SocketAddr,

    /// Database: `sqlite://PATH` or `postgres://USER@HOST/DB`.
    /// Default: `sqlite://DATA_DIR/tiepcan.db`, created when missing.
    #[arg(long, env = "TIEPCAN_DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Folder for the SQLite database and photos.
    #[arg(
        long,
        env = "TIEPCAN_DATA_DIR",
        default_value = "./data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// Region that every site must lie in: `minLon,minLat,maxLon,maxLat` (WGS84).
    #[arg(long, env = "TIEPCAN_REGION_BBOX", default_value = DEFAULT_REGION_BBOX, value_parser = parse_bbox, global = true)]
    pub region_bbox: Bbox,

    /// Public URL of this server, used in links (default: `http://` + the listen address).
    #[arg(long, env = "TIEPCAN_BASE_URL", global = true)]
    pub base_url: Option<String>,

    /// Folder holding the checklist files (`*.toml`).
    #[arg(
        long,
        env = "TIEPCAN_CHECKLISTS_DIR",
        default_value = "checklists",
        global = true
    )]
    pub checklists_dir: PathBuf,

    /// Load the demo data at start even when the database is not empty (idempotent).
    #[arg(long, env = "TIEPCAN_DEMO", conflicts_with = "no_demo", global = true)]
    pub demo: bool,

    /// Never load the demo data, not even into an empty database.
    #[arg(long, env = "TIEPCAN_NO_DEMO", global = true)]
    pub no_demo: bool,

    /// Take the client address for sign-in throttling from the last `X-Forwarded-For` entry
    /// (set this only behind a reverse proxy that adds that header).
    #[arg(long, env = "TIEPCAN_TRUST_FORWARDED_FOR", global = true)]
    pub trust_forwarded_for: bool,

    /// When there is no administrator yet, read the first one's password from standard input
    /// instead of generating and printing one.
    #[arg(long, env = "TIEPCAN_ADMIN_PASSWORD_STDIN", global = true)]
    pub admin_password_stdin: bool,
}

fn parse_bbox(text: &str) -> Result<Bbox, String> {
    text.parse()
        .map_err(|p| crate::i18n::problem_text(&p, crate::i18n::terminal()))
}

/// When the demo data is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoMode {
    /// Only into an empty database (the default).
    IfEmpty,
    /// Always (`--demo`).
    Always,
    /// Never (`--no-demo`).
    Never,
}

impl Config {
    /// The database URL, defaulting to a SQLite file in the data folder.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("tiepcan.db").display()),
        }
    }

    /// The public base URL without a trailing slash.
    pub fn base_url(&self) -> String {
        match &self.base_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.listen),
        }
    }

    /// Which demo-data rule the flags ask for.
    pub fn demo_mode(&self) -> DemoMode {
        match (self.demo, self.no_demo) {
            (_, true) => DemoMode::Never,
            (true, false) => DemoMode::Always,
            (false, false) => DemoMode::IfEmpty,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (the default).
    Serve,
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
    /// The event log.
    Events {
        /// What to do.
        #[command(subcommand)]
        action: EventsAction,
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
        /// `inspector`, `reviewer`, `coordinator` or `admin`.
        #[arg(long)]
        role: String,
        /// Department code (needed for inspectors and reviewers).
        #[arg(long)]
        department: Option<String>,
        /// Name shown to colleagues (default: the username).
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from standard input (required: passwords never go on the
        /// command line).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Disable a user: no sign-in, sessions ended, tokens revoked.
    Disable {
        /// Login name.
        username: String,
    },
    /// Enable a disabled user again.
    Enable {
        /// Login name.
        username: String,
    },
    /// Set a new password (read from standard input); ends the user's sessions.
    ResetPassword {
        /// Login name.
        username: String,
        /// Read the password from standard input (required).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

/// `tiepcan events ...`
#[derive(Debug, Subcommand)]
pub enum EventsAction {
    /// Check the hash chain of the whole log; names the first broken row.
    Verify,
}

/// `tiepcan checklists ...`
#[derive(Debug, Subcommand)]
pub enum ChecklistsAction {
    /// Validate checklist files and report every problem with file and line.
    Check {
        /// Folder to check (default: the configured checklists folder).
        dir: Option<PathBuf>,
    },
}

/// `tiepcan import ...`
#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Administrative areas from a GeoJSON FeatureCollection of (Multi)Polygons.
    Areas {
        /// The `.geojson` file.
        file: PathBuf,
    },
    /// Sites from GeoJSON points or CSV (`name,kind,subtype,lat,lon,address,department,operator`).
    Sites {
        /// The `.geojson` or `.csv` file.
        file: PathBuf,
    },
}

/// `tiepcan demo ...`
#[derive(Debug, Subcommand)]
pub enum DemoAction {
    /// Write N realistic synthetic sites into the database (for benchmarks).
    Generate {
        /// How many sites.
        #[arg(long)]
        sites: u64,
        /// Seed of the random generator, for repeatable data.
        #[arg(long, default_value_t = 2020)]
        seed: u64,
    },
}
