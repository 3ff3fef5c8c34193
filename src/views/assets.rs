//! The static files pages link, compiled into the binary: our stylesheets and scripts, and
//! the map library (Leaflet, bundled from the npm registry by `build.rs` when the build
//! could fetch it), and the offline scripts (`static/offline/`, bundled with Workbox,
//! idb-keyval and tus-js-client by `build.rs` the same way). Pages link each under a name that changes with its content
//! (`/static/app.3f2a9c1d.css`), so a browser may keep it for a year and still gets the
//! new file the moment it changes.

mod favicon;

pub use favicon::{favicon_ico, icon_png};

use std::sync::LazyLock;

const LEAFLET_JS_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/map/leaflet.js"));
const LEAFLET_CSS_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/map/leaflet.css"));

/// True when this binary carries the map library (its build had Node.js and npm).
pub const MAP_BUILT: bool = !LEAFLET_JS_BYTES.is_empty() && !LEAFLET_CSS_BYTES.is_empty();

const FIELD_JS_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/offline/field.js"));

const UPLOAD_JS_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/offline/tus.js"));

/// The service worker as bundled, its precache list still to be filled in (`/sw.js`).
pub const SERVICE_WORKER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/offline/sw.js"));

/// True when this binary carries the offline scripts (its build had Node.js and npm).
pub const OFFLINE_BUILT: bool =
    !FIELD_JS_BYTES.is_empty() && !SERVICE_WORKER.is_empty() && !UPLOAD_JS_BYTES.is_empty();

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

/// One static file.
#[derive(Debug)]
pub struct Asset {
    /// Its plain name under `/static/`: `app.css`.
    pub name: &'static str,
    /// Its media type.
    pub content_type: &'static str,
    /// Its bytes.
    pub bytes: &'static [u8],
    /// True for a file of the interactive map, served only when the map is on.
    pub map: bool,
    version: LazyLock<String>,
}

/// The first 8 hex digits of the SHA-256 of `bytes`: the file's version.
fn version_of(bytes: &[u8]) -> String {
    crate::domain::secret::digest_bytes(bytes)[..8].to_owned()
}

/// The site's stylesheet.
pub static APP_CSS: Asset = Asset {
    name: "app.css",
    content_type: CSS,
    bytes: include_bytes!("../../static/app.css"),
    map: false,
    version: LazyLock::new(|| version_of(include_bytes!("../../static/app.css"))),
};

/// The stylesheet of the periodic report.
pub static REPORT_CSS: Asset = Asset {
    name: "report.css",
    content_type: CSS,
    bytes: super::reports::STYLE.as_bytes(),
    map: false,
    version: LazyLock::new(|| version_of(super::reports::STYLE.as_bytes())),
};

/// The script that offers "near me" on the lists.
pub static NEAR_JS: Asset = Asset {
    name: "near.js",
    content_type: JS,
    bytes: include_bytes!("../../static/near.js"),
    map: false,
    version: LazyLock::new(|| version_of(include_bytes!("../../static/near.js"))),
};

/// Our script of the interactive map.
pub static MAP_JS: Asset = Asset {
    name: "map.js",
    content_type: JS,
    bytes: include_bytes!("../../static/map.js"),
    map: true,
    version: LazyLock::new(|| version_of(include_bytes!("../../static/map.js"))),
};

/// The map library.
pub static LEAFLET_JS: Asset = Asset {
    name: "leaflet.js",
    content_type: JS,
    bytes: LEAFLET_JS_BYTES,
    map: true,
    version: LazyLock::new(|| version_of(LEAFLET_JS_BYTES)),
};

/// The map library's stylesheet.
pub static LEAFLET_CSS: Asset = Asset {
    name: "leaflet.css",
    content_type: CSS,
    bytes: LEAFLET_CSS_BYTES,
    map: true,
    version: LazyLock::new(|| version_of(LEAFLET_CSS_BYTES)),
};

