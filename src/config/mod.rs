//! The command line and its environment variables. Each subcommand takes only the options
//! it uses; every option is also an environment variable, `TIEPCAN_` + its name in capitals.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser};

mod backup;
mod commands;
mod groups;
mod mail;
mod ops;

pub use backup::{BackupArgs, RestoreArgs};

pub use commands::{
    ChecklistsAction, Command, DemoAction, DepartmentAction, EventsAction, FindingsAction,
    ImportWhat, MailAction, PhotosAction, ReportArgs, UserAction,
};
pub use groups::{AnswerTime, Database, Heading, PhotoStorage, Province, Region, Zone};
pub use mail::{Mail, Smtp};
pub use ops::{LogFormat, Metrics};

/// `tiepcan`: accessibility audits of public buildings, transport stops and cultural sites.
#[derive(Debug, Parser)]
#[command(
    name = "tiepcan",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// How log lines are written on standard error: `text` for people, `json` for log
    /// collectors (one object per line). Every command takes it, after its name.
    #[arg(
        long,
        env = "TIEPCAN_LOG_FORMAT",
        value_enum,
        default_value_t = LogFormat::Text,
        global = true,
        display_order = 1000
    )]
    pub log_format: LogFormat,
    /// The server's settings when no subcommand is given (`tiepcan` alone serves).
    #[command(flatten)]
    pub serve: Config,
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Settings of the web server.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port the web server listens on.
    #[arg(long, env = "TIEPCAN_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,

    /// The database and the data folder.
    #[command(flatten)]
    pub database: Database,

    /// Where the photos are stored.
    #[command(flatten)]
    pub photos: PhotoStorage,

    /// The province.
    #[command(flatten)]
    pub province: Province,

    /// Public URL of this server, used in links (default: `http://` + the listen address).
    #[arg(long, env = "TIEPCAN_BASE_URL")]
    pub base_url: Option<String>,

    /// Folder holding the checklist files (`*.toml`).
    #[arg(long, env = "TIEPCAN_CHECKLISTS_DIR", default_value = "checklists")]
    pub checklists_dir: PathBuf,

    /// Load the demo data at start even when the database is not empty (idempotent).
    #[arg(long, env = "TIEPCAN_DEMO", conflicts_with = "no_demo")]
    pub demo: bool,

    /// Never load the demo data, not even into an empty database.
    #[arg(long, env = "TIEPCAN_NO_DEMO")]
    pub no_demo: bool,

    /// With the demo data, also fill, photograph and review audits of about half of the
    /// demo sites (`false`: the registry and the people only).
    #[arg(
        long,
        env = "TIEPCAN_DEMO_AUDITS",
        default_value_t = true,
        action = clap::ArgAction::Set,
        value_name = "BOOL"
    )]
    pub demo_audits: bool,

    /// With the demo data, also replay 2025 on it: the commune-level map from 1 July 2025
    /// (the districts end; approximate boundaries) and the departments merged that year
    /// (`false`: the 2020 structure only).
    #[arg(
        long,
        env = "TIEPCAN_DEMO_REORGANISE",
        default_value_t = true,
        action = clap::ArgAction::Set,
        value_name = "BOOL"
    )]
    pub demo_reorganise: bool,

    /// Take the client address for sign-in throttling from the last `X-Forwarded-For` entry
    /// (set this only behind a reverse proxy that adds that header).
    #[arg(long, env = "TIEPCAN_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,

    /// When there is no administrator yet, read the first one's password from standard input
    /// instead of generating and printing one.
    #[arg(long, env = "TIEPCAN_ADMIN_PASSWORD_STDIN")]
    pub admin_password_stdin: bool,

    /// Address of the map's background tiles, with `{z}`, `{x}` and `{y}` (and `{s}` for a
    /// subdomain, if the server has them).
    #[arg(long, env = "TIEPCAN_TILES_URL", default_value = DEFAULT_TILES_URL, value_parser = parse_tiles_url)]
    pub tiles_url: String,

    /// The credit the map shows for its tiles (HTML: may link to their licence).
    #[arg(long, env = "TIEPCAN_TILES_ATTRIBUTION", default_value = DEFAULT_TILES_ATTRIBUTION)]
    pub tiles_attribution: String,

    /// Seconds a request may run before it is answered with 503.
    #[arg(long, env = "TIEPCAN_REQUEST_TIMEOUT", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,

    /// Seconds a request body may go without a byte arriving before it is cut (408): a
    /// slow upload goes on as long as it keeps moving; one that stopped does not hold the
    /// server.
    #[arg(long, env = "TIEPCAN_BODY_IDLE_TIMEOUT", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub body_idle_timeout: u64,

    /// How many photos may be decoded at once (default: the machine's cores); more
    /// uploads wait their turn.
    #[arg(long, env = "TIEPCAN_PHOTO_DECODES", value_parser = clap::value_parser!(u64).range(1..=256))]
    pub photo_decodes: Option<u64>,

    /// Hours an unfinished resumable upload is kept after its last piece arrived; a
    /// finished one is remembered as long, so a retry learns it is done.
    #[arg(long, env = "TIEPCAN_UPLOAD_EXPIRY", default_value_t = 48, value_parser = clap::value_parser!(u64).range(1..=720))]
    pub upload_expiry: u64,

    /// Days a barrier report's sender's contact is kept after the report's last answer;
    /// then it is deleted.
    #[arg(long, env = "TIEPCAN_REPORT_CONTACT_DAYS", default_value_t = 90, value_parser = clap::value_parser!(u64).range(1..=3650))]
    pub report_contact_days: u64,

    /// How long departments have to answer a barrier report.
    #[command(flatten)]
    pub answer_time: AnswerTime,

    /// Whether and where `/metrics` is served.
    #[command(flatten)]
    pub metrics: Metrics,

    /// The mail server and the daily messages.
    #[command(flatten)]
    pub mail: Mail,
}

