//! Conversation context: a memory is judged together with the conversation it was written in.
//!
//! A question is usually answered where a conversation was *about* it: the user's question and the assistant's
//! answer share the words between them, and the session as a whole covers most of what the question names. A lone
//! message elsewhere that shares one rare word with the question (or a short one that matches a single word, which
//! BM25's length normalisation favours) is weaker evidence. So before ranking, each candidate's lexical score gains:
//!
//! - **conversation coverage**: [`Tuning::coverage`] × the best candidate score × the share of the question the candidate's
//!   conversation covers — the question's terms (weighted by their query weight and by how rare they are among the
//!   candidates; an expansion counts for the word it stands for) that appear in any candidate memory of that
//!   conversation. A session that covers "responses" *and* "preferences" across its turns beats one that only
//!   says "preferences";
//! - **the best other match in its conversation**: [`Tuning::best_other`] × the best lexical score among the *other*
//!   candidates of its conversation;
//! - **its neighbouring turns**: [`Tuning::neighbour`] × the best score among the turns of the *other* speaker written within
//!   [`NEIGHBOUR_WINDOW_MS`] of it (a question and its answer vouch for each other; memories one speaker saves in a
//!   burst are separate facts, not a question and its answer), plus [`Tuning::reply`] × the best of those written
//!   just *before* it: the question a turn answers vouches for it more than the remark after it.
//!
//! The conversation's share (coverage and best other) is scaled by `(own / best) ^` [`Tuning::context_gate`], the
//! candidate's own lexical score over the best: at 0 every memory of a covering conversation gains the same; above
//! 0 a long session that touches every word of the question cannot lift its unrelated turns over a relevant turn of
//! another session.
//!
//! And, unless the question asks for the earliest state, **the newer statement wins**: a memory whose matched query
//! terms are all matched again by a *newer* memory of the same project, from a later conversation and at least
//! [`Tuning::update_relevance`] as relevant, loses [`Tuning::update_penalty`] of its score first. Knowledge changes ("goose → atlas",
//! "reminders 24 h → 2 h before") rarely mark the old statement as superseded; this is the implicit version.
//!
//! Only the candidate pool is used: no extra reads, and "rare" means rare among the candidates, which is what tells
//! candidates apart.

use std::collections::HashMap;

use crate::analyze::{self, Mode};
use crate::rank::Candidate;
use crate::tuning::Tuning;

/// How close (either way) a turn must be to count as a neighbour.
pub const NEIGHBOUR_WINDOW_MS: i64 = 5 * 60 * 1000;

/// Adds conversation context to each candidate's lexical score (see the module documentation). `terms` are the
/// weighted, analysed query terms the candidates were retrieved with, grouped as
/// [`crate::expand::expand_grouped`] returns them. `newer_wins`: apply the implicit-update rule (off when the
/// question asks for the original state). The weights are `tuning`'s (fitted; [`crate::tuning`]).
pub fn apply(candidates: &mut [Candidate], terms: &[(String, f32, usize)], newer_wins: bool, tuning: &Tuning) {
    if candidates.len() < 2 {
        return;
    }
    let (coverage, held) = conversation_coverage(candidates, terms);
    if newer_wins && tuning.update_penalty != 0.0 {
        superseded_implicitly(candidates, &held, tuning);
    }
    let max_lexical = candidates.iter().map(|c| c.lexical).fold(0f32, f32::max);

    // The two best scores per conversation: a memory's best *other* is the second best when it is the best itself.
    let mut best: HashMap<&str, (f32, f32)> = HashMap::new();
    for c in candidates.iter() {
        let e = best.entry(c.memory.conversation_id.as_str()).or_insert((0.0, 0.0));
        if c.lexical > e.0 {
            *e = (c.lexical, e.0);
        } else if c.lexical > e.1 {
            e.1 = c.lexical;
        }
    }
    let mut by_conversation: HashMap<&str, Vec<(i64, f32, crate::model::Role)>> = HashMap::new();
    for c in candidates.iter() {
        let at = c.memory.created_at.as_millisecond();
        by_conversation.entry(c.memory.conversation_id.as_str()).or_default().push((at, c.lexical, c.memory.role));
    }
    let boosts: Vec<f32> = candidates
        .iter()
        .map(|c| {
            let conversation = c.memory.conversation_id.as_str();
            let (first, second) = best.get(conversation).copied().unwrap_or_default();
            let other = if c.lexical >= first { second } else { first };
            let at = c.memory.created_at.as_millisecond();
            // The best other-speaker turn around this one, and the best just before it (what it replies to).
            let (neighbour, replied_to) = by_conversation.get(conversation).map_or((0.0, 0.0), |turns| {
                turns
                    .iter()
                    .filter(|(t, _, role)| *role != c.memory.role && (t - at).abs() <= NEIGHBOUR_WINDOW_MS)
                    .fold((0f32, 0f32), |(any, before), (t, l, _)| {
                        (any.max(*l), if *t < at { before.max(*l) } else { before })
                    })
            });
            let covered = coverage.get(conversation).copied().unwrap_or(0.0);
            let own = if max_lexical > 0.0 { (c.lexical / max_lexical).clamp(0.0, 1.0) } else { 0.0 };
            let gate = if tuning.context_gate == 0.0 { 1.0 } else { own.powf(tuning.context_gate) };
            gate * (tuning.coverage * max_lexical * covered + tuning.best_other * other)
                + tuning.neighbour * neighbour
                + tuning.reply * replied_to
        })
        .collect();
    drop(best);
    drop(by_conversation);
    for (c, boost) in candidates.iter_mut().zip(boosts) {
        c.lexical += boost;
    }
}

