//! The search pipeline between a question and a ranking, one for every caller: the store scores candidates with its
//! tantivy index, the wasm build with [`crate::bm25`], and both read the question and rank the same way.
//!
//! 1. [`Query::parse`] reads the question: time words become hints ([`crate::temporal`]); the rest becomes weighted
//!    terms ([`crate::analyze::weighted_query_terms_in`]) with question-frame words discounted
//!    ([`crate::intent`]) and tool categories expanded, the asked-for one at full weight ([`crate::expand`]).
//! 2. The caller scores candidates lexically with [`Query::search_terms`] (BM25, each term's score times its weight).
//! 3. [`Query::rank`] reads the pool's shape ([`crate::shape`]: notes, a chat, a coding session; each has its own
//!    weights), adds pseudo-relevance feedback ([`crate::prf`]), conversation context ([`crate::context`]), the
//!    speaker the question asks about, stated preferences for a request for advice ([`crate::preference`]), the kind
//!    of answer it wants ([`crate::answer`]) and the time window (or one placed around an event the question names),
//!    sets the signal weights the question calls for, ranks ([`crate::rank`]) and, when the weights ask for it,
//!    diversifies across conversations.
//!
//! Every weight of steps 3 is data: [`Tuning`] (`core/weights.json`, fitted by `mx eval fit`).
//!
//! With [`RankingMode::Bm25`] (the eval's baseline) the question is only analysed: no time words, no discounts, no
//! expansion, no context.

use jiff::Timestamp;

use crate::rank::{self, Candidate, QueryContext, Ranked, RankingMode};
use crate::shape::Shape;
use crate::temporal::{self, Prefer, Relative, TemporalCues};
use crate::tuning::Tuning;
use crate::{analyze, answer, context, expand, intent, preference, prf};

/// A question, read for searching.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The question as asked ("" for none).
    pub text: String,
    pub mode: RankingMode,
    /// Its time words (none in BM25 mode).
    pub cues: TemporalCues,
    /// The weighted, analysed terms to search with, each with its group: the question word it stands for
    /// ([`expand::expand_grouped`]). A term may appear once per group; search with its largest weight.
    pub terms: Vec<(String, f32, usize)>,
    /// The weights [`Query::rank`] uses: [`Tuning::shipped`] unless replaced ([`Query::with_tuning`], for fitting).
    pub tuning: Tuning,
}

impl Query {
    /// Reads `text` as of `now`. `indexed(term)` says whether a term occurs anywhere in what is searched (a compound
    /// that occurs nowhere is searched through its parts); it is called only for the query's compounds.
    pub fn parse(text: &str, now: Timestamp, mode: RankingMode, indexed: impl Fn(&str) -> bool) -> Self {
        let full = mode == RankingMode::Full;
        let cues = if full { temporal::parse(text, now.as_millisecond()) } else { TemporalCues::default() };
        // A question made only of time words ("what changed last week?") still searches with them.
        let lexical =
            if full && !analyze::query_terms(&cues.stripped).is_empty() { cues.stripped.as_str() } else { text };
        let mut weighted = analyze::weighted_query_terms_in(lexical, indexed);
        let terms = if full {
            intent::discount_meta_words(&mut weighted);
            expand::expand_grouped(&weighted, &intent::question_focus(lexical))
        } else {
            weighted.into_iter().enumerate().map(|(i, (t, w))| (t, w, i)).collect()
        };
        Self { text: text.to_string(), mode, cues, terms, tuning: Tuning::shipped().clone() }
    }

    /// The same question ranked with other weights (`mx eval fit`, `mx eval retrieval --weights`).
    pub fn with_tuning(mut self, tuning: Tuning) -> Self {
        self.tuning = tuning;
        self
    }

