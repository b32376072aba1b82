//! A fresh database per test: a temporary SQLite file, or, when `TEST_POSTGRES_URL` names a
//! PostgreSQL server (an admin URL, e.g. `postgres://postgres@127.0.0.1:55432/postgres`), a new
//! database on it. The suite is run once per backend.

use super::Store;

/// Keeps the test database alive until dropped.
pub struct TestDatabase {
    pub url: String,
    _dir: tempfile::TempDir,
}

pub async fn fresh_database() -> TestDatabase {
    let dir = tempfile::tempdir().unwrap();
    let url = match std::env::var("TEST_POSTGRES_URL") {
        Ok(admin) if !admin.is_empty() => create_postgres_database(&admin).await,
        _ => format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display()),
    };
    TestDatabase { url, _dir: dir }
}

/// Creates an empty schema with a random name and returns a URL whose connections use it (a
/// schema per test, not a database: thousands of them cost kilobytes, not gigabytes).
pub async fn create_postgres_database(admin_url: &str) -> String {
    let name = format!("test_{}", crate::random::token(16).to_lowercase());
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
        .append_pair("options[search_path]", &name);
    url.to_string()
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
