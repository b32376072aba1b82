//! The data the benchmark needs: visitors with 100 and 100 000 uploads, and a supply of genuine
//! callbacks (a file really sent to the sandbox for each) waiting to be delivered.

use std::path::Path;

use futures_util::StreamExt as _;
use reqwest::redirect::Policy;

/// A browser identity: its cookie, and the CSRF token of its form.
pub struct Visitor {
    pub cookie: String,
    csrf: String,
}

fn bare_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
}

impl Visitor {
    pub async fn new(portal: &str) -> Visitor {
        let home = bare_client()
            .get(format!("{portal}/"))
            .send()
            .await
            .unwrap();
        let set_cookie = home.headers()["set-cookie"].to_str().unwrap();
        let cookie = set_cookie.split(';').next().unwrap().to_string();
        let html = home.text().await.unwrap();
        let start = html.find("name=\"csrf_token\" value=\"").unwrap() + 25;
        let csrf = html[start..].split('"').next().unwrap().to_string();
        Visitor { cookie, csrf }
    }

    /// Mints an upload through the portal; returns its id.
    pub async fn mint(&self, client: &reqwest::Client, portal: &str, title: &str) -> i64 {
        let response = client
            .post(format!("{portal}/uploads"))
            .header("cookie", &self.cookie)
            .form(&[("title", title), ("csrf_token", &self.csrf)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "minting through the portal");
        let location = response.headers()["location"].to_str().unwrap();
        location.split('/').nth(2).unwrap().parse().unwrap()
    }
}

pub async fn database(dir: &Path) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.join("portal.db").display()))
        .await
        .unwrap()
}

/// Gives the visitor who owns upload `template` `extra` more uploads, each with a video.
pub async fn add_uploads(dir: &Path, template: i64, extra: u32) {
    let pool = database(dir).await;
    let statement = format!(
        "INSERT INTO uploads (visitor_id, nonce, upload_token, title, description, tags, publish,
             status, max_uploads, valid_until, created_at, updated_at)
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {extra})
         SELECT visitor_id, 'bulk{template}x' || i, 'bulktoken{template}x' || i,
                'Bulk video ' || i, 'Made by the benchmark', 'bench', 1, 'uploaded', 1,
                valid_until, created_at - i, created_at - i
         FROM n, uploads WHERE uploads.id = {template};
         INSERT INTO photos (upload_id, photo_id, tree_id, token, status, video_url,
             created_at, updated_at)
         SELECT id, 1000000 + id, 1, 'tok', 'uploaded', '/video/' || id, created_at, created_at
         FROM uploads WHERE nonce LIKE 'bulk{template}x%';"
    );
    sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
}

pub async fn upload_token(pool: &sqlx::SqlitePool, id: i64) -> String {
    sqlx::query_scalar("SELECT upload_token FROM uploads WHERE id = ?")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Mints `count` uploads and sends a small file to the sandbox for each, as browsers would;
/// returns the callback URLs 23 redirected to, none of them delivered yet.
pub async fn pending_callbacks(
    portal: &str,
    sandbox: &str,
    dir: &Path,
    count: usize,
) -> Vec<String> {
    let visitor = Visitor::new(portal).await;
    let pool = database(dir).await;
    let client = bare_client();
    let callbacks = futures_util::stream::iter(0..count)
        .map(|i| {
            let (visitor, pool, client) = (&visitor, &pool, &client);
            async move {
                let id = visitor.mint(client, portal, &format!("Callback {i}")).await;
                let token = upload_token(pool, id).await;
                send_file(client, sandbox, token).await
            }
        })
        .buffer_unordered(8)
        .collect()
        .await;
    pool.close().await;
    callbacks
}

/// Sends a small video to the sandbox under `token`, as a browser would; returns the callback URL
/// 23 redirected to, not followed.
pub async fn send_file(client: &reqwest::Client, sandbox: &str, token: String) -> String {
    let file = reqwest::multipart::Part::bytes(b"benchmark video".to_vec())
        .file_name("clip.mp4")
        .mime_str("video/mp4")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("upload_token", token)
        .part("file", file);
    let redirect = client
        .post(format!("{sandbox}/api/photo/redeem-upload-token"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(redirect.status(), 301, "the sandbox redirects back");
    redirect.headers()["location"].to_str().unwrap().to_string()
}
