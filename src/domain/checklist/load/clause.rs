//! What a `clause` string cites, read well enough to compare two items: the document, and
//! each clause number in it (`"QCVN 10:2024/BXD 2.7.1; 2.2.3"` cites 2.7.1 and 2.2.3 of
//! QCVN 10:2024/BXD; `"Law 51/2010/QH12 Art. 41-42"` cites Art. 41 of the law).

/// One clause of one document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Cited {
    /// The document, as written before the first clause number.
    pub(super) document: String,
    /// The clause number (`2.5.1.3`, `art.41`).
    pub(super) number: String,
}

impl Cited {
    /// True when the two are the same clause, or one is a part of the other (2.5.1 and
    /// 2.5.1.3); siblings (2.5.1.2 and 2.5.1.3) are not.
    pub(super) fn shares(&self, other: &Cited) -> bool {
        let part_of = |a: &str, b: &str| {
            a.len() > b.len() && a.starts_with(b) && a[b.len()..].starts_with('.')
        };
        self.document == other.document
            && (self.number == other.number
                || part_of(&self.number, &other.number)
                || part_of(&other.number, &self.number))
    }
}

/// Every clause `clause` cites, in order; a text with no clause number cites itself whole.
pub(super) fn cited(clause: &str) -> Vec<Cited> {
    let numbers = numbers(clause);
    let Some((first_at, _)) = numbers.first() else {
        return vec![Cited {
            document: clause.trim().to_owned(),
            number: String::new(),
        }];
    };
    let document = clause[..*first_at]
        .trim()
        .trim_end_matches("Art.")
        .trim()
        .trim_end_matches([',', ';'])
        .trim()
        .to_owned();
    numbers
        .into_iter()
        .map(|(_, number)| Cited {
            document: document.clone(),
            number,
        })
        .collect()
}

/// Clause numbers with their byte offsets: dotted numbers (`2.5.1`) and articles
/// (`Art. 41`).
fn numbers(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'.'
                || bytes[i - 1] == b':'
                || bytes[i - 1] == b'/');
        if text[i..].starts_with("Art. ") {
            let digits: String = text[i + 5..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if !digits.is_empty() {
                found.push((i, format!("art.{digits}")));
                i += 5 + digits.len();
                continue;
            }
        }
        if bytes[i].is_ascii_digit() && starts_word {
            let run: String = text[i..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let run_len = run.len();
            let number = run.trim_end_matches('.');
            let ends_word = text[i + run_len..]
                .chars()
                .next()
                .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == ':' || c == '/'));
            if number.contains('.') && ends_word {
                found.push((i, number.to_owned()));
            }
            i += run_len;
            continue;
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers_of(clause: &str) -> Vec<String> {
        cited(clause).into_iter().map(|c| c.number).collect()
    }

    #[test]
    fn a_clause_string_is_read_as_its_document_and_numbers() {
        let c = cited("QCVN 10:2024/BXD 2.7.1; 2.2.3");
        assert_eq!(c[0].document, "QCVN 10:2024/BXD");
        assert_eq!(
            numbers_of("QCVN 10:2024/BXD 2.7.1; 2.2.3"),
            ["2.7.1", "2.2.3"]
        );
        assert_eq!(numbers_of("QCVN 10:2024/BXD 2.5.2, Table 2"), ["2.5.2"]);
        assert_eq!(numbers_of("2010 ADA Standards 810.5.2"), ["810.5.2"]);
        assert_eq!(
            cited("2010 ADA Standards 810.5.2")[0].document,
            "2010 ADA Standards"
        );
        assert_eq!(numbers_of("Law 51/2010/QH12 Art. 41-42"), ["art.41"]);
        assert_eq!(
            cited("Law 51/2010/QH12 Art. 41-42")[0].document,
            "Law 51/2010/QH12"
        );
        assert_eq!(numbers_of("good practice"), [""]);
    }

    #[test]
    fn a_clause_shares_with_itself_and_its_parts_not_its_siblings() {
        let one = |s: &str| cited(s).remove(0);
        let counter = one("QCVN 10:2024/BXD 2.5.1.3");
        assert!(counter.shares(&one("QCVN 10:2024/BXD 2.5.1.3")));
        assert!(counter.shares(&one("QCVN 10:2024/BXD 2.5.1")));
        assert!(!counter.shares(&one("QCVN 10:2024/BXD 2.5.1.2")));
        assert!(!counter.shares(&one("QCVN 10:2024/BXD 2.5.10")));
        assert!(
            !counter.shares(&one("QCVN 10:2014/BXD 2.5.1.3")),
            "another edition"
        );
    }
}
