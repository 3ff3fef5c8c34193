//! Who performs a user action: a signed-in person, or the operator at the console.

use uuid::Uuid;

use super::permission::{self, Action, Asker, Denied, Scope};
use super::user::{Role, User};

/// The one who acts, as every use case receives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A signed-in person; the permission matrix decides what they may do.
    Person(Person),
    /// Someone at the command line. Whoever can run the binary can open the database, so
    /// the matrix does not apply; every change is still logged as `cli`.
    Console,
    /// The server itself (start-up, demo data), logged as `system`.
    System,
    /// Someone without an account (a barrier report), logged as `public`; the matrix
    /// decides what they may do, as for anyone not signed in.
    Public,
}

/// A signed-in person as the matrix and the event log see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// User id.
    pub id: Uuid,
    /// Login name, recorded in the event log.
    pub username: String,
    /// Role.
    pub role: Role,
    /// Department, if the person has one.
    pub department: Option<Uuid>,
}

impl From<&User> for Person {
    fn from(user: &User) -> Self {
        Person {
            id: user.id,
            username: user.username.clone(),
            role: user.role,
            department: user.department.as_ref().map(|d| d.id),
        }
    }
}

impl Actor {
    /// A signed-in user.
    pub fn person(user: &User) -> Actor {
        Actor::Person(Person::from(user))
    }

    /// The user id recorded with a change (none for the console and the server).
    pub fn user_id(&self) -> Option<Uuid> {
        match self {
            Actor::Person(p) => Some(p.id),
            Actor::Console | Actor::System | Actor::Public => None,
        }
    }

    /// The name recorded with a change.
    pub fn name(&self) -> &str {
        match self {
            Actor::Person(p) => &p.username,
            Actor::Console => "cli",
            Actor::System => "system",
            Actor::Public => "public",
        }
    }

    /// The person's own department, if any.
    pub fn department(&self) -> Option<Uuid> {
        match self {
            Actor::Person(p) => p.department,
            Actor::Console | Actor::System | Actor::Public => None,
        }
    }

    /// Asks the matrix whether this actor may do `action` in `scope`.
    pub fn may(&self, action: Action, scope: Scope) -> Result<(), Denied> {
        match self {
            Actor::Person(p) => permission::can(Some(&p.asker()), action, scope),
            Actor::Console | Actor::System => Ok(()),
            Actor::Public => permission::can(None, action, scope),
        }
    }
}

impl Person {
    /// The person as the matrix sees them.
    pub fn asker(&self) -> Asker {
        Asker {
            user: self.id,
            role: self.role,
            department: self.department,
        }
    }
}
