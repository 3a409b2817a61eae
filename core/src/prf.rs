//! Pseudo-relevance feedback (RM3-style), inside the candidate pool: the words the best candidates share beyond the
//! question's own bridge its vocabulary to memories that answer it in other words ("the dog's vet" → "Max",
//! "kibble", "grooming"), without a model.
//!
//! 1. The `docs` best candidates by lexical score vote for their words: each word's weight is the sum over those
//!    candidates of (candidate score ÷ best score) × (word count ÷ candidate length) — relevance model 1 — times the
//!    word's rarity among all candidates (so "use" and "like" do not win). Words of the question, and words only one
//!    candidate holds (they cannot tell candidates apart), are left out. The `terms` heaviest are kept.
//! 2. Every candidate is scored against those words with BM25 over the pool; the score, divided by the best one,
//!    is added to its lexical score times `weight` × the best lexical score (the interpolation of RM3).
//!
//! Only the pool is read: no second index pass, so it costs one analysis of each candidate (a few hundred short
//! texts) and nothing when the weight is 0.

use std::collections::{HashMap, HashSet};

use crate::analyze::{self, Mode};
use crate::rank::Candidate;

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Adds the feedback pass to each candidate's lexical score (see the module documentation). `query_terms` are the
/// analysed terms searched with (never feedback terms).
pub fn apply(
    candidates: &mut [Candidate],
    query_terms: &[(String, f32, usize)],
    weight: f32,
    docs: usize,
    terms: usize,
) {
    if weight == 0.0 || docs == 0 || terms == 0 || candidates.len() < 3 {
        return;
    }
    let max_lexical = candidates.iter().map(|c| c.lexical).fold(0f32, f32::max);
    if max_lexical <= 0.0 {
        return;
    }
    let asked: HashSet<&str> = query_terms.iter().map(|(t, _, _)| t.as_str()).collect();
    // Each candidate's words (stop words out), counted.
    let bags: Vec<(HashMap<String, u32>, u32)> = candidates
        .iter()
        .map(|c| {
            let mut bag: HashMap<String, u32> = HashMap::new();
            let mut len = 0u32;
            analyze::analyze_with(&c.memory.content, Mode::Query, |t| {
                len += 1;
                if t.text.chars().count() > 2 && !t.text.chars().all(|ch| ch.is_ascii_digit()) {
                    *bag.entry(t.text.clone()).or_default() += 1;
                }
            });
            (bag, len.max(1))
        })
        .collect();
    let n = candidates.len() as f32;
    let mut df: HashMap<&str, u32> = HashMap::new();
    for (bag, _) in &bags {
        for t in bag.keys() {
            *df.entry(t.as_str()).or_default() += 1;
        }
    }
    let idf = |t: &str| {
        let d = df.get(t).copied().unwrap_or(0) as f32;
        (1.0 + (n - d + 0.5) / (d + 0.5)).ln()
    };
    // The best candidates, ties by position (the pool's BM25 order): deterministic.
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| candidates[b].lexical.total_cmp(&candidates[a].lexical).then(a.cmp(&b)));
    let mut votes: HashMap<&str, f32> = HashMap::new();
    for &i in order.iter().take(docs) {
        let (bag, len) = &bags[i];
        let relevance = candidates[i].lexical / max_lexical;
        for (t, count) in bag {
            if asked.contains(t.as_str()) || df.get(t.as_str()).copied().unwrap_or(0) < 2 {
                continue;
            }
            *votes.entry(t.as_str()).or_default() += relevance * *count as f32 / *len as f32;
        }
    }
    let mut feedback: Vec<(&str, f32)> = votes.into_iter().map(|(t, v)| (t, v * idf(t))).collect();
    feedback.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    feedback.truncate(terms);
    if feedback.is_empty() {
        return;
    }
    let top = feedback[0].1;
    let avg_len = bags.iter().map(|(_, l)| *l as f32).sum::<f32>() / n;
    let scores: Vec<f32> = bags
        .iter()
        .map(|(bag, len)| {
            feedback
                .iter()
                .map(|(t, w)| {
                    let tf = bag.get(*t).copied().unwrap_or(0) as f32;
                    if tf == 0.0 {
                        return 0.0;
                    }
                    let norm = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * *len as f32 / avg_len));
                    (w / top) * idf(t) * norm
                })
                .sum()
        })
        .collect();
    let best = scores.iter().copied().fold(0f32, f32::max);
    if best <= 0.0 {
        return;
    }
    for (c, s) in candidates.iter_mut().zip(scores) {
        c.lexical += weight * max_lexical * s / best;
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::MemoryId;
    use crate::model::Memory;

    fn candidate(i: u64, content: &str, lexical: f32) -> Candidate {
        let at = Timestamp::from_second(1_750_000_000 + i as i64).expect("in range");
        let memory: Memory = serde_json::from_value(serde_json::json!({
            "id": MemoryId::from_parts(at.as_millisecond() as u64, u128::from(i)).to_string(),
            "content": content,
            "kind": "note",
            "conversationId": format!("c{i}"),
            "createdAt": at.to_string(),
            "updatedAt": at.to_string(),
        }))
        .expect("valid memory");
        Candidate { memory, lexical }
    }

    #[test]
    fn words_the_best_matches_share_lift_a_memory_that_answers_in_other_words() {
        let mut c = vec![
            candidate(1, "Took the dog Max to the vet, his kibble changed to a grain-free one.", 1.0),
            candidate(2, "The vet said Max needs grain-free kibble from now on.", 0.9),
            candidate(3, "Max loves his new grain-free kibble.", 0.0),
            candidate(4, "Bought a new bicycle helmet.", 0.0),
        ];
        let terms = vec![("vet".to_string(), 1.0, 0)];
        apply(&mut c, &terms, 0.3, 2, 5);
        assert!(c[2].lexical > 0.0 && c[3].lexical == 0.0, "{:?}", c.iter().map(|c| c.lexical).collect::<Vec<_>>());
        // Off at weight 0.
        let mut d = vec![candidate(1, "vet kibble", 1.0), candidate(2, "vet kibble", 1.0), candidate(3, "kibble", 0.0)];
        apply(&mut d, &terms, 0.0, 2, 5);
        assert_eq!(d[2].lexical, 0.0);
    }
}
