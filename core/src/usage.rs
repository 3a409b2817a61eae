//! Whether an assistant used a memory mx gave it: the rule behind `mx memories stats --usage`.
//!
//! mx records the memories a hook injected into a session (session start, per prompt) and, when the assistant's
//! session is captured (Stop, PreCompact, SessionEnd), reads what the assistant wrote in that session. A memory counts
//! as **used** when what the assistant wrote — its replies and the input of its tool calls — shows one of:
//! - **cited**: the memory's id, in full or in the short form digests print (12 characters);
//! - **phrase**: a run of [`PHRASE_WORDS`] consecutive words of the memory, at least two of them not stop words;
//! - **identifiers**: [`MIN_IDENTIFIERS`] of the memory's identifiers (a word with a digit, `_`, `.`, `::` or `-`
//!   inside, or a capital after its first letter: `processed_events`, `MAX_RETRIES`, `OAuth2`, `apply_event`).
//!
//! and the phrase or identifiers do not appear in the rest of the conversation (the user's prompts, tool results):
//! repeating what the user just said or what a file read returned is not evidence of the memory. Paths are not
//! identifiers here: working in the file a memory is about says nothing about whether its fact was used.
//! The rule prefers missing a paraphrase to counting a memory as used because its topic came up.
//!
//! Ranking uses the outcome gently ([`rank_factor`]): a memory injected into many sessions and never used fades a
//! little, one used in most of them rises a little. Relevance to the question still decides; usage only reorders
//! memories that are close, and says nothing until a memory has been injected into a few sessions.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::analyze::is_stop_word;
use crate::id::SHORT_ID_LEN;
use crate::model::Memory;

/// Words in a quoted run of the memory.
pub const PHRASE_WORDS: usize = 4;
/// Identifiers of the memory the assistant must repeat.
pub const MIN_IDENTIFIERS: usize = 2;

/// How one memory fared in the assistant sessions it was injected into: the input of [`rank_factor`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Uses {
    /// Sessions the hooks injected it into.
    pub sessions: u32,
    /// Of those, sessions whose transcript shows it used.
    pub used: u32,
}

/// Usage per memory id, as the store knows it. Empty when nothing was recorded: the signal is then neutral.
pub type UsageMap = HashMap<String, Uses>;

/// The share of injected memories assumed used before there is evidence: below it a memory fades, above it rises.
pub const USAGE_PRIOR: f32 = 0.2;
/// The most usage moves a score, either way: ±6%.
pub const USAGE_SPAN: f32 = 0.06;
/// Sessions at which the evidence counts half: confidence is `sessions / (sessions + USAGE_EVIDENCE)`.
pub const USAGE_EVIDENCE: f32 = 5.0;
/// Fewer injected sessions than this say nothing.
pub const USAGE_MIN_SESSIONS: u32 = 3;

/// The score multiplier usage earns a memory, in `1 ± USAGE_SPAN`: the smoothed share of its sessions that used it
/// (`(used + prior) / (sessions + 1)`, starting from [`USAGE_PRIOR`]), centred on the prior and scaled to −1..1,
/// times the confidence that grows with the number of sessions. 10 sessions and never used: ×0.96; 30: ×0.95;
/// used in 8 of 10: ×1.03.
pub fn rank_factor(uses: Uses) -> f32 {
    if uses.sessions < USAGE_MIN_SESSIONS {
        return 1.0;
    }
    let sessions = uses.sessions as f32;
    let used = uses.used.min(uses.sessions) as f32;
    let rate = (used + USAGE_PRIOR) / (sessions + 1.0);
    let centred = if rate >= USAGE_PRIOR {
        (rate - USAGE_PRIOR) / (1.0 - USAGE_PRIOR)
    } else {
        (rate - USAGE_PRIOR) / USAGE_PRIOR
    };
    let confidence = sessions / (sessions + USAGE_EVIDENCE);
    1.0 + USAGE_SPAN * confidence * centred
}

