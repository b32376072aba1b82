//! One integration binary: every journey drives the real portal and a real sandbox over HTTP.

mod browser;
mod callback_security;
mod helpers;
mod history;
mod minting;
mod sandbox_mode;
mod upload_flow;
