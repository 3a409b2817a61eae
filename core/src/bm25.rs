//! In-memory BM25 for plain lists of memories (the wasm build and small sets), over the same analyser as the store's
//! tantivy index, so scores are comparable in spirit.

use crate::model::Memory;

/// Scores each memory against the query; returns one score per input, in input order. Placeholder: term overlap.
pub fn score(memories: &[Memory], query: &str) -> Vec<f32> {
    let terms = crate::analyze::query_terms(query);
    memories
        .iter()
        .map(|m| {
            let doc = crate::analyze::query_terms(&m.content);
            terms.iter().filter(|t| doc.contains(t)).count() as f32
        })
        .collect()
}
