//! People who sign in: their roles, names and passwords.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::email::{EmailAddress, parse_optional_email};
use super::enums::string_enum;
use super::site::DepartmentRef;
use super::validation::{FieldErrors, Problem, required_text};

string_enum! {
    /// What a signed-in person may do (see [`super::permission`]).
    Role {
        /// Registers sites and fills audits for their department.
        Inspector = "inspector",
        /// Department lead: reviews audits and manages findings.
        Reviewer = "reviewer",
        /// Standing agency: reads everything, compiles reports.
        Coordinator = "coordinator",
        /// Manages users, departments, areas and checklists.
        Admin = "admin",
        /// Someone of an organisation (the association of people with disabilities, the
        /// Fatherland Front, another department) named on audits: sees those audits and
        /// their findings and adds remarks, nothing else. Needs no department; one given
        /// is kept for the record and gives no right in it.
        Observer = "observer",
    }
}

/// Shortest password accepted.
pub const PASSWORD_MIN: usize = 10;
/// Longest password accepted (argon2 takes any length; this bounds the work).
pub const PASSWORD_MAX: usize = 1024;
/// A session ends after this long without a request.
pub const SESSION_IDLE: chrono::Duration = chrono::Duration::hours(12);
/// A session ends this long after sign-in, however active.
pub const SESSION_MAX: chrono::Duration = chrono::Duration::days(7);

/// True while a session is neither idle too long nor past its absolute end.
pub fn session_alive(
    last_seen: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    now < expires_at && now - last_seen < SESSION_IDLE
}

/// Longest display name.
pub const DISPLAY_NAME_MAX: usize = 120;

/// Reads a username: 3 to 64 of `a-z 0-9 . _ -`, starting with a letter or digit; stored in
/// lower case so `Lan` and `lan` are one person.
pub fn parse_username(text: Option<&str>) -> Result<String, Problem> {
    let name = required_text(text, 64)?.to_lowercase();
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
    let starts_well = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if name.chars().count() < 3 || !starts_well || !name.chars().all(allowed) {
        return Err(Problem::BadUsername);
    }
    Ok(name)
}

/// Checks a new password: its length, and no control character (nobody can type one at
/// the sign-in form, so a password holding one could never be used).
pub fn check_password(password: &str) -> Result<(), Problem> {
    let length = password.chars().count();
    if password.chars().any(char::is_control) {
        Err(Problem::ControlCharacter)
    } else if length < PASSWORD_MIN {
        Err(Problem::TooShort { min: PASSWORD_MIN })
    } else if length > PASSWORD_MAX {
        Err(Problem::TooLong { max: PASSWORD_MAX })
    } else {
        Ok(())
    }
}

/// A user to create, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct NewUser {
    /// Lower-case login name.
    pub username: String,
    /// Name shown to colleagues (never to the public).
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Department code, still to be looked up; inspectors and reviewers need one.
    pub department: Option<String>,
    /// Where their mail goes; none: they get no mail.
    pub email: Option<EmailAddress>,
}

impl NewUser {
    /// Checks every field, reporting all problems.
    pub fn parse(
        username: Option<&str>,
        display_name: Option<&str>,
        role: Option<&str>,
        department: Option<&str>,
    ) -> Result<NewUser, FieldErrors> {
        let mut errors = FieldErrors::default();
        let username = errors.take("username", parse_username(username));
        let display_name = match display_name.map(str::trim).filter(|d| !d.is_empty()) {
            None => username.clone(),
            Some(d) => errors.take("display_name", required_text(Some(d), DISPLAY_NAME_MAX)),
        };
        let role = errors.take(
            "role",
            required_text(role, 32).and_then(|r| Role::parse(&r)),
        );
        let department = errors.take(
            "department",
            crate::domain::validation::optional_text(department, 64),
        );
        if let (Some(role), Some(None)) = (role, &department)
            && matches!(role, Role::Inspector | Role::Reviewer)
        {
            errors.add("department", Problem::Required);
        }
        errors.into_result(|| NewUser {
            username: username.expect("checked"),
            display_name: display_name.expect("checked"),
            role: role.expect("checked"),
            department: department.expect("checked"),
            email: None,
        })
    }
}

