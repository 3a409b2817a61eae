//! The ranking's tunable numbers, as data: `core/weights.json`, compiled in with `include_str!` and fitted by
//! `mx eval fit` (leave-one-dataset-out cross-validation over the repository's eval sets; EVAL.md). A weight of 0
//! turns its signal off, and signals that cost work (pseudo-relevance feedback, diversification) are not computed
//! at all then.
//!
//! Every field applies to searches with a query; browsing without one ranks with [`crate::rank::Weights`]'s
//! defaults.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::shape::Shape;

/// The fitted weights of a search with a query (see `core/weights.json` and EVAL.md for the values and how they
/// were chosen). Field names are the JSON keys, camelCase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tuning {
    /// Topic match ([`crate::rank::Weights::topic`]).
    pub topic: f32,
    /// Same project as the caller ([`crate::rank::Weights::project`]).
    pub project: f32,
    /// Stored importance ([`crate::rank::Weights::importance`]).
    pub importance: f32,
    /// A kind the question asks for ([`crate::rank::Weights::intent`]).
    pub intent: f32,
    /// The kind prior when the question asks for no kind ([`crate::rank::Weights::kind`]).
    pub kind: f32,
    /// Recency when the question says nothing about time.
    pub recency: f32,
    /// Recency when it asks for the current state ("now", "these days", "latest").
    pub newest_recency: f32,
    /// Recency when it asks for the earliest state ("originally", "at first"): negative, so older memories lose less.
    pub oldest_recency: f32,
    /// Lexical score multiplier for memories written inside the window a question names ("last week", "in March").
    pub time_window_boost: f32,
    /// Conversation coverage ([`crate::context`]): share of the best lexical score × the share of the question a
    /// memory's conversation covers.
    pub coverage: f32,
    /// Share of the best other match in the same conversation ([`crate::context`]).
    pub best_other: f32,
    /// Share of the best match among neighbouring turns of the other speaker ([`crate::context`]).
    pub neighbour: f32,
    /// Added to [`Tuning::neighbour`] for the turn just *before* (the one this turn replies to): an answer is
    /// vouched for by the question it answers more than by the remark after it ([`crate::context`]).
    pub reply: f32,
    /// How much a memory's own relevance gates what its conversation lends it ([`crate::context`]): coverage and
    /// best-other are scaled by `(lexical / best lexical) ^ contextGate`. 0 = not gated (every memory of a
    /// covering conversation gains the same); larger values keep long sessions that mention everything from
    /// lifting their unrelated turns over a relevant turn of another session.
    pub context_gate: f32,
    /// Share of its lexical score an older memory yields when a newer one says the same ([`crate::context`]).
    pub update_penalty: f32,
    /// How relevant (share of the older one's score) the newer memory must be to count as an update.
    pub update_relevance: f32,
    /// Pseudo-relevance feedback ([`crate::prf`]): weight of the second pass, relative to the best lexical score.
    pub prf: f32,
    /// How many of the best candidates the feedback terms come from.
    pub prf_docs: usize,
    /// How many feedback terms the second pass scores with.
    pub prf_terms: usize,
    /// Diversification across conversations for every question ([`crate::search`]): the k-th memory of a
    /// conversation (0-based) keeps `(1 - diversify)^k` of its score.
    pub diversify: f32,
    /// The same for questions that need several sessions ("how many", "every time", "all the", "in total";
    /// [`crate::intent::asks_for_many`]); the larger of the two applies.
    pub diversify_many: f32,
    /// A statement of the user's own preference ([`crate::preference`]) when the question asks for advice: its
    /// lexical score is multiplied by `1 + preference`.
    pub preference: f32,
    /// A memory that holds the kind of answer the question wants (an amount for "how much", a count for "how many",
    /// a date for "when": [`crate::answer`]): its lexical score is multiplied by `1 + answerType`.
    pub answer_type: f32,
    /// Retrieval stage: when a question asks for advice, the words preferences are stated with are searched too,
    /// at this weight against a question word's 1 ([`crate::preference::PULL_WORDS`]); 0 = off. Fixed while fitting.
    pub preference_pull: f32,
    /// Retrieval stage: the turns next to this many of the best lexical candidates join the pool (the store's
    /// `pull_neighbours`); 0 = off. `mx eval fit` keeps it where it starts (pools are searched once).
    pub neighbour_pull: usize,
    /// Retrieval stage: every turn of this many of the best-matching conversations joins the pool (the store's
    /// `pull_sessions`); 0 = off. Fixed while fitting.
    pub session_pull: usize,
    /// Replacements for a pool of chat transcripts ([`crate::shape::Shape::Chat`]): raw user and assistant turns,
    /// not notes an assistant saved. Signals read from a note's wording (importance, kind) or fitted on notes can
    /// hurt turns, and the other way round.
    pub transcript: TranscriptWeights,
    /// Replacements for a pool of coding transcripts ([`crate::shape::Shape::Code`]): a developer and an assistant
    /// at work, where the assistant's turns carry most of what was done.
    pub code: TranscriptWeights,
}

