//! The options of `tiepcan backup` and `tiepcan restore`.

use std::path::PathBuf;

use super::{Database, PhotoStorage};

/// `tiepcan backup --out DIR`
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The folder to write the backup into: a new or empty one.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The database to copy.
    #[command(flatten)]
    pub database: Database,
    /// The photo store to copy.
    #[command(flatten)]
    pub photos: PhotoStorage,
}

/// `tiepcan restore DIR`
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup folder (written by `tiepcan backup`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Where to restore it: a database file that does not exist yet...
    #[command(flatten)]
    pub database: Database,
    /// ...and an empty photo store.
    #[command(flatten)]
    pub photos: PhotoStorage,
}
