//! Bundles the map library and the offline scripts into the binary when this machine can
//! fetch them.
//!
//! Leaflet, Workbox, idb-keyval, tus-js-client and the bundler esbuild come from the npm
//! registry (`package.json`, pinned by `package-lock.json`); none is committed. When
//! `node_modules` lacks the locked Leaflet or esbuild and `npm` is on the path, this runs
//! `npm ci` (once per lock file). Without Node (or with `TIEPCAN_MAP=off`) the build still
//! succeeds: the bundled files are empty and the binary says the interactive map is not
//! part of it; without Node (or with `TIEPCAN_OFFLINE=off`) the pages have no service worker
//! and keep nothing on the phone, and work online as before.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The files of `node_modules/leaflet/dist` the binary serves.
const FILES: [&str; 2] = ["leaflet.js", "leaflet.css"];

/// Our offline scripts (`static/offline/`), each bundled with what it imports from npm.
const OFFLINE: [&str; 3] = ["sw.js", "field.js", "tus.js"];

fn main() {
    println!("cargo:rerun-if-env-changed=TIEPCAN_MAP");
    println!("cargo:rerun-if-env-changed=TIEPCAN_OFFLINE");
    println!("cargo:rerun-if-changed=static/offline");
    println!("cargo:rerun-if-changed=package-lock.json");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dist = root.join("node_modules/leaflet/dist");
    for file in FILES.iter().chain(&["../package.json"]) {
        println!("cargo:rerun-if-changed={}", dist.join(file).display());
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("map");
    std::fs::create_dir_all(&out).expect("create OUT_DIR/map");

    let wanted = std::env::var("TIEPCAN_MAP").map_or(true, |v| v != "off");
    let locked = std::fs::read_to_string(root.join("package-lock.json"))
        .ok()
        .and_then(|lock| version_after(&lock, "\"node_modules/leaflet\""));
    let mut found = wanted && complete(&dist, locked.as_deref());
    // npm runs once per locked version: offline, later builds do not wait for it again.
    let tried = out.join("npm-tried");
    let lock_digest = std::fs::read(root.join("package-lock.json"))
        .ok()
        .map(|bytes| format!("{:x}", fnv(&bytes)));
    let tried_already = std::fs::read_to_string(&tried).ok() == lock_digest;
    let offline_wanted = std::env::var("TIEPCAN_OFFLINE").map_or(true, |v| v != "off");
    let esbuild = root.join("node_modules/.bin/esbuild");
    let missing = (wanted && !found) || (offline_wanted && !esbuild.is_file());
    if missing && !tried_already {
        npm_ci(&root);
        found = wanted && complete(&dist, locked.as_deref());
        if let Some(v) = &lock_digest {
            write_if_changed(&tried, v.as_bytes());
        }
    }
    bundle_offline(&root, &esbuild, offline_wanted);
    for file in FILES {
        let bytes = if found {
            std::fs::read(dist.join(file)).expect("read a Leaflet file")
        } else {
            Vec::new()
        };
        write_if_changed(&out.join(file), &bytes);
    }
    if !found {
        println!(
            "cargo:warning=the interactive map is not part of this build (no Leaflet in \
             node_modules; a full build needs Node.js and npm, see the README)"
        );
    }
}

/// Bundles each offline script with esbuild into `OUT_DIR/offline/`; empty files when
/// not wanted or when esbuild is missing or fails (the binary then serves no worker).
fn bundle_offline(root: &Path, esbuild: &Path, wanted: bool) {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("offline");
    std::fs::create_dir_all(&out).expect("create OUT_DIR/offline");
    let mut built = wanted && esbuild.is_file();
    for file in OFFLINE {
        let target = out.join(file);
        if built {
            built = Command::new(esbuild)
                .arg(root.join("static/offline").join(file))
                .args(["--bundle", "--minify", "--format=iife", "--target=es2019"])
                .arg(format!("--outfile={}", target.display()))
                .arg("--log-level=warning")
                .current_dir(root)
                .status()
                .is_ok_and(|s| s.success());
        }
    }
    if !built {
        for file in OFFLINE {
            write_if_changed(&out.join(file), b"");
        }
        if wanted {
            println!(
                "cargo:warning=the offline scripts are not part of this build (no esbuild in \
                 node_modules; a full build needs Node.js and npm, see the README)"
            );
        }
    }
}

/// A 64-bit FNV-1a digest: enough to tell one lock file from another.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// True when every file is there and the installed Leaflet is the locked version.
fn complete(dist: &Path, locked: Option<&str>) -> bool {
    let installed = std::fs::read_to_string(dist.join("../package.json"))
        .ok()
        .and_then(|p| version_after(&p, "\"name\""));
    FILES.iter().all(|f| dist.join(f).is_file())
        && (locked.is_none() || installed.as_deref() == locked)
}

/// The first `"version": "..."` after `key` in a JSON text (enough for npm's own files).
fn version_after(json: &str, key: &str) -> Option<String> {
    let rest = &json[json.find(key)?..];
    let rest = &rest[rest.find("\"version\"")? + "\"version\"".len()..];
    let rest = &rest[rest.find('"')? + 1..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// Installs the npm packages of the lock file; false when npm is missing or fails.
fn npm_ci(root: &Path) -> bool {
    Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(root)
        .stdout(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Rewrites `path` only when its bytes differ, so a rerun does not rebuild the crate.
fn write_if_changed(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).ok().as_deref() != Some(bytes) {
        std::fs::write(path, bytes).expect("write a bundled file");
    }
}
