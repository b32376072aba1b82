//! Real-browser tests: headless Chromium over WebDriver (chromedriver) against the portal and a
//! 23 sandbox on loopback. They need Debian's `chromium` and `chromium-driver` (`scripts/test.sh`
//! installs them) and fail, rather than skip, when those are missing. A test target of their own,
//! so that `cargo test --lib` and `cargo test --test api` run without a browser.

mod accessibility;
mod axe;
mod big_file;
mod built_in_sandbox;
mod campaign_admin;
mod campaign_journey;
mod campaign_look;
mod chromedriver;
mod consent_first;
mod embed;
mod file_first;
mod files;
// The API suite's helpers (spawn_app and friends); this binary uses only some of them.
#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;
mod history_page;
mod in_flight;
mod journey_state;
mod journeys;
mod keyboard;
mod languages;
mod live_regions;
mod local_times;
mod media_probe;
mod modules;
mod no_javascript;
mod operator;
mod recording;
mod recording_accessibility;
mod recording_campaign;
mod recording_first;
mod resume;
mod screenshots;
mod session;
mod settings_check;
mod tags;
mod under_path;
mod with_javascript;
