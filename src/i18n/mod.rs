//! The visitor's language: Project Fluent messages from `locales/{tag}/*.ftl`, embedded at build
//! time. A language is a folder; nothing in the code names one, except the fallback `en`, whose
//! messages every other language must have too (see `tests`).
//!
//! The language of a request is set once by `routes::language` for the whole request (a task
//! local), so pages, error pages and the JSON answers of one request all speak it without every
//! handler passing it down.

mod catalog;
mod negotiate;

pub use catalog::{Catalog, FALLBACK, Lang, args, catalog};
pub use negotiate::negotiate;

tokio::task_local! {
    static CURRENT: Lang;
}

/// The language of the request being handled; the fallback outside one (start-up, jobs).
pub fn current() -> Lang {
    CURRENT
        .try_with(|lang| *lang)
        .unwrap_or_else(|_| catalog().fallback())
}

/// Runs `work` (a request) with `lang` as its language.
pub async fn speaking<F: std::future::Future>(lang: Lang, work: F) -> F::Output {
    CURRENT.scope(lang, work).await
}

#[cfg(test)]
mod tests;
