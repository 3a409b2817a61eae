//! Usage tracking around the hooks: which memories a hook injected into an assistant's session, and — when the
//! session is captured — which of them the assistant used, by the evidence rule of `mx_core::usage`.
//!
//! The host does this itself, not the adapter: every adapter's injections pass through `StoreServices::digest`, and
//! the hook payloads of the assistants that have a transcript name it (`transcript_path`). Assistants whose payload
//! carries no session id (`session_id` or `conversation_id`) are not tracked: an injection that cannot be matched to
//! its session's transcript later would only count as "never used".

use std::collections::HashMap;
use std::io::{Read as _, Seek as _, SeekFrom};

use anyhow::Context as _;
use jiff::Timestamp;
use mx_core::Memory;
use mx_core::usage::Conversation;
use mx_store::Store;
use serde_json::Value;

/// The events at which an assistant's session is captured, and so checked for used memories.
pub const CAPTURE_EVENTS: &[&str] = &["stop", "pre-compact", "session-end"];
/// How much of a transcript's end is read: the same bound as a plugin's `read-file`.
const MAX_TRANSCRIPT_BYTES: u64 = 8 << 20;

/// The assistant's session id in a hook payload: Cursor's `conversation_id`, else `session_id` (Claude Code, and
/// Cursor's session events, where the two are equal).
pub fn session_of(payload: &Value) -> Option<&str> {
    ["conversation_id", "session_id"]
        .iter()
        .find_map(|key| payload.get(key).and_then(Value::as_str))
        .filter(|id| !id.trim().is_empty())
}

/// Records what the hook injected into the payload's session; no session id, nothing recorded.
pub fn record_injected(
    store: &Store,
    assistant: &str,
    event: &str,
    payload: &Value,
    injected: &[Memory],
) -> anyhow::Result<()> {
    let Some(session) = session_of(payload) else { return Ok(()) };
    let mut ids: Vec<_> = injected.iter().map(|m| m.id.clone()).collect();
    ids.dedup();
    store.record_injected(assistant, session, event, &ids, Timestamp::now())?;
    Ok(())
}

/// Checks the session's transcript for the memories injected into it and not yet found used, and records those
/// it shows used. Returns how many were newly found used.
pub fn check_used(store: &Store, assistant: &str, payload: &Value) -> anyhow::Result<usize> {
    let Some(session) = session_of(payload) else { return Ok(0) };
    let waiting: Vec<_> =
        store.session_usage(assistant, session)?.into_iter().filter(|u| u.used_at.is_none()).collect();
    if waiting.is_empty() {
        return Ok(0);
    }
    let Some(path) = payload.get("transcript_path").and_then(Value::as_str).filter(|p| !p.is_empty()) else {
        return Ok(0);
    };
    let transcript = read_tail(path)?;
    let (said, heard) = split(&transcript);
    let conversation = Conversation::new(&said, &heard);
    let now = Timestamp::now();
    let mut found = 0;
    // A memory deleted since it was injected has nothing left to check against. (One read for all: `get` per id
    // would check each one's code anchors without a time budget, and only the text matters here.)
    let ids: Vec<String> = waiting.iter().map(|u| u.memory_id.to_string()).collect();
    let memories: HashMap<String, Memory> =
        store.get_listed(&ids)?.into_iter().map(|m| (m.id.to_string(), m)).collect();
    for usage in waiting {
        let Some(memory) = memories.get(usage.memory_id.as_str()) else { continue };
        if let Some(evidence) = conversation.evidence(memory) {
            store.record_used(assistant, session, &usage.memory_id, &evidence.to_string(), now)?;
            found += 1;
        }
    }
    Ok(found)
}

/// The last [`MAX_TRANSCRIPT_BYTES`] of the transcript, as text (a line cut at the start is skipped as not JSON).
fn read_tail(path: &str) -> anyhow::Result<String> {
    let mut file = std::fs::File::open(path).with_context(|| format!("cannot read the transcript {path}"))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_TRANSCRIPT_BYTES {
        file.seek(SeekFrom::Start(size - MAX_TRANSCRIPT_BYTES))?;
    }
    let mut bytes = Vec::new();
    file.take(MAX_TRANSCRIPT_BYTES).read_to_end(&mut bytes).with_context(|| format!("cannot read {path}"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Splits a JSONL transcript into what the assistant wrote (text and tool-call input) and what it was told (the
/// user's prompts, tool results). Both Claude Code (`{"type":"assistant","message":{"content":[…]}}`) and Cursor
/// (`{"role":"assistant","message":{"content":[…]}}`) write one entry per line with content blocks; other lines are
/// skipped.
fn split(transcript: &str) -> (String, String) {
    let (mut said, mut heard) = (String::new(), String::new());
    for line in transcript.lines() {
        let Ok(entry) = serde_json::from_str::<Value>(line) else { continue };
        // Claude Code's meta entries are its own bookkeeping (slash commands, injected reminders), not the user.
        if entry["isMeta"].as_bool() == Some(true) {
            continue;
        }
        let role = [&entry["type"], &entry["role"], &entry["message"]["role"]]
            .into_iter()
            .filter_map(Value::as_str)
            .find(|r| matches!(*r, "user" | "assistant"));
        let Some(role) = role else { continue };
        let content = if entry["message"].is_object() { &entry["message"]["content"] } else { &entry["content"] };
        let sink = if role == "assistant" { &mut said } else { &mut heard };
        collect_text(content, sink);
    }
    (said, heard)
}

/// Every string inside `value` (text blocks, tool inputs and results), one per line.
fn collect_text(value: &Value, sink: &mut String) {
    match value {
        Value::String(text) => {
            sink.push_str(text);
            sink.push('\n');
        }
        Value::Array(items) => items.iter().for_each(|item| collect_text(item, sink)),
        Value::Object(map) => {
            for (key, item) in map {
                // Block types, tool names and ids are not something anybody said.
                if !matches!(key.as_str(), "type" | "id" | "tool_use_id" | "name") {
                    collect_text(item, sink);
                }
            }
        }
        _ => {}
    }
}
