//! Everything that talks to a 23 site: request signing, the API client, response parsing.

mod client;
mod error;
mod links;
pub mod oauth;
pub mod response;
mod types;

pub use client::Client;
pub use error::ApiError;
pub use links::SiteLinks;
pub use types::*;
