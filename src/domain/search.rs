//! Finding a place by what people type: words in any order, with or without diacritics,
//! and the abbreviations everyone writes for public bodies ("UBND Đình Lập" and "uy ban
//! dinh lap" both find "Ủy ban nhân dân huyện Đình Lập").
//!
//! A place is stored with its index text: the folded words of its name and address, then
//! what the abbreviations among them stand for. A search matches when each typed word
//! begins a word of that text (or, for an abbreviation, when the text holds what it stands
//! for), so a name written either way is found by a search written either way.

use std::sync::LazyLock;

use super::text::search_key;

/// The abbreviations of names of public bodies, and what each stands for. The one list:
/// both the stored index texts and the searches read it.
pub const ABBREVIATIONS: [(&str, &[&str]); 10] = [
    ("UBND", &["Ủy ban nhân dân"]),
    ("HĐND", &["Hội đồng nhân dân"]),
    ("TT", &["trung tâm", "thị trấn"]),
    ("TTYT", &["trung tâm y tế"]),
    ("BV", &["bệnh viện"]),
    ("TYT", &["trạm y tế"]),
    // A school's name puts "Trường" before these ("Trường THPT Việt Bắc").
    ("THPT", &["trung học phổ thông"]),
    ("THCS", &["trung học cơ sở"]),
    ("TH", &["tiểu học"]),
    ("PTDTNT", &["phổ thông dân tộc nội trú"]),
];

/// The version of the rule that makes index texts: raise it whenever [`index_text`] or
/// [`ABBREVIATIONS`] change, and the stored texts are made again at the next start.
pub const INDEX_RULE: i64 = 2;

/// Most typed words a search reads; the rest are ignored (no person types more, and each
/// word is one more test of every row).
pub const MOST_WORDS: usize = 16;

/// [`ABBREVIATIONS`] folded, once: every site written and every search reads them.
static FOLDED: LazyLock<Vec<(String, Vec<String>)>> = LazyLock::new(|| {
    ABBREVIATIONS
        .iter()
        .map(|(short, long)| {
            (
                search_key(short),
                long.iter().map(|l| search_key(l)).collect(),
            )
        })
        .collect()
});

/// What `word` (folded) stands for, folded, when it is an abbreviation of the list.
fn meanings(word: &str) -> &'static [String] {
    FOLDED
        .iter()
        .find(|(short, _)| short == word)
        .map_or(&[], |(_, long)| long.as_slice())
}

/// The words of `text` folded: letters and digits, anything else a separator.
fn words(text: &str) -> Vec<String> {
    search_key(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The text a place is found by, made of `parts` (its name and address): their folded
/// words, one space apart, then what each abbreviation among them stands for.
pub fn index_text(parts: &[&str]) -> String {
    let mut all = words(&parts.join(" "));
    let mut meant: Vec<String> = Vec::new();
    for word in &all {
        for meaning in meanings(word) {
            if !meant.contains(meaning) {
                meant.push(meaning.clone());
            }
        }
    }
    all.extend(meant);
    all.join(" ")
}

/// A search as typed, read into terms. Each term lists the folded phrases it may match,
/// any one of which must begin a word of the index text: the typed word itself, and what
/// it stands for when it is an abbreviation. Every term must match, in any order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words(Vec<Vec<String>>);

impl Words {
    /// Reads what was typed. Text without letters or digits makes no term.
    pub fn parse(typed: &str) -> Words {
        let mut terms: Vec<Vec<String>> = Vec::new();
        for word in words(typed) {
            let mut phrases = vec![word.clone()];
            phrases.extend(meanings(&word).iter().cloned());
            if !terms.contains(&phrases) && terms.len() < MOST_WORDS {
                terms.push(phrases);
            }
        }
        Words(terms)
    }

    /// The terms, each with the phrases that may match it.
    pub fn terms(&self) -> &[Vec<String>] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule the SQL applies: each term's phrase begins a word of the text.
    fn found(typed: &str, name: &str, address: &str) -> bool {
        let text = format!(" {}", index_text(&[name, address]));
        Words::parse(typed).terms().iter().all(|phrases| {
            phrases
                .iter()
                .any(|phrase| text.contains(&format!(" {phrase}")))
        })
    }

    const OFFICE: &str = "Ủy ban nhân dân huyện Đình Lập";
    const TOWN: &str = "Thị trấn Đình Lập, huyện Đình Lập, Lạng Sơn";

    #[test]
    fn words_are_folded_and_abbreviations_add_what_they_stand_for() {
        assert_eq!(
            index_text(&["Trường THPT Việt Bắc", "Đường Lý Thái Tổ, TP. Lạng Sơn"]),
            "truong thpt viet bac duong ly thai to tp lang son trung hoc pho thong"
        );
        assert_eq!(
            index_text(&["TT Y tế (TT. Na Sầm)", ""]),
            "tt y te tt na sam trung tam thi tran"
        );
        assert_eq!(index_text(&[OFFICE, ""]), "uy ban nhan dan huyen dinh lap");
        assert_eq!(
            Words::parse("UBND  Đình-Lập").terms(),
            [
                vec!["ubnd".to_owned(), "uy ban nhan dan".to_owned()],
                vec!["dinh".to_owned()],
                vec!["lap".to_owned()],
            ]
        );
        assert_eq!(Words::parse(" ?! ").terms(), [] as [Vec<String>; 0]);
        assert_eq!(Words::parse("lập LẬP lap").terms().len(), 1, "a word once");
    }

    #[test]
    fn a_place_is_found_without_diacritics_in_any_order_and_by_abbreviation() {
        for typed in [
            "UBND Đình Lập",
            "uy ban dinh lap",
            "Đình Lập ủy ban",
            "lap dinh",
            "ubnd dinh",
            "UỶ BAN NHÂN DÂN",
        ] {
            assert!(found(typed, OFFICE, TOWN), "{typed}");
        }
        assert!(found("TT Đình Lập", OFFICE, TOWN), "TT as thị trấn");
        assert!(found("TT y tế", "Trung tâm Y tế huyện Đình Lập", TOWN));
        assert!(found(
            "TTYT Đình Lập",
            "Trung tâm Y tế huyện Đình Lập",
            TOWN
        ));
        assert!(found("trạm y tế", "TYT xã Mai Pha", ""));
        assert!(found("BV đa khoa", "Bệnh viện Đa khoa tỉnh", ""));
        assert!(found("bệnh viện", "BV Đa khoa tỉnh", ""), "the other way");
        assert!(found("ủy ban nhân dân cao lộc", "UBND huyện Cao Lộc", ""));
        assert!(found("HĐND tỉnh", "Hội đồng nhân dân tỉnh", ""));
        assert!(found("THCS", "Trường Trung học cơ sở Chi Lăng", ""));
        assert!(found("trường tiểu học", "Trường TH Hoàng Văn Thụ", ""));
        assert!(found("THPT Việt Bắc", "Trường THPT Việt Bắc", ""));
        assert!(found(
            "Trung học phổ thông Việt Bắc",
            "Trường THPT Việt Bắc",
            ""
        ));
    }

    #[test]
    fn a_word_the_place_does_not_hold_finds_nothing() {
        assert!(!found("bệnh viện Đình Lập", OFFICE, TOWN));
        assert!(!found("UBND Cao Lộc", OFFICE, TOWN));
        assert!(!found("THPT", OFFICE, TOWN));
        assert!(
            !found("an", OFFICE, TOWN),
            "a word is matched from its start"
        );
    }
}
