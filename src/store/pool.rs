//! How the connection pool is used, for `/metrics`.

use super::Db;

/// The pool's connections at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    /// Open and lent out to a query or a transaction.
    pub in_use: u32,
    /// Open and waiting in the pool.
    pub idle: u32,
    /// The most the pool opens.
    pub max: u32,
}

impl Db {
    /// How many connections are open, lent out and idle now, and the most there may be.
    pub fn pool_use(&self) -> PoolUse {
        let (open, idle, max) = match self {
            Db::Sqlite(pool) => (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            ),
            Db::Postgres(pool) => (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            ),
        };
        let idle = u32::try_from(idle).unwrap_or(u32::MAX).min(open);
        PoolUse {
            in_use: open - idle,
            idle,
            max,
        }
    }
}