/// A user as typed into the API or the command line: nothing checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserInput {
    /// Login name.
    pub username: Option<String>,
    /// Name shown to colleagues.
    pub display_name: Option<String>,
    /// Role.
    pub role: Option<String>,
    /// Department code.
    pub department: Option<String>,
    /// Email address; none or empty: no mail.
    pub email: Option<String>,
}

impl UserInput {
    /// Checks every field (see [`NewUser::parse`] and [`parse_optional_email`]).
    pub fn parse(&self) -> Result<NewUser, FieldErrors> {
        let mut errors = FieldErrors::default();
        let user = errors.take_all(NewUser::parse(
            self.username.as_deref(),
            self.display_name.as_deref(),
            self.role.as_deref(),
            self.department.as_deref(),
        ));
        let email = errors.take("email", parse_optional_email(self.email.as_deref()));
        errors.into_result(|| NewUser {
            email: email.expect("checked"),
            ..user.expect("checked")
        })
    }
}

/// A stored user (never with the password hash).
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    /// Id.
    pub id: Uuid,
    /// Login name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Department (admins, coordinators and observers may have none).
    pub department: Option<DepartmentRef>,
    /// False once disabled: cannot sign in, tokens stop working.
    pub active: bool,
    /// When created.
    pub created_at: DateTime<Utc>,
    /// Raised by every change, for `If-Match`.
    pub version: i64,
    /// Where their mail goes, if anywhere.
    pub email: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_lower_case_ascii_and_refuse_markup_and_sql() {
        assert_eq!(
            parse_username(Some(" Lan.Nguyen ")),
            Ok("lan.nguyen".into())
        );
        for bad in ["ab", "admin'--", "<b>x</b>", "a b", "_lead", "nguyễn"] {
            assert_eq!(
                parse_username(Some(bad)),
                Err(Problem::BadUsername),
                "{bad}"
            );
        }
        assert_eq!(parse_username(Some("")), Err(Problem::Required));
    }

    #[test]
    fn a_password_with_a_control_character_is_refused() {
        assert_eq!(
            check_password("mat-khau\u{0}-du-dai"),
            Err(Problem::ControlCharacter)
        );
        assert_eq!(check_password("mật khẩu đủ dài"), Ok(()));
    }

    #[test]
    fn passwords_have_a_minimum_length() {
        assert_eq!(
            check_password("short"),
            Err(Problem::TooShort { min: PASSWORD_MIN })
        );
        assert!(check_password("long enough pass").is_ok());
    }

    #[test]
    fn new_user_reports_every_problem_and_defaults_the_display_name() {
        let errors = NewUser::parse(Some("x"), None, Some("boss"), None).expect_err("bad");
        assert_eq!(errors.for_field("username"), Some(&Problem::BadUsername));
        assert!(matches!(
            errors.for_field("role"),
            Some(Problem::NotOneOf { .. })
        ));
        let errors = NewUser::parse(Some("lan"), None, Some("inspector"), None).expect_err("bad");
        assert_eq!(errors.for_field("department"), Some(&Problem::Required));
        let user = NewUser::parse(Some("lan"), Some(" "), Some("inspector"), Some("transport"))
            .expect("valid");
        assert_eq!(user.display_name, "lan");
        let admin = NewUser::parse(Some("root"), None, Some("admin"), None).expect("valid");
        assert_eq!(admin.department, None);
    }

    #[test]
    fn sessions_end_when_idle_or_past_their_end() {
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        let end = t0 + SESSION_MAX;
        assert!(session_alive(t0, end, t0 + chrono::Duration::hours(1)));
        assert!(!session_alive(t0, end, t0 + SESSION_IDLE));
        let active = end - chrono::Duration::minutes(1);
        assert!(!session_alive(active, end, end));
    }
}