/// Why a memory counts as used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// The assistant wrote the memory's id (e.g. fetched it with the MCP `get_memory` tool, or cited it).
    Cited,
    /// The assistant repeated this run of the memory's words.
    Phrase(String),
    /// The assistant used these identifiers of the memory.
    Identifiers(Vec<String>),
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evidence::Cited => f.write_str("cited its id"),
            Evidence::Phrase(phrase) => write!(f, "repeated \"{phrase}\""),
            Evidence::Identifiers(names) => write!(f, "used {}", names.join(", ")),
        }
    }
}

/// What was said in one session, split by who said it, prepared once for checking many memories.
#[derive(Debug, Default)]
pub struct Conversation {
    /// What the assistant wrote, lowercased.
    said: String,
    said_phrases: HashSet<String>,
    /// Everything else (user prompts, tool results), lowercased.
    heard: String,
    heard_phrases: HashSet<String>,
}

impl Conversation {
    /// `said`: the assistant's replies and tool-call inputs; `heard`: the user's prompts and tool results.
    pub fn new(said: &str, heard: &str) -> Self {
        let said = said.to_lowercase();
        let heard = heard.to_lowercase();
        Conversation { said_phrases: phrases(&said), heard_phrases: phrases(&heard), said, heard }
    }

    /// The evidence that the assistant used `memory`, if any (see the module's rule).
    pub fn evidence(&self, memory: &Memory) -> Option<Evidence> {
        let id = memory.id.as_str();
        if contains_term(&self.said, id) || contains_term(&self.said, &id[..SHORT_ID_LEN.min(id.len())]) {
            return Some(Evidence::Cited);
        }
        let content = memory.content.to_lowercase();
        for segment in segments(&content) {
            for run in segment.windows(PHRASE_WORDS) {
                if run.iter().filter(|w| !is_stop_word(w)).count() < 2 {
                    continue;
                }
                let phrase = run.join(" ");
                if self.said_phrases.contains(&phrase) && !self.heard_phrases.contains(&phrase) {
                    return Some(Evidence::Phrase(phrase));
                }
            }
        }
        let used: Vec<String> = identifiers(&memory.content)
            .into_iter()
            .filter(|name| contains_term(&self.said, name) && !contains_term(&self.heard, name))
            .collect();
        (used.len() >= MIN_IDENTIFIERS).then_some(Evidence::Identifiers(used))
    }
}

/// The words of `text` (runs of letters, digits and `_`) in stretches that paths interrupt: a path's parts are not
/// words of a phrase (`src/payments/client.rs` is not "src payments client rs").
fn segments(text: &str) -> Vec<Vec<&str>> {
    let mut out = vec![Vec::new()];
    for token in text.split_whitespace() {
        if token.contains('/') {
            out.push(Vec::new());
            continue;
        }
        if let Some(current) = out.last_mut() {
            current.extend(token.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()));
        }
    }
    out
}

fn phrases(text: &str) -> HashSet<String> {
    segments(text).iter().flat_map(|words| words.windows(PHRASE_WORDS).map(|run| run.join(" "))).collect()
}

/// The memory's identifiers, lowercased, in order of first appearance (see the module's rule).
fn identifiers(content: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let tokens = content.split(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | ':' | '-' | '/')));
    for token in tokens {
        let token = token.trim_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
        if token.chars().count() < 3 || token.contains('/') {
            continue;
        }
        let inner: String = token.chars().skip(1).collect();
        let is_identifier = token.chars().any(|c| c.is_ascii_digit()) && token.chars().any(char::is_alphabetic)
            || inner.contains(['_', '.', '-'])
            || inner.contains("::")
            || inner.chars().any(char::is_uppercase) && token.chars().any(char::is_lowercase);
        let lower = token.to_lowercase();
        if is_identifier && !out.contains(&lower) {
            out.push(lower);
        }
    }
    out
}

