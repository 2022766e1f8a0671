//! Shared text helpers: words, normalisation.
//!
//! TODO(claims helper).
