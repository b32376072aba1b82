//! Embedding the uploader in the operator's own pages: who may frame it, how its cookie survives
//! in a cross-site frame, and the host's word for who its visitor is.

pub mod identity;
