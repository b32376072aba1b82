//! End-to-end tests: a real sandbox on port 0, driven over HTTP the way clients drive 23.

mod albums;
mod api;
mod chunked;
mod exposure;
mod listing;
mod mounted;
mod photo_edit;
mod uploads;

use std::net::TcpListener;
use std::time::Duration;

use reqwest::multipart::{Form, Part};
use tempfile::TempDir;
use url::Url;

use super::{Sandbox, SandboxSettings};
use crate::twentythree::oauth::{self, Credentials, ProtocolParams};

pub struct TestSandbox {
    pub sandbox: Sandbox,
    pub base: String,
    pub client: reqwest::Client,
    pub storage: TempDir,
    /// Every server serving this sandbox; stopped when the test ends.
    pub servers: Vec<actix_web::dev::ServerHandle>,
}

impl Drop for TestSandbox {
    fn drop(&mut self) {
        // `stop` sends the command at once; its future only reports completion, which the
        // finished test has no use for.
        for server in &self.servers {
            drop(server.stop(false));
        }
    }
}

pub async fn spawn() -> TestSandbox {
    spawn_with(|_| {}).await
}

pub async fn spawn_with(adjust: impl FnOnce(&mut SandboxSettings)) -> TestSandbox {
    let storage = tempfile::tempdir().expect("temp dir");
    let mut settings = SandboxSettings::new(Credentials::generate(), storage.path().join("store"));
    settings.encoding_delay = Duration::from_secs(3600);
    adjust(&mut settings);
    let sandbox = Sandbox::new(settings).expect("sandbox starts");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind port 0");
    let port = listener.local_addr().unwrap().port();
    let server = sandbox.serve(listener).expect("serve");
    let handle = server.handle();
    tokio::spawn(server);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestSandbox {
        sandbox,
        base: format!("http://127.0.0.1:{port}"),
        client,
        storage,
        servers: vec![handle],
    }
}

pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

impl TestSandbox {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// An unsigned GET of an API method, answered in JSON (`format=json&raw`).
    pub async fn get_json(&self, path: &str, query: &[(&str, &str)]) -> serde_json::Value {
        let mut query = query.to_vec();
        query.extend([("format", "json"), ("raw", "1")]);
        self.client
            .get(self.url(path))
            .query(&query)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub fn credentials(&self) -> &Credentials {
        &self.sandbox.settings().credentials
    }

    /// A form POST signed in the `Authorization` header, the way the portal's client signs.
    pub async fn signed_post(&self, path: &str, params: &[(&str, &str)]) -> reqwest::Response {
        let url = self.url(path);
        let body = pairs(params);
        let header = oauth::authorization_header(
            self.credentials(),
            "POST",
            &Url::parse(&url).unwrap(),
            &body,
            &ProtocolParams::fresh(),
        );
        self.client
            .post(&url)
            .header("Authorization", header)
            .form(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn text_of(&self, response: reqwest::Response) -> String {
        response.text().await.unwrap()
    }

    /// A fresh upload token (JSON raw response), with `params` passed to get-upload-token.
    pub async fn upload_token(&self, params: &[(&str, &str)]) -> String {
        let mut all = params.to_vec();
        all.extend([("format", "json"), ("raw", "1")]);
        let response = self.signed_post("/api/photo/get-upload-token", &all).await;
        let json: serde_json::Value = response.json().await.unwrap();
        json["uploadtoken"]["upload_token"]
            .as_str()
            .unwrap_or_else(|| panic!("no token in {json}"))
            .to_owned()
    }

    pub async fn redeem(&self, form: Form) -> reqwest::Response {
        self.client
            .post(self.url("/api/photo/redeem-upload-token"))
            .multipart(form)
            .send()
            .await
            .unwrap()
    }
}

pub fn video(bytes: impl Into<Vec<u8>>) -> Part {
    Part::bytes(bytes.into())
        .file_name("clip.mp4")
        .mime_str("video/mp4")
        .unwrap()
}

pub fn upload_form(token: &str, file: Part) -> Form {
    Form::new()
        .text("upload_token", token.to_owned())
        .part("file", file)
}

/// The query of a redirect's Location, as ordered pairs.
pub fn location_pairs(response: &reqwest::Response) -> (Url, Vec<(String, String)>) {
    let location = response.headers()["location"].to_str().unwrap();
    let url = Url::parse(location).unwrap();
    let pairs = url.query_pairs().into_owned().collect();
    (url, pairs)
}
