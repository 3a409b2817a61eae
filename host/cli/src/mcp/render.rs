//! The readable half of each tool result. Assistants read this text (many clients ignore structured content), so it
//! is compact, leads with what matters, and always shows the ids the assistant needs for its next call.

use std::fmt::Write as _;

use mx_core::Memory;
use mx_core::rank::Ranked;
use mx_store::{ConversationSummary, Created, TopicCount, Updated};

/// Longest content shown per search hit; `get_memory` shows the whole text.
const SNIPPET_CHARS: usize = 400;

pub fn created(c: &Created) -> String {
    let m = &c.memory;
    let mut out = format!("Saved memory {} ({}", m.id, m.kind);
    if let Some(inference) = &c.inferred {
        let _ = write!(out, ", inferred: {}", inference.rule);
    }
    let _ = write!(out, ") in conversation {}", m.conversation_id);
    if c.conversation_started {
        let _ = write!(
            out,
            ".\nThis started a new conversation: pass conversationId \"{}\" to later create_memory calls of this session",
            m.conversation_id
        );
    }
    out.push('.');
    if let Some(old) = &m.supersedes {
        let _ = write!(out, "\nIt supersedes {old}.");
    }
    if !c.redactions.is_empty() {
        let kinds: Vec<&str> = c.redactions.iter().map(|f| f.kind).collect();
        let _ = write!(out, "\nRedacted {} secret(s) before saving: {}.", kinds.len(), kinds.join(", "));
    }
    out
}

pub fn updated(u: &Updated) -> String {
    let mut out = match &u.previous {
        Some(prev) => format!("Updated: new version {} supersedes {prev}.", u.memory.id),
        None => format!("Updated memory {}.", u.memory.id),
    };
    if !u.redactions.is_empty() {
        let _ = write!(out, "\nRedacted {} secret(s) before saving.", u.redactions.len());
    }
    out.push('\n');
    out.push_str(&memory(&u.memory));
    out
}

/// One memory in full.
pub fn memory(m: &Memory) -> String {
    let mut out = format!("{} [{}] {}", m.id, m.kind, m.created_at);
    if let Some(name) = &m.name {
        let _ = write!(out, " name={name}");
    }
    if !m.is_current() {
        out.push_str(" (superseded");
        if let Some(by) = &m.superseded_by {
            let _ = write!(out, " by {by}");
        }
        out.push(')');
    }
    let _ = write!(out, "\nconversation: {}", m.conversation_id);
    if let Some(project) = &m.project {
        let _ = write!(out, "\nproject: {project}");
    }
    if !m.topics.is_empty() {
        let _ = write!(out, "\ntopics: {}", m.topics.join(", "));
    }
    if !m.files.is_empty() {
        let _ = write!(out, "\nfiles: {}", m.files.join(", "));
    }
    if let Some(mark) = stale_mark(m) {
        let _ = write!(
            out,
            "\nstale: {mark} (check it; then reanchor_memory if it still holds, or supersede or delete it)"
        );
    }
    let _ = write!(out, "\nimportance: {}  source: {}", m.importance, m.source);
    let _ = write!(out, "\n\n{}", m.content);
    out
}

pub fn search(query: &str, results: &[Ranked]) -> String {
    if results.is_empty() {
        return format!("No memories match \"{query}\".");
    }
    let verb = if results.len() == 1 { "matches" } else { "match" };
    let mut out = format!("{} {verb} \"{query}\" (best first):\n", count(results.len(), "memory", "memories"));
    for (i, r) in results.iter().enumerate() {
        let m = &r.memory;
        let _ = write!(out, "\n{}. {} [{}] {}", i + 1, m.id, m.kind, m.created_at.strftime("%Y-%m-%d"));
        if !m.topics.is_empty() {
            let _ = write!(out, " topics: {}", m.topics.join(", "));
        }
        if !m.is_current() {
            out.push_str(" (superseded)");
        }
        if let Some(mark) = stale_mark(m) {
            let _ = write!(out, " [stale: {mark}]");
        }
        let _ = write!(out, "\n   {}\n", snippet(&m.content));
    }
    out.truncate(out.trim_end().len());
    out
}

pub fn conversations(list: &[ConversationSummary]) -> String {
    if list.is_empty() {
        return "No conversations yet.".to_owned();
    }
    let mut out = format!("{} (most recent first):\n", count(list.len(), "conversation", "conversations"));
    for c in list {
        let _ = write!(
            out,
            "\n{}  {}, {} to {}",
            c.id,
            count(c.memories, "memory", "memories"),
            c.first_at.strftime("%Y-%m-%d"),
            c.last_at.strftime("%Y-%m-%d")
        );
        if !c.topics.is_empty() {
            let _ = write!(out, "  topics: {}", c.topics.join(", "));
        }
        let _ = write!(out, "\n   last: {}\n", snippet(&c.last_content));
    }
    out.truncate(out.trim_end().len());
    out
}

pub fn topics(list: &[TopicCount]) -> String {
    if list.is_empty() {
        return "No topics yet.".to_owned();
    }
    let mut out = format!("{}:\n", count(list.len(), "topic", "topics"));
    for t in list {
        let _ = write!(
            out,
            "\n{} ({}, last {})",
            t.topic,
            count(t.memories, "memory", "memories"),
            t.last_at.strftime("%Y-%m-%d")
        );
    }
    out
}

/// `1 memory`, `3 memories`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The first [`SNIPPET_CHARS`] characters on one line, marked when cut.
fn snippet(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= SNIPPET_CHARS {
        one_line
    } else {
        let head: String = one_line.chars().take(SNIPPET_CHARS).collect();
        format!("{head}… (get_memory for the full text)")
    }
}

/// The mark of a memory whose anchored code moved since it was written.
fn stale_mark(m: &Memory) -> Option<&str> {
    m.stale.as_ref().filter(|s| s.is_stale).map(|s| s.mark.as_str())
}

/// `list_stale_memories`: one line per memory with what moved.
pub fn stale(list: &[Memory]) -> String {
    if list.is_empty() {
        return "No memory's anchored code moved since it was written.".to_owned();
    }
    let mut out = format!("{} whose code moved (newest first):\n", count(list.len(), "memory", "memories"));
    for m in list {
        let _ = write!(out, "\n- {} [{}] {}", m.id, m.kind, snippet(&m.content));
        if let Some(mark) = stale_mark(m) {
            let _ = write!(out, "\n  {mark}");
        }
    }
    out.push_str(
        "\n\nFor each: if it still holds, call reanchor_memory; if it changed, create_memory with supersedes; if it no \
         longer applies, delete_memory.",
    );
    out
}
