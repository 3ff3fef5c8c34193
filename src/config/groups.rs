//! The groups of options that several commands share. A command flattens only the groups
//! it reads, so its `--help` lists nothing it ignores.

use std::path::PathBuf;

use chrono_tz::Tz;
use clap::Args;

use crate::domain::geo::Bbox;

/// The default region: Lạng Sơn province.
const DEFAULT_REGION_BBOX: &str = crate::domain::geo::LANG_SON_BBOX;
/// The default time zone: Vietnam's.
const DEFAULT_TIME_ZONE: &str = "Asia/Ho_Chi_Minh";
/// The default province name.
const DEFAULT_PROVINCE_NAME: &str = "Lạng Sơn";
/// The default issuer of reports: the standing body of the provincial board on disability.
const DEFAULT_REPORT_ISSUER: &str = "Cơ quan thường trực Ban công tác người khuyết tật";

/// The database, and the folder of its SQLite file (and, by default, of the photos).
#[derive(Debug, Clone, Args)]
pub struct Database {
    /// Database: `sqlite://PATH` or `postgres://USER@HOST/DB`.
    /// Default: `sqlite://DATA_DIR/tiepcan.db`, created when missing.
    #[arg(long, env = "TIEPCAN_DATABASE_URL")]
    pub database_url: Option<String>,

    /// Folder for the SQLite database and photos.
    #[arg(long, env = "TIEPCAN_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
}

impl Database {
    /// The database URL, defaulting to a SQLite file in the data folder.
    pub fn url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("tiepcan.db").display()),
        }
    }
}

/// Where the photos are stored.
#[derive(Debug, Clone, Args)]
pub struct PhotoStorage {
    /// Where photos are stored: a folder, or `s3://BUCKET[/PREFIX]` with the endpoint and
    /// credentials from the usual `AWS_*` variables (so several instances share them).
    /// Default: the folder `photos` in the data folder.
    #[arg(long, env = "TIEPCAN_PHOTO_STORE")]
    pub photo_store: Option<String>,
}

/// The region every site must lie in.
#[derive(Debug, Clone, Copy, Args)]
pub struct Region {
    /// Region that every site must lie in: `minLon,minLat,maxLon,maxLat` (WGS84).
    #[arg(long, env = "TIEPCAN_REGION_BBOX", default_value = DEFAULT_REGION_BBOX, value_parser = parse_bbox)]
    pub region_bbox: Bbox,
}

impl Default for Region {
    fn default() -> Self {
        Region {
            region_bbox: DEFAULT_REGION_BBOX
                .parse()
                .expect("the default region is valid"),
        }
    }
}

/// The province's time zone.
#[derive(Debug, Clone, Copy, Args)]
pub struct Zone {
    /// Time zone of the province (IANA name): "today", dates shown and due dates use it;
    /// storage stays UTC.
    #[arg(long, env = "TIEPCAN_TIME_ZONE", default_value = DEFAULT_TIME_ZONE, value_parser = parse_zone)]
    pub time_zone: Tz,
}

impl Default for Zone {
    fn default() -> Self {
        Zone {
            time_zone: chrono_tz::Asia::Ho_Chi_Minh,
        }
    }
}

/// How long departments have to answer a barrier report, as the periodic report counts
/// it.
#[derive(Debug, Clone, Copy, Args)]
pub struct AnswerTime {
    /// Days a department has to answer a barrier report (from its sending to its first
    /// answer); the periodic report counts the reports answered within them and the late.
    #[arg(long, env = "TIEPCAN_REPORT_ANSWER_DAYS", default_value_t = crate::domain::report::ANSWER_DAYS, value_parser = clap::value_parser!(u64).range(1..=365))]
    pub report_answer_days: u64,
}

impl Default for AnswerTime {
    fn default() -> Self {
        AnswerTime {
            report_answer_days: crate::domain::report::ANSWER_DAYS,
        }
    }
}

/// Who the periodic reports come from, as their letterhead says.
#[derive(Debug, Clone, Args)]
pub struct Heading {
    /// The province's name, as the letterhead of its reports gives it.
    #[arg(long, env = "TIEPCAN_PROVINCE_NAME", default_value = DEFAULT_PROVINCE_NAME)]
    pub province_name: String,

    /// The body that issues the periodic reports, as their letterhead names it.
    #[arg(long, env = "TIEPCAN_REPORT_ISSUER", default_value = DEFAULT_REPORT_ISSUER)]
    pub report_issuer: String,

    /// Who the periodic reports go to, their "Nơi nhận" line as written (by default the
    /// provincial People's Committee, the provincial Board for work on people with
    /// disabilities, the departments and the archive, in the report's language).
    #[arg(long, env = "TIEPCAN_REPORT_RECIPIENTS")]
    pub report_recipients: Option<String>,
}

impl Heading {
    /// The letterhead of this province's reports.
    pub fn letterhead(&self) -> crate::domain::report::Letterhead {
        crate::domain::report::Letterhead {
            province: self.province_name.clone(),
            issuer: self.report_issuer.clone(),
            recipients: self
                .report_recipients
                .clone()
                .filter(|r| !r.trim().is_empty()),
        }
    }
}

impl Default for Heading {
    fn default() -> Self {
        Heading {
            province_name: DEFAULT_PROVINCE_NAME.to_owned(),
            report_issuer: DEFAULT_REPORT_ISSUER.to_owned(),
            report_recipients: None,
        }
    }
}

/// The province the installation serves: its region, its time zone and its reports'
/// letterhead.
#[derive(Debug, Clone, Default, Args)]
pub struct Province {
    /// The region.
    #[command(flatten)]
    pub region: Region,
    /// The time zone.
    #[command(flatten)]
    pub zone: Zone,
    /// The reports' letterhead.
    #[command(flatten)]
    pub heading: Heading,
}

fn parse_bbox(text: &str) -> Result<Bbox, String> {
    text.parse()
        .map_err(|p| crate::i18n::problem_text(&p, crate::i18n::terminal()))
}

fn parse_zone(text: &str) -> Result<Tz, String> {
    text.parse::<Tz>().map_err(|_| {
        format!("unknown time zone `{text}`; use an IANA name such as Asia/Ho_Chi_Minh")
    })
}
