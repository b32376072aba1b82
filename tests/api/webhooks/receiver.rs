//! A host site's webhook endpoint on loopback. Every delivery is verified with the
//! `standardwebhooks` crate (an implementation independent of the portal's), recorded, and answered
//! with the next scripted status (then 200).

use std::collections::VecDeque;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;

/// One delivery attempt as the receiver saw it.
#[derive(Debug, Clone)]
pub struct Received {
    pub webhook_id: String,
    pub event_type: String,
    pub body: Value,
    /// `Ok` when the signature verified with the shared secret.
    pub verified: Result<(), String>,
    pub content_type: String,
    pub at: Instant,
    /// What the receiver answered.
    pub answered: u16,
}

impl Received {
    pub fn upload_id(&self) -> Option<i64> {
        self.body["data"]["upload_id"].as_i64()
    }
}

#[derive(Default)]
struct Script {
    answers: VecDeque<u16>,
    delay: Duration,
    received: Vec<Received>,
}

pub struct Receiver {
    pub port: u16,
    secret: String,
    script: Arc<Mutex<Script>>,
    server: Option<ServerHandle>,
}

impl Receiver {
    /// A receiver listening on a fresh loopback port.
    pub fn start(secret: &str) -> Receiver {
        let mut receiver = Receiver::down(secret);
        receiver.come_up();
        receiver
    }

    /// A receiver whose port is chosen but where nothing listens yet (connections are refused).
    pub fn down(secret: &str) -> Receiver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        Receiver {
            port,
            secret: secret.to_string(),
            script: Arc::default(),
            server: None,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hooks/upload-portal", self.port)
    }

    /// Starts listening on the receiver's port (keeping what it has recorded).
    pub fn come_up(&mut self) {
        let listener =
            TcpListener::bind(("127.0.0.1", self.port)).expect("the receiver's port is free");
        let state = web::Data::new((self.secret.clone(), self.script.clone()));
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .default_service(web::to(receive))
        })
        .workers(1)
        .disable_signals()
        .listen(listener)
        .unwrap()
        .run();
        self.server = Some(server.handle());
        tokio::spawn(server);
    }

    /// Stops listening: connections are refused until `come_up`.
    pub async fn go_down(&mut self) {
        if let Some(server) = self.server.take() {
            server.stop(false).await;
        }
    }

    /// The next answers, in order; after them the receiver answers 200.
    pub fn answer(&self, statuses: &[u16]) {
        self.script.lock().unwrap().answers.extend(statuses);
    }

    /// How long each answer takes.
    pub fn delay(&self, delay: Duration) {
        self.script.lock().unwrap().delay = delay;
    }

    pub fn received(&self) -> Vec<Received> {
        self.script.lock().unwrap().received.clone()
    }

    /// The attempts answered with 2xx.
    pub fn accepted(&self) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| (200..300).contains(&r.answered))
            .collect()
    }

    /// Polls until `done` holds for the accepted deliveries, or fails after `seconds`.
    pub async fn wait_for(
        &self,
        seconds: u64,
        done: impl Fn(&[Received]) -> bool,
    ) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let accepted = self.accepted();
            if done(&accepted) {
                return accepted;
            }
            assert!(
                Instant::now() < deadline,
                "gave up waiting; received {:#?}",
                self.received()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn receive(
    req: HttpRequest,
    body: web::Bytes,
    state: web::Data<(String, Arc<Mutex<Script>>)>,
) -> HttpResponse {
    let at = Instant::now();
    let (secret, script) = state.get_ref();
    let mut headers = HeaderMap::new();
    for (name, value) in req.headers() {
        headers.append(
            HeaderName::from_bytes(name.as_str().as_bytes()).unwrap(),
            HeaderValue::from_bytes(value.as_bytes()).unwrap(),
        );
    }
    let verified = standardwebhooks::Webhook::new(secret)
        .and_then(|hook| hook.verify(&body, &headers))
        .map_err(|e| e.to_string());
    let parsed: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let (answer, delay) = {
        let mut script = script.lock().unwrap();
        (script.answers.pop_front().unwrap_or(200), script.delay)
    };
    tokio::time::sleep(delay).await;
    script.lock().unwrap().received.push(Received {
        webhook_id: header("webhook-id"),
        event_type: parsed["type"].as_str().unwrap_or_default().to_string(),
        body: parsed,
        verified,
        content_type: header("content-type"),
        at,
        answered: answer,
    });
    HttpResponse::build(actix_web::http::StatusCode::from_u16(answer).unwrap())
        .body("receiver says hello")
}
