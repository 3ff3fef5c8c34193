//! Departments: the bodies responsible for sites and findings. Data, not an enum: they are
//! renamed and merged as provinces reorganise.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::lang::Bilingual;
use super::validation::{FieldErrors, Problem, required_text};

/// A department as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    /// Id.
    pub id: Uuid,
    /// Stable code used in files and the API (`construction`, `transport`, ...).
    pub code: String,
    /// Name in both languages.
    pub name: Bilingual,
    /// Raised by every change, for `If-Match`.
    pub version: i64,
}

/// A department to create.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDepartment {
    /// Stable code.
    pub code: String,
    /// Name in both languages.
    pub name: Bilingual,
}

/// Longest department code, in characters.
pub const CODE_MAX: usize = 32;

impl NewDepartment {
    /// Checks a department to create: its code (see [`parse_code`]) and both names.
    pub fn parse(code: &str, name: &Bilingual) -> Result<NewDepartment, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = errors.take("code", parse_code(code));
        let name = errors.take_all(parse_name(name));
        errors.into_result(|| NewDepartment {
            code: code.expect("checked"),
            name: name.expect("checked"),
        })
    }
}

/// Longest department name, in characters.
pub const NAME_MAX: usize = 200;

/// Checks a department's names in both languages (`name.vi`, `name.en`), each required.
pub fn parse_name(name: &Bilingual) -> Result<Bilingual, FieldErrors> {
    let mut errors = FieldErrors::default();
    let vi = errors.take("name.vi", required_text(Some(&name.vi), NAME_MAX));
    let en = errors.take("name.en", required_text(Some(&name.en), NAME_MAX));
    errors.into_result(|| Bilingual {
        vi: vi.expect("checked"),
        en: en.expect("checked"),
    })
}

/// Reads a department code: 2 to 32 of `a-z 0-9 _ -`, starting with a letter. It goes in
/// files, addresses and the API, so it never holds a space, a capital or a control
/// character; a code is never reused (a merged or retired department keeps its own).
pub fn parse_code(text: &str) -> Result<String, Problem> {
    let code = text.trim();
    if code.is_empty() {
        return Err(Problem::Required);
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-".contains(c);
    let starts_well = code.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    let length = code.chars().count();
    if !(2..=CODE_MAX).contains(&length) || !starts_well || !code.chars().all(allowed) {
        return Err(Problem::BadCode);
    }
    Ok(code.to_owned())
}

/// Where a department stands: in use, merged into another, or retired.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// Takes sites, people and work.
    InUse,
    /// Merged into the department with this code; its work went there.
    MergedInto(String),
    /// Retired with nothing left to it.
    Retired,
}

impl Standing {
    /// Why a department in this standing cannot take work; `None` when it can.
    pub fn refusal(&self) -> Option<Problem> {
        match self {
            Standing::InUse => None,
            Standing::MergedInto(into) => Some(Problem::MergedAway { into: into.clone() }),
            Standing::Retired => Some(Problem::Retired),
        }
    }
}

/// What still belongs to a department, counted before it may be retired.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct OpenWork {
    /// Sites registered to it.
    pub sites: u64,
    /// Active people in it.
    pub users: u64,
    /// Audits not yet approved (drafts, submitted, returned).
    pub audits: u64,
    /// Findings not yet verified or closed.
    pub findings: u64,
}

impl OpenWork {
    /// Retiring leaves nothing behind: refused, saying how many of what, while anything is
    /// still there.
    pub fn check_retire(self) -> Result<(), Problem> {
        if self == OpenWork::default() {
            Ok(())
        } else {
            Err(Problem::OpenWork {
                sites: self.sites,
                users: self.users,
                audits: self.audits,
                findings: self.findings,
            })
        }
    }
}

/// The departments in use, by code: the one place a typed department code is looked up.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    by_code: BTreeMap<String, Department>,
}

impl Directory {
    /// The directory of these departments.
    pub fn new(departments: impl IntoIterator<Item = Department>) -> Directory {
        Directory {
            by_code: departments
                .into_iter()
                .map(|d| (d.code.clone(), d))
                .collect(),
        }
    }

    /// The department with `code`; an unknown code is refused naming the known ones.
    pub fn resolve(&self, code: &str) -> Result<&Department, Problem> {
        self.by_code
            .get(code.trim())
            .ok_or_else(|| Problem::NotOneOf {
                given: code.trim().to_owned(),
                allowed: self.by_code.keys().cloned().collect(),
            })
    }

    /// Every department, by code.
    pub fn all(&self) -> impl Iterator<Item = &Department> {
        self.by_code.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory() -> Directory {
        let dept = |n: u128, code: &str| Department {
            id: Uuid::from_u128(n),
            code: code.into(),
            name: Bilingual {
                vi: code.into(),
                en: code.into(),
            },
            version: 1,
        };
        Directory::new([dept(1, "transport"), dept(2, "culture")])
    }

    #[test]
    fn a_code_is_two_to_thirty_two_lower_case_letters_digits_underscores_or_hyphens() {
        assert_eq!(parse_code(" so-xay_dung2 "), Ok("so-xay_dung2".into()));
        assert_eq!(parse_code(""), Err(Problem::Required));
        assert_eq!(parse_code("   "), Err(Problem::Required));
        for bad in [
            "so xay dung",
            "Construction",
            "x",
            "2transport",
            "-transport",
            "trans\u{0}port",
            "trans\tport",
            "giao-thông",
            &"a".repeat(CODE_MAX + 1),
        ] {
            assert_eq!(parse_code(bad), Err(Problem::BadCode), "{bad:?}");
        }
        assert_eq!(
            parse_code(&"a".repeat(CODE_MAX)).map(|c| c.len()),
            Ok(CODE_MAX)
        );
    }

    #[test]
    fn a_new_department_names_every_bad_field() {
        let blank = Bilingual {
            vi: " ".into(),
            en: String::new(),
        };
        let errors = NewDepartment::parse("Bad Code", &blank).expect_err("refused");
        assert_eq!(errors.for_field("code"), Some(&Problem::BadCode));
        assert_eq!(errors.for_field("name.vi"), Some(&Problem::Required));
        assert_eq!(errors.for_field("name.en"), Some(&Problem::Required));
    }

    #[test]
    fn only_a_department_in_use_takes_work_and_one_with_work_cannot_retire() {
        assert_eq!(Standing::InUse.refusal(), None);
        assert_eq!(
            Standing::MergedInto("construction".into()).refusal(),
            Some(Problem::MergedAway {
                into: "construction".into()
            })
        );
        assert_eq!(Standing::Retired.refusal(), Some(Problem::Retired));
        assert_eq!(OpenWork::default().check_retire(), Ok(()));
        let open = OpenWork {
            sites: 0,
            users: 1,
            audits: 0,
            findings: 3,
        };
        assert_eq!(
            open.check_retire(),
            Err(Problem::OpenWork {
                sites: 0,
                users: 1,
                audits: 0,
                findings: 3
            })
        );
    }

    #[test]
    fn a_known_code_resolves_and_an_unknown_one_names_the_known_codes() {
        let d = directory();
        assert_eq!(d.resolve(" culture ").map(|d| d.id), Ok(Uuid::from_u128(2)));
        assert_eq!(
            d.resolve("health"),
            Err(Problem::NotOneOf {
                given: "health".into(),
                allowed: vec!["culture".into(), "transport".into()],
            })
        );
    }
}
