//! Everything that talks to a 23 site: request signing, the API client, response parsing.

pub mod oauth;
