//! The strings of the user interface, in both languages: one file of messages per part of
//! the application, gathered into the one [`Msg`] enum.

use crate::domain::lang::Lang;

macro_rules! catalogue {
    ($($key:ident => $vi:literal, $en:literal;)+) => {
        /// A user-facing string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $(#[doc = $en] $key),+ }

        impl Msg {
            /// Every message, for tests of the catalogue.
            pub const ALL: &'static [Msg] = &[$(Msg::$key),+];

            /// The text in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::Vi) => $vi, (Msg::$key, Lang::En) => $en,)+
                }
            }
        }
    };
}

/// Defines a part's macro (`reports_messages`): it adds the part's messages to those
/// gathered so far and hands them on. The `$` is passed in for the inner macro's own
/// variables.
macro_rules! part {
    ($d:tt $name:ident $($entries:tt)*) => {
        macro_rules! $name {
            ($d then:ident [$d ($d done:tt)*] $d ($d rest:ident)*) => {
                $d then! { [$d ($d done)* $($entries)*] $d ($d rest)* }
            };
        }
    };
}

/// Hands the messages gathered so far to the next part's macro, and the whole list to
/// [`catalogue`] after the last.
macro_rules! gather {
    ([$($done:tt)*]) => { catalogue! { $($done)* } };
    ([$($done:tt)*] $part:ident $($rest:ident)*) => { $part! { gather [$($done)*] $($rest)* } };
}

#[macro_use]
mod admin;
#[macro_use]
mod audits;
#[macro_use]
mod barriers;
#[macro_use]
mod findings;
#[macro_use]
mod general;
#[macro_use]
mod inspection;
#[macro_use]
mod mail;
#[macro_use]
mod observers;
#[macro_use]
mod offline;
#[macro_use]
mod open311;
#[macro_use]
mod planning;
#[macro_use]
mod reports;
#[macro_use]
mod rounds;
#[macro_use]
mod sites;

gather!([] general_messages sites_messages audits_messages inspection_messages findings_messages reports_messages admin_messages offline_messages barrier_messages open311_messages observer_messages planning_messages round_messages mail_messages);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_and_they_differ_where_expected() {
        for msg in Msg::ALL {
            assert!(!msg.get(Lang::Vi).trim().is_empty(), "{msg:?} vi");
            assert!(!msg.get(Lang::En).trim().is_empty(), "{msg:?} en");
        }
        assert_ne!(Msg::NavSites.get(Lang::Vi), Msg::NavSites.get(Lang::En));
    }

    /// The English words of `text`, placeholders (`{n}`) aside.
    fn english_in(text: &str) -> Vec<&str> {
        let mut rest = text;
        let mut found = Vec::new();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('{') {
                rest = after.split_once('}').map_or("", |(_, r)| r);
                continue;
            }
            let end = rest
                .find(|c: char| c == '{' || !c.is_alphanumeric())
                .unwrap_or(rest.len());
            let word = &rest[..end];
            if crate::i18n::ENGLISH_WORDS
                .iter()
                .any(|e| e.eq_ignore_ascii_case(word))
            {
                found.push(word);
            }
            rest = &rest[end.max(rest[..].chars().next().map_or(1, char::len_utf8))..];
        }
        found
    }

    #[test]
    fn no_vietnamese_message_holds_english_words() {
        assert_eq!(
            english_in("Ghi chú của bảng, see the table"),
            ["see", "the", "table"]
        );
        assert!(english_in("An toàn; phóng to; in {sites} bản").is_empty());
        for msg in Msg::ALL {
            // The link to the other language is named in that language.
            if *msg == Msg::OtherLanguage {
                continue;
            }
            let text = msg.get(Lang::Vi);
            assert!(english_in(text).is_empty(), "{msg:?}: {text}");
        }
    }

    #[test]
    fn a_barrier_is_called_rao_can_in_every_vietnamese_message() {
        for msg in Msg::ALL {
            let text = msg.get(Lang::Vi).to_lowercase();
            let finding = text.replace("không tồn tại", "");
            assert!(
                !text.contains("trở ngại")
                    && !finding.contains("tồn tại")
                    && !text.contains("vấn đề")
                    && !text.contains("một phát hiện")
                    && !text.contains("phát hiện này"),
                "{msg:?}: {text}"
            );
        }
    }
}
