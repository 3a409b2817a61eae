//! Capturing a Cursor conversation as session memories: the hook payload, the transcript span since the last
//! capture, and when `stop` has seen enough. The memories themselves are built by `adapter_common::capture`,
//! like Claude Code's.

use adapter_common::capture::{self, Assistant, Session};
use mx_plugin::serde_json::Value;
use mx_plugin::{EventResponse, host};

use crate::transcript;

/// Why a capture runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// preCompact or sessionEnd: save whatever new conversation there is.
    End,
    /// stop (after every agent loop): save only when enough new conversation accumulated.
    Stop,
}

/// How Cursor sessions are named in their memories. The transcript has no tool calls, so its files are the
/// ones the conversation names.
pub const CURSOR: Assistant = Assistant { name: "Cursor", topic: "cursor", files_heading: "Files mentioned" };

/// `stop` captures once the span holds this many prompts...
pub const STOP_MIN_PROMPTS: usize = 3;
/// ...or at least one prompt and this much conversation text (a long exchange about one hard problem).
pub const STOP_MIN_CHARS: usize = 6_000;

/// The conversation a Cursor conversation's memories belong to.
pub fn conversation_id(cursor_conversation: &str) -> String {
    format!("conv_cursor_{cursor_conversation}")
}

/// True when a span is worth a memory for `trigger`.
pub fn enough(session: &Session, trigger: Trigger) -> bool {
    match trigger {
        Trigger::End => !session.is_empty(),
        Trigger::Stop => {
            session.asks.len() >= STOP_MIN_PROMPTS || (!session.asks.is_empty() && session.chars >= STOP_MIN_CHARS)
        }
    }
}

pub fn capture(payload: &Value, cwd: &str, trigger: Trigger) -> Result<EventResponse, String> {
    // Every Cursor hook gets `conversation_id`; sessionStart/sessionEnd also name it `session_id`.
    let id = ["conversation_id", "session_id"].iter().find_map(|key| payload[*key].as_str().filter(|s| !s.is_empty()));
    let Some(id) = id else {
        return Err("the hook payload has no conversation_id".to_owned());
    };
    let Some(path) = payload["transcript_path"].as_str().filter(|s| !s.is_empty()) else {
        return Err(
            "the hook payload has no transcript_path (Cursor sends it only when agent transcripts are on)".to_owned()
        );
    };
    let cwd = payload["workspace_roots"][0].as_str().filter(|s| !s.is_empty()).unwrap_or(cwd);
    let conversation = conversation_id(id);
    let captured = capture::last_capture(&conversation, transcript::parse_position)?.unwrap_or(0);
    let text = host::read_to_string(path)?;
    let session = transcript::read(&text, cwd, captured);
    if !enough(&session, trigger) {
        return Ok(EventResponse::none());
    }
    Ok(EventResponse::save(capture::drafts(&session, &conversation, &CURSOR)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CWD: &str = "/home/dev/code/shop";
    const SESSION: &str = include_str!("../tests/fixtures/session.jsonl");
    const CONTINUED: &str = include_str!("../tests/fixtures/session-continued.jsonl");

    #[test]
    fn the_recorded_session_becomes_a_summary_a_decision_pair_and_a_debugging_memory() {
        let session = transcript::read(SESSION, CWD, 0);
        assert!(enough(&session, Trigger::Stop), "three prompts are enough for stop");
        let drafts = capture::drafts(&session, &conversation_id("c0ffee"), &CURSOR);
        let contents: Vec<&str> = drafts.iter().map(|d| d.content.as_str()).collect();
        assert_eq!(contents.len(), 4, "{contents:#?}");
        assert!(
            contents[0].starts_with(
                "Cursor session.\nWhere it stands: `POST /api/refunds` now issues idempotent full refunds"
            ),
            "{}",
            contents[0]
        );
        assert!(
            contents[0].contains(
                "Files mentioned: src/routes/refunds.ts, src/lib/stripe.ts, .env.local, src/routes/refunds.test.ts"
            ),
            "{}",
            contents[0]
        );
        assert!(contents[0].ends_with("Transcript captured through message 6."), "{}", contents[0]);
        // The pasted key is still in the draft: the host redacts every memory it writes (tested end to end).
        assert!(contents[0].contains("STRIPE_SECRET_KEY=sk_live_"), "{}", contents[0]);
        assert_eq!(
            contents[1],
            "We'll derive the Stripe idempotency key from the order id rather than a random UUID, so a retried request can never refund twice. (stated in a Cursor session)"
        );
        assert!(contents[3].starts_with("Error \"TypeError: Cannot read properties of undefined (reading 'amount_received')\" — The root cause was"), "{}", contents[3]);
        assert!(drafts.iter().all(|d| d.conversation_id.as_deref() == Some("conv_cursor_c0ffee")));
        assert_eq!(capture::marker(contents[0]).as_deref().and_then(transcript::parse_position), Some(6));
    }

    #[test]
    fn stop_waits_for_enough_conversation_but_the_end_of_a_session_takes_any() {
        let transcript = format!("{SESSION}{CONTINUED}");
        let one_prompt = transcript::read(&transcript, CWD, 6);
        assert!(!enough(&one_prompt, Trigger::Stop));
        assert!(enough(&one_prompt, Trigger::End));
        assert!(!enough(&transcript::read(&transcript, CWD, 8), Trigger::End), "nothing new: nothing saved");
    }
}
