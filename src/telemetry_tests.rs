use std::io::Write;
use std::sync::{Arc, Mutex};

use actix_web::middleware::from_fn;
use actix_web::{App, HttpResponse, test, web};

use super::*;

/// Log output captured in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }

    fn json_lines(&self) -> Vec<serde_json::Value> {
        self.text()
            .lines()
            .map(|line| serde_json::from_str(line).expect("every line is JSON"))
            .collect()
    }
}

async fn handler() -> HttpResponse {
    tracing::info!("inside the handler");
    deeper().await;
    HttpResponse::Ok().finish()
}

#[tracing::instrument]
async fn deeper() {
    tracing::warn!("inside a nested span");
}

/// Sends one request through `log_requests` with JSON logs captured; returns the response's
/// request id and the lines logged.
async fn one_request(request_id: Option<&str>) -> (String, Vec<serde_json::Value>) {
    let captured = Captured::default();
    let writer = captured.clone();
    let _guard = tracing::subscriber::set_default(subscriber(
        LogFormat::Json,
        move || writer.clone(),
        Colours::Off,
    ));
    let app = test::init_service(
        App::new()
            .wrap(from_fn(log_requests))
            .route("/hello/{name}", web::get().to(handler)),
    )
    .await;
    let mut req = test::TestRequest::get().uri("/hello/secret-token");
    if let Some(id) = request_id {
        req = req.insert_header(("X-Request-Id", id));
    }
    let response = test::call_service(&app, req.to_request()).await;
    let id = response
        .headers()
        .get("x-request-id")
        .expect("a request id header")
        .to_str()
        .unwrap()
        .to_owned();
    (id, captured.json_lines())
}

/// The request id a JSON line carries, from the spans it was logged in.
fn request_id_of(line: &serde_json::Value) -> Option<&str> {
    line["spans"]
        .as_array()?
        .iter()
        .find_map(|span| span["request_id"].as_str())
}

#[actix_web::test]
async fn every_line_logged_during_a_request_carries_its_request_id() {
    let (id, lines) = one_request(None).await;
    assert_eq!(id.len(), 16);
    let messages: Vec<&str> = lines.iter().filter_map(|l| l["message"].as_str()).collect();
    assert_eq!(
        messages,
        [
            "inside the handler",
            "inside a nested span",
            "request handled"
        ]
    );
    for line in &lines {
        assert_eq!(request_id_of(line), Some(id.as_str()), "{line}");
    }
    assert_eq!(
        lines[0]["span"]["request_id"],
        id.as_str(),
        "flat access for the innermost span"
    );
}

#[actix_web::test]
async fn the_request_line_names_the_route_pattern_never_the_path() {
    let (_, lines) = one_request(None).await;
    let handled = lines.last().unwrap();
    assert_eq!(handled["span"]["route"], "/hello/{name}");
    assert_eq!(handled["status"], 200);
    assert!(!handled.to_string().contains("secret-token"));
}

#[actix_web::test]
async fn a_plain_request_id_from_the_proxy_is_kept_and_anything_else_replaced() {
    let (id, lines) = one_request(Some("proxy-42.a_b")).await;
    assert_eq!(id, "proxy-42.a_b");
    assert_eq!(request_id_of(&lines[0]), Some("proxy-42.a_b"));

    let (id, _) = one_request(Some("x\" forged=1")).await;
    assert_ne!(id, "x\" forged=1");
    assert_eq!(id.len(), 16);
}

/// One warning with a field, logged as text through `subscriber`; returns what was written.
fn one_text_line(colours: Colours) -> String {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = subscriber(LogFormat::Text, move || writer.clone(), colours);
    tracing::subscriber::with_default(subscriber, || {
        tracing::warn!(upload = 7, "a warning worth colouring");
    });
    captured.text()
}

#[actix_web::test]
async fn text_logs_carry_colour_codes_only_when_stdout_is_a_terminal() {
    assert_eq!(Colours::for_stdout(true), Colours::On);
    assert_eq!(Colours::for_stdout(false), Colours::Off);

    let coloured = one_text_line(Colours::On);
    assert!(
        coloured.contains("\u{1b}["),
        "a terminal gets colours: {coloured:?}"
    );

    let plain = one_text_line(Colours::Off);
    assert!(plain.contains("a warning worth colouring"), "{plain:?}");
    assert!(
        !plain.contains('\u{1b}'),
        "a file gets plain text: {plain:?}"
    );
    assert!(
        plain.contains("WARN") && plain.contains("upload=7"),
        "{plain:?}"
    );
}
