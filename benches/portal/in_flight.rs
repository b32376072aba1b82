//! The uploads in flight the calls to 23 are counted on: a sandbox in this process and a portal
//! (child process) at default job intervals, with N tokens pending and N videos encoding, recorded
//! by the portal itself (minted through its page, callbacks delivered to it).

use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, Instant};

use futures_util::StreamExt as _;
use upload_portal::sandbox::{Sandbox, SandboxSettings};
use upload_portal::twentythree::oauth::Credentials;

use crate::fixtures::{self, Visitor};
use crate::load;
use crate::processes::{self, Process};

/// Longer than any preparation and window: no video finishes encoding unless the bench says so.
const ENCODING: Duration = Duration::from_secs(6 * 3600);
/// How often the portal's database is read for the latencies: their resolution.
pub const POLL: Duration = Duration::from_millis(200);
/// As many requests at once as a few busy browsers, so preparing 1 000 uploads takes seconds.
const PARALLEL: usize = 8;
/// Lost callbacks and finished encodings followed per window, one every ⅛ of it.
const SAMPLES: usize = 3;

/// The 23 sandbox, in this process; the portal reaches it over loopback like any 23 site.
pub struct Site {
    pub sandbox: Sandbox,
    pub url: String,
    pub server: actix_web::dev::ServerHandle,
}

impl Site {
    pub fn start(credentials: &Credentials, dir: &Path) -> Site {
        let mut settings = SandboxSettings::new(credentials.clone(), dir.join("sandbox"));
        settings.encoding_delay = ENCODING;
        let sandbox = Sandbox::new(settings).expect("the sandbox starts");
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let server = sandbox.serve(listener).unwrap();
        let handle = server.handle();
        tokio::spawn(server);
        Site {
            sandbox,
            url,
            server: handle,
        }
    }
}

/// One portal with its uploads in flight, and the uploads whose latencies are followed.
pub struct InFlight {
    pub site: Site,
    /// Kept so the child process lives until the flight is dropped.
    _portal: Process,
    pub db: sqlx::SqlitePool,
    /// Pending uploads (id, token) that each get a file during the window, their callback lost.
    pub lost: Vec<(i64, String)>,
    /// Encoding uploads (id, photo id) whose video each finishes during the window.
    pub finishing: Vec<(i64, i64)>,
}

/// A sandbox and a portal at default job intervals, with `n` videos encoding (sent to the
/// sandbox under tokens the portal minted, their callbacks delivered) and `n` tokens pending
/// (minted through the portal, which asks the sandbox's get-upload-token and records them).
pub async fn prepare(binary: &str, credentials: &Credentials, dir: &Path, n: usize) -> InFlight {
    std::fs::create_dir_all(dir).unwrap();
    let site = Site::start(credentials, dir);
    let portal = processes::portal_with_jobs(binary, credentials, &site.url, dir).await;
    let callbacks = fixtures::pending_callbacks(&portal.url, &site.url, dir, n).await;
    load::each_once(&load::client(None), callbacks, 303, PARALLEL).await;
    let visitor = Visitor::new(&portal.url).await;
    let client = load::client(None);
    let pending: Vec<i64> = futures_util::stream::iter(0..n)
        .map(|i| {
            let (visitor, client, url) = (&visitor, &client, &portal.url);
            async move { visitor.mint(client, url, &format!("Pending {i}")).await }
        })
        .buffered(PARALLEL)
        .collect()
        .await;
    let db = fixtures::database(dir).await;
    // The oldest pending tokens and videos: furthest into the jobs' back-off.
    let mut lost = Vec::new();
    for &id in pending.iter().take(SAMPLES) {
        lost.push((id, fixtures::upload_token(&db, id).await));
    }
    let mut finishing = Vec::new();
    for video in site.sandbox.photos().into_iter().take(SAMPLES) {
        finishing.push((id_of(&db, &video.upload_token).await, video.photo_id));
    }
    wait_for_uploaded(&db, n).await;
    InFlight {
        site,
        _portal: portal,
        db,
        lost,
        finishing,
    }
}

pub async fn status(db: &sqlx::SqlitePool, id: i64) -> String {
    sqlx::query_scalar("SELECT status FROM uploads WHERE id = ?")
        .bind(id)
        .fetch_one(db)
        .await
        .unwrap()
}

async fn id_of(db: &sqlx::SqlitePool, upload_token: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM uploads WHERE upload_token = ?")
        .bind(upload_token)
        .fetch_one(db)
        .await
        .unwrap()
}

/// Waits until the portal has recorded all `n` delivered callbacks as videos encoding.
async fn wait_for_uploaded(db: &sqlx::SqlitePool, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let uploaded: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM uploads WHERE status = 'uploaded'")
                .fetch_one(db)
                .await
                .unwrap();
        if uploaded as usize >= n {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{uploaded} of {n} videos recorded"
        );
        tokio::time::sleep(POLL).await;
    }
}
