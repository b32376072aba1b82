//! A fresh database per test: a temporary SQLite file, or, when `TEST_POSTGRES_URL` names a
//! PostgreSQL server (an admin URL, e.g. `postgres://postgres@127.0.0.1:55432/postgres`), a new
//! schema on it, dropped again when the test ends. The suite is run once per backend.

use super::Store;

/// Keeps the test database alive until dropped; then its PostgreSQL schema (if any) is dropped
/// too, so test runs do not pile up schemas on the server.
pub struct TestDatabase {
    pub url: String,
    _schema: Option<PostgresSchema>,
    _dir: tempfile::TempDir,
}

struct PostgresSchema {
    admin_url: String,
    name: String,
}

pub async fn fresh_database() -> TestDatabase {
    let dir = tempfile::tempdir().unwrap();
    match std::env::var("TEST_POSTGRES_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            let name = format!("test_{}", crate::random::token(16).to_lowercase());
            let url = create_postgres_schema(&admin_url, &name).await;
            let schema = Some(PostgresSchema { admin_url, name });
            TestDatabase {
                url,
                _schema: schema,
                _dir: dir,
            }
        }
        _ => {
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
            TestDatabase {
                url,
                _schema: None,
                _dir: dir,
            }
        }
    }
}

/// Creates an empty schema named `name` and returns a URL whose connections use it (a schema
/// per test, not a database: thousands of them cost kilobytes, not gigabytes).
async fn create_postgres_schema(admin_url: &str, name: &str) -> String {
    let admin = sqlx::PgPool::connect(admin_url)
        .await
        .expect("TEST_POSTGRES_URL reachable");
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {name}")))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let mut url = url::Url::parse(admin_url).unwrap();
    url.query_pairs_mut()
        .append_pair("options[search_path]", name);
    url.to_string()
}

impl Drop for PostgresSchema {
    fn drop(&mut self) {
        // Drop runs inside the test's runtime, which cannot block on a future: use a thread
        // with a runtime of its own. A lock timeout keeps a test that leaked a busy connection
        // from hanging here; its schema is then left behind, and said so.
        let sql = format!("SET lock_timeout = '5s'; DROP SCHEMA {} CASCADE", self.name);
        let admin_url = self.admin_url.clone();
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let admin = sqlx::PgPool::connect(&admin_url).await?;
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(&admin)
                    .await?;
                admin.close().await;
                Ok::<_, anyhow::Error>(())
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("could not drop the test schema {}", self.name);
        }
    }
}

pub async fn fresh_store() -> (Store, TestDatabase) {
    let db = fresh_database().await;
    (Store::connect(&db.url).await.unwrap(), db)
}

/// A pending upload of visitor "alice", numbered `n` (nonce and token derive from it).
pub fn new_upload(n: u32, valid_until: i64) -> crate::store::NewUpload {
    crate::store::NewUpload {
        visitor_id: "alice".into(),
        nonce: format!("nonce{n:027}"),
        upload_token: format!("token{n:035}"),
        metadata: crate::uploads::Metadata {
            title: format!("Video {n}"),
            description: String::new(),
            tags: String::new(),
            publish: true,
        },
        max_uploads: 2,
        valid_until,
    }
}

/// Makes every `UPDATE` that sets `column` of `table` on a row matching `when` (SQL over `NEW`)
/// fail, to break the second statement of a write in a test.
pub async fn fail_updates(store: &Store, table: &str, column: &str, when: &str) {
    let name = format!("fail_{table}_{column}");
    let sql = match &store.pool {
        super::Pool::Sqlite(_) => format!(
            "CREATE TRIGGER {name} BEFORE UPDATE OF {column} ON {table} FOR EACH ROW WHEN {when} \
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        ),
        super::Pool::Postgres(_) => format!(
            "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS \
               $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$; \
             CREATE TRIGGER {name} BEFORE UPDATE OF {column} ON {table} FOR EACH ROW \
               WHEN ({when}) EXECUTE FUNCTION {name}()"
        ),
    };
    super::on_pool!(store, |pool| sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
    .expect("the failure trigger installs");
}

/// One integer (or NULL) read straight from the test database, bypassing the store's API.
pub async fn read_i64(store: &Store, sql: &'static str, id: i64) -> Option<i64> {
    super::on_pool!(store, |pool| sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(pool)
        .await)
    .unwrap()
}

/// Runs SQL straight against the test database, bypassing the store's API (a job's or another
/// instance's write the store has no method for).
pub async fn execute(store: &Store, sql: String) {
    super::on_pool!(store, |pool| sqlx::raw_sql(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))
    .expect("the statement runs");
}
