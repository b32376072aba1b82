//! An upload's way to the operator's mailbox: once, with its title and a link into /admin, even
//! when the mail server is down for a while.

use super::sink::Sink;
use super::{ADMIN_PASSWORD, OPERATOR, app_with_sink, mail_vars, outbox, wait_for_outbox};
use crate::helpers::{spawn_app_with, text};

#[tokio::test]
async fn an_uploads_callback_mails_the_operator_once_with_its_title_and_a_link_into_the_admin() {
    let (app, sink) = app_with_sink(|_| {}).await;

    let callback = app.complete_upload("How we use the drill").await;
    let id = app.newest_upload_id().await;
    let mails = sink.wait_for(1, 30).await;

    let mail = &mails[0];
    assert_eq!(mail.to, [format!("<{OPERATOR}>")]);
    assert_eq!(mail.from, "<upload-portal@localhost>", "the default sender");
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("New video: How we use the drill")
    );
    let body = mail.body();
    assert!(body.contains("Title: How we use the drill"), "{body}");
    let link = format!("{}/admin?before={}#upload-{id}", app.address, id + 1);
    assert!(body.contains(&format!("In the admin: {link}")), "{body}");
    let page = app
        .browser
        .get(&link)
        .basic_auth("operator", Some(ADMIN_PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        text(&html, &format!("#upload-{id}")).contains("How we use the drill"),
        "the link opens the list at the upload"
    );

    // The visitor comes back through the same callback, and a second upload follows: the first
    // is still told of once, the second once.
    assert_eq!(app.follow(&callback).await.status(), 303);
    app.complete_upload("Second one").await;
    let mails = sink.wait_for(2, 30).await;
    let rows = wait_for_outbox(&app, 10, |rows| rows.iter().all(|r| r.state == "sent")).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r.attempts == 1), "{rows:?}");
    let about_first = mails
        .iter()
        .filter(|m| m.body().contains("How we use the drill"))
        .count();
    assert_eq!(about_first, 1, "{mails:?}");
}

#[tokio::test]
async fn mail_waits_while_the_mail_server_is_down_and_arrives_once_when_it_is_up() {
    let port = Sink::unused_port();
    let app = spawn_app_with(|vars| mail_vars(vars, port)).await;

    app.complete_upload("Sent while mail is down").await;
    let history = app.history().await;
    assert_eq!(
        history[0].status, "uploaded",
        "the upload is recorded: {history:?}"
    );
    let rows = wait_for_outbox(&app, 30, |rows| {
        rows.first().is_some_and(|r| r.last_error.is_some())
    })
    .await;
    assert_eq!(rows[0].state, "pending");
    let error = rows[0].last_error.clone().unwrap();
    assert!(error.contains(&format!("127.0.0.1:{port}")), "{error}");

    let sink = Sink::start_on(port, None).await;
    let mails = sink.wait_for(1, 60).await;
    assert!(mails[0].body().contains("Sent while mail is down"));
    let rows = wait_for_outbox(&app, 10, |rows| rows[0].state == "sent").await;
    assert!(rows[0].attempts >= 2, "{rows:?}");
    // Another upload goes through the same job: by the time its mail is in, a duplicate of the
    // first would have been too.
    app.complete_upload("After the outage").await;
    let mails = sink.wait_for(2, 30).await;
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(mails[1].body().contains("After the outage"));
}

#[tokio::test]
async fn a_title_with_line_breaks_cannot_add_a_header_to_the_operators_mail() {
    // Hourly: the mail waits until the test says, so the title can also be planted in the
    // database with its line breaks intact (as if it came another way than the cleaned form).
    let (app, sink) = app_with_sink(|vars| {
        vars.insert("NOTIFY_MODE".into(), "hourly".into());
    })
    .await;
    let attack = "Hello\r\nBcc: victim@example.net\r\n\r\nInjected body";
    let form = app
        .post_new_upload(&[("title", attack), ("description", "x")])
        .await;
    assert_eq!(form.status(), 303);
    let location = form.headers()["location"].to_str().unwrap().to_string();
    let html = app.get_html(&location).await.1;
    let send = crate::helpers::SendForm {
        page_url: app.url(&location),
        action: crate::helpers::attr(&html, "form.upload-form", "action").unwrap(),
        upload_token: crate::helpers::attr(
            &html,
            "form.upload-form input[name=upload_token]",
            "value",
        )
        .unwrap(),
    };
    let callback = app.upload_video(&send).await;
    assert_eq!(app.follow(&callback).await.status(), 303);
    wait_for_outbox(&app, 10, |rows| rows.len() == 1).await;
    let cr_lf = if app.database_url.starts_with("postgres") {
        "chr(13) || chr(10)"
    } else {
        "char(13) || char(10)"
    };
    app.sql(&format!(
        "UPDATE uploads SET title = 'Planted' || {cr_lf} || 'Bcc: victim@example.net' || {cr_lf} \
         || {cr_lf} || 'Injected body'"
    ))
    .await;
    app.sql("UPDATE mail_notices SET created_at = created_at - 3600000")
        .await;

    let mails = sink.wait_for(1, 30).await;
    let mail = &mails[0];
    assert_eq!(
        mail.to,
        [format!("<{OPERATOR}>")],
        "the envelope has the operator only"
    );
    let headers = mail.headers();
    assert!(
        !headers
            .iter()
            .any(|h| h.to_ascii_lowercase().starts_with("bcc")),
        "{headers:?}"
    );
    let subject = mail.header("Subject").unwrap();
    assert_eq!(
        subject,
        "New video: Planted Bcc: victim@example.net Injected body"
    );
    assert_eq!(outbox(&app.database_url).await[0].state, "sent");
}
