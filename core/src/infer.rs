//! Kind inference: when a caller gives no kind, choose one from the text with transparent rules, and say which rule
//! fired so the caller can report "kind inferred: decision (\"decided\")".

use serde::Serialize;

use crate::model::Kind;

/// The inferred kind and the rule that chose it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inference {
    pub kind: Kind,
    /// Human-readable rule, e.g. `"decided" → decision`.
    pub rule: String,
}

/// Infers a kind from the text. Placeholder rules; the full rule set lands with the kind-inference work.
pub fn infer_kind(text: &str) -> Inference {
    let lower = text.to_lowercase();
    let rules: &[(&str, Kind)] = &[
        ("next:", Kind::Progress),
        ("root cause", Kind::Debugging),
        ("ruled out", Kind::RuledOut),
        ("decided", Kind::Decision),
        ("instead of", Kind::Decision),
    ];
    for (needle, kind) in rules {
        if lower.contains(needle) {
            return Inference { kind: *kind, rule: format!("\"{needle}\" → {kind}") };
        }
    }
    Inference { kind: Kind::Note, rule: "no rule matched → note".into() }
}
