//! Implicit replacement: a fact restated as changed by a later memory is no longer current, even when nobody marked
//! it superseded.
//!
//! Assistants rarely update a memory when a decision changes; they save a new one ("Changed the reminder schedule:
//! reminders now go out 24 hours before…", "Replaced the per-request JWKS fetch with a cached client…"). Context
//! injected at session start or for a prompt must not present the old fact as current. An older memory counts as
//! replaced by a newer one when all of these hold — each alone is common between unrelated memories, together they
//! are a restatement:
//! - same project and same kind (a decision replaces a decision);
//! - the newer one says that something changed ([`CHANGE_CUES`]);
//! - about the same thing: they share a file anchor or have the same non-empty set of topics, and at least
//!   [`MIN_SHARED_WORDS`] distinctive words; without such an anchor, at least [`MIN_SHARED_WORDS_UNANCHORED`].

use std::collections::HashSet;

use crate::model::{Kind, Memory};

/// Words saying that a fact changed.
pub const CHANGE_CUES: &[&str] = &[
    "changed",
    "replaced",
    "replace ",
    "switched",
    "no longer",
    "instead of",
    "moved to",
    "migrated",
    "now ",
    "dropped",
    "stopped",
    "superseded",
    "from now on",
    "reverted",
];
/// Distinctive words (4+ letters, not stop words) the two memories must share.
pub const MIN_SHARED_WORDS: usize = 3;
/// Distinctive words to share when neither a file nor the topics tie the two together.
pub const MIN_SHARED_WORDS_UNANCHORED: usize = 5;

const STOP: &[&str] = &[
    "about", "after", "also", "because", "before", "being", "does", "from", "have", "into", "just", "more", "only",
    "other", "should", "some", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "very", "what", "when", "where", "which", "while", "will", "with", "would", "every", "each", "instead",
    "changed", "replaced", "switched", "longer", "dropped", "stopped",
];

fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !STOP.contains(&w.as_str()))
        .collect()
}

/// What [`replaces`] reads of a memory, computed once.
struct Facts<'a> {
    memory: &'a Memory,
    says_changed: bool,
    words: HashSet<String>,
}

impl<'a> Facts<'a> {
    fn new(memory: &'a Memory) -> Self {
        let lower = memory.content.to_lowercase();
        Self { memory, says_changed: CHANGE_CUES.iter().any(|cue| lower.contains(cue)), words: words(&memory.content) }
    }
}

/// Whether `newer` restates `older` as changed (see the module documentation).
pub fn replaces(newer: &Memory, older: &Memory) -> bool {
    replaces_facts(&Facts::new(newer), &Facts::new(older))
}

fn replaces_facts(newer: &Facts<'_>, older: &Facts<'_>) -> bool {
    let (n, o) = (newer.memory, older.memory);
    if !newer.says_changed
        || n.id == o.id
        || n.created_at <= o.created_at
        || n.kind != o.kind
        || n.kind == Kind::Progress
        || n.project != o.project
    {
        return false;
    }
    let same_files = n.files.iter().any(|f| o.files.contains(f));
    let same_topics = !o.topics.is_empty() && {
        let a: HashSet<&String> = n.topics.iter().collect();
        let b: HashSet<&String> = o.topics.iter().collect();
        a == b
    };
    let shared = newer.words.intersection(&older.words).count();
    shared >= if same_files || same_topics { MIN_SHARED_WORDS } else { MIN_SHARED_WORDS_UNANCHORED }
}

/// The ids of the memories in `memories` that a newer one of them replaces. Each memory's text is read once; only
/// memories that say something changed are compared with the others.
pub fn replaced(memories: &[&Memory]) -> HashSet<String> {
    let facts: Vec<Facts<'_>> = memories.iter().map(|m| Facts::new(m)).collect();
    let mut out = HashSet::new();
    for newer in facts.iter().filter(|f| f.says_changed) {
        for older in &facts {
            if replaces_facts(newer, older) {
                out.insert(older.memory.id.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::{ConversationId, MemoryId};
    use crate::model::{NewMemory, Resolved};

    fn memory(content: &str, kind: Kind, topics: &[&str], files: &[&str], at: &str) -> Memory {
        let mut new = NewMemory::default();
        new.content = content.to_owned();
        new.kind = Some(kind);
        new.topics = topics.iter().map(|t| (*t).to_owned()).collect();
        new.files = files.iter().map(|f| (*f).to_owned()).collect();
        let now: jiff::Timestamp = at.parse().expect("time");
        let resolved = Resolved {
            id: MemoryId::from_parts(now.as_millisecond() as u64, 7),
            conversation_id: ConversationId::new_from_parts(now.as_millisecond() as u64, 7),
            project: Some("shop".to_owned()),
            supersedes: None,
            now,
        };
        new.build(resolved).expect("valid").memory
    }

    #[test]
    fn a_later_change_of_the_same_decision_replaces_it() {
        let old = memory(
            "The billing client polls the charges API every minute for the charge status.",
            Kind::Decision,
            &["billing"],
            &["src/billing/client.ts"],
            "2026-08-01T10:00:00Z",
        );
        let new = memory(
            "Replaced polling in the billing client: the charges API now pushes the charge status to our webhook.",
            Kind::Decision,
            &["billing", "webhooks"],
            &["src/billing/client.ts"],
            "2026-10-01T10:00:00Z",
        );
        assert!(replaces(&new, &old));
        assert!(!replaces(&old, &new), "never backwards in time");
        let other = memory(
            "Decided the billing client retries charges API calls three times with backoff.",
            Kind::Decision,
            &["billing"],
            &["src/billing/client.ts"],
            "2026-10-02T10:00:00Z",
        );
        assert!(!replaces(&other, &old), "another decision about the same file says nothing changed");
        assert_eq!(replaced(&[&old, &new, &other]), HashSet::from([old.id.to_string()]));
    }
}
