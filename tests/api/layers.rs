//! The layers of `docs/ARCHITECTURE.md`, checked on the source: what each folder of `src/`
//! may use. Test code (`tests.rs` files and `#[cfg(test)]` modules) is not checked.

use std::path::{Path, PathBuf};

/// The source files under `src/FOLDER`, without their test modules.
fn sources(folder: &str) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(folder);
    let mut pending = vec![root];
    let mut files = Vec::new();
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") && !path.ends_with("tests.rs") {
                let text = std::fs::read_to_string(&path).expect("read file");
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                let lines: Vec<&str> = code
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect();
                files.push((path, lines.join("\n")));
            }
        }
    }
    assert!(!files.is_empty(), "no sources under src/{folder}");
    files
}

/// Every place in `folder` that uses one of `forbidden`, as `file: pattern`.
fn uses(folder: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, code) in sources(folder) {
        for pattern in forbidden {
            if code.contains(pattern) {
                found.push(format!("{}: {pattern}", path.display()));
            }
        }
    }
    found
}

#[test]
fn the_domain_does_no_io_and_knows_no_other_layer() {
    let found = uses(
        "domain",
        &[
            "crate::app",
            "crate::store",
            "crate::http",
            "crate::views",
            "crate::config",
            "crate::cli",
            "crate::server",
            "sqlx::",
            "axum::",
            "tokio::",
            "maud::",
            "std::fs",
            "std::net",
            "std::env",
            "std::process",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_store_speaks_sql_only_and_never_the_web() {
    let found = uses(
        "store",
        &[
            "crate::app",
            "crate::http",
            "crate::views",
            "crate::config",
            "crate::cli",
            "crate::i18n",
            "axum::",
            "maud::",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn use_cases_know_nothing_of_the_web_or_the_command_line() {
    let found = uses(
        "app",
        &[
            "crate::http",
            "crate::views",
            "crate::cli",
            "crate::config",
            "axum::",
            "maud::",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn only_use_cases_open_transactions() {
    for folder in ["http", "views", "cli"] {
        let found = uses(folder, &[".begin()", "store::Tx", ".commit()"]);
        assert!(found.is_empty(), "{found:#?}");
    }
    let found = uses("views", &["crate::store", "crate::app"]);
    assert!(
        found.is_empty(),
        "views render what they are given: {found:#?}"
    );
}
