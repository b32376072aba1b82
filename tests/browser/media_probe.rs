//! What `ffprobe` (Debian's `ffmpeg` package) reads in a file the sandbox stored: whether it
//! holds video, and how long it plays. The length comes from the last video packet, because a
//! browser's WebM recording carries no duration in its header.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

#[derive(Debug)]
pub struct Probe {
    pub video_codec: Option<String>,
    pub audio_codec: Option<String>,
    pub seconds: f64,
}

pub fn probe(path: &Path) -> Probe {
    let output = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_streams",
            "-show_packets",
            "-of",
            "json",
        ])
        .arg(path)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "could not run ffprobe ({e}): the recording tests need Debian's `ffmpeg` package; \
                 `scripts/test.sh` installs it with apt-get"
            )
        });
    assert!(
        output.status.success(),
        "ffprobe could not read {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let streams = json["streams"].as_array().cloned().unwrap_or_default();
    let codec = |kind: &str| {
        streams
            .iter()
            .find(|s| s["codec_type"] == kind)
            .and_then(|s| s["codec_name"].as_str().map(str::to_owned))
    };
    let video_index = streams
        .iter()
        .find(|s| s["codec_type"] == "video")
        .and_then(|s| s["index"].as_i64());
    let number = |v: &Value| v.as_str().and_then(|s| s.parse::<f64>().ok());
    let seconds = json["packets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["stream_index"].as_i64() == video_index)
        .filter_map(|p| Some(number(&p["pts_time"])? + number(&p["duration_time"]).unwrap_or(0.0)))
        .fold(0.0, f64::max);
    Probe {
        video_codec: codec("video"),
        audio_codec: codec("audio"),
        seconds,
    }
}
