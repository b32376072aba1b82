//! Everything that talks to a 23 site: request signing, the API client, response parsing.

mod calls;
mod client;
mod error;
mod links;
pub mod oauth;
mod observer;
pub mod response;
mod transport;
mod types;

pub use client::Client;
pub use error::ApiError;
pub use links::SiteLinks;
pub use observer::CallObserver;
pub use types::*;
