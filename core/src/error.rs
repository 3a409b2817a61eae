//! Typed errors. Every validation failure names the field, the limit and the offending value, so the edge (CLI, MCP,
//! bindings) can render one clear line without guessing.

use std::fmt;

/// A field failed validation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{field}: {problem} (got {value}); {hint}")]
pub struct ValidationError {
    /// The field in camelCase as users see it in JSON and MCP (`content`, `topics`, `importance`, …).
    pub field: &'static str,
    /// What is wrong, stated with the limit: "must be at most 50000 characters".
    pub problem: String,
    /// The offending value, shortened for display.
    pub value: String,
    /// What to do about it.
    pub hint: &'static str,
}

impl ValidationError {
    pub fn new(field: &'static str, problem: impl Into<String>, value: impl fmt::Display, hint: &'static str) -> Self {
        Self { field, problem: problem.into(), value: shorten(&value.to_string(), 60), hint }
    }
}

/// Errors of mx-core.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// An id or prefix matched nothing. No hint here: where to find ids depends on the front end, which adds its own.
    #[error("no memory matches id `{0}`")]
    NotFound(String),
    /// A prefix matched more than one id. `count` is how many matched; `matches` lists the first few of them.
    #[error("id prefix `{prefix}` is ambiguous: it matches {count} memories ({}{}); type more characters", .matches.join(", "), if *.count > .matches.len() { ", …" } else { "" })]
    AmbiguousId { prefix: String, count: usize, matches: Vec<String> },
}

/// Shortens `s` to at most `max` characters for display, marking the cut with an ellipsis and the full length.
pub fn shorten(s: &str, max: usize) -> String {
    let count = s.chars().count();
    if count <= max {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(max).collect();
        format!("{head:?}… ({count} characters)")
    }
}
