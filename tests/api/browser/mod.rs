//! Real-browser tests: headless Chromium over WebDriver (chromedriver) against the portal and a
//! 23 sandbox on loopback. They need Debian's `chromium` and `chromium-driver` (`.ci/run`
//! installs them) and fail, rather than skip, when those are missing.

mod big_file;
mod built_in_sandbox;
mod chromedriver;
mod embed;
mod embed_host;
mod files;
mod history_page;
mod in_flight;
mod journeys;
mod modules;
mod no_javascript;
mod resume;
mod screenshots;
mod session;
mod with_javascript;
