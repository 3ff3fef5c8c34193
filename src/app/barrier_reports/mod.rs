//! Barrier reports from the public: a new form ([`form_key`]), sending one ([`send`]),
//! reading it at its public address ([`public`]), and the department's queue and answers
//! ([`queue`], [`moderate`]).

mod moderate;
mod public;
mod send;

pub use moderate::{Moderation, for_moderator, moderate, queue};
pub use public::public;
pub use send::{Sender, Sent, Via, form_key, place, send};
