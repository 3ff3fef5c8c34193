//! Account changes that mix checks, hashing and SQL, each in one transaction with its
//! event: users, first admin, demo users, department rename and merge.

use uuid::Uuid;

use super::{Db, Tx, departments, events, users};
use crate::domain::department::Department;
use crate::domain::event::{Actor, Change};
use crate::domain::import::unknown_department;
use crate::domain::lang::Bilingual;
use crate::domain::secret;
use crate::domain::user::{NewUser, Role, User, check_password};
use crate::domain::validation::{FieldErrors, Problem};
use crate::error::AppError;

/// Hashes off the async threads: argon2 is deliberately slow.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || secret::hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

async fn department_id(tx: &mut Tx, code: Option<&str>) -> Result<Option<Uuid>, AppError> {
    let Some(code) = code else { return Ok(None) };
    match departments::by_code(tx, code).await? {
        Some(d) => Ok(Some(d.id)),
        None => {
            let known = departments::codes(tx).await?;
            Err(AppError::field(
                "department",
                unknown_department(code, &known),
            ))
        }
    }
}

/// Creates a user with a checked password; a taken username is a conflict.
pub async fn add_user(
    db: &Db,
    actor: &Actor,
    user: &NewUser,
    password: &str,
) -> Result<User, AppError> {
    check_password(password).map_err(|p| AppError::field("password", p))?;
    let hash = hash_password(password.to_owned()).await?;
    let mut tx = db.begin().await?;
    if users::by_username(&mut tx, &user.username).await?.is_some() {
        return Err(AppError::Invalid(FieldErrors::single(
            "username",
            Problem::Duplicate {
                of: "existing".into(),
            },
        )));
    }
    let department = department_id(&mut tx, user.department.as_deref()).await?;
    let id = users::insert(&mut tx, user, department, &hash).await?;
    let created = users::by_id(&mut tx, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("user {id} vanished in its own transaction"))?;
    events::append(
        &mut tx,
        Change::new(actor, "user.create", "user", &created.username).after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

async fn existing(tx: &mut Tx, username: &str) -> Result<User, AppError> {
    users::by_username(tx, &username.to_lowercase())
        .await?
        .ok_or(AppError::NotFound)
}

/// Changes to a user; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, serde::Deserialize)]
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
}

/// Changes a user in one transaction with its event. Disabling ends their sessions and
/// revokes their tokens; the last active administrator cannot be disabled or demoted.
pub async fn update_user(
    db: &Db,
    actor: &Actor,
    username: &str,
    update: &UserUpdate,
) -> Result<User, AppError> {
    let mut tx = db.begin().await?;
    let before = existing(&mut tx, username).await?;
    let department_code = match &update.department {
        Some(code) => Some(code.as_str()),
        None => before.department.as_ref().map(|d| d.code.as_str()),
    };
    let checked = NewUser::parse(
        Some(&before.username),
        Some(
            update
                .display_name
                .as_deref()
                .unwrap_or(&before.display_name),
        ),
        Some(update.role.as_deref().unwrap_or(before.role.as_str())),
        department_code,
    )?;
    let department = department_id(&mut tx, checked.department.as_deref()).await?;
    let active = update.active.unwrap_or(before.active);
    let stays_admin = active && checked.role == Role::Admin;
    if before.role == Role::Admin
        && before.active
        && !stays_admin
        && users::active_admins(&mut tx).await? <= 1
    {
        return Err(AppError::field("role", Problem::LastAdmin));
    }
    users::update(
        &mut tx,
        before.id,
        &checked.display_name,
        checked.role,
        department,
        active,
    )
    .await?;
    if !active {
        users::delete_sessions_of(&mut tx, before.id).await?;
        users::revoke_tokens_of(&mut tx, before.id).await?;
    }
    let after = users::by_id(&mut tx, before.id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("user {} vanished in its own transaction", before.id))?;
    let action = match (before.active, after.active) {
        (true, false) => "user.disable",
        (false, true) => "user.enable",
        _ => "user.update",
    };
    let change = Change::new(actor, action, "user", &after.username)
        .before(&before)
        .after(&after);
    events::append(&mut tx, change).await?;
    tx.commit().await?;
    Ok(after)
}

/// Disables or enables a user (see [`update_user`]).
pub async fn set_active(
    db: &Db,
    actor: &Actor,
    username: &str,
    active: bool,
) -> Result<User, AppError> {
    let update = UserUpdate {
        active: Some(active),
        ..UserUpdate::default()
    };
    update_user(db, actor, username, &update).await
}

/// Sets a new password, ends the user's sessions and revokes their tokens.
pub async fn reset_password(
    db: &Db,
    actor: &Actor,
    username: &str,
    password: &str,
) -> Result<User, AppError> {
    check_password(password).map_err(|p| AppError::field("password", p))?;
    let hash = hash_password(password.to_owned()).await?;
    let mut tx = db.begin().await?;
    let user = existing(&mut tx, username).await?;
    users::set_password(&mut tx, user.id, &hash).await?;
    // A reset answers a forgotten or a stolen password: every way in starts afresh.
    users::delete_sessions_of(&mut tx, user.id).await?;
    users::revoke_tokens_of(&mut tx, user.id).await?;
    events::append(
        &mut tx,
        Change::new(actor, "user.reset_password", "user", &user.username),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// Creates the first administrator when there is no active one. Returns the username and
/// the password to show once (generated unless one is given).
pub async fn ensure_admin(
    db: &Db,
    password: Option<String>,
) -> Result<Option<(String, String)>, AppError> {
    if users::active_admins(&mut db.conn().await?).await? > 0 {
        return Ok(None);
    }
    let mut name = "admin".to_owned();
    let mut n = 1;
    while users::by_username(&mut db.conn().await?, &name)
        .await?
        .is_some()
    {
        n += 1;
        name = format!("admin{n}");
    }
    let password = password.unwrap_or_else(secret::random_password);
    let admin = NewUser {
        username: name.clone(),
        display_name: "Quản trị viên".into(),
        role: Role::Admin,
        department: None,
    };
    add_user(db, &Actor::system(), &admin, &password).await?;
    Ok(Some((name, password)))
}

/// One demo user per role (skipping those that exist). Returns the new logins.
pub async fn seed_demo_users(db: &Db) -> Result<Vec<(String, Role, String)>, AppError> {
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
        ("dieuphoi", "Lê Văn Điều", Role::Coordinator, Some("labour")),
        ("quantri", "Hoàng Thị Quản", Role::Admin, None),
    ];
    let mut created = Vec::new();
    for (username, display, role, department) in people {
        if users::by_username(&mut db.conn().await?, username)
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
        };
        add_user(db, &Actor::system(), &user, &password).await?;
        created.push((username.to_owned(), role, password));
    }
    Ok(created)
}

/// Renames a department (both languages); the event keeps the old name.
pub async fn rename_department(
    db: &Db,
    actor: &Actor,
    code: &str,
    name: Bilingual,
) -> Result<Department, AppError> {
    let mut errors = FieldErrors::default();
    for (field, text) in [("name.vi", &name.vi), ("name.en", &name.en)] {
        errors.take(
            field,
            crate::domain::validation::required_text(Some(text), 200),
        );
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let name = Bilingual {
        vi: name.vi.trim().to_owned(),
        en: name.en.trim().to_owned(),
    };
    let mut tx = db.begin().await?;
    let before = departments::by_code(&mut tx, code)
        .await?
        .ok_or(AppError::NotFound)?;
    departments::rename(&mut tx, before.id, &name).await?;
    let after = Department {
        name,
        ..before.clone()
    };
    events::append(
        &mut tx,
        Change::new(actor, "department.rename", "department", code)
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// What a merge moved.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Merged {
    /// The department merged away (kept for history).
    pub from: Department,
    /// The department that takes over.
    pub into: Department,
    /// Users moved.
    pub users: u64,
    /// Sites moved.
    pub sites: u64,
}

/// Merges department `from` into `into`: users and sites move; `from` stays, marked merged,
/// so history and past records keep its name.
pub async fn merge_departments(
    db: &Db,
    actor: &Actor,
    from: &str,
    into: &str,
) -> Result<Merged, AppError> {
    let mut tx = db.begin().await?;
    let source = departments::by_code(&mut tx, from)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(target) = departments::by_code(&mut tx, into).await? else {
        let known = departments::codes(&mut tx).await?;
        return Err(AppError::field("into", unknown_department(into, &known)));
    };
    if source.id == target.id {
        return Err(AppError::field(
            "into",
            Problem::Duplicate {
                of: from.to_owned(),
            },
        ));
    }
    let users = users::move_department(&mut tx, source.id, target.id).await?;
    let sites = departments::merge(&mut tx, source.id, target.id).await?;
    let merged = Merged {
        from: source,
        into: target,
        users,
        sites,
    };
    events::append(
        &mut tx,
        Change::new(actor, "department.merge", "department", from).after(&merged),
    )
    .await?;
    tx.commit().await?;
    Ok(merged)
}
