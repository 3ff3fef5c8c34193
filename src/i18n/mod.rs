//! The message catalogue: every user-facing string, in Vietnamese and English.
//!
//! Strings are looked up by [`Msg`]; a missing translation does not compile. Problems with
//! input ([`Problem`]) are worded here too, so domain code stays language-free.

pub mod backup;
mod catalogue;
pub mod dates;
mod english;
mod fields;
mod problems;

pub use catalogue::Msg;
pub use english::ENGLISH_WORDS;
pub use fields::field_label;
pub use problems::problem_text;

use crate::domain::lang::Lang;

tokio::task_local! {
    /// The language of the request being handled (set by the language middleware).
    static REQUEST_LANG: Lang;
}

/// Runs `future` with `lang` as the request language.
pub async fn with_lang<F: std::future::Future>(lang: Lang, future: F) -> F::Output {
    REQUEST_LANG.scope(lang, future).await
}

/// The language of the request being handled; Vietnamese outside a request.
pub fn current() -> Lang {
    REQUEST_LANG.try_with(|l| *l).unwrap_or_default()
}

/// The language for command-line output: from `LANG`/`LC_ALL`, English otherwise.
pub fn terminal() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| Lang::parse(&v))
        .unwrap_or(Lang::En)
}