    /// Whether there is anything to search with (else: rank by the other signals alone).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The distinct terms with their largest weight, in first-seen order: what a lexical engine searches for. A
    /// request for advice also searches for the words preferences are stated with ([`preference`]), which only
    /// widen the candidate pool: the ranking reads the question's own terms.
    pub fn search_terms(&self) -> Vec<(String, f32)> {
        let mut out: Vec<(String, f32)> = Vec::with_capacity(self.terms.len());
        let mut add = |t: &str, w: f32| match out.iter_mut().find(|(s, _)| s == t) {
            Some((_, seen)) => *seen = seen.max(w),
            None => out.push((t.to_string(), w)),
        };
        for (t, w, _) in &self.terms {
            add(t, *w);
        }
        let pull = self.tuning.preference_pull;
        if self.mode == RankingMode::Full
            && pull > 0.0
            && !self.terms.is_empty()
            && preference::asks_for_advice(&self.text)
        {
            for t in analyze::query_terms(&preference::PULL_WORDS.join(" ")) {
                add(&t, pull);
            }
        }
        out
    }

    /// Ranks lexically scored candidates for this question. `ctx` carries the caller's scope (project, conversation,
    /// topics, limit, superseded); the question, its mode, the kinds it asks for and the weights it calls for are
    /// set here.
    pub fn rank(&self, mut candidates: Vec<Candidate>, mut ctx: QueryContext) -> Vec<Ranked> {
        let full = self.mode == RankingMode::Full;
        let shape = Shape::of(&candidates);
        let t = &self.tuning.for_shape(shape);
        if full {
            prf::apply(&mut candidates, &self.terms, t.prf, t.prf_docs, t.prf_terms);
            context::apply(&mut candidates, &self.terms, self.cues.prefer != Some(Prefer::Oldest), t);
            weigh_speakers(&mut candidates, &self.text, self.tuning.speaker(shape));
            preference::apply(&mut candidates, &self.text, shape, t.preference);
            answer::apply(&mut candidates, &self.text, t.answer_type);
            if let Some((from, to)) = self.cues.window {
                for c in &mut candidates {
                    if (from..to).contains(&c.memory.created_at.as_millisecond()) {
                        c.lexical *= t.time_window_boost;
                    }
                }
            } else if let Some(relative) = &self.cues.relative
                && let Some((event, (from, to))) = place_event(&candidates, relative)
            {
                // The event's own session is what the question starts from, not what it asks about.
                for c in candidates.iter_mut().filter(|c| c.memory.conversation_id != event) {
                    if (from..to).contains(&c.memory.created_at.as_millisecond()) {
                        c.lexical *= t.time_window_boost;
                    }
                }
            }
        }
        ctx.mode = self.mode;
        ctx.query = Some(self.text.clone()).filter(|q| !q.trim().is_empty());
        let mut diversify = 0.0;
        if ctx.query.is_some() {
            if full {
                ctx.kinds_asked = intent::kinds_asked(&self.text);
                diversify =
                    if intent::asks_for_many(&self.text) { t.diversify.max(t.diversify_many) } else { t.diversify };
            }
            ctx.weights.topic = t.topic;
            ctx.weights.project = t.project;
            ctx.weights.importance = t.importance;
            ctx.weights.intent = t.intent;
            ctx.weights.kind = t.kind;
            ctx.weights.recency = match self.cues.prefer {
                None => t.recency,
                Some(Prefer::Newest) => t.newest_recency,
                Some(Prefer::Oldest) => t.oldest_recency,
            };
        }
        if diversify <= 0.0 {
            return rank::rank(candidates, &ctx);
        }
        let limit = ctx.limit.take();
        let mut ranked = rank::rank(candidates, &ctx);
        diversify_conversations(&mut ranked, diversify);
        if let Some(limit) = limit {
            ranked.truncate(limit);
        }
        ranked
    }
}

