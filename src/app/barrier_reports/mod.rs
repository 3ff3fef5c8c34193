//! Barrier reports from the public: a new form ([`form_key`]), sending one ([`send`]),
//! reading it at its public address ([`public`]), and the department's queue and answers
//! ([`queue`], [`moderate`]).

mod confirm;
mod erase;
mod follow;
mod moderate;
mod photos;
mod place;
mod public;
mod send;

pub use erase::{CONTACT_KEEP, erase_contacts, erase_contacts_every};
pub use follow::{Followed, follow};
pub use moderate::{Moderation, for_moderator, moderate, queue};
pub use photos::{public_photo, staff_photo};
pub use place::{assign, file_under};
pub use public::public;
pub use send::{Sender, Sent, Via, form_key, place, send};