/// The field script: drafts kept on the phone, the sync queue, the service worker's
/// registration and the "take offline" buttons (bundled from `static/offline/field.js`).
pub static FIELD_JS: Asset = Asset {
    name: "field.js",
    content_type: JS,
    bytes: FIELD_JS_BYTES,
    map: false,
    version: LazyLock::new(|| version_of(FIELD_JS_BYTES)),
};

/// The resumable upload library (`tus-js-client`, bundled from `static/offline/tus.js`):
/// loaded by the field script when it first sends a photo, so a section page does not
/// carry it; kept by the service worker with the rest.
pub static UPLOAD_JS: Asset = Asset {
    name: "tus.js",
    content_type: JS,
    bytes: UPLOAD_JS_BYTES,
    map: false,
    version: LazyLock::new(|| version_of(UPLOAD_JS_BYTES)),
};

/// Every static file.
pub static ALL: [&Asset; 8] = [
    &APP_CSS,
    &REPORT_CSS,
    &NEAR_JS,
    &MAP_JS,
    &LEAFLET_JS,
    &LEAFLET_CSS,
    &FIELD_JS,
    &UPLOAD_JS,
];

/// Which name of a file a request asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// The plain name (`app.css`): what old links and people typing it ask for.
    Plain,
    /// The name with the file's current version (`app.3f2a9c1d.css`).
    Current,
    /// The name with another version (a page older than the file).
    Stale,
}

impl Asset {
    /// The file's version: changes whenever a byte does.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The versioned address pages link: `/static/app.3f2a9c1d.css`.
    pub fn href(&self) -> String {
        let (stem, ext) = self.split();
        format!("/static/{stem}.{}.{ext}", self.version())
    }

    fn split(&self) -> (&'static str, &'static str) {
        self.name
            .rsplit_once('.')
            .expect("every static file name has an extension")
    }

    /// How `file` names this asset, if it does: plainly, or as `stem.<8 hex digits>.ext`.
    fn named_by(&self, file: &str) -> Option<Named> {
        if file == self.name {
            return Some(Named::Plain);
        }
        let (stem, ext) = self.split();
        let version = file
            .strip_prefix(stem)?
            .strip_prefix('.')?
            .strip_suffix(ext)?
            .strip_suffix('.')?;
        let hex = version.len() == 8 && version.bytes().all(|b| b.is_ascii_hexdigit());
        match (hex, version == self.version()) {
            (false, _) => None,
            (true, true) => Some(Named::Current),
            (true, false) => Some(Named::Stale),
        }
    }
}

/// The asset a file name under `/static/` asks for, and how it names it.
pub fn find(file: &str) -> Option<(&'static Asset, Named)> {
    ALL.iter()
        .find_map(|asset| asset.named_by(file).map(|named| (*asset, named)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_found_by_its_plain_current_or_stale_name_and_nothing_else() {
        let current = APP_CSS.href();
        let file = current.strip_prefix("/static/").expect("under /static/");
        assert_eq!(file.len(), "app.12345678.css".len());
        assert_eq!(
            find(file).map(|(a, n)| (a.name, n)),
            Some(("app.css", Named::Current))
        );
        assert_eq!(
            find("app.css").map(|(a, n)| (a.name, n)),
            Some(("app.css", Named::Plain))
        );
        let stale = if APP_CSS.version() == "00000000" {
            "app.11111111.css"
        } else {
            "app.00000000.css"
        };
        assert_eq!(
            find(stale).map(|(a, n)| (a.name, n)),
            Some(("app.css", Named::Stale))
        );
        for other in [
            "app.css.map",
            "app.0000000.css",
            "app.zzzzzzzz.css",
            "app..css",
            "x.css",
            "report.js",
        ] {
            assert!(find(other).is_none(), "{other}");
        }
    }

    #[test]
    fn the_version_follows_the_bytes() {
        assert_ne!(version_of(b"a { }"), version_of(b"a {}"));
        assert_eq!(NEAR_JS.version(), version_of(NEAR_JS.bytes));
    }
}
