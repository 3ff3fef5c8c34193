//! The options of `tiepcan backup` and `tiepcan restore`.

use std::path::PathBuf;

use super::Storage;

/// `tiepcan backup --out DIR`
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The folder to write the backup into: a new or empty one.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The database and photo store to copy.
    #[command(flatten)]
    pub storage: Storage,
}

/// `tiepcan restore DIR`
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup folder (written by `tiepcan backup`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Where to restore it: a database file that does not exist yet and an empty photo
    /// store.
    #[command(flatten)]
    pub storage: Storage,
}
