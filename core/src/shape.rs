//! The shape of a candidate pool, which decides the weights it is ranked with ([`crate::tuning::Tuning::for_shape`]).
//!
//! Three kinds of memory answer questions differently:
//! - **notes** an assistant saved (nearly all written as the assistant): the wording of a note (its kind, its
//!   importance) is evidence;
//! - a **chat** transcript (raw user and assistant turns about someone's life, plans, purchases): the facts are
//!   mostly the user's own turns, and "we" is the user and their family;
//! - a **coding** transcript (a developer and an assistant at work on a project): the substance, what was built,
//!   why it broke, how it was fixed, is mostly in the assistant's turns, which name files, commands and
//!   identifiers; "we" is the developer and the assistant.
//!
//! A pool is a transcript when enough of it are the user's own turns ([`is_transcript`]), and a coding one when at least
//! [`CODE_SHARE`] of its assistant turns read as technical ([`looks_technical`]).

use crate::model::Role;
use crate::rank::Candidate;

/// The share of a transcript's assistant turns that must read as technical for a coding transcript. Personal chats
/// have 0-3% (a recipe, a budget), coding sessions 80-90% (measured on the eval sets: EVAL.md).
pub const CODE_SHARE: f32 = 0.4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Notes,
    Chat,
    Code,
}

impl Shape {
    /// The shape of a candidate pool (module documentation).
    pub fn of(candidates: &[Candidate]) -> Shape {
        if !is_transcript(candidates.iter().map(|c| &c.memory.role)) {
            return Shape::Notes;
        }
        let (mut technical, mut assistant) = (0usize, 0usize);
        for c in candidates.iter().filter(|c| c.memory.role == Role::Assistant) {
            assistant += 1;
            technical += usize::from(looks_technical(opening(&c.memory.content)));
        }
        if assistant > 0 && technical as f32 >= CODE_SHARE * assistant as f32 { Shape::Code } else { Shape::Chat }
    }

    pub fn is_transcript(self) -> bool {
        self != Shape::Notes
    }
}

/// Whether a pool is a conversation transcript: at least a fifth of it are the user's own turns, or a tenth and at
/// least [`TRANSCRIPT_MIN_USERS`]. Notes an assistant saves are written as the assistant (a user's note is rare);
/// a transcript has both sides, though long assistant answers share more words with a question than the user's
/// short turns and can take most of its pool.
pub fn is_transcript<'a>(roles: impl Iterator<Item = &'a Role>) -> bool {
    let (mut users, mut all) = (0usize, 0usize);
    for r in roles {
        all += 1;
        users += usize::from(*r == Role::User);
    }
    all > 0 && (users * 5 >= all || users * 10 >= all && users >= TRANSCRIPT_MIN_USERS)
}

/// How many of the user's turns a pool needs to count as a transcript below a fifth of it.
pub const TRANSCRIPT_MIN_USERS: usize = 5;

/// The first [`OPENING_BYTES`] of a text (at a character boundary): a turn about code names something technical
/// early, and a long chat answer need not be read to the end to tell.
fn opening(text: &str) -> &str {
    let mut end = text.len().min(OPENING_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

const OPENING_BYTES: usize = 800;

/// Whether a text reads as written about code: a backtick, a source file name (`main.rs`, `settings.py`), a path of
/// two or more directories, an identifier in snake_case, camelCase or with `::`, a call `f()`, or a command-line
/// flag (`--release`). One is enough: prose about a life has none of them.
pub fn looks_technical(text: &str) -> bool {
    text.contains('`') || text.split_whitespace().any(technical_word)
}

fn technical_word(word: &str) -> bool {
    // Most words are plain lower-case letters: nothing technical can be in them.
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let w = word.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '"' | '\'' | '(' | ')'));
    if w.starts_with("--") && w.len() > 2 && w[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return true;
    }
    if w.contains("::") || word.contains("()") || w.matches('/').count() >= 2 && !w.contains("//") {
        return true;
    }
    let letters = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric());
    // snake_case: lower-case parts joined by underscores.
    if w.contains('_')
        && w.split('_').filter(|p| !p.is_empty()).count() >= 2
        && w.split('_').all(|p| p.is_empty() || letters(p))
    {
        return true;
    }
    // camelCase: starts lower-case, a capital inside ("useEffect", "getUser"; not "iPhone"-short words).
    let mut chars = w.chars();
    if w.len() >= 5
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && letters(w)
        && w.chars().skip(2).any(|c| c.is_ascii_uppercase())
    {
        return true;
    }
    // A source file: name.ext with a known extension.
    if let Some((stem, ext)) = w.rsplit_once('.') {
        return !stem.is_empty()
            && letters(stem.trim_start_matches(|c| c == '_' || c == '/'))
            && SOURCE_EXTENSIONS.contains(&ext);
    }
    false
}

