//! Turning a transcript span into session memories, and remembering where the last capture ended. The
//! summary, the decision and debugging memories and the capture marker are shared with the other transcript
//! adapters (`adapter_common::capture`); what is Claude Code's is the payload, the transcript format and when
//! Stop has seen enough work.

use adapter_common::capture::{self, Assistant};
use mx_plugin::EventResponse;
use mx_plugin::host;
use mx_plugin::serde_json::Value;

use crate::transcript;

/// Why a capture runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// PreCompact or SessionEnd: save whatever new work there is.
    End,
    /// Stop (after every reply): save only when enough new work accumulated.
    Stop,
}

/// How Claude Code sessions are named in their memories.
pub const CLAUDE_CODE: Assistant =
    Assistant { name: "Claude Code", topic: "claude-code", files_heading: "Files created or edited" };

/// Stop captures once the span holds at least this many file edits and shell commands (tool calls, repeats
/// included): a reply that answered a question or ran one command is not a session worth a memory yet.
pub const STOP_MIN_ACTIONS: usize = 6;

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
    // Markers are RFC 3339 timestamps written by Claude Code: they order as text.
    let after = capture::last_capture(&conversation, |position| Some(position.to_owned()))?;
    let text = host::read_to_string(path)?;
    let session = transcript::read(&text, cwd, after.as_deref());
    let enough = match trigger {
        Trigger::End => !session.is_empty(),
        Trigger::Stop => session.actions >= STOP_MIN_ACTIONS,
    };
    if !enough {
        return Ok(EventResponse::none());
    }
    Ok(EventResponse::save(capture::drafts(&session, &conversation, &CLAUDE_CODE)))
}
