//! `Server-Timing` for the history page (`SERVER_TIMING=1`): where one request's time goes,
//! stage by stage, read by the benchmark under load and visible in a browser's network panel.
//! Off by default: it tells anyone how long the portal's queries take.

use std::time::{Duration, Instant};

use actix_web::HttpResponse;
use actix_web::http::header::{HeaderName, HeaderValue};

/// Stages of one request, each measured from the end of the one before.
pub struct Stages {
    enabled: bool,
    last: Instant,
    done: Vec<(&'static str, Duration)>,
}

impl Stages {
    pub fn start(enabled: bool) -> Self {
        Self {
            enabled,
            last: Instant::now(),
            done: Vec::new(),
        }
    }

    /// Ends the stage called `name` now.
    pub fn mark(&mut self, name: &'static str) {
        if self.enabled {
            let now = Instant::now();
            self.done.push((name, now - self.last));
            self.last = now;
        }
    }

    /// Adds the header to `response` when enabled (`name;dur=milliseconds`, as the spec has it).
    pub fn write(&self, response: &mut HttpResponse) {
        if !self.enabled || self.done.is_empty() {
            return;
        }
        let value = self
            .done
            .iter()
            .map(|(name, took)| format!("{name};dur={:.3}", took.as_secs_f64() * 1000.0))
            .collect::<Vec<_>>()
            .join(", ");
        if let Ok(value) = HeaderValue::from_str(&value) {
            response
                .headers_mut()
                .insert(HeaderName::from_static("server-timing"), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Stages;
    use actix_web::HttpResponse;

    #[test]
    fn each_stage_is_named_with_its_duration_in_milliseconds() {
        let mut stages = Stages::start(true);
        stages.mark("marker");
        std::thread::sleep(std::time::Duration::from_millis(3));
        stages.mark("query");
        let mut response = HttpResponse::Ok().finish();
        stages.write(&mut response);
        let header = response
            .headers()
            .get("server-timing")
            .unwrap()
            .to_str()
            .unwrap();
        let parts: Vec<&str> = header.split(", ").collect();
        assert_eq!(parts.len(), 2, "{header}");
        assert!(parts[0].starts_with("marker;dur="), "{header}");
        let query_ms: f64 = parts[1]
            .strip_prefix("query;dur=")
            .unwrap()
            .parse()
            .unwrap();
        assert!(query_ms >= 3.0, "{header}");
    }

    #[test]
    fn nothing_is_sent_unless_the_operator_turned_it_on() {
        let mut stages = Stages::start(false);
        stages.mark("marker");
        let mut response = HttpResponse::Ok().finish();
        stages.write(&mut response);
        assert!(response.headers().get("server-timing").is_none());
    }
}
