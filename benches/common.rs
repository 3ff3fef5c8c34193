//! What the benchmarks share: the app started as `tiepcan serve` would start it.

use clap::Parser;
use tiepcan::config::{Cli, Config};

/// The server's configuration on `database_url` (a SQLite file in `data_dir` when none),
/// with the shipped checklists and the demo data.
pub fn config(data_dir: &std::path::Path, database_url: Option<&str>) -> Config {
    let data_dir = data_dir.to_str().expect("utf-8 path");
    let checklists = concat!(env!("CARGO_MANIFEST_DIR"), "/checklists");
    let mut args = vec![
        "tiepcan",
        "--data-dir",
        data_dir,
        "--checklists-dir",
        checklists,
        "--demo",
    ];
    if let Some(url) = database_url {
        args.extend(["--database-url", url]);
    }
    Cli::parse_from(args).serve
}
