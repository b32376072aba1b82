//! The portal binary as a child process, its stdout and stderr captured: what an operator's log
//! file would hold.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct PortalProcess {
    child: Child,
    pub address: String,
    output: Arc<Mutex<String>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl PortalProcess {
    /// Starts `upload-portal` with exactly these variables (nothing inherited, no `.env`) and
    /// waits until it says where it listens.
    pub fn start(vars: &HashMap<String, String>, working_dir: &std::path::Path) -> PortalProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_upload-portal"))
            .env_clear()
            .envs(vars)
            .current_dir(working_dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the portal binary starts");
        let output = Arc::new(Mutex::new(String::new()));
        let readers = vec![
            capture(child.stdout.take().unwrap(), output.clone()),
            capture(child.stderr.take().unwrap(), output.clone()),
        ];
        let mut process = PortalProcess {
            child,
            address: String::new(),
            output,
            readers,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while process.address.is_empty() {
            assert!(
                Instant::now() < deadline,
                "the portal did not start: {}",
                process.output()
            );
            if let Some(status) = process.child.try_wait().unwrap() {
                panic!("the portal exited ({status}): {}", process.output());
            }
            process.address = listening_url(&process.output()).unwrap_or_default();
            std::thread::sleep(Duration::from_millis(20));
        }
        process
    }

    /// Everything written so far to stdout and stderr.
    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// Ends the process (SIGKILL, as a crash would) and returns all it wrote.
    pub fn kill(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        self.output()
    }
}

impl Drop for PortalProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn capture(
    stream: impl Read + Send + 'static,
    output: Arc<Mutex<String>>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            let mut output = output.lock().unwrap();
            output.push_str(&line);
            output.push('\n');
        }
    })
}

/// The URL of the "upload-portal is listening" log line (text or JSON), without its trailing
/// slash.
fn listening_url(output: &str) -> Option<String> {
    let line = output
        .lines()
        .find(|l| l.contains("upload-portal is listening"))?;
    let start = line.find("http://")?;
    let url: String = line[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || ".:/".contains(*c))
        .collect();
    Some(url.trim_end_matches('/').to_string())
}
