//! Users: created (one by one or from a file), changed, disabled and given new passwords by
//! administrators (or at the console); their own passwords; the first administrator and the
//! demo's people.

mod many;
mod one_time;
mod own;

pub use many::{OneTime, add_many};
pub use one_time::{add_with_one_time_password, reset_to_one_time_password};
pub use own::change_own_password;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Error, Services, departments};
use crate::domain::actor::Actor;
use crate::domain::email::parse_optional_email;
use crate::domain::event::Change;
use crate::domain::permission::{Action, Scope};
use crate::domain::secret;
use crate::domain::user::{NewUser, Role, User, UserInput, check_password};
use crate::domain::validation::Problem;
use crate::store::{Access, Tx, sessions, tokens, users};

/// A user as the event log records it (never the password hash).
#[derive(Debug, Serialize)]
pub struct UserRecord {
    username: String,
    display_name: String,
    role: Role,
    department: Option<String>,
    active: bool,
    email: Option<String>,
}

impl From<&User> for UserRecord {
    fn from(u: &User) -> Self {
        UserRecord {
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: u.role,
            department: u.department.as_ref().map(|d| d.code.clone()),
            active: u.active,
            email: u.email.clone(),
        }
    }
}

/// Checks a new password (refused as `field`) and hashes it off the async threads (argon2
/// is deliberately slow).
async fn hash_password(field: &str, password: &str) -> Result<String, Error> {
    check_password(password).map_err(|p| Error::field(field, p))?;
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || secret::hash_password(&password))
        .await
        .map_err(|e| Error::Internal(e.into()))
}

/// Every user, by username.
pub async fn list(s: &Services, actor: &Actor) -> Result<Vec<User>, Error> {
    actor.may(Action::ManageUsers, Scope::Everywhere)?;
    Ok(users::all(&mut s.db.conn().await?).await?)
}

/// Creates a user from what was typed: refused (403) before the input is read when the
/// actor may not manage users.
pub async fn add(
    s: &Services,
    actor: &Actor,
    input: &UserInput,
    password: &str,
) -> Result<User, Error> {
    actor.may(Action::ManageUsers, Scope::Everywhere)?;
    let user = input.parse()?;
    add_checked(s, actor, &user, password).await
}

/// Creates a checked user with a checked password; a taken username is a conflict (409).
pub async fn add_checked(
    s: &Services,
    actor: &Actor,
    user: &NewUser,
    password: &str,
) -> Result<User, Error> {
    actor.may(Action::ManageUsers, Scope::Everywhere)?;
    let hash = hash_password("password", password).await?;
    let mut tx = s.begin().await?;
    let department = department_id(&mut tx, user.department.as_deref()).await?;
    let id = users::insert(&mut tx, user, department, &hash).await?;
    let created = read_back(&mut tx, id).await?;
    let change = Change::new(actor, "user.create", "user", &created.username)
        .after(UserRecord::from(&created));
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(created)
}

/// Changes to a user; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserUpdate {
    /// New display name.
    pub display_name: Option<String>,
    /// New role.
    pub role: Option<String>,
    /// New department code (empty text for none).
    pub department: Option<String>,
    /// Enable or disable.
    pub active: Option<bool>,
    /// New email address (empty text for none).
    pub email: Option<String>,
}

/// Changes a user. Disabling ends their sessions and revokes their tokens. The last active
/// administrator can be neither disabled nor demoted: the active administrators' rows are
/// locked first, so two administrators removing each other at the same moment cannot both
/// succeed, and the actor's own rights are read again under that lock. With `expected`, a
/// user changed since that version is refused ([`Error::Stale`]).
pub async fn update(
    s: &Services,
    actor: &Actor,
    username: &str,
    update: &UserUpdate,
    expected: Option<i64>,
) -> Result<User, Error> {
    actor.may(Action::ManageUsers, Scope::Everywhere)?;
    let mut tx = s.begin().await?;
    let admins = users::lock_active_admins(&mut tx).await?;
    still_may(&mut tx, actor, Action::ManageUsers).await?;
    let before = existing(&mut tx, username).await?;
    if let Some(expected) = expected
        && expected != before.version
    {
        return Err(Error::Stale(before.version));
    }
    let department_code = match &update.department {
        Some(code) => Some(code.as_str()),
        None => before.department.as_ref().map(|d| d.code.as_str()),
    };
    let role = update.role.as_deref().unwrap_or(before.role.as_str());
    let display_name = update
        .display_name
        .as_deref()
        .unwrap_or(&before.display_name);
    let checked = NewUser::parse(
        Some(&before.username),
        Some(display_name),
        Some(role),
        department_code,
    )?;
    let email = match &update.email {
        Some(typed) => parse_optional_email(Some(typed))
            .map_err(|p| Error::field("email", p))?
            .map(|e| e.as_str().to_owned()),
        None => before.email.clone(),
    };
    let department = department_id(&mut tx, checked.department.as_deref()).await?;
    let active = update.active.unwrap_or(before.active);
    let stays_admin = active && checked.role == Role::Admin;
    if before.role == Role::Admin && before.active && !stays_admin && admins <= 1 {
        return Err(Error::field("role", Problem::LastAdmin));
    }
    let profile = users::Profile {
        display_name: &checked.display_name,
        role: checked.role,
        department_id: department,
        active,
        email: email.as_deref(),
    };
    users::update(&mut tx, before.id, &profile).await?;
    if !active {
        sessions::delete_all_of(&mut tx, before.id).await?;
        tokens::revoke_all_of(&mut tx, before.id).await?;
    }
    let after = read_back(&mut tx, before.id).await?;
    let action = match (before.active, after.active) {
        (true, false) => "user.disable",
        (false, true) => "user.enable",
        _ => "user.update",
    };
    let change = Change::new(actor, action, "user", &after.username)
        .before(UserRecord::from(&before))
        .after(UserRecord::from(&after));
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(after)
}

