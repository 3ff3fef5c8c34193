//! Email addresses, as people type them.

use super::validation::Problem;

/// Longest email address accepted (RFC 5321's limit on a path).
pub const EMAIL_MAX: usize = 254;

/// An email address: one `@`, a local part and a domain with a dot, no spaces or control
/// characters. Kept as typed, trimmed; the mail server has the last word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Reads an address; [`Problem::BadEmail`] names what is wrong in the user's language.
    pub fn parse(text: &str) -> Result<EmailAddress, Problem> {
        let text = text.trim();
        if text.chars().count() > EMAIL_MAX {
            return Err(Problem::TooLong { max: EMAIL_MAX });
        }
        let Some((local, domain)) = text.split_once('@') else {
            return Err(Problem::BadEmail);
        };
        let fine = |part: &str| {
            !part.is_empty()
                && !part.starts_with('.')
                && !part.ends_with('.')
                && !part.contains("..")
                && part
                    .chars()
                    .all(|c| !c.is_whitespace() && !c.is_control() && !"@<>()[],;:\\\"".contains(c))
        };
        let domain_ok = fine(domain)
            && domain.contains('.')
            && domain
                .split('.')
                .all(|label| !label.starts_with('-') && !label.ends_with('-'));
        if fine(local) && domain_ok {
            Ok(EmailAddress(text.to_owned()))
        } else {
            Err(Problem::BadEmail)
        }
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.split_once('@').map_or("", |(_, d)| d)
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An email address as typed in a form: empty (or none) means no address.
pub fn parse_optional_email(text: Option<&str>) -> Result<Option<EmailAddress>, Problem> {
    match text.map(str::trim).unwrap_or_default() {
        "" => Ok(None),
        typed => EmailAddress::parse(typed).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_needs_one_at_and_a_dotted_domain_without_spaces() {
        for good in [
            "lan@soxd.langson.gov.vn",
            " a.b+c@d.vn ",
            "x_y@mail.example.org",
        ] {
            assert!(EmailAddress::parse(good).is_ok(), "{good}");
        }
        for bad in [
            "lan",
            "lan@",
            "@d.vn",
            "lan@localhost",
            "l an@d.vn",
            "a@b@c.vn",
            "a..b@c.vn",
            "a@c..vn",
            "a@-c.vn",
            "<a@c.vn>",
        ] {
            assert_eq!(EmailAddress::parse(bad), Err(Problem::BadEmail), "{bad}");
        }
        let long = format!("{}@d.vn", "a".repeat(260));
        assert_eq!(
            EmailAddress::parse(&long),
            Err(Problem::TooLong { max: EMAIL_MAX })
        );
        let kept = EmailAddress::parse(" lan@d.vn ").expect("an address");
        assert_eq!((kept.as_str(), kept.domain()), ("lan@d.vn", "d.vn"));
    }

    #[test]
    fn an_empty_address_is_none_and_a_bad_one_is_refused() {
        assert_eq!(parse_optional_email(None), Ok(None));
        assert_eq!(parse_optional_email(Some("  ")), Ok(None));
        assert_eq!(parse_optional_email(Some("lan@")), Err(Problem::BadEmail));
        let some = parse_optional_email(Some(" lan@d.vn")).expect("an address");
        assert_eq!(
            some.map(|a| a.as_str().to_owned()),
            Some("lan@d.vn".to_owned())
        );
    }
}
