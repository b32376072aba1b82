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
