//! An inspector's audit from start to approval: [`start`], [`answer`] (or a whole section
//! page at once, [`save_section`]), [`submit`]; a reviewer returns or approves it
//! ([`review`]). Each step is one transaction and one event; approval also makes the
//! findings and the site's summary in that same transaction. Who may read or fill an audit,
//! and how one is read whole, is the floor below: [`crate::app::audit_access`].

mod answer;
mod approve;
mod blank;
mod for_review;
mod read;
mod review;
mod section;
mod start;
mod submit;

pub use answer::answer;
pub use blank::blank;
pub use for_review::{ForReview, read_for_review};
pub use read::{list, read};
pub use review::{ReviewInput, review};
pub use section::{SectionInput, SectionSaved, save_section};
pub use start::{StartInput, Started, start};
pub use submit::{missing, submit};
