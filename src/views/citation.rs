//! A clause citation as each language reads it. Checklist files cite their clauses in
//! English words (`QCVN 10:2024/BXD 2.1.1, Table 1 note 3`, `2010 ADA Standards 505.4`,
//! `Law 51/2010/QH12 Art. 41(4)`), and findings keep the citation they were made with; a
//! Vietnamese page shows them in Vietnamese words (`Bảng 1 ghi chú 3`, `Điều 41(4)`).

use crate::domain::lang::Lang;

/// The words of citations and of the reading notes beside them, in Vietnamese; the longer
/// phrases first, so that a phrase is replaced whole before its words.
const WORDS: &[(&str, &str)] = &[
    (
        "who is entitled and whether 50 % is a minimum to be confirmed",
        "đối tượng được hưởng và 50 % có phải là mức tối thiểu hay không cần được xác nhận",
    ),
    (
        "read as continuing the accessible route inside: to be confirmed",
        "hiểu là đường tiếp cận tiếp tục vào bên trong: cần được xác nhận",
    ),
    (
        "kerb edges at stops are not named as read: to be confirmed",
        "theo bản đã đọc, mép bó vỉa tại điểm dừng không được nêu: cần được xác nhận",
    ),
    (
        "700 mm where two rails are fitted, one value with no tolerance",
        "700 mm nơi lắp hai tay vịn, một giá trị, không có dung sai",
    ),
    (
        "900 mm, one value with no tolerance",
        "900 mm, một giá trị, không có dung sai",
    ),
    (
        "not named in QCVN 10:2024/BXD as read",
        "theo bản đã đọc, QCVN 10:2024/BXD không nêu",
    ),
    (
        "the text of the article to be confirmed",
        "nội dung của điều cần được xác nhận",
    ),
    ("the text to be confirmed", "nội dung cần được xác nhận"),
    (
        "no Vietnamese size found",
        "không tìm thấy kích thước trong quy định của Việt Nam",
    ),
    (
        "no Vietnamese rule found",
        "không tìm thấy quy định của Việt Nam",
    ),
    ("recalled, not read", "ghi theo trí nhớ, chưa đọc văn bản"),
    ("summary only read", "mới đọc phần tóm tắt"),
    ("contents only read", "mới đọc mục lục"),
    ("heading read", "mới đọc tiêu đề"),
    ("drawing only", "chỉ có trên hình vẽ"),
    ("platform edges", "mép sân ga"),
    ("bench seats", "ghế băng"),
    ("measured against", "đo theo"),
    ("advisory", "để khuyến nghị"),
    ("to be confirmed", "cần được xác nhận"),
    ("2010 ADA Standards", "Tiêu chuẩn ADA 2010 (Hoa Kỳ)"),
    ("ADA Standards", "Tiêu chuẩn ADA (Hoa Kỳ)"),
    ("Good practice", "Thực hành tốt"),
    ("good practice", "thực hành tốt"),
    ("Table", "Bảng"),
    ("note", "ghi chú"),
    ("Art.", "Điều"),
    ("Law", "Luật"),
    ("Decree", "Nghị định"),
    ("Circular", "Thông tư"),
];

/// `clause` as `lang` reads it: unchanged in English, its words in Vietnamese.
pub fn clause(clause: &str, lang: Lang) -> String {
    match lang {
        Lang::En => clause.to_owned(),
        Lang::Vi => WORDS
            .iter()
            .fold(clause.to_owned(), |text, (en, vi)| whole(&text, en, vi)),
    }
}

/// `text` with every `en` that stands as words of its own (not inside a longer word)
/// replaced by `vi`.
fn whole(text: &str, en: &str, vi: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(en) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + en.len()..].chars().next();
        let apart = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        out.push_str(&rest[..at]);
        if apart(before) && (apart(after) || en.ends_with('.')) {
            out.push_str(vi);
        } else {
            out.push_str(en);
        }
        rest = &rest[at + en.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_read_in_vietnamese_words_on_vietnamese_pages() {
        assert_eq!(
            clause("QCVN 10:2024/BXD 2.1.1, Table 1 note 3", Lang::Vi),
            "QCVN 10:2024/BXD 2.1.1, Bảng 1 ghi chú 3"
        );
        assert_eq!(
            clause(
                "QCVN 10:2024/BXD 2.2.4 (900 mm, one value with no tolerance), measured against 2010 ADA Standards 505.4",
                Lang::Vi
            ),
            "QCVN 10:2024/BXD 2.2.4 (900 mm, một giá trị, không có dung sai), đo theo Tiêu chuẩn ADA 2010 (Hoa Kỳ) 505.4"
        );
        assert_eq!(
            clause("Law 51/2010/QH12 Art. 41(4); Art. 42(1)", Lang::Vi),
            "Luật 51/2010/QH12 Điều 41(4); Điều 42(1)"
        );
        assert_eq!(
            clause(
                "Decree 28/2012/ND-CP Art. 11(2) (recalled, not read: who is entitled and whether 50 % is a minimum to be confirmed)",
                Lang::Vi
            ),
            "Nghị định 28/2012/ND-CP Điều 11(2) (ghi theo trí nhớ, chưa đọc văn bản: đối tượng được hưởng và 50 % có phải là mức tối thiểu hay không cần được xác nhận)"
        );
        assert_eq!(
            clause("QCVN 10:2024/BXD 2.5.2, Table 2", Lang::En),
            "QCVN 10:2024/BXD 2.5.2, Table 2"
        );
        assert_eq!(
            whole("Notebook note", "note", "ghi chú"),
            "Notebook ghi chú"
        );
    }

    #[test]
    fn every_shipped_citation_reads_without_english_words_in_vietnamese() {
        let english = [
            "the",
            "of",
            "read",
            "not",
            "only",
            "with",
            "Table",
            "note",
            "Standards",
        ];
        for checklist in crate::domain::checklist::fixtures::shipped() {
            for item in checklist.items() {
                let shown = clause(&item.clause, Lang::Vi);
                let words: Vec<&str> = shown
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| english.contains(w))
                    .collect();
                assert!(words.is_empty(), "{}: {shown} keeps {words:?}", item.code);
            }
        }
    }
}
