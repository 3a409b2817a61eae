//! In-memory BM25 for plain lists of memories (the wasm build, small sets), over the same analyser as the store's
//! tantivy index ([`crate::analyze`]), so a query finds the same memories in both.
//!
//! Besides content, topics, name and files, the conversation id is searchable: conversations that people name
//! (`conv_feature_payments`) are labels like topics, and "payments feature" should find that conversation's
//! memories even where their text never says "feature". Generated ids (`conv_01jd…`) add nothing anyone types.
//!
//! Okapi BM25 with the usual constants ([`K1`] = 1.2, [`B`] = 0.75) and the Lucene/tantivy IDF
//! `ln(1 + (N - n + 0.5) / (n + 0.5))`. The four searchable fields are folded into one weighted bag of terms
//! (the BM25F simplification): a term's frequency is `Σ weight(field) × tf(field)` and the document length is
//! `Σ weight(field) × len(field)`, with the weights of [`FieldWeights::default`]. Topics and names are short,
//! curated labels, so a hit there says more than one word among fifty in the content.

use crate::analyze::{self, Mode};
use crate::model::Memory;
use crate::rank::Candidate;

/// Term-frequency saturation.
pub const K1: f32 = 1.2;
/// Length normalisation.
pub const B: f32 = 0.75;

/// How much one occurrence of a term counts in each field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldWeights {
    /// The memory's text: 1.0.
    pub content: f32,
    /// Topics (`payments`, `in-progress`): 2.0.
    pub topics: f32,
    /// The kebab-case handle (`payment-retry-policy`): 2.0.
    pub name: f32,
    /// Anchored file paths (`src/payments/stripe.rs`): 1.5.
    pub files: f32,
    /// The conversation id (`conv_feature_payments`): 1.0.
    pub conversation: f32,
}

impl Default for FieldWeights {
    fn default() -> Self {
        Self { content: 1.0, topics: 2.0, name: 2.0, files: 1.5, conversation: 1.0 }
    }
}

/// Scores each memory against the query with the default field weights; one score per input, in input order.
/// A memory that contains none of the query's terms scores 0; so does everything for an empty query.
pub fn score(memories: &[Memory], query: &str) -> Vec<f32> {
    score_with(memories, query, FieldWeights::default())
}

/// [`score`] with explicit field weights.
pub fn score_with(memories: &[Memory], query: &str, weights: FieldWeights) -> Vec<f32> {
    let terms: Vec<(String, f32)> = analyze::query_terms(query).into_iter().map(|t| (t, 1.0)).collect();
    score_terms_with(memories, &terms, weights)
}

/// Scores each memory against weighted, analysed terms ([`crate::search::Query::search_terms`]): each term's BM25
/// times its weight, summed. One score per input, in input order.
pub fn score_terms(memories: &[Memory], terms: &[(String, f32)]) -> Vec<f32> {
    score_terms_with(memories, terms, FieldWeights::default())
}

fn score_terms_with(memories: &[Memory], weighted: &[(String, f32)], weights: FieldWeights) -> Vec<f32> {
    let terms: Vec<&str> = weighted.iter().map(|(t, _)| t.as_str()).collect();
    if terms.is_empty() || memories.is_empty() {
        return vec![0.0; memories.len()];
    }
    // Weighted term frequencies of the query terms per document, and weighted document lengths.
    let mut tfs = vec![0f32; memories.len() * terms.len()];
    let mut lengths = vec![0f32; memories.len()];
    for (d, m) in memories.iter().enumerate() {
        let row = &mut tfs[d * terms.len()..(d + 1) * terms.len()];
        let mut length = 0f32;
        let mut add = |text: &str, w: f32| {
            analyze::analyze_with(text, Mode::Document, |t| {
                length += w;
                if let Some(k) = terms.iter().position(|q| *q == t.text) {
                    row[k] += w;
                }
            });
        };
        add(&m.content, weights.content);
        for topic in &m.topics {
            add(topic, weights.topics);
        }
        if let Some(name) = &m.name {
            add(name, weights.name);
        }
        for file in &m.files {
            add(file, weights.files);
        }
        add(m.conversation_id.as_str(), weights.conversation);
        lengths[d] = length;
    }
    let n = memories.len() as f32;
    let avg_len = (lengths.iter().sum::<f32>() / n).max(1.0);
    let idf: Vec<f32> = (0..terms.len())
        .map(|k| {
            let df = (0..memories.len()).filter(|&d| tfs[d * terms.len() + k] > 0.0).count() as f32;
            (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        })
        .collect();
    (0..memories.len())
        .map(|d| {
            let norm = K1 * (1.0 - B + B * lengths[d] / avg_len);
            (0..terms.len())
                .map(|k| {
                    let tf = tfs[d * terms.len() + k];
                    if tf > 0.0 { weighted[k].1 * idf[k] * tf * (K1 + 1.0) / (tf + norm) } else { 0.0 }
                })
                .sum()
        })
        .collect()
}

/// Whether any memory holds `term` (analysed) in its searched text: [`crate::search::Query::parse`]'s `indexed` for
/// a plain list.
pub fn occurs(memories: &[Memory], term: &str) -> bool {
    memories.iter().any(|m| {
        let texts = std::iter::once(m.content.as_str())
            .chain(m.topics.iter().map(String::as_str))
            .chain(m.name.as_deref())
            .chain(m.files.iter().map(String::as_str))
            .chain(std::iter::once(m.conversation_id.as_str()));
        let mut found = false;
        for text in texts {
            analyze::analyze_with(text, Mode::Document, |t| found |= t.text == term);
        }
        found
    })
}

/// Ranking candidates for a read question ([`crate::search::Query`]): the memories that match its terms, with
/// their weighted BM25 score; every memory with a lexical score of 0 when it has nothing to search with.
pub fn candidates_for(memories: Vec<Memory>, query: &crate::search::Query) -> Vec<Candidate> {
    if query.is_empty() {
        return memories.into_iter().map(|memory| Candidate { memory, lexical: 0.0 }).collect();
    }
    let scores = score_terms(&memories, &query.search_terms());
    matching(memories, scores)
}

/// The memories with a positive score, as candidates carrying it.
fn matching(memories: Vec<Memory>, scores: Vec<f32>) -> Vec<Candidate> {
    memories
        .into_iter()
        .zip(scores)
        .filter(|(_, s)| *s > 0.0)
        .map(|(memory, lexical)| Candidate { memory, lexical })
        .collect()
}

/// Turns a plain list into ranking candidates: with a query, the memories that match it, with their BM25 score;
/// without one (or a query of nothing searchable), every memory with a lexical score of 0.
pub fn candidates(memories: Vec<Memory>, query: Option<&str>) -> Vec<Candidate> {
    let query = query.map(str::trim).filter(|q| !q.is_empty() && !analyze::query_terms(q).is_empty());
    match query {
        None => memories.into_iter().map(|memory| Candidate { memory, lexical: 0.0 }).collect(),
        Some(q) => {
            let scores = score(&memories, q);
            matching(memories, scores)
        }
    }
}