/// OpenStreetMap's standard tiles.
pub const DEFAULT_TILES_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/// The credit OpenStreetMap asks for.
pub const DEFAULT_TILES_ATTRIBUTION: &str =
    "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";

/// A tile address: `http(s)://` with `{z}`, `{x}` and `{y}` in it.
pub fn parse_tiles_url(text: &str) -> Result<String, String> {
    let scheme = text.starts_with("https://") || text.starts_with("http://");
    let missing: Vec<&str> = ["{z}", "{x}", "{y}"]
        .into_iter()
        .filter(|p| !text.contains(p))
        .collect();
    match (scheme, missing.is_empty()) {
        (false, _) => Err(format!(
            "`{text}` is not a tile address: it must start with https:// or http://"
        )),
        (true, false) => Err(format!(
            "`{text}` is not a tile address: it lacks {}",
            missing.join(", ")
        )),
        (true, true) => Ok(text.to_owned()),
    }
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
        self.database.url()
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

    /// The request time limit.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout)
    }

    /// How long a request body may go without a byte arriving.
    pub fn body_idle_timeout(&self) -> Duration {
        Duration::from_secs(self.body_idle_timeout)
    }

    /// How many photos may be decoded at once.
    pub fn photo_decodes(&self) -> usize {
        self.photo_decodes
            .map_or_else(crate::app::decode_gate::DecodeGate::default_limit, |n| {
                usize::try_from(n).unwrap_or(usize::MAX)
            })
    }

    /// How long a barrier report's contact is kept after its last answer.
    pub fn report_contact_keep(&self) -> chrono::Duration {
        chrono::Duration::days(i64::try_from(self.report_contact_days).unwrap_or(3650))
    }

    /// How long an unfinished resumable upload is kept after its last piece.
    pub fn upload_expiry(&self) -> chrono::Duration {
        chrono::Duration::hours(i64::try_from(self.upload_expiry).unwrap_or(720))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tile_address_needs_a_web_scheme_and_each_of_z_x_and_y() {
        assert_eq!(
            parse_tiles_url(DEFAULT_TILES_URL).as_deref(),
            Ok(DEFAULT_TILES_URL)
        );
        assert!(parse_tiles_url("http://{s}.tiles.vn/{z}/{x}/{y}.png").is_ok());
        let lacking = parse_tiles_url("https://tiles.vn/{z}/{x}.png").expect_err("no {y}");
        assert!(lacking.contains("lacks {y}"), "{lacking}");
        let scheme = parse_tiles_url("ftp://tiles.vn/{z}/{x}/{y}.png").expect_err("ftp");
        assert!(scheme.contains("https://"), "{scheme}");
        let parsed = <Cli as clap::Parser>::try_parse_from([
            "tiepcan",
            "serve",
            "--tiles-url",
            "https://tiles.vn/{z}.png",
        ]);
        let message = parsed.expect_err("refused at start").to_string();
        assert!(message.contains("lacks {x}, {y}"), "{message}");
    }

    #[test]
    fn metrics_are_off_and_readable_from_this_machine_only_unless_told_otherwise() {
        let cli = <Cli as clap::Parser>::try_parse_from(["tiepcan"]).expect("defaults");
        let metrics = cli.serve.metrics;
        assert!(!metrics.on_main);
        assert_eq!(metrics.addr, None);
        let allow: Vec<String> = metrics.allow.iter().map(ToString::to_string).collect();
        assert_eq!(allow, ["127.0.0.0/8", "::1/128"]);
        assert_eq!(cli.log_format, LogFormat::Text);
    }
}
