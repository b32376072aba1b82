//! All SQL lives here. Routes and jobs call these functions; they never see a query.
//!
//! Queries use `$1, $2, …` placeholders in ascending order of first use, which SQLite and
//! PostgreSQL read the same way, so a second backend can share them.

mod admin;
mod lifecycle;
mod rows;
mod uploads;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context as _;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub use admin::{AdminFilter, AdminPage, FailedUpload};
pub use lifecycle::EncodedVideo;
pub use uploads::{HistoryPage, NewUpload, PhotoRecord};

/// A failure to read or write the database. The page says "try again"; the log says why.
#[derive(Debug, thiserror::Error)]
#[error("database error: {0:#}")]
pub struct StoreError(#[from] anyhow::Error);

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError(e.into())
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) the database and applies pending migrations.
    pub async fn connect(database_url: &str) -> anyhow::Result<Store> {
        if !database_url.starts_with("sqlite:") {
            anyhow::bail!("DATABASE_URL: only sqlite: URLs are supported so far");
        }
        let options = SqliteConnectOptions::from_str(database_url)
            .with_context(|| "DATABASE_URL: not a valid SQLite URL".to_string())?
            .create_if_missing(true)
            // WAL lets the history page read while a callback writes.
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        if let Some(dir) = Path::new(options.get_filename())
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).with_context(|| {
                format!("could not create the database directory {}", dir.display())
            })?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await
            .context("could not open the SQLite database")?;
        sqlx::migrate!("./migrations/sqlite")
            .run(&pool)
            .await
            .context("could not apply the database migrations")?;
        Ok(Store { pool })
    }

    /// True when the database answers a trivial query.
    pub async fn is_reachable(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}