/// Disables or enables a user (see [`update`]).
pub async fn set_active(
    s: &Services,
    actor: &Actor,
    username: &str,
    active: bool,
) -> Result<User, Error> {
    let change = UserUpdate {
        active: Some(active),
        ..UserUpdate::default()
    };
    update(s, actor, username, &change, None).await
}

/// Sets a new password, ends the user's sessions and revokes their tokens: a reset answers
/// a forgotten or a stolen password, so every way in starts afresh.
pub async fn reset_password(
    s: &Services,
    actor: &Actor,
    username: &str,
    password: &str,
) -> Result<User, Error> {
    actor.may(Action::ManageUsers, Scope::Everywhere)?;
    let hash = hash_password("password", password).await?;
    let mut tx = s.begin().await?;
    let user = existing(&mut tx, username).await?;
    users::set_password(&mut tx, user.id, &hash).await?;
    sessions::delete_all_of(&mut tx, user.id).await?;
    tokens::revoke_all_of(&mut tx, user.id).await?;
    let change = Change::new(actor, "user.reset_password", "user", &user.username);
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(user)
}

/// Creates the first administrator when there is no active one. Returns the username and
/// the password to show once (generated unless one is given).
pub async fn ensure_admin(
    s: &Services,
    password: Option<String>,
) -> Result<Option<(String, String)>, Error> {
    let mut conn = s.db.conn().await?;
    if users::active_admins(&mut conn).await? > 0 {
        return Ok(None);
    }
    let mut name = "admin".to_owned();
    let mut n = 1;
    while users::by_username(&mut conn, &name).await?.is_some() {
        n += 1;
        name = format!("admin{n}");
    }
    drop(conn);
    let password = password.unwrap_or_else(secret::random_password);
    let admin = NewUser {
        username: name.clone(),
        display_name: "Quản trị viên".into(),
        role: Role::Admin,
        department: None,
        email: None,
    };
    add_checked(s, &Actor::System, &admin, &password).await?;
    Ok(Some((name, password)))
}

/// The demo's people: one per role, skipping those that exist. Returns the new sign-ins.
pub async fn seed_demo(s: &Services) -> Result<Vec<(String, Role, String)>, Error> {
    let people = [
        (
            "kiemtra",
            "Nguyễn Văn Kiểm",
            Role::Inspector,
            Some("construction"),
        ),
        (
            "pheduyet",
            "Trần Thị Duyệt",
            Role::Reviewer,
            Some("construction"),
        ),
        (
            "kiemtra.gt",
            "Phạm Văn Giao",
            Role::Inspector,
            Some("transport"),
        ),
        (
            "pheduyet.gt",
            "Vi Thị Thông",
            Role::Reviewer,
            Some("transport"),
        ),
        (
            "kiemtra.vh",
            "Lộc Văn Hóa",
            Role::Inspector,
            Some("culture"),
        ),
        (
            "pheduyet.vh",
            "Hoàng Thị Văn",
            Role::Reviewer,
            Some("culture"),
        ),
        ("dieuphoi", "Lê Văn Điều", Role::Coordinator, Some("labour")),
        ("quantri", "Hoàng Thị Quản", Role::Admin, None),
    ];
    let mut created = Vec::new();
    for (username, display, role, department) in people {
        if users::by_username(&mut s.db.conn().await?, username)
            .await?
            .is_some()
        {
            continue;
        }
        let password = secret::random_password();
        let user = NewUser {
            username: username.into(),
            display_name: display.into(),
            role,
            department: department.map(str::to_owned),
            email: None,
        };
        add_checked(s, &Actor::System, &user, &password).await?;
        created.push((username.to_owned(), role, password));
    }
    Ok(created)
}

/// The id of the department a user is given, if any.
async fn department_id(tx: &mut Tx, code: Option<&str>) -> Result<Option<Uuid>, Error> {
    match code {
        Some(code) => Ok(Some(departments::resolve(tx, "department", code).await?.id)),
        None => Ok(None),
    }
}

/// The user named by a path, locked until `tx` ends.
async fn existing(tx: &mut Tx, username: &str) -> Result<User, Error> {
    let username = username.trim().to_lowercase();
    if !users::lock(tx, &username).await? {
        return Err(Error::NotFound);
    }
    users::by_username(tx, &username)
        .await?
        .ok_or(Error::NotFound)
}

async fn read_back(ex: &mut impl Access, id: Uuid) -> Result<User, Error> {
    users::by_id(ex, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("user {id} vanished in its own transaction").into())
}

/// Checks `action` again against the actor's account as it is inside `tx`: someone whose
/// role was changed a moment ago by a concurrent request no longer acts with the old one.
async fn still_may(tx: &mut Tx, actor: &Actor, action: Action) -> Result<(), Error> {
    let Actor::Person(person) = actor else {
        return Ok(());
    };
    let current = users::by_id(tx, person.id)
        .await?
        .filter(|u| u.active)
        .ok_or(Error::Forbidden)?;
    Ok(Actor::person(&current).may(action, Scope::Everywhere)?)
}
