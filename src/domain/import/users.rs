//! People from CSV (`username,display_name,role,department`), all or nothing: every line
//! gets the checks of a single new user, and every bad line is reported by its number.

use std::collections::{HashMap, HashSet};

use super::{ImportReport, Row, RowError, text_of};
use crate::domain::department::Directory;
use crate::domain::user::{NewUser, UserInput};
use crate::domain::validation::{FieldErrors, Problem};

/// The columns of a people file, in their usual order.
pub const USER_COLUMNS: [&str; 4] = ["username", "display_name", "role", "department"];

/// The columns a people file must have (a coordinator or an admin needs no department, and
/// the display name defaults to the username).
const REQUIRED: [&str; 2] = ["username", "role"];

/// Most people added from one file: each gets a password hashed with argon2, which is
/// deliberately slow.
pub const USERS_MAX: usize = 500;

/// Reads the people of a CSV file's bytes: each line as a person typed it, or why it
/// cannot be read; an unreadable file (not UTF-8, a bad header, too many lines) is refused.
pub fn read_user_rows(
    bytes: &[u8],
) -> Result<Vec<Row<Result<UserInput, FieldErrors>>>, ImportReport> {
    let text = text_of(bytes)?;
    let records = super::csv::read_table(text, &USER_COLUMNS, &REQUIRED)?;
    if records.len() > USERS_MAX {
        return Err(ImportReport::whole_file(
            "file",
            Problem::TooManyRows { max: USERS_MAX },
        ));
    }
    Ok(records
        .into_iter()
        .map(|Row { number, value }| Row {
            number,
            value: value.map(|r| UserInput {
                username: r.get("username"),
                display_name: r.get("display_name"),
                role: r.get("role"),
                department: r.get("department"),
                email: None,
            }),
        })
        .collect())
}

/// Checks every person as a single new user is checked, and against the others (a line
/// that could not be read stays refused): a username twice in the file or already `taken`, a department not in the `directory`
/// (`refusals` says why a known code takes no people: merged away or retired). Either
/// every line is good or every bad one is reported.
pub fn check_user_rows(
    rows: Vec<Row<Result<UserInput, FieldErrors>>>,
    directory: &Directory,
    refusals: &HashMap<String, Problem>,
    taken: &HashSet<String>,
) -> Result<Vec<Row<NewUser>>, ImportReport> {
    let mut good = Vec::with_capacity(rows.len());
    let mut report = ImportReport::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let user = row.value.and_then(|input| input.parse()).and_then(|user| {
            let mut errors = FieldErrors::default();
            if taken.contains(&user.username) {
                errors.add("username", Problem::Taken);
            } else if let Some(first) = seen.get(&user.username) {
                errors.add(
                    "username",
                    Problem::Duplicate {
                        of: first.to_string(),
                    },
                );
            } else {
                seen.insert(user.username.clone(), row.number);
            }
            if let Some(code) = &user.department {
                match refusals.get(code) {
                    Some(refusal) => errors.add("department", refusal.clone()),
                    None => {
                        if let Err(problem) = directory.resolve(code) {
                            errors.add("department", problem);
                        }
                    }
                }
            }
            errors.into_result(|| user)
        });
        match user {
            Ok(user) => good.push(Row {
                number: row.number,
                value: user,
            }),
            Err(errors) => report.rows.push(RowError {
                row: row.number,
                errors,
            }),
        }
    }
    report.or_ok(good)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory() -> Directory {
        Directory::new([crate::domain::department::Department {
            id: uuid::Uuid::from_u128(1),
            code: "culture".into(),
            name: crate::domain::lang::Bilingual {
                vi: "Văn hóa".into(),
                en: "Culture".into(),
            },
            version: 1,
        }])
    }

    fn check(text: &str) -> Result<Vec<Row<NewUser>>, ImportReport> {
        let rows = read_user_rows(text.as_bytes())?;
        let refusals = HashMap::from([("old".to_owned(), Problem::Retired)]);
        let taken = HashSet::from(["lan".to_owned()]);
        check_user_rows(rows, &directory(), &refusals, &taken)
    }

    fn problem(report: &ImportReport, row: usize, field: &str) -> Option<Problem> {
        report
            .rows
            .iter()
            .find(|r| r.row == row)
            .and_then(|r| r.errors.for_field(field))
            .cloned()
    }

    #[test]
    fn every_bad_line_is_named_by_its_number_and_the_good_ones_are_kept_out() {
        let text = "username,display_name,role,department\n\
                    mai,Mai,inspector,culture\n\
                    mai,Mai again,reviewer,culture\n\
                    lan,Lan,inspector,culture\n\
                    hung,Hùng,boss,culture\n\
                    \n\
                    tuan,Tuấn,inspector,health\n\
                    x,X,inspector,culture\n\
                    ha,Hà,inspector\n\
                    cuong,Cường,reviewer,old\n\
                    root,,admin,\n";
        let report = check(text).expect_err("bad lines");
        let rows: Vec<usize> = report.rows.iter().map(|r| r.row).collect();
        assert_eq!(rows, [3, 4, 5, 7, 8, 9, 10], "{report:?}");
        assert_eq!(
            problem(&report, 3, "username"),
            Some(Problem::Duplicate { of: "2".into() })
        );
        assert_eq!(problem(&report, 4, "username"), Some(Problem::Taken));
        assert!(matches!(
            problem(&report, 5, "role"),
            Some(Problem::NotOneOf { .. })
        ));
        assert!(matches!(
            problem(&report, 7, "department"),
            Some(Problem::NotOneOf { .. })
        ));
        assert_eq!(problem(&report, 8, "username"), Some(Problem::BadUsername));
        assert_eq!(
            problem(&report, 9, "row"),
            Some(Problem::FieldCount {
                found: 3,
                expected: 4
            })
        );
        assert_eq!(problem(&report, 10, "department"), Some(Problem::Retired));
    }

    #[test]
    fn a_good_file_gives_every_person_with_the_display_name_defaulted() {
        let people = check("role,username\nadmin,root\ncoordinator,Dieu.Phoi\n").expect("good");
        let names: Vec<&str> = people.iter().map(|r| r.value.username.as_str()).collect();
        assert_eq!(names, ["root", "dieu.phoi"]);
        assert_eq!(people[1].number, 3);
        assert_eq!(people[1].value.display_name, "dieu.phoi");
    }

    #[test]
    fn a_file_with_too_many_people_is_refused_as_a_whole() {
        let mut text = String::from("username,role\n");
        for n in 0..=USERS_MAX {
            text.push_str(&format!("user{n},coordinator\n"));
        }
        let report = check(&text).expect_err("too many");
        assert_eq!(
            problem(&report, 0, "file"),
            Some(Problem::TooManyRows { max: USERS_MAX })
        );
        let empty = check("").expect_err("no header");
        assert_eq!(problem(&empty, 0, "header"), Some(Problem::Required));
    }
}
