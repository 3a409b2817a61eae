//! Requests for advice and the preferences that answer them.
//!
//! "What should I cook on Saturday?", "where should I take my friends out?", "suggest a present for my sister": the
//! good answer rests on something the user said months ago in other words ("I can't stand coriander", "I have
//! tinnitus, loud bars are out", "the only presents she keeps are ones she can eat"). The question and the statement
//! rarely share a word, so two things help:
//! - the search also asks for the words people state preferences with ([`PULL_WORDS`], at
//!   [`crate::tuning::Tuning::preference_pull`] of a question word's weight), so such statements join the candidate
//!   pool, most of all the ones that also share a word with the request;
//! - in ranking, a statement of a preference ([`states_preference`]) gains [`crate::tuning::Tuning::preference`]
//!   when the question asks for advice ([`asks_for_advice`]).

use crate::model::Role;
use crate::rank::Candidate;
use crate::shape::Shape;

/// Words preferences and constraints are stated with (analysed like any query word before searching).
pub const PULL_WORDS: &[&str] = &[
    "prefer",
    "hate",
    "love",
    "dislike",
    "allergic",
    "allergy",
    "intolerant",
    "favourite",
    "favorite",
    "vegetarian",
    "vegan",
    "avoid",
    "enjoy",
    "fan",
];

/// Whether a question asks for advice or a recommendation (which the asker's own preferences answer), as opposed to
/// asking what was said or done.
pub fn asks_for_advice(question: &str) -> bool {
    let q = normalise(question);
    const PHRASES: &[&str] = &[
        "should i ",
        "should we ",
        "shall i ",
        "shall we ",
        "would you suggest",
        "would you recommend",
        "would you pick",
        "would you choose",
        "can you suggest",
        "can you recommend",
        "could you suggest",
        "could you recommend",
        "any suggestions",
        "any ideas",
        "any recommendations",
        "any tips",
        "idea for",
        "ideas for",
        "would suit",
        "help me choose",
        "help me pick",
        "help me plan",
        "help me find",
        "help me decide",
        "what could i ",
        "what can i ",
        "recommend me",
        "suggest me",
        "what's a good",
        "what is a good",
        "i'm looking for",
        "i am looking for",
    ];
    PHRASES.iter().any(|p| q.contains(p)) || q.starts_with("suggest ") || q.starts_with("recommend ")
}

/// Whether a text states a like, a dislike, a habit or a constraint of its writer ("I can't stand coriander", "I'm
/// vegetarian", "I don't fly anywhere I can reach by train", "my favourite is …", "allergic to peanuts").
pub fn states_preference(text: &str) -> bool {
    let t = normalise(text);
    const MARKERS: &[&str] = &[
        "i hate",
        "i love",
        "i like",
        "i really like",
        "i don't like",
        "i do not like",
        "i dislike",
        "i prefer",
        "i'd rather",
        "i would rather",
        "i can't stand",
        "i cannot stand",
        "i can't eat",
        "i don't eat",
        "i don't drink",
        "i don't do",
        "i never",
        "i always",
        "i avoid",
        "i enjoy",
        "i'm into",
        "i'm not a fan",
        "not a fan of",
        "i'm a big fan",
        "i'm vegetarian",
        "i'm vegan",
        "i'm allergic",
        "allergic to",
        "allergy",
        "intolerant",
        "my favourite",
        "my favorite",
        "i'm not big on",
        "i'm not much of",
        "i'm terrible at",
        "i'm sensitive to",
        "i only ",
        "i refuse",
        "i won't",
        "i don't want",
        "i'd like to avoid",
        "can't handle",
    ];
    MARKERS.iter().any(|m| t.contains(m))
}

/// Lower case with typographic apostrophes made plain, padded with a space at each end.
fn normalise(text: &str) -> String {
    format!(" {} ", text.to_lowercase().replace('\u{2019}', "'"))
}

/// The ranking step: when `question` asks for advice, the preference statements among the candidates (the user's
/// own turns in a transcript, any memory among notes) have their lexical score multiplied by `1 + weight`.
pub fn apply(candidates: &mut [Candidate], question: &str, shape: Shape, weight: f32) {
    if weight == 0.0 || !asks_for_advice(question) {
        return;
    }
    for c in candidates.iter_mut() {
        if (shape == Shape::Notes || c.memory.role == Role::User) && states_preference(&c.memory.content) {
            c.lexical *= 1.0 + weight;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_for_advice_are_told_from_questions_about_the_past() {
        for q in [
            "What should I make for the curry night?",
            "Where should I take my old uni mates out in Cardiff?",
            "Can you suggest a wedding present for my sister?",
            "Any ideas for a birthday dinner?",
            "Suggest a workout that would suit me",
            "What would you pick for my bedside table?",
        ] {
            assert!(asks_for_advice(q), "{q}");
        }
        for q in [
            "What did you suggest for my knee?",
            "How much did I spend on the bike?",
            "Which database does the billing service use?",
        ] {
            assert!(!asks_for_advice(q), "{q}");
        }
    }

    #[test]
    fn statements_of_preference_are_recognised() {
        for t in [
            "Honestly I can't stand coriander, it tastes like soap to me.",
            "I'm vegetarian since last year, so no meat please.",
            "My favourite kind of evening is a quiet pub with a fire.",
            "He's allergic to peanuts, which makes eating out tricky.",
            "I never fly if the train gets there the same day.",
        ] {
            assert!(states_preference(t), "{t}");
        }
        for t in ["The bike needed a new chain, £25.", "Booked the dentist for Tuesday at 3."] {
            assert!(!states_preference(t), "{t}");
        }
    }
}
