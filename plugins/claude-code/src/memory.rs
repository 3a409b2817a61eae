//! Turning a transcript span into session memories, and remembering where the last capture ended.

use mx_plugin::serde_json::Value;
use mx_plugin::{EventResponse, MemoryDraft, MemoryKind, SearchRequest, host};

use crate::transcript::{self, Session};

/// Why a capture runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// PreCompact or SessionEnd: save whatever new work there is.
    End,
    /// Stop (after every reply): save only when enough new work accumulated.
    Stop,
}

/// Stop captures once the span holds at least this many file edits and shell commands (tool calls, repeats
/// included): a reply that answered a question or ran one command is not a session worth a memory yet.
pub const STOP_MIN_ACTIONS: usize = 6;
/// The line that ends every session memory; the next capture of the session starts after this timestamp.
pub const MARKER_PREFIX: &str = "Transcript captured through ";
/// At most this many decision and debugging memories beside the session summary.
const MAX_DECISION_MEMORIES: usize = 3;
const MAX_DEBUGGING_MEMORIES: usize = 2;
const MAX_LISTED_FILES: usize = 20;
const MAX_LISTED_COMMANDS: usize = 12;
const MAX_LISTED_ASKS: usize = 6;

/// The conversation a Claude Code session's memories belong to.
pub fn conversation_id(session_id: &str) -> String {
    format!("conv_claude_{session_id}")
}

pub fn capture(payload: &Value, cwd: &str, trigger: Trigger) -> Result<EventResponse, String> {
    let Some(session_id) = payload["session_id"].as_str().filter(|s| !s.is_empty()) else {
        return Err("the hook payload has no session_id".to_owned());
    };
    let Some(path) = payload["transcript_path"].as_str().filter(|s| !s.is_empty()) else {
        return Err("the hook payload has no transcript_path".to_owned());
    };
    let cwd = payload["cwd"].as_str().unwrap_or(cwd);
    let conversation = conversation_id(session_id);
    let after = last_capture(&conversation)?;
    let text = host::read_to_string(path)?;
    let session = transcript::read(&text, cwd, after.as_deref());
    let enough = match trigger {
        Trigger::End => !session.is_empty(),
        Trigger::Stop => session.actions >= STOP_MIN_ACTIONS,
    };
    if !enough {
        return Ok(EventResponse::none());
    }
    Ok(EventResponse::save(drafts(&session, &conversation)))
}

/// The newest capture marker in the session's conversation, if any.
fn last_capture(conversation: &str) -> Result<Option<String>, String> {
    let mut request = SearchRequest::default();
    request.query = String::new();
    request.limit = 100;
    request.kinds = vec![MemoryKind::Progress];
    request.conversation_id = Some(conversation.to_owned());
    let hits = host::search(&request)?;
    Ok(hits.iter().filter_map(|hit| marker(&hit.content)).max())
}

/// The timestamp of a session memory's marker line.
pub fn marker(content: &str) -> Option<String> {
    let line = content.lines().rev().find(|l| l.starts_with(MARKER_PREFIX))?;
    let ts = line[MARKER_PREFIX.len()..].trim().trim_end_matches('.');
    (!ts.is_empty()).then(|| ts.to_owned())
}

/// The memories of one captured span: a progress summary, plus the decisions stated and the errors fixed as
/// memories of their own kinds so they rank as such.
pub fn drafts(session: &Session, conversation: &str) -> Vec<MemoryDraft> {
    let date = session.through.as_deref().and_then(|t| t.get(..10)).unwrap_or("unknown date");
    let mut drafts = vec![
        MemoryDraft::new(summary(session, date))
            .kind(MemoryKind::Progress)
            .topics(["session", "claude-code"])
            .files(session.files.iter().take(MAX_LISTED_FILES).cloned())
            .conversation(conversation),
    ];
    for decision in session.decisions.iter().take(MAX_DECISION_MEMORIES) {
        drafts.push(
            MemoryDraft::new(format!("{decision} (stated in a Claude Code session on {date})"))
                .kind(MemoryKind::Decision)
                .topics(["claude-code"])
                .importance(0.7)
                .conversation(conversation),
        );
    }
    for error in session.errors.iter().filter(|e| e.resolved).take(MAX_DEBUGGING_MEMORIES) {
        drafts.push(
            MemoryDraft::new(debugging_text(error))
                .kind(MemoryKind::Debugging)
                .topics(["claude-code"])
                .files(error.fixed_by.iter().cloned())
                .importance(0.6)
                .conversation(conversation),
        );
    }
    drafts
}

fn debugging_text(error: &transcript::ErrorFix) -> String {
    let fix = if error.fixed_by.is_empty() {
        "it passed on a later run without file edits".to_owned()
    } else {
        format!("fixed by editing {}; it then passed", error.fixed_by.join(", "))
    };
    format!("`{}` failed with: {} — {fix}.", error.command, error.error)
}

/// The session summary, one fact per line so the digest can quote it.
fn summary(session: &Session, date: &str) -> String {
    let mut out = format!("Claude Code session on {date}.\n");
    // The outcome first: a digest that has to shorten this memory keeps its beginning.
    if let Some(standing) = &session.last_said {
        out.push_str(&format!("Where it stands: {standing}\n"));
    }
    if !session.asks.is_empty() {
        let asks: Vec<String> = session.asks.iter().take(MAX_LISTED_ASKS).map(|a| format!("\"{a}\"")).collect();
        out.push_str(&format!("Asked: {}\n", asks.join("; ")));
    }
    if !session.files.is_empty() {
        out.push_str(&format!("Files created or edited: {}\n", list(&session.files, MAX_LISTED_FILES, |f| f.clone())));
    }
    if !session.commands.is_empty() {
        out.push_str(&format!("Commands run: {}\n", list(&session.commands, MAX_LISTED_COMMANDS, |c| format!("`{c}`"))));
    }
    for error in &session.errors {
        let outcome = if error.resolved {
            if error.fixed_by.is_empty() {
                "passed on a later run".to_owned()
            } else {
                format!("fixed by editing {}", error.fixed_by.join(", "))
            }
        } else {
            "not resolved yet".to_owned()
        };
        out.push_str(&format!("Error: `{}` failed with \"{}\"; {outcome}.\n", error.command, error.error));
    }
    for decision in &session.decisions {
        out.push_str(&format!("Decision: {decision}\n"));
    }
    if let Some(through) = &session.through {
        out.push_str(&format!("{MARKER_PREFIX}{through}."));
    }
    out.trim_end().to_owned()
}

fn list(items: &[String], max: usize, show: impl Fn(&String) -> String) -> String {
    let mut shown: Vec<String> = items.iter().take(max).map(show).collect();
    if items.len() > max {
        shown.push(format!("and {} more", items.len() - max));
    }
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_round_trips_through_the_summary() {
        let mut session = Session::default();
        session.asks.push("Add retries".to_owned());
        session.through = Some("2026-11-25T10:01:10.000Z".to_owned());
        let drafts = drafts(&session, "conv_claude_abc");
        assert_eq!(drafts.len(), 1);
        assert_eq!(marker(&drafts[0].content).as_deref(), Some("2026-11-25T10:01:10.000Z"));
        assert_eq!(drafts[0].conversation_id.as_deref(), Some("conv_claude_abc"));
        assert_eq!(marker("no marker here"), None);
    }
}
