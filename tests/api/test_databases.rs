//! The suite cleans up after itself: a PostgreSQL schema made for a test is gone when it ends.

use crate::helpers::{fresh_database_url, param};

#[test]
fn a_test_schema_is_dropped_when_the_test_ends() {
    let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") else {
        return; // On SQLite the database is a file in the test's temporary directory.
    };
    let dir = tempfile::tempdir().unwrap();
    let test = tokio::runtime::Runtime::new().unwrap();
    let url = test.block_on(fresh_database_url(dir.path()));
    let schema = param(&url, "options[search_path]").expect("a schema of its own");
    let exists = |runtime: &tokio::runtime::Runtime| {
        runtime.block_on(async {
            let admin = sqlx::PgPool::connect(&admin_url).await.unwrap();
            let found: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM information_schema.schemata WHERE schema_name = $1",
            )
            .bind(&schema)
            .fetch_one(&admin)
            .await
            .unwrap();
            admin.close().await;
            found == 1
        })
    };
    assert!(exists(&test), "the schema exists while the test runs");

    drop(test); // what #[tokio::test] does when the test function returns
    let after = tokio::runtime::Runtime::new().unwrap();
    assert!(!exists(&after), "schema {schema} is dropped at the end");
}