/// Places an event-relative window ("the week before my trip to Lisbon"): the event is the candidate that holds the
/// most of the event's words (then the best lexical score); the window is counted from when it was written. Returns
/// the event's conversation and the window, or nothing when no candidate names the event.
fn place_event(candidates: &[Candidate], relative: &Relative) -> Option<(crate::id::ConversationId, (i64, i64))> {
    let words = analyze::query_terms(&relative.event);
    if words.is_empty() {
        return None;
    }
    let held = |c: &Candidate| {
        let mut seen = vec![false; words.len()];
        analyze::analyze_with(&c.memory.content, analyze::Mode::Document, |t| {
            if let Some(i) = words.iter().position(|w| *w == t.text) {
                seen[i] = true;
            }
        });
        seen.iter().filter(|s| **s).count()
    };
    let event = candidates
        .iter()
        .map(|c| (held(c), c))
        .filter(|(n, _)| *n > 0)
        .max_by(|(na, a), (nb, b)| na.cmp(nb).then(a.lexical.total_cmp(&b.lexical)))?
        .1;
    Some((event.memory.conversation_id.clone(), relative.window(event.memory.created_at.as_millisecond())))
}

/// The speaker signals of a transcript ([`crate::tuning::TranscriptWeights`]): a question about what one speaker
/// said ("what did I buy", "what did you suggest") multiplies that speaker's turns by `1 + asked`; a question that
/// names none leans towards the side that usually holds the answer in this shape of transcript (`prior`: the
/// assistant's when positive, the user's when negative).
fn weigh_speakers(candidates: &mut [Candidate], question: &str, (asked, prior): (f32, f32)) {
    let (role, factor) = match intent::role_asked(question) {
        Some(role) => (role, 1.0 + asked),
        None if prior > 0.0 => (crate::model::Role::Assistant, 1.0 + prior),
        None => (crate::model::Role::User, 1.0 - prior),
    };
    if factor != 1.0 {
        for c in candidates.iter_mut().filter(|c| c.memory.role == role) {
            c.lexical *= factor;
        }
    }
}

