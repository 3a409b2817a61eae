//! Cursor's hooks end to end, through the built-in adapter in the `mx` binary: a recorded agent transcript of a
//! realistic conversation (a request with an API key pasted by mistake, a stated decision, a failing test and
//! its fix) becomes session memories with the key redacted when `stop` fires, the next `sessionStart` injects
//! them as `additional_context`, and later hooks capture only new conversation.

mod adapters_support;

use std::path::Path;

use adapters_support::{Env, env, essentials, read, redact_ids, write};
use serde_json::{Value, json};

const CONVERSATION_ID: &str = "4b2e9c71-8a3d-4f05-b6e2-91c7d0a5f3e8";
const PASTED_KEY: &str = "sk_live_51NvT8wQ2mZ4xK7pR9sL3dF6gH1jB0cE8aYu";

/// The recorded transcript, shared with the adapter's unit tests.
fn cursor_fixture(name: &str) -> String {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plugins/cursor/tests/fixtures").join(name))
}

/// Puts the transcript where Cursor keeps agent transcripts and returns its path.
fn install_transcript(env: &Env, text: &str) -> String {
    let path = env
        .home
        .join(".cursor/projects/home-dev-code-shop/agent-transcripts")
        .join(CONVERSATION_ID)
        .join(format!("{CONVERSATION_ID}.jsonl"));
    write(&path, text);
    path.display().to_string()
}

fn append(path: &str, text: &str) {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new().append(true).open(path).expect("open transcript");
    file.write_all(text.as_bytes()).expect("append transcript");
}

/// The payload Cursor sends on stdin: the common fields of every hook plus `extra`.
fn payload(env: &Env, event: &str, transcript: Option<&str>, extra: Value) -> String {
    let mut value = json!({
        "conversation_id": CONVERSATION_ID,
        "generation_id": "e1f0a2b3-5c6d-4e7f-8a9b-0c1d2e3f4a5b",
        "model": "claude-4.5-sonnet",
        "hook_event_name": event,
        "cursor_version": "2.1.32",
        "workspace_roots": [env.project.display().to_string()],
        "user_email": "dev@example.com",
        "transcript_path": transcript,
    });
    if let (Some(map), Some(extra)) = (value.as_object_mut(), extra.as_object()) {
        map.extend(extra.clone());
    }
    value.to_string()
}

#[test]
fn a_recorded_conversation_becomes_redacted_memories_that_the_next_session_starts_with() {
    let env = env();
    let start = payload(
        &env,
        "sessionStart",
        None,
        json!({ "session_id": CONVERSATION_ID, "is_background_agent": false, "composer_mode": "agent" }),
    );
    assert_eq!(env.hook("cursor", "session-start", &start), "", "no memories: no context");

    let transcript = install_transcript(&env, &cursor_fixture("session.jsonl"));
    let stop = payload(&env, "stop", Some(&transcript), json!({ "status": "completed", "loop_count": 0 }));
    assert_eq!(env.hook("cursor", "stop", &stop), "", "stop prints nothing (no followup_message)");
    assert_eq!(env.hook_log(), "", "the capture failed");

    let memories = env.memories();
    let all = serde_json::to_string(&memories).expect("json");
    assert!(!all.contains(PASTED_KEY), "the pasted key was stored: {all}");
    // `STRIPE_SECRET_KEY=sk_live_…` is caught as an assignment of a secret (the snapshot pins which rule).
    assert!(all.contains("[redacted:"), "no redaction marker: {all}");
    assert!(memories.iter().all(|m| m["conversationId"] == format!("conv_cursor_{CONVERSATION_ID}")));
    insta::assert_json_snapshot!("cursor_session_memories", essentials(&memories));

    // The same span is never captured twice, whichever hook fires next.
    env.hook("cursor", "stop", &stop);
    env.hook(
        "cursor",
        "pre-compact",
        &payload(
            &env,
            "preCompact",
            Some(&transcript),
            json!({ "trigger": "auto", "context_usage_percent": 85, "message_count": 6 }),
        ),
    );
    let end =
        payload(&env, "sessionEnd", Some(&transcript), json!({ "session_id": CONVERSATION_ID, "reason": "completed" }));
    env.hook("cursor", "session-end", &end);
    assert_eq!(env.memories().len(), memories.len(), "a span was captured twice");

    // The next session starts with what this one recorded, as Cursor's sessionStart output.
    let out = env.hook("cursor", "session-start", &start);
    let output: Value = serde_json::from_str(&out).expect("sessionStart output is JSON");
    let context = output["additional_context"].as_str().expect("additional_context");
    assert!(context.contains("idempotent full refunds"), "where things stand is missing: {context}");
    assert!(context.contains("idempotency key from the order id"), "the decision is missing: {context}");
    assert!(!context.contains(PASTED_KEY));
    insta::assert_snapshot!("cursor_session_start_context", redact_ids(context));
}

#[test]
fn stop_waits_for_enough_new_conversation_and_session_end_takes_the_rest() {
    let env = env();
    let transcript = install_transcript(&env, &cursor_fixture("session.jsonl"));
    let stop = payload(&env, "stop", Some(&transcript), json!({ "status": "completed", "loop_count": 0 }));
    env.hook("cursor", "stop", &stop);
    let first = env.memories();
    assert!(!first.is_empty(), "{}", env.hook_log());

    // One prompt since: not enough for stop.
    append(&transcript, &cursor_fixture("session-continued.jsonl"));
    env.hook("cursor", "stop", &stop);
    assert_eq!(env.memories().len(), first.len(), "stop captured a one-prompt span");

    // The session ends: the rest is captured, and only the rest.
    let end = payload(
        &env,
        "sessionEnd",
        Some(&transcript),
        json!({ "session_id": CONVERSATION_ID, "reason": "user_close" }),
    );
    env.hook("cursor", "session-end", &end);
    let memories = env.memories();
    let new: Vec<Value> = memories[first.len()..].to_vec();
    assert_eq!(new.len(), 1, "{new:#?}");
    let content = new[0]["content"].as_str().expect("content");
    assert!(content.contains("Also write an audit log entry for every refund."), "{content}");
    assert!(content.contains("src/audit/refund-log.ts"), "{content}");
    assert!(content.ends_with("Transcript captured through message 8."), "{content}");
    assert!(!content.contains("POST /api/refunds endpoint"), "the first span was captured again: {content}");
    env.hook("cursor", "session-end", &end);
    assert_eq!(env.memories().len(), memories.len());
}

#[test]
fn hooks_fail_open_without_a_transcript_or_outside_cursors_files() {
    let env = env();
    for (event, input) in [
        ("stop", "not json".to_owned()),
        ("session-end", payload(&env, "sessionEnd", None, json!({ "reason": "completed" }))),
        ("pre-compact", payload(&env, "preCompact", Some("/etc/passwd"), json!({ "trigger": "auto" }))),
    ] {
        let out = env.mx(&["hook", "cursor", event]).write_stdin(input).output().expect("run");
        assert!(out.status.success(), "{event} did not exit 0");
        assert!(out.stdout.is_empty(), "{event} printed {:?}", String::from_utf8_lossy(&out.stdout));
    }
    let log = env.hook_log();
    assert!(log.contains("not JSON"), "{log}");
    assert!(log.contains("no transcript_path"), "{log}");
    assert!(log.contains("denied"), "reading /etc/passwd was not refused: {log}");
    assert!(env.memories().is_empty());
}
