//! Barrier reports from the public: a new form ([`form_key`]), sending one ([`send`]) and
//! reading it at its public address ([`public`]).

mod public;
mod send;

pub use public::public;
pub use send::{Sender, Sent, Via, form_key, place, send};
