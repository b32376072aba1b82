//! With no 23 site configured, the portal serves its own sandbox and the whole flow works.

use crate::helpers::{TestApp, base_vars, browser, start_portal};
use upload_portal::twentythree::oauth::Credentials;

async fn spawn_sandbox_mode_app() -> TestApp {
    let data_dir = tempfile::tempdir().unwrap();
    let vars = base_vars(data_dir.path(), None, &Credentials::generate()).await;
    let (address, sandbox) = start_portal(&vars).await;
    TestApp {
        site_url: format!("{address}/sandbox-23"),
        address,
        sandbox: sandbox.expect("sandbox mode has a built-in sandbox"),
        credentials: Credentials::generate(),
        browser: browser(),
        database_url: vars["DATABASE_URL"].clone(),
        data_dir,
    }
}

#[tokio::test]
async fn with_no_23_site_configured_the_built_in_sandbox_takes_the_whole_flow() {
    let app = spawn_sandbox_mode_app().await;
    let (_, home) = app.get_html("/").await;
    assert!(home.contains("Sandbox mode"), "the banner says so");

    let form = app.mint("Sandboxed").await;
    assert_eq!(
        form.action,
        app.url("/sandbox-23/api/photo/redeem-upload-token")
    );
    let callback = app.upload_video(&form).await;
    assert!(callback.starts_with(&app.url("/uploads/callback/")));
    assert_eq!(app.follow(&callback).await.status(), 303);

    let history = app.history().await;
    assert_eq!(history[0].status, "uploaded");
    assert_eq!(history[0].photo_id, Some(app.sandbox.photos()[0].photo_id));
}

#[tokio::test]
async fn a_restarted_portal_keeps_its_generated_session_secret() {
    let data_dir = tempfile::tempdir().unwrap();
    let mut vars = base_vars(data_dir.path(), None, &Credentials::generate()).await;
    vars.remove("SESSION_SECRET");
    start_portal(&vars).await;
    let secret_file = data_dir.path().join("session-secret");
    let first = std::fs::read_to_string(&secret_file).expect("a generated secret is kept");
    start_portal(&vars).await;
    assert_eq!(std::fs::read_to_string(&secret_file).unwrap(), first);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&secret_file)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "only the owner may read the secret");
    }
}

#[tokio::test]
async fn in_sandbox_mode_an_operator_fault_is_explained_on_the_page() {
    let app = spawn_sandbox_mode_app().await;
    // As if the operator's credentials lacked write permission.
    app.sandbox
        .set_permission_level(upload_portal::sandbox::PermissionLevel::Read);
    let response = app.post_new_upload(&[("title", "Needs write")]).await;
    assert_eq!(response.status(), 502);
    let html = response.text().await.unwrap();
    assert!(html.contains("For the operator"), "{html}");
    assert!(html.contains("lack write permission"), "{html}");
    assert_eq!(
        crate::helpers::attr(&html, "input[name=title]", "value").as_deref(),
        Some("Needs write")
    );
}