/// The weights a transcript pool ranks with instead of the main ones (same meaning, same names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TranscriptWeights {
    pub topic: f32,
    pub importance: f32,
    pub intent: f32,
    pub recency: f32,
    pub coverage: f32,
    pub best_other: f32,
    pub neighbour: f32,
    pub reply: f32,
    pub context_gate: f32,
    pub update_penalty: f32,
    pub preference: f32,
    pub answer_type: f32,
    pub prf: f32,
    pub diversify: f32,
    pub diversify_many: f32,
    /// In a transcript, the lexical score of a turn by the speaker the question asks about
    /// ([`crate::intent::role_asked`]: "what did you suggest" → the assistant, "what did I buy" → the user) is
    /// multiplied by `1 + role`.
    pub role: f32,
    /// When the question names no speaker: the assistant's turns' lexical score is multiplied by `1 + rolePrior`
    /// when it is positive, the user's by `1 - rolePrior` when it is negative.
    pub role_prior: f32,
}

/// The weights in `core/weights.json`, as shipped.
pub const SHIPPED_JSON: &str = include_str!("../weights.json");

impl Tuning {
    /// The shipped weights (parsed once).
    pub fn shipped() -> &'static Tuning {
        static SHIPPED: OnceLock<Tuning> = OnceLock::new();
        SHIPPED.get_or_init(|| Tuning::from_json(SHIPPED_JSON).expect("core/weights.json is valid (tested)"))
    }

    /// Parses a weights file (the format of `core/weights.json`; every key required, none unknown).
    pub fn from_json(text: &str) -> Result<Tuning, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The weights as `core/weights.json` holds them: pretty JSON, one key a line, newline at the end.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("plain struct serialises");
        s.push('\n');
        s
    }

    /// The weights for a pool of this shape: these for notes, with [`Tuning::transcript`]'s or [`Tuning::code`]'s
    /// in place for a transcript.
    pub fn for_shape(&self, shape: Shape) -> Tuning {
        let mut t = self.clone();
        let replacement = match shape {
            Shape::Notes => None,
            Shape::Chat => Some(&self.transcript),
            Shape::Code => Some(&self.code),
        };
        if let Some(x) = replacement {
            t.topic = x.topic;
            t.importance = x.importance;
            t.intent = x.intent;
            t.recency = x.recency;
            t.coverage = x.coverage;
            t.best_other = x.best_other;
            t.neighbour = x.neighbour;
            t.reply = x.reply;
            t.context_gate = x.context_gate;
            t.update_penalty = x.update_penalty;
            t.preference = x.preference;
            t.answer_type = x.answer_type;
            t.prf = x.prf;
            t.diversify = x.diversify;
            t.diversify_many = x.diversify_many;
        }

        t
    }

    /// The speaker weights of a pool of this shape: the question's named speaker ([`TranscriptWeights::role`]) and
    /// the prior when it names none ([`TranscriptWeights::role_prior`]); none for notes.
    pub fn speaker(&self, shape: Shape) -> (f32, f32) {
        match shape {
            Shape::Notes => (0.0, 0.0),
            Shape::Chat => (self.transcript.role, self.transcript.role_prior),
            Shape::Code => (self.code.role, self.code.role_prior),
        }
    }

    /// The value of the weight named `key` (a JSON key; `transcript.neighbour` for a nested one), for fitting.
    pub fn get(&self, key: &str) -> Option<f64> {
        let v = serde_json::to_value(self).ok()?;
        key.split('.').try_fold(&v, |v, k| v.get(k))?.as_f64()
    }

    /// A copy with the weight named `key` set to `value` (integers are rounded), for fitting.
    pub fn with(&self, key: &str, value: f64) -> Result<Tuning, String> {
        let mut v = serde_json::to_value(self).map_err(|e| e.to_string())?;
        let slot =
            key.split('.').try_fold(&mut v, |v, k| v.get_mut(k)).ok_or_else(|| format!("no weight named {key}"))?;
        *slot = if slot.is_u64() {
            serde_json::Value::from(value.round().max(0.0) as u64)
        } else {
            serde_json::Value::from(value)
        };
        serde_json::from_value(v).map_err(|e| e.to_string())
    }
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning::shipped().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_parse_and_round_trip() {
        let t = Tuning::from_json(SHIPPED_JSON).expect("valid");
        assert_eq!(Tuning::from_json(&t.to_json()).expect("valid"), t);
    }

    #[test]
    fn a_weight_is_read_and_set_by_name() {
        let t = Tuning::shipped().with("prfDocs", 7.2).expect("known").with("coverage", 0.25).expect("known");
        assert_eq!(t.prf_docs, 7);
        assert_eq!(t.get("coverage"), Some(0.25));
        assert!(Tuning::shipped().with("nothing", 1.0).is_err());
        let t = Tuning::shipped().with("transcript.neighbour", 0.9).expect("known");
        assert_eq!(t.get("transcript.neighbour").map(|v| (v * 10.0).round()), Some(9.0));
        assert_eq!(t.for_shape(Shape::Chat).neighbour, t.transcript.neighbour);
        assert_eq!(t.for_shape(Shape::Code).neighbour, t.code.neighbour);
        assert_eq!(t.for_shape(Shape::Notes).neighbour, Tuning::shipped().neighbour);
        assert!(Tuning::from_json(r#"{"topic": 0.3}"#).is_err(), "every key is required");
    }
}
