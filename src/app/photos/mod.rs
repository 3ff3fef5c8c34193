//! Photos of an audit: added while it is filled ([`add`]), removed ([`delete`]), served to
//! staff and, once approved, to the public ([`staff_file`], [`public_file`]), and the store
//! checked against the records ([`check`]). How a photo's files are made and kept is the
//! floor below, [`crate::app::photo_files`].

mod add;
mod check;
mod serve;

pub use add::{Added, add, delete, record};
pub(crate) use add::{Completing, add_completing, may_add};
pub use check::{CheckReport, check};
pub(crate) use serve::fetch;
pub use serve::{File, Rendition, public_file, staff_file};

pub use crate::app::photo_files::{CAPTION_MAX, PhotoStore, Upload, process, record_of};
