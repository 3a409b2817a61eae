//! The prompt gate: which of a prompt's search results are worth interrupting the prompt with.
//!
//! Session start already gave the assistant the project's standing knowledge; a prompt-time injection is only worth
//! its tokens when a memory clearly concerns the prompt. Search always has a "best" hit, however weak, and its scores
//! are relative to the candidates, so the gate asks two things of a hit: that it holds enough of the prompt's words
//! (weighted as the search weighs them: meta words and compound parts count less), and that it scores close enough to
//! the best hit. The thresholds ([`PromptGate::FITTED`]) are fitted on the tuning context sets (EVAL.md, "Fitting the
//! prompt gate"), not chosen by hand.

use crate::analyze::{self, Mode};
use crate::model::Memory;

/// The thresholds of the prompt gate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PromptGate {
    /// At most this many memories per prompt.
    pub max_hits: usize,
    /// A memory must hold at least this weighted share of the prompt's terms (0..=1) ...
    pub min_coverage: f32,
    /// ... and score at least this fraction of the best hit's score.
    pub min_relative_score: f32,
}

impl PromptGate {
    /// The gate fitted on eval/context-payments and eval/context-mobile (leave-one-dataset-out, EVAL.md).
    pub const FITTED: PromptGate = PromptGate { max_hits: 2, min_coverage: 0.2, min_relative_score: 0.5 };

    /// Parses `hits=3,coverage=0.3,relative=0.5` (any subset; the rest keep [`PromptGate::FITTED`]'s values).
    pub fn parse(text: &str) -> Result<PromptGate, String> {
        let mut gate = PromptGate::FITTED;
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) =
                part.split_once('=').ok_or_else(|| format!("`{part}` is not KEY=VALUE (hits, coverage, relative)"))?;
            let number = || value.trim().parse::<f32>().map_err(|_| format!("`{value}` is not a number in `{part}`"));
            match key.trim() {
                "hits" => {
                    gate.max_hits = value.trim().parse().map_err(|_| format!("`{value}` is not a count in `{part}`"))?
                }
                "coverage" => gate.min_coverage = number()?,
                "relative" => gate.min_relative_score = number()?,
                other => return Err(format!("unknown gate key `{other}`; use hits, coverage or relative")),
            }
        }
        Ok(gate)
    }
}

impl Default for PromptGate {
    fn default() -> Self {
        PromptGate::FITTED
    }
}

/// The indexes of the `ranked` hits (best first, with their search scores) that pass `gate` for `prompt`, in rank
/// order, at most `gate.max_hits`.
pub fn admit(prompt: &str, ranked: &[(&Memory, f32)], gate: &PromptGate) -> Vec<usize> {
    let mut terms = analyze::weighted_query_terms(prompt);
    crate::intent::discount_meta_words(&mut terms);
    let total: f32 = terms.iter().map(|(_, w)| w).sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let best = ranked.iter().map(|(_, s)| *s).fold(f32::MIN, f32::max);
    ranked
        .iter()
        .enumerate()
        .filter(|(_, (_, score))| *score >= best * gate.min_relative_score)
        .filter(|(_, (memory, _))| coverage(memory, &terms) / total >= gate.min_coverage)
        .map(|(i, _)| i)
        .take(gate.max_hits)
        .collect()
}

/// The summed weight of the `terms` that `memory` holds in its content, name, topics or files.
fn coverage(memory: &Memory, terms: &[(String, f32)]) -> f32 {
    let mut held = vec![false; terms.len()];
    let texts = std::iter::once(memory.content.as_str())
        .chain(memory.name.as_deref())
        .chain(memory.topics.iter().map(String::as_str))
        .chain(memory.files.iter().map(String::as_str));
    for text in texts {
        analyze::analyze_with(text, Mode::Document, |t| {
            if let Some(i) = terms.iter().position(|(term, _)| *term == t.text) {
                held[i] = true;
            }
        });
    }
    terms.iter().zip(held).filter(|(_, h)| *h).map(|((_, w), _)| w).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory(content: &str) -> Memory {
        serde_json::from_value(serde_json::json!({
            "id": "01JD8X2K4M9Q7R5T3V1W0YZABC",
            "content": content,
            "kind": "decision",
            "conversationId": "c",
            "createdAt": "2026-11-20T10:00:00Z",
            "updatedAt": "2026-11-20T10:00:00Z",
        }))
        .expect("valid memory")
    }

    #[test]
    fn a_hit_must_hold_the_prompts_words_not_only_rank_first() {
        let retry = memory("We retry Stripe webhooks with exponential backoff because Stripe resends for 3 days");
        let idem = memory("Payments webhooks must be idempotent: dedupe on the Stripe event id");
        let css = memory("The CSS build uses PostCSS with nesting");
        let ranked = [(&retry, 1.9), (&idem, 1.2), (&css, 1.0)];
        let gate = PromptGate { max_hits: 3, min_coverage: 0.3, min_relative_score: 0.5 };
        assert_eq!(admit("Why do the stripe webhooks retry twice?", &ranked, &gate), vec![0, 1]);
        // A weak best hit is still a weak hit.
        assert!(admit("Rename the sidebar component", &ranked, &gate).is_empty());
        assert!(admit("ok", &ranked, &gate).is_empty());
    }

    #[test]
    fn logging_in_is_not_logging() {
        let logs = memory("Structured logging: every log line is JSON with a request id");
        let race = memory("Token refresh race after login: two tabs refreshed at once and one got a 401");
        let ranked = [(&logs, 2.0), (&race, 1.8)];
        let gate = PromptGate { max_hits: 3, min_coverage: 0.3, min_relative_score: 0.5 };
        assert_eq!(admit("users get random 401s right after logging in", &ranked, &gate), vec![1]);
    }

    #[test]
    fn parse_reads_any_subset_and_names_what_is_wrong() {
        let gate = PromptGate::parse("coverage=0.4, hits=2").expect("valid");
        assert_eq!(gate, PromptGate { max_hits: 2, min_coverage: 0.4, ..PromptGate::FITTED });
        assert!(PromptGate::parse("coverage").unwrap_err().contains("KEY=VALUE"));
        assert!(PromptGate::parse("depth=2").unwrap_err().contains("unknown gate key `depth`"));
        assert!(PromptGate::parse("relative=x").unwrap_err().contains("not a number"));
    }
}
