//! Secret redaction: the one detector every write path uses before anything is stored. A secret is replaced by a
//! visible marker naming its kind, e.g. `[redacted:stripe-key]`.

use serde::Serialize;

/// One secret found and replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The detector's name, as it appears in the marker: `stripe-key`, `aws-access-key`, `private-key`, …
    pub kind: &'static str,
    /// Byte range of the secret in the input text.
    pub start: usize,
    pub end: usize,
}

/// The redacted text and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    pub text: String,
    pub findings: Vec<Finding>,
}

/// Returns the marker that replaces a secret of `kind`.
pub fn marker(kind: &str) -> String {
    format!("[redacted:{kind}]")
}

/// Finds and replaces secrets. Placeholder: the full detector lands with the redaction work.
pub fn redact(text: &str) -> Redaction {
    Redaction { text: text.to_owned(), findings: Vec::new() }
}
