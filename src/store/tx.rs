//! One transaction on whichever backend is configured.

use anyhow::Context as _;
use sqlx::{Postgres, Sqlite, Transaction};

use super::{Pool, Store, StoreResult};

/// An open transaction. Dropping it without [`Tx::commit`] rolls back everything done in it.
#[derive(Debug)]
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs `$body` with `$conn` bound to the transaction's connection, like `on_pool!` does for a
/// pool: the body is compiled once per backend.
macro_rules! on_tx {
    ($tx:expr, |$conn:ident| $body:expr) => {
        match &mut *$tx {
            $crate::store::Tx::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::store::Tx::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}
pub(crate) use on_tx;

/// `Store` methods that run one `Tx` method in a transaction of its own.
macro_rules! in_own_tx {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty;) => {
        $(#[$doc])*
        pub async fn $name(&self, $($arg: $ty),*) -> $crate::store::StoreResult<$out> {
            let mut tx = self.begin().await?;
            let out = tx.$name($($arg),*).await?;
            tx.commit().await?;
            Ok(out)
        }
    };
}
pub(super) use in_own_tx;

impl Store {
    /// Opens a transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`): a
    /// deferred one that reads and then writes fails outright, without waiting, when another
    /// connection wrote in between.
    pub async fn begin(&self) -> StoreResult<Tx> {
        let tx = match &self.pool {
            Pool::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        };
        Ok(tx)
    }
}

impl Tx {
    pub async fn commit(self) -> StoreResult<()> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
        .context("could not commit a transaction")?;
        Ok(())
    }
}