/// Diversification across conversations: the k-th memory of a conversation in ranked order (0-based) keeps
/// `(1 - strength)^k` of its score, so a question that needs several sessions sees the best of each before the
/// second best of one. Within a conversation the order is kept; the loss is the breakdown's `diversity`, so the
/// signals still add up to the score. `ranked` must be in [`rank::compare`] order; it is re-sorted.
fn diversify_conversations(ranked: &mut [Ranked], strength: f32) {
    let keep = (1.0 - strength).clamp(0.0, 1.0);
    let mut seen: std::collections::HashMap<String, i32> = std::collections::HashMap::new();
    for r in ranked.iter_mut() {
        let k = seen.entry(r.memory.conversation_id.to_string()).or_insert(0);
        if *k > 0 && r.score > 0.0 {
            let loss = r.score * (1.0 - keep.powi(*k));
            r.breakdown.diversity -= loss;
            r.breakdown.total -= loss;
            r.score -= loss;
        }
        *k += 1;
    }
    ranked.sort_by(rank::compare);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2025-06-01T12:00:00Z".parse().expect("valid time")
    }

    #[test]
    fn a_question_is_read_once_for_every_caller() {
        let q = Query::parse("What database do we use now?", now(), RankingMode::Full, |_| true);
        assert_eq!(q.cues.prefer, Some(Prefer::Newest));
        let terms = q.search_terms();
        assert!(terms.iter().any(|(t, w)| t == "postgresql" && *w == expand::FOCUS_EXPANSION_WEIGHT), "{terms:?}");
        assert!(!terms.iter().any(|(t, _)| t == "now"), "time words leave the lexical query: {terms:?}");
        // The baseline only analyses.
        let plain = Query::parse("What database do we use now?", now(), RankingMode::Bm25, |_| true);
        assert_eq!(plain.cues, TemporalCues::default());
        assert!(plain.search_terms().iter().all(|(t, _)| t != "postgresql"));
        assert!(plain.search_terms().iter().any(|(t, _)| t == "now"));
    }

    fn turn(conversation: &str, day: i64, role: crate::model::Role, content: &str) -> Candidate {
        let at = Timestamp::from_second(1_735_000_000 + day * 86_400).expect("in range");
        let memory = serde_json::from_value(serde_json::json!({
            "id": crate::MemoryId::from_parts(at.as_millisecond() as u64, content.len() as u128).to_string(),
            "content": content,
            "kind": "note",
            "role": role,
            "conversationId": conversation,
            "createdAt": at.to_string(),
            "updatedAt": at.to_string(),
        }))
        .expect("valid memory");
        Candidate { memory, lexical: 1.0 }
    }

    #[test]
    fn the_week_before_an_event_is_counted_from_the_event() {
        use crate::model::Role::{Assistant, User};
        let asked = Timestamp::from_second(1_735_000_000 + 200 * 86_400).expect("in range");
        let q = Query::parse("What did I buy the week before my trip to Lisbon?", asked, RankingMode::Full, |_| true);
        let candidates = vec![
            turn("trip", 100, User, "Flying to Lisbon on Friday for the trip, any tips for Alfama?"),
            turn("trip", 100, Assistant, "Lisbon is hilly: good shoes, and the 28 tram early in the morning."),
            turn("shop", 96, User, "I bought a new rain jacket and a packing cube set today."),
            turn("shop", 96, Assistant, "Nice buys, packing cubes make a carry-on much easier."),
            turn("later", 150, User, "I bought a standing desk after the work trip, finally."),
            turn("later", 150, Assistant, "Good choice for your back."),
        ];
        let unboosted = q.clone().with_tuning(Tuning::shipped().with("timeWindowBoost", 1.0).expect("known"));
        let ranked = unboosted.rank(candidates.clone(), QueryContext::new(asked));
        assert_ne!(ranked[0].memory.conversation_id.as_str(), "shop", "the window is what decides");
        let ranked = q.rank(candidates, QueryContext::new(asked));
        let first = &ranked[0].memory;
        assert_eq!(
            first.conversation_id.as_str(),
            "shop",
            "{:?}",
            ranked.iter().map(|r| &r.memory.content).collect::<Vec<_>>()
        );
        // With no candidate naming the event, nothing is placed.
        let (_, window) =
            place_event(&[turn("x", 1, User, "hello there")], q.cues.relative.as_ref().expect("relative"))
                .map_or((None, None), |(c, w)| (Some(c), Some(w)));
        assert_eq!(window, None);
    }

    #[test]
    fn a_request_for_advice_also_searches_for_stated_preferences() {
        let advice = Query::parse("What should I cook for my sister on Saturday?", now(), RankingMode::Full, |_| true);
        let terms = advice.search_terms();
        let pulled: Vec<_> = terms.iter().filter(|(_, w)| *w == Tuning::shipped().preference_pull).collect();
        assert!(pulled.len() >= 10, "{terms:?}");
        assert!(!advice.terms.iter().any(|(t, _, _)| pulled.iter().any(|(p, _)| p == t)), "ranking reads the question");
        let past = Query::parse("What did I cook for my sister on Saturday?", now(), RankingMode::Full, |_| true);
        assert_eq!(past.search_terms().len(), past.terms.len());
    }

    #[test]
    fn search_terms_are_distinct_with_their_largest_weight() {
        let q = Query::parse("Which package manager do we use?", now(), RankingMode::Full, |_| true);
        let terms = q.search_terms();
        let pnpm: Vec<_> = terms.iter().filter(|(t, _)| t == "pnpm").collect();
        assert_eq!(pnpm.len(), 1, "{terms:?}");
        assert!(q.terms.iter().filter(|(t, _, _)| t == "pnpm").count() == 2, "one per trigger word: {:?}", q.terms);
    }

    #[test]
    fn a_question_of_time_words_only_still_searches_with_them() {
        let q = Query::parse("what happened last week", now(), RankingMode::Full, |_| true);
        assert!(q.cues.window.is_some());
        assert!(!q.is_empty(), "{:?}", q.terms);
    }
}