const SOURCE_EXTENSIONS: &[&str] = &[
    "c", "cc", "cpp", "cs", "css", "dart", "env", "ex", "exs", "go", "h", "hpp", "html", "java", "js", "json", "jsx",
    "kt", "lock", "md", "php", "proto", "py", "rb", "rs", "scss", "sh", "sql", "svelte", "swift", "toml", "ts", "tsx",
    "vue", "yaml", "yml",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_reads_as_technical_and_prose_does_not() {
        for text in [
            "Moved the retry into `client.rs` so both callers share it.",
            "The handler in api/orders/create.py never awaited the session.",
            "Set pool_size to 20 and max_overflow to 5.",
            "Wrap the list in useMemo so it does not re-render.",
            "Run it with --release and the panic goes away.",
            "Call tokio::spawn for each connection.",
            "It was reading config.toml from the wrong directory.",
        ] {
            assert!(looks_technical(text), "{text}");
        }
        for text in [
            "Congratulations! A 29-minute 5k means 2:05-2:15 is realistic for the half.",
            "Try a slow cooker: beans, onions and/or peppers, then cook for 6 hours.",
            "My sister moved to Copenhagen in March; her flat is near the lakes.",
            "I bought an iPhone and a Ford e.Transit? No, a used Civic for $9,500.",
        ] {
            assert!(!looks_technical(text), "{text}");
        }
    }

    fn pool(turns: &[(Role, &str)]) -> Vec<Candidate> {
        turns
            .iter()
            .enumerate()
            .map(|(i, (role, content))| {
                let memory = serde_json::from_value(serde_json::json!({
                    "id": crate::MemoryId::from_parts(1_750_000_000_000 + i as u64, i as u128).to_string(),
                    "content": content,
                    "kind": "note",
                    "role": role,
                    "conversationId": "s1",
                    "createdAt": "2025-06-01T12:00:00Z",
                    "updatedAt": "2025-06-01T12:00:00Z",
                }))
                .expect("valid memory");
                Candidate { memory, lexical: 1.0 }
            })
            .collect()
    }

    #[test]
    fn a_pool_is_notes_a_chat_or_a_coding_session() {
        use Role::{Assistant, User};
        let coding = pool(&[
            (User, "the webhook keeps failing signature checks"),
            (Assistant, "The handler reads request.json() before verifying; verify the raw body in webhooks.py."),
            (User, "ok do it"),
            (Assistant, "Done, and STRIPE_WEBHOOK_SECRET now comes from settings.toml."),
        ]);
        assert_eq!(Shape::of(&coding), Shape::Code);
        let chat = pool(&[
            (User, "My sister is getting married in Porto in June!"),
            (Assistant, "How lovely! Porto in June is warm; book early, it's festival season."),
        ]);
        assert_eq!(Shape::of(&chat), Shape::Chat);
        let notes = pool(&[
            (Assistant, "Decision: verify webhooks against the raw body."),
            (Assistant, "Gotcha: `request.json()` consumes the stream."),
        ]);
        assert_eq!(Shape::of(&notes), Shape::Notes);
        assert!(Shape::Code.is_transcript() && !Shape::Notes.is_transcript());
        // Long answers can take most of a transcript's pool; a user's note among notes is rare.
        let roles = |users: usize, all: usize| (0..all).map(move |i| if i < users { User } else { Assistant });
        assert!(is_transcript(roles(8, 60).collect::<Vec<_>>().iter()));
        assert!(!is_transcript(roles(3, 30).collect::<Vec<_>>().iter()));
        assert!(is_transcript(roles(2, 10).collect::<Vec<_>>().iter()));
    }
}
