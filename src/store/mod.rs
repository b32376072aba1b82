//! All SQL lives here. Routes and jobs call these functions; they never see a query.
//!
//! Two backends share every query: SQLite (embedded, the default) and PostgreSQL (for several
//! instances), chosen by `DATABASE_URL`. Queries use `$1, $2, …` placeholders in ascending order
//! of first use and standard SQL, which both read the same way; `on_pool!` runs one query text on
//! whichever pool is configured, `on_tx!` on whichever transaction.
//!
//! All or nothing: every write of more than one statement runs in one transaction ([`Tx`], from
//! [`Store::begin`]). Each write that changes an upload's state (`insert_upload`, `apply_event`,
//! `record_photo`, `record_failure`, `reject_claim`, `record_encoded`, `update_metadata`,
//! `expire_overdue`) and each batch of job claims is a method on `&mut Tx`; the `Store` method of
//! the same name runs it alone in a transaction of its own. A caller that must write something
//! together with a state change (an outbox row telling the host site) opens a `Tx`, calls the
//! write, adds its own rows with `on_tx!`, then `commit()`s; dropping the `Tx` rolls it all back.

mod admin;
mod budgets;
mod campaign_counts;
mod campaigns;
mod conditions;
mod history;
mod leases;
mod lifecycle;
mod limits;
mod mail;
mod marks;
mod outbox;
mod pages;
mod queues;
mod refresh_round;
mod reviews;
mod rows;
mod sign_outs;
mod sweeps;
mod tidy;
mod transitions;
mod tx;
mod uploads;
mod webhooks;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context as _;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

pub use admin::{AdminFilter, FailedUpload};
pub use budgets::LoginFailures;
pub use campaign_counts::CampaignCounts;
pub use campaigns::{SlugTaken, UploadAnswers};
pub use history::HISTORY_UPLOADS_AT_ONCE;
pub use lifecycle::EncodedVideo;
pub use limits::{MintLimit, MintRequest, Reservation};
pub use mail::{ClaimedNotice, DueNotice};
pub use marks::HistorySince;
pub use pages::{Page, UploadsPage};
pub use queues::QueueSizes;
pub use reviews::{DueDecision, QueuedDecision, Refusal};
pub use sweeps::SweepScope;
pub use tx::Tx;
pub(crate) use tx::on_tx;
pub use uploads::{NewUpload, PhotoRecord};
pub use webhooks::{AttemptOutcome, Delivery, NewDelivery};

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
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the configured backend's pool. The body is compiled once per
/// backend, so each gets its own typed query.
macro_rules! on_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.pool {
            $crate::store::Pool::Sqlite($pool) => $body,
            $crate::store::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
}

impl Store {
    /// Opens (creating if needed) the database named by `database_url` and applies pending
    /// migrations: `sqlite:…` or `postgres://…`.
    pub async fn connect(database_url: &str) -> anyhow::Result<Store> {
        let pool =
            if database_url.starts_with("postgres:") || database_url.starts_with("postgresql:") {
                Pool::Postgres(connect_postgres(database_url).await?)
            } else {
                Pool::Sqlite(connect_sqlite(database_url).await?)
            };
        let store = Store { pool };
        match &store.pool {
            Pool::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await,
            Pool::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await,
        }
        .context("could not apply the database migrations")?;
        Ok(store)
    }
}

async fn connect_sqlite(database_url: &str) -> anyhow::Result<SqlitePool> {
    let options = SqliteConnectOptions::from_str(database_url)
        .context("DATABASE_URL: not a valid SQLite URL")?
        .create_if_missing(true)
        // WAL lets the history page read while a callback writes.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let file = options.get_filename().to_path_buf();
    let on_disk = file.as_os_str() != ":memory:";
    if on_disk {
        private_file(&file)?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
        .context("could not open the SQLite database")?;
    if on_disk {
        restrict_sqlite_files(&file)?;
    }
    Ok(pool)
}

/// Creates the database file (and its folder) readable by this user only before SQLite opens
/// it: uploads, tokens and visitor ids are in it, and SQLite gives the `-wal` and `-shm` files the
/// database file's mode.
fn private_file(file: &Path) -> anyhow::Result<()> {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).with_context(|| {
            format!("could not create the database directory {}", dir.display())
        })?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(file)
        .with_context(|| format!("could not create the database file {}", file.display()))?;
    Ok(())
}

/// A database made by an earlier version (or by hand) may be readable by others: make the file
/// and its companions private too.
fn restrict_sqlite_files(file: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    for suffix in ["", "-wal", "-shm"] {
        use std::os::unix::fs::PermissionsExt as _;
        let mut name = file.as_os_str().to_owned();
        name.push(suffix);
        let path = std::path::PathBuf::from(name);
        if path.exists() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                .with_context(|| format!("could not make {} private", path.display()))?;
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

async fn connect_postgres(database_url: &str) -> anyhow::Result<PgPool> {
    let options = PgConnectOptions::from_str(database_url)
        .context("DATABASE_URL: not a valid PostgreSQL URL")?;
    PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
        .context("could not connect to PostgreSQL (check DATABASE_URL, that the server runs and accepts us)")
}

#[cfg(test)]
pub(crate) mod test_support;
