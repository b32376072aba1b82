//! The portal served below a path (`PUBLIC_URL=http://127.0.0.1:PORT/portal`), as an operator
//! would mount it behind a reverse proxy: a tiny proxy in front strips the prefix, as nginx's
//! `proxy_pass http://portal/;` would. Links, scripts, redirects and the return from 23 all have to
//! carry the prefix, or the browser lands on the proxy's 404.

use std::net::TcpListener;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};

use crate::helpers::{TestApp, spawn_app_with};

pub const PREFIX: &str = "/portal";

/// Like `spawn_app`, but the portal's `address` is the proxy's URL with the prefix, so every helper
/// of `TestApp` and every browser test goes through the proxy.
pub async fn spawn_app_under_path() -> TestApp {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let public_url = format!(
        "http://127.0.0.1:{}{PREFIX}",
        listener.local_addr().unwrap().port()
    );
    let mut app = spawn_app_with(|vars| {
        vars.insert("PUBLIC_URL".into(), public_url.clone());
    })
    .await;
    let upstream = app.address.clone();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(upstream.clone()))
            .app_data(web::PayloadConfig::new(64 << 20))
            .default_service(web::to(forward))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    app.address = public_url;
    app
}

/// Forwards a request under the prefix to the portal, without it; anything else is not ours.
async fn forward(req: HttpRequest, body: web::Bytes, upstream: web::Data<String>) -> HttpResponse {
    let path = req.uri().path();
    let Some(rest) = path.strip_prefix(PREFIX) else {
        return HttpResponse::NotFound().body(format!("{path} is outside {PREFIX}"));
    };
    if !(rest.is_empty() || rest.starts_with('/')) {
        return HttpResponse::NotFound().finish();
    }
    let query = req
        .uri()
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    let rest = if rest.is_empty() { "/" } else { rest };
    let url = format!("{}{rest}{query}", upstream.as_str());
    // actix-web and reqwest use different `http` crate versions: copy methods and headers as bytes.
    let method = reqwest::Method::from_bytes(req.method().as_str().as_bytes()).unwrap();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut request = client.request(method, url).body(body.to_vec());
    for (name, value) in req.headers() {
        if !matches!(name.as_str(), "host" | "content-length" | "connection") {
            request = request.header(name.as_str(), value.as_bytes());
        }
    }
    let answer = match request.send().await {
        Ok(answer) => answer,
        Err(e) => return HttpResponse::BadGateway().body(e.to_string()),
    };
    let mut response = HttpResponse::build(
        actix_web::http::StatusCode::from_u16(answer.status().as_u16()).unwrap(),
    );
    for (name, value) in answer.headers() {
        if !matches!(
            name.as_str(),
            "content-length" | "transfer-encoding" | "connection"
        ) {
            response.append_header((name.as_str(), value.as_bytes()));
        }
    }
    response.body(answer.bytes().await.unwrap_or_default())
}