/// Whether `term` occurs in `text` as a whole word: not glued to a letter, digit or `_` on either side, so
/// `event_id` is not found inside `stripe_event_ids`.
fn contains_term(text: &str, term: &str) -> bool {
    if term.is_empty() {
        return false;
    }
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    text.match_indices(term).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + term.len()..].chars().next();
        !glued(before) && !glued(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_moves_a_score_gently_and_only_with_evidence() {
        let f = |sessions, used| rank_factor(Uses { sessions, used });
        assert_eq!(f(0, 0), 1.0);
        assert_eq!(f(2, 0), 1.0, "two sessions say nothing");
        assert!(f(10, 0) < 1.0 && f(10, 0) > 1.0 - USAGE_SPAN);
        assert!(f(30, 0) < f(10, 0), "more sessions without use fade further");
        assert!(f(10, 8) > 1.0 && f(10, 8) < 1.0 + USAGE_SPAN);
        assert!(f(10, 2) > f(10, 0) && f(10, 2) < f(10, 8));
        assert!(f(1000, 1000) <= 1.0 + USAGE_SPAN && f(1000, 0) >= 1.0 - USAGE_SPAN);
        assert_eq!(f(5, 9), f(5, 5), "used counts at most every session");
    }
    use crate::id::{ConversationId, MemoryId};
    use crate::model::{NewMemory, Resolved};

    fn memory(content: &str) -> Memory {
        let now: jiff::Timestamp = "2026-11-24T14:00:00Z".parse().expect("time");
        let new = NewMemory { content: content.to_owned(), ..Default::default() };
        let resolved = Resolved {
            id: MemoryId::from_parts(1_764_000_000_000, 7),
            conversation_id: ConversationId::new_from_parts(1_764_000_000_000, 7),
            project: None,
            supersedes: None,
            now,
        };
        new.build(resolved).expect("valid memory").memory
    }

    const POOL: &str = "Gotcha: the connection pool in src/payments/client.rs caps at MAX_POOL_SIZE = 10; raise it in \
                        PaymentsConfig, not in the client.";

    #[test]
    fn an_id_in_what_the_assistant_wrote_is_a_citation() {
        let m = memory(POOL);
        let said = format!("Per memory {} I will check the config.", m.id.short());
        assert_eq!(Conversation::new(&said, "").evidence(&m), Some(Evidence::Cited));
    }

    #[test]
    fn a_repeated_run_of_words_is_evidence_unless_the_user_said_it_first() {
        let m = memory(POOL);
        let said = "The connection pool in this service caps at ten, so I raised it.";
        let evidence = Conversation::new(said, "").evidence(&m);
        assert_eq!(evidence, Some(Evidence::Phrase("the connection pool in".to_owned())), "{evidence:?}");
        assert_eq!(Conversation::new(said, "why does the connection pool in prod stall?").evidence(&m), None);
    }

    #[test]
    fn two_identifiers_are_evidence_one_is_not() {
        let m = memory(POOL);
        let both = "Raising MAX_POOL_SIZE in PaymentsConfig to 25.";
        assert_eq!(
            Conversation::new(both, "").evidence(&m),
            Some(Evidence::Identifiers(vec!["max_pool_size".to_owned(), "paymentsconfig".to_owned()]))
        );
        assert_eq!(Conversation::new("I changed PaymentsConfig.", "").evidence(&m), None);
        // What a tool returned is not the memory's contribution.
        assert_eq!(Conversation::new(both, "pub struct PaymentsConfig { max_pool_size: usize }").evidence(&m), None);
    }

    #[test]
    fn working_in_the_anchored_file_or_on_the_topic_is_not_use() {
        let m = memory(POOL);
        let said = "I edited src/payments/client.rs to add retries to the payments client.";
        assert_eq!(Conversation::new(said, "").evidence(&m), None);
    }

    #[test]
    fn identifiers_are_whole_words() {
        assert!(contains_term("use event_id here", "event_id"));
        assert!(!contains_term("use stripe_event_ids here", "event_id"));
        assert_eq!(
            identifiers("Use `processed_events`, OAuth2 and std::fs; not this."),
            ["processed_events", "oauth2", "std::fs"]
        );
    }
}