/// The implicit-update rule (module documentation): an older memory whose matched query terms (`held`, per
/// candidate) a newer memory of the same project, from another conversation and at least
/// [`Tuning::update_relevance`] as relevant, matches again, loses [`Tuning::update_penalty`] of its lexical score. O(n²) over the candidate pool (≤ a few
/// hundred).
fn superseded_implicitly(candidates: &mut [Candidate], held: &[Vec<bool>], tuning: &Tuning) {
    let updated: Vec<bool> = (0..candidates.len())
        .map(|i| {
            let a = &candidates[i];
            held[i].iter().any(|h| *h)
                && candidates.iter().enumerate().any(|(j, b)| {
                    j != i
                        && b.memory.created_at > a.memory.created_at
                        && b.memory.project == a.memory.project
                        && b.memory.conversation_id != a.memory.conversation_id
                        && b.lexical >= tuning.update_relevance * a.lexical
                        && held[i].iter().zip(&held[j]).all(|(ha, hb)| !*ha || *hb)
                })
        })
        .collect();
    for (c, u) in candidates.iter_mut().zip(updated) {
        if u {
            c.lexical *= 1.0 - tuning.update_penalty;
        }
    }
}

/// The weighted share of the query each conversation covers (its candidates together). Shares count the query's own
/// terms (an expansion covers the term it stands for: "FastAPI" answers "framework"), each weighted by its query
/// weight × its IDF among the candidates. Also returns, per candidate, which of the query's term groups it holds.
fn conversation_coverage(
    candidates: &[Candidate],
    terms: &[(String, f32, usize)],
) -> (HashMap<String, f32>, Vec<Vec<bool>>) {
    let groups = terms.iter().map(|(_, _, g)| g + 1).max().unwrap_or(0);
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (t, _, g) in terms {
        index.entry(t.as_str()).or_default().push(*g);
    }
    // Which query terms each candidate holds (content, topics and name: what the index searched).
    let held: Vec<Vec<bool>> = candidates
        .iter()
        .map(|c| {
            let mut has = vec![false; groups];
            let m = &c.memory;
            let texts =
                std::iter::once(m.content.as_str()).chain(m.topics.iter().map(String::as_str)).chain(m.name.as_deref());
            for text in texts {
                analyze::analyze_with(text, Mode::Document, |t| {
                    for &g in index.get(t.text.as_str()).into_iter().flatten() {
                        has[g] = true;
                    }
                });
            }
            has
        })
        .collect();
    let n = candidates.len() as f32;
    let weights: Vec<f32> = (0..groups)
        .map(|g| {
            let df = held.iter().filter(|h| h[g]).count() as f32;
            let w = terms.iter().find(|(_, _, tg)| *tg == g).map_or(0.0, |(_, w, _)| *w);
            w * (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        })
        .collect();
    let total: f32 = weights.iter().sum();
    let share = |has: &[bool]| {
        let covered: f32 = has.iter().zip(&weights).filter(|(h, _)| **h).map(|(_, w)| *w).sum();
        if total > 0.0 { covered / total } else { 0.0 }
    };
    let mut union: HashMap<&str, Vec<bool>> = HashMap::new();
    for (c, has) in candidates.iter().zip(&held) {
        let u = union.entry(c.memory.conversation_id.as_str()).or_insert_with(|| vec![false; groups]);
        for (u, h) in u.iter_mut().zip(has) {
            *u |= *h;
        }
    }
    (union.into_iter().map(|(conv, u)| (conv.to_string(), share(&u))).collect(), held)
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::MemoryId;
    use crate::model::{Memory, Role};

    fn memory(conversation: &str, minute: i64, role: Role, content: &str) -> Memory {
        let at = Timestamp::from_second(1_750_000_000 + minute * 60).expect("in range");
        let id = MemoryId::from_parts(at.as_millisecond() as u64, content.len() as u128);
        serde_json::from_value(serde_json::json!({
            "id": id.to_string(),
            "content": content,
            "kind": "note",
            "role": role,
            "conversationId": conversation,
            "createdAt": at.to_string(),
            "updatedAt": at.to_string(),
        }))
        .expect("valid memory")
    }

    fn apply_test(c: &mut [Candidate], t: &[(String, f32, usize)]) {
        apply(c, t, true, Tuning::shipped())
    }

    fn terms(query: &str) -> Vec<(String, f32, usize)> {
        crate::expand::expand_grouped(&analyze::weighted_query_terms(query), &[])
    }

    #[test]
    fn a_conversation_that_covers_the_question_lifts_its_memories() {
        // "responses" and "preferences" are both covered by conv-a (in two different turns); conv-b only says
        // "preferences", in a short message that BM25 alone would put first.
        let mut c = vec![
            Candidate { memory: memory("conv-b", 0, Role::User, "More preferences: named exports."), lexical: 1.0 },
            Candidate {
                memory: memory("conv-a", 10, Role::User, "Keep responses concise, no preambles."),
                lexical: 0.8,
            },
            Candidate { memory: memory("conv-a", 12, Role::User, "That's it for preferences."), lexical: 0.9 },
        ];
        apply_test(&mut c, &terms("How does she prefer responses to be formatted?"));
        assert!(
            c[1].lexical > c[0].lexical && c[2].lexical > c[0].lexical,
            "{:?}",
            c.iter().map(|c| c.lexical).collect::<Vec<_>>()
        );
    }

    #[test]
    fn neighbouring_turns_of_the_other_speaker_vouch_for_each_other() {
        let mut c = vec![
            Candidate { memory: memory("a", 0, Role::User, "Why is the webhook failing?"), lexical: 1.0 },
            Candidate {
                memory: memory("a", 1, Role::Assistant, "The signature check needs the raw body."),
                lexical: 0.5,
            },
            Candidate { memory: memory("b", 0, Role::Assistant, "Webhook retries are logged."), lexical: 0.5 },
        ];
        apply_test(&mut c, &terms("webhook signature failing"));
        // The answer next to the question gains from it; the same score elsewhere does not.
        assert!(c[1].lexical > c[2].lexical);
    }

    #[test]
    fn a_newer_statement_of_the_same_thing_outranks_the_older_one() {
        let old = "Appointment reminders are sent 24 hours before the visit.";
        let new = "Appointment reminders are now sent 2 hours before the visit.";
        let make = || {
            vec![
                Candidate { memory: memory("s1", 0, Role::Assistant, old), lexical: 1.0 },
                Candidate { memory: memory("s9", 90_000, Role::Assistant, new), lexical: 0.9 },
            ]
        };
        let mut c = make();
        apply(&mut c, &terms("when are appointment reminders sent"), true, Tuning::shipped());
        assert!(c[1].lexical > c[0].lexical, "{:?}", c.iter().map(|c| c.lexical).collect::<Vec<_>>());
        // Asked for the original state, the older one keeps its lead.
        let mut c = make();
        apply(&mut c, &terms("when are appointment reminders sent"), false, Tuning::shipped());
        assert!(c[0].lexical > c[1].lexical);
    }

    #[test]
    fn a_single_candidate_is_left_alone() {
        let mut c = vec![Candidate { memory: memory("a", 0, Role::User, "webhook"), lexical: 0.7 }];
        apply_test(&mut c, &terms("webhook"));
        assert_eq!(c[0].lexical, 0.7);
    }
}
