//! One integration binary: every journey drives the real portal and a real sandbox over HTTP.

mod abuse;
mod admin;
mod approval;
mod callback_security;
mod embed;
mod error_pages;
mod faults;
mod helpers;
mod history;
mod identity;
mod instances;
mod languages;
mod lifecycle;
mod minting;
mod nothing_lost;
mod operations;
mod pruning;
mod reconcile_rounds;
mod refresher;
mod rotation;
mod sandbox_mode;
mod security;
mod test_databases;
mod upload_flow;
mod webhooks;
