//! Users, their sessions and API tokens.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend};
use crate::domain::lang::Bilingual;
use crate::domain::mail::EmailAddress;
use crate::domain::site::DepartmentRef;
use crate::domain::user::{NewUser, Role, User};

macro_rules! select_users {
    () => {
        "SELECT u.id, u.username, u.display_name, u.role, u.active, u.created_at, u.version,
                u.password_hash, u.email, d.id AS department_id, d.code AS department_code,
                d.name_vi AS department_name_vi, d.name_en AS department_name_en
         FROM users u LEFT JOIN departments d ON d.id = u.department_id "
    };
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    username: String,
    display_name: String,
    #[sqlx(try_from = "String")]
    role: Role,
    active: bool,
    created_at: DateTime<Utc>,
    version: i64,
    password_hash: String,
    email: Option<String>,
    department_id: Option<Uuid>,
    department_code: Option<String>,
    department_name_vi: Option<String>,
    department_name_en: Option<String>,
}

impl Row {
    fn split(self) -> (User, String) {
        let user = User {
            id: self.id,
            username: self.username,
            display_name: self.display_name,
            role: self.role,
            department: match (
                self.department_id,
                self.department_code,
                self.department_name_vi,
                self.department_name_en,
            ) {
                (Some(id), Some(code), Some(vi), Some(en)) => Some(DepartmentRef {
                    id,
                    code,
                    name: Bilingual { vi, en },
                }),
                _ => None,
            },
            active: self.active,
            created_at: self.created_at,
            version: self.version,
            email: self.email,
        };
        (user, self.password_hash)
    }
}

/// The user with `username` and their password hash, for signing in.
pub async fn with_hash(
    ex: &mut impl Access,
    username: &str,
) -> Result<Option<(User, String)>, sqlx::Error> {
    let sql = concat!(select_users!(), "WHERE u.username = $1");
    let row: Option<Row> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(username)
        .fetch_optional(c)
        .await)?;
    Ok(row.map(Row::split))
}

/// The user with `username`.
pub async fn by_username(
    ex: &mut impl Access,
    username: &str,
) -> Result<Option<User>, sqlx::Error> {
    Ok(with_hash(ex, username).await?.map(|(user, _)| user))
}

/// The user with `id`.
pub async fn by_id(ex: &mut impl Access, id: Uuid) -> Result<Option<User>, sqlx::Error> {
    let sql = concat!(select_users!(), "WHERE u.id = $1");
    let row: Option<Row> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    Ok(row.map(|r| r.split().0))
}

/// Every user, by username.
pub async fn all(ex: &mut impl Access) -> Result<Vec<User>, sqlx::Error> {
    let sql = concat!(select_users!(), "ORDER BY u.username");
    let rows: Vec<Row> = on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)?;
    Ok(rows.into_iter().map(|r| r.split().0).collect())
}

/// Stores a new user with an argon2 hash; returns the id.
pub async fn insert(
    ex: &mut Tx,
    user: &NewUser,
    department_id: Option<Uuid>,
    password_hash: &str,
) -> Result<Uuid, sqlx::Error> {
    let sql = "INSERT INTO users (id, username, display_name, password_hash, role, department_id,
                   active, created_at, updated_at, email)
               VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, $7, $8)";
    let id = Uuid::now_v7();
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(id)
        .bind(&user.username)
        .bind(&user.display_name)
        .bind(password_hash)
        .bind(user.role.as_str())
        .bind(department_id)
        .bind(Utc::now())
        .bind(user.email.as_ref().map(EmailAddress::as_str))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(id)
}

/// A user's profile, role, department, active flag and email address, as stored.
pub struct Profile<'a> {
    /// Display name.
    pub display_name: &'a str,
    /// Role.
    pub role: Role,
    /// Department.
    pub department_id: Option<Uuid>,
    /// False: disabled.
    pub active: bool,
    /// Email address.
    pub email: Option<&'a str>,
}

/// Replaces a user's profile, role, department, active flag and email address.
pub async fn update(ex: &mut Tx, id: Uuid, p: &Profile<'_>) -> Result<(), sqlx::Error> {
    let sql = "UPDATE users SET display_name = $2, role = $3, department_id = $4, active = $5,
                   updated_at = $6, email = $7, version = version + 1
               WHERE id = $1";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(id)
        .bind(p.display_name)
        .bind(p.role.as_str())
        .bind(p.department_id)
        .bind(p.active)
        .bind(Utc::now())
        .bind(p.email)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Replaces a user's password hash.
pub async fn set_password(ex: &mut Tx, id: Uuid, hash: &str) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1";
    let done = on_backend!(ex, |c| sqlx::query(sql)
        .bind(id)
        .bind(hash)
        .bind(Utc::now())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Locks the user with `username` until the transaction ends; false when there is none.
pub async fn lock(ex: &mut Tx, username: &str) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE users SET version = version WHERE username = $1";
    let done = on_backend!(ex, |c| sqlx::query(sql)
        .bind(username)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Locks the active admins' rows until the transaction ends (so two admins cannot remove
/// each other at once) and returns how many there are.
pub async fn lock_active_admins(ex: &mut Tx) -> Result<u64, sqlx::Error> {
    let sql = "UPDATE users SET updated_at = updated_at WHERE role = 'admin' AND active";
    on_backend!(ex, |c| sqlx::query(sql)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}

/// How many active admins exist.
pub async fn active_admins(ex: &mut impl Access) -> Result<i64, sqlx::Error> {
    let sql = "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active";
    on_backend!(ex, |c| sqlx::query_scalar(sql).fetch_one(c).await)
}

/// Moves every user of one department to another; returns how many moved.
pub async fn move_department(ex: &mut Tx, from: Uuid, to: Uuid) -> Result<u64, sqlx::Error> {
    let sql = "UPDATE users SET department_id = $2, updated_at = $3, version = version + 1
               WHERE department_id = $1";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(from)
        .bind(to)
        .bind(Utc::now())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}
