//! Departments: the bodies responsible for sites and findings. Data, not an enum: they are
//! renamed and merged as provinces reorganise.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::lang::Bilingual;
use super::validation::Problem;

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
