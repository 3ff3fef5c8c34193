//! Text helpers shared by names, addresses and search.

use unicode_normalization::UnicodeNormalization;

/// Folds text for accent-insensitive search: lower case, diacritics removed, `đ` as `d`,
/// runs of whitespace as one space. "Bệnh Viện  Đa khoa" becomes "benh vien da khoa".
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        out.extend(c.to_lowercase());
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Trims a free-text field and turns an empty one into `None`.
pub fn optional(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_key_drops_vietnamese_diacritics_and_case() {
        assert_eq!(search_key("  Bệnh Viện  Đa khoa "), "benh vien da khoa");
        assert_eq!(search_key("Ủy ban nhân dân"), "uy ban nhan dan");
    }

    #[test]
    fn optional_treats_blank_as_missing() {
        assert_eq!(optional(Some("  ")), None);
        assert_eq!(optional(Some(" a ")), Some("a".to_owned()));
        assert_eq!(optional(None), None);
    }
}
