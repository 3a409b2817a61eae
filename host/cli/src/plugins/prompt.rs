//! Prompt-time context: what a plugin gets when it asks the host for a digest *for* a prompt (`digest` with a
//! query). Every adapter's prompt hook goes through here, so the selection is the host's, in one place:
//!
//! 1. the store's search for the prompt over the kinds a prompt wants (facts and past bugs; where the work stands is
//!    session start's);
//! 2. what is not current left out ([`mx_core::current`]: replaced facts, stale progress and gotchas);
//! 3. the prompt gate ([`mx_core::gate`]), whose thresholds were fitted on the tuning context sets;
//! 4. rendered as a short list, each memory with its kind, short id and date, a stale mark where its code moved, and
//!    debugging memories framed as the past bug they are when the prompt describes a symptom.
//!
//! The memories it returns are the list injected; `Digested::memories` carries them to the plugin host's caller.

use mx_core::gate::{self, PromptGate};
use mx_core::model::{Kind, Memory};
use mx_store::{Filter, SearchRequest, Store, StoreError};

/// How many ranked candidates the gate chooses from.
const CANDIDATES: usize = 8;
/// Each memory is cut to this many characters (three of them stay under ~300 tokens).
const MEMORY_CHARS: usize = 320;
/// The kinds a prompt-time injection draws from: session start already gave where the work stands.
const PROMPT_KINDS: &[Kind] =
    &[Kind::Decision, Kind::RuledOut, Kind::Constraint, Kind::Convention, Kind::Debugging, Kind::Gotcha, Kind::Note];

/// The memories worth injecting for `prompt`, best first, and their rendering (empty when none passes the gate).
pub fn select(
    store: &Store,
    prompt: &str,
    filter: &Filter,
    now: Option<jiff::Timestamp>,
    gate: &PromptGate,
) -> Result<(String, Vec<Memory>), StoreError> {
    let mut search = SearchRequest::new(prompt.to_owned());
    search.limit = CANDIDATES;
    search.filter = filter.clone();
    search.filter.kinds = PROMPT_KINDS.to_vec();
    search.now = now;
    let ranked = mx_core::current::current(store.search(&search)?, |r| &r.memory);
    let scored: Vec<(&Memory, f32)> = ranked.iter().map(|r| (&r.memory, r.score)).collect();
    let chosen: Vec<Memory> =
        gate::admit(prompt, &scored, gate).into_iter().map(|i| ranked[i].memory.clone()).collect();
    Ok((render(prompt, &chosen), chosen))
}

/// The injected text: one bullet per memory, `[kind] content (short id, date)`, the stale mark after it.
pub fn render(prompt: &str, memories: &[Memory]) -> String {
    if memories.is_empty() {
        return String::new();
    }
    let symptom = mx_core::intent::describes_symptom(prompt);
    let mut out = String::from("Relevant project memory (mx):\n");
    for m in memories {
        let label = match m.kind {
            // "This is like the race you fixed in the token refresh flow": a symptom meets the bug it resembles.
            Kind::Debugging | Kind::Gotcha if symptom => "similar past bug",
            kind => kind.as_str(),
        };
        let short_id: String = m.id.as_str().chars().take(10).collect();
        let date = m.created_at.to_string();
        let date = date.get(..10).unwrap_or(&date);
        let content = one_line(&m.content, MEMORY_CHARS);
        out.push_str(&format!("- [{label}] {content} ({short_id}, {date})"));
        if let Some(stale) = m.stale.as_ref().filter(|s| s.is_stale) {
            out.push_str(&format!(" [stale: {}]", stale.mark));
        }
        out.push('\n');
    }
    out
}

/// `text` on one line, cut to `max` characters with an ellipsis.
fn one_line(text: &str, max: usize) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() <= max {
        return joined;
    }
    let mut cut: String = joined.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}
