//! A small SMTP server inside the test binary: EHLO/HELO, AUTH PLAIN and LOGIN (when a login is
//! required), MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT. It keeps every message it accepts.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One message as the sink took it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    /// The DATA section, dot-unstuffed, lines ending in CRLF.
    pub data: String,
}

impl Mail {
    /// The header lines, unfolded (a continuation line joins the line before it).
    pub fn headers(&self) -> Vec<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let mut lines: Vec<String> = Vec::new();
        for line in head.split("\r\n") {
            match (line.starts_with([' ', '\t']), lines.last_mut()) {
                (true, Some(last)) => last.push_str(line),
                _ => lines.push(line.to_string()),
            }
        }
        lines
    }

    /// The value of the first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.headers()
            .into_iter()
            .find(|h| h.to_ascii_lowercase().starts_with(&prefix))
            .map(|h| h[prefix.len()..].trim().to_string())
    }

    /// The body as text, decoded from base64 or quoted-printable when it was sent so.
    pub fn body(&self) -> String {
        let body = self.data.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        match self
            .header("Content-Transfer-Encoding")
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("base64") => {
                let joined: String = body.split_whitespace().collect();
                String::from_utf8(STANDARD.decode(joined).unwrap()).unwrap()
            }
            Some("quoted-printable") => quoted_printable(body),
            _ => body.to_string(),
        }
        .replace("\r\n", "\n")
    }
}

fn quoted_printable(text: &str) -> String {
    let text = text.replace("=\r\n", "");
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'=' && i + 2 < bytes.len())
            .then(|| u8::from_str_radix(&text[i + 1..i + 3], 16).ok())
            .flatten();
        if let Some(b) = escaped {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[derive(Default)]
struct Kept {
    mails: Vec<Mail>,
    /// Every login tried: (user, password).
    logins: Vec<(String, String)>,
}

/// A running sink. It stops with the test's runtime.
#[derive(Clone)]
pub struct Sink {
    pub port: u16,
    login: Option<(String, String)>,
    kept: Arc<Mutex<Kept>>,
}

impl Sink {
    /// A sink on a random port that takes mail from anyone.
    pub async fn start() -> Sink {
        Sink::start_on(0, None).await
    }

    /// A sink that asks for this login before it takes mail.
    pub async fn with_login(user: &str, password: &str) -> Sink {
        Sink::start_on(0, Some((user.into(), password.into()))).await
    }

    /// A port nothing listens on (yet): a mail server that is down.
    pub fn unused_port() -> u16 {
        std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    }

    pub async fn start_on(port: u16, login: Option<(String, String)>) -> Sink {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let sink = Sink {
            port: listener.local_addr().unwrap().port(),
            login,
            kept: Arc::default(),
        };
        let serving = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let session = serving.clone();
                tokio::spawn(async move {
                    let _ = session.serve(stream).await;
                });
            }
        });
        sink
    }

    pub fn mails(&self) -> Vec<Mail> {
        self.kept.lock().unwrap().mails.clone()
    }

    pub fn logins(&self) -> Vec<(String, String)> {
        self.kept.lock().unwrap().logins.clone()
    }

    /// Waits until the sink holds at least `n` mails, or fails after `seconds`.
    pub async fn wait_for(&self, n: usize, seconds: u64) -> Vec<Mail> {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let mails = self.mails();
            if mails.len() >= n {
                return mails;
            }
            assert!(
                Instant::now() < deadline,
                "gave up waiting for {n} mail(s): {mails:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn serve(&self, stream: TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        write.write_all(b"220 sink.test ESMTP\r\n").await?;
        let (mut authed, mut from, mut to) = (self.login.is_none(), String::new(), Vec::new());
        loop {
            let command = next(&mut lines).await?;
            let upper = command.to_ascii_uppercase();
            let reply: String = if upper.starts_with("EHLO") {
                let auth = if self.login.is_some() {
                    "250-AUTH PLAIN LOGIN\r\n"
                } else {
                    ""
                };
                format!("250-sink.test\r\n{auth}250 8BITMIME\r\n")
            } else if upper.starts_with("HELO") {
                "250 sink.test\r\n".into()
            } else if upper.starts_with("AUTH PLAIN") {
                let encoded = match command.split_whitespace().nth(2) {
                    Some(arg) => arg.to_string(),
                    None => {
                        write.write_all(b"334 \r\n").await?;
                        next(&mut lines).await?
                    }
                };
                let decoded = String::from_utf8(STANDARD.decode(encoded).unwrap()).unwrap();
                let mut parts = decoded.split('\0').skip(1);
                let user = parts.next().unwrap_or_default().to_string();
                let password = parts.next().unwrap_or_default().to_string();
                authed = self.log_in(user, password);
                auth_reply(authed)
            } else if upper.starts_with("AUTH LOGIN") {
                write.write_all(b"334 VXNlcm5hbWU6\r\n").await?;
                let user = decode(&next(&mut lines).await?);
                write.write_all(b"334 UGFzc3dvcmQ6\r\n").await?;
                let password = decode(&next(&mut lines).await?);
                authed = self.log_in(user, password);
                auth_reply(authed)
            } else if upper.starts_with("MAIL FROM:") {
                if authed {
                    from = command[10..].trim().to_string();
                    to.clear();
                    "250 2.1.0 Ok\r\n".into()
                } else {
                    "530 5.7.0 Authentication required\r\n".into()
                }
            } else if upper.starts_with("RCPT TO:") {
                to.push(command[8..].trim().to_string());
                "250 2.1.5 Ok\r\n".into()
            } else if upper == "DATA" {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut data = String::new();
                loop {
                    let line = next(&mut lines).await?;
                    if line == "." {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                    data.push_str("\r\n");
                }
                self.kept.lock().unwrap().mails.push(Mail {
                    from: from.clone(),
                    to: to.clone(),
                    data,
                });
                "250 2.0.0 Ok: queued\r\n".into()
            } else if upper == "RSET" || upper == "NOOP" {
                "250 2.0.0 Ok\r\n".into()
            } else if upper == "QUIT" {
                write.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            } else {
                "502 5.5.2 Command not recognized\r\n".into()
            };
            write.write_all(reply.as_bytes()).await?;
        }
    }

    fn log_in(&self, user: String, password: String) -> bool {
        let ok = self.login.as_ref() == Some(&(user.clone(), password.clone()));
        self.kept.lock().unwrap().logins.push((user, password));
        ok
    }
}

/// The next line without its line ending; an error once the client has gone.
async fn next(lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> std::io::Result<String> {
    let mut line = String::new();
    if lines.read_line(&mut line).await? == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn decode(line: &str) -> String {
    String::from_utf8(STANDARD.decode(line.trim()).unwrap_or_default()).unwrap_or_default()
}

fn auth_reply(ok: bool) -> String {
    if ok {
        "235 2.7.0 Authentication successful\r\n".into()
    } else {
        "535 5.7.8 Authentication credentials invalid\r\n".into()
    }
}
