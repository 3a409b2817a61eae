//! Claude Code's hooks end to end, through the built-in adapter in the `mx` binary: a recorded transcript of a
//! realistic session (tool calls, edits, a failing build and its fix, a stated decision, an API key pasted by
//! mistake) becomes session memories with the key redacted, the next SessionStart injects them, later Stop
//! hooks capture only new work, and UserPromptSubmit injects memories only when they concern the prompt.

mod adapters_support;

use adapters_support::{Env, env, essentials, fixture, redact_ids, write};
use serde_json::{Value, json};

const SESSION_ID: &str = "7f3c2a91-5d4e-4b8a-9c61-2e8f0a7b4d13";
const PASTED_KEY: &str = "sk_live_51HqLy2Kx9vQmT3bRzW8pN4dF7gJ2aE5c";

/// Puts the transcript where Claude Code keeps it and returns its path.
fn install_transcript(env: &Env, text: &str) -> String {
    let path = env.home.join(".claude/projects/-home-dev-code-shop").join(format!("{SESSION_ID}.jsonl"));
    write(&path, text);
    path.display().to_string()
}

fn append(path: &str, text: &str) {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new().append(true).open(path).expect("open transcript");
    file.write_all(text.as_bytes()).expect("append transcript");
}

/// The payload Claude Code sends on stdin (fields as documented in the hooks reference).
fn payload(env: &Env, event: &str, transcript: &str, extra: Value) -> String {
    let mut value = json!({
        "session_id": SESSION_ID,
        "transcript_path": transcript,
        "cwd": env.project.display().to_string(),
        "permission_mode": "default",
        "hook_event_name": event,
    });
    if let (Some(map), Some(extra)) = (value.as_object_mut(), extra.as_object()) {
        map.extend(extra.clone());
    }
    value.to_string()
}

#[test]
fn a_recorded_session_becomes_redacted_memories_that_the_next_session_starts_with() {
    let env = env();
    // Nothing saved yet: SessionStart says nothing rather than an empty heading.
    let start = payload(&env, "SessionStart", "", json!({ "source": "startup" }));
    assert_eq!(env.hook("claude-code", "session-start", &start), "");

    let transcript = install_transcript(&env, &fixture("claude-code/session.jsonl"));
    let end = payload(&env, "SessionEnd", &transcript, json!({ "reason": "prompt_input_exit" }));
    assert_eq!(env.hook("claude-code", "session-end", &end), "", "SessionEnd prints nothing");
    assert_eq!(env.hook_log(), "", "the capture failed");

    let memories = env.memories();
    let all = serde_json::to_string(&memories).expect("json");
    assert!(!all.contains(PASTED_KEY), "the pasted key was stored: {all}");
    assert!(all.contains("[redacted:stripe-key]"), "no redaction marker: {all}");
    insta::assert_json_snapshot!("claude_code_session_memories", essentials(&memories));

    // The same span is never captured twice, whichever hook fires next.
    env.hook("claude-code", "session-end", &end);
    env.hook(
        "claude-code",
        "pre-compact",
        &payload(&env, "PreCompact", &transcript, json!({ "trigger": "auto", "custom_instructions": "" })),
    );
    env.hook("claude-code", "stop", &payload(&env, "Stop", &transcript, json!({ "stop_hook_active": false })));
    assert_eq!(env.memories().len(), memories.len(), "a span was captured twice");

    // The next session starts with what this one recorded, in Claude Code's JSON output format.
    let out = env.hook(
        "claude-code",
        "session-start",
        &payload(&env, "SessionStart", &transcript, json!({ "source": "startup" })),
    );
    let output: Value = serde_json::from_str(&out).expect("SessionStart output is JSON");
    assert_eq!(output["hookSpecificOutput"]["hookEventName"], "SessionStart");
    let context = output["hookSpecificOutput"]["additionalContext"].as_str().expect("additionalContext");
    assert!(context.contains("processed_events"), "{context}");
    assert!(
        context.contains("backfill processed_events for the last 3 days"),
        "where things stand is missing: {context}"
    );
    assert!(!context.contains(PASTED_KEY));
    insta::assert_snapshot!("claude_code_session_start_context", redact_ids(context));
}

#[test]
fn stop_captures_only_once_enough_new_work_accumulated() {
    let env = env();
    let transcript = install_transcript(&env, &fixture("claude-code/session.jsonl"));
    let stop = payload(&env, "Stop", &transcript, json!({ "stop_hook_active": false }));

    // The recorded session has 4 edits/writes and 1 distinct command: 6 actions → captured by Stop.
    env.hook("claude-code", "stop", &stop);
    let first = env.memories();
    assert!(!first.is_empty(), "{}", env.hook_log());

    // One prompt and one new file since: not enough for a Stop capture.
    append(&transcript, &fixture("claude-code/session-continued-a.jsonl"));
    env.hook("claude-code", "stop", &stop);
    assert_eq!(env.memories().len(), first.len(), "Stop captured a tiny span");

    // Six actions accumulated since the last capture: captured, covering only the new span.
    append(&transcript, &fixture("claude-code/session-continued-b.jsonl"));
    env.hook("claude-code", "stop", &stop);
    let memories = env.memories();
    let new: Vec<Value> = memories[first.len()..].to_vec();
    assert_eq!(new.len(), 1, "{new:#?}");
    let content = new[0]["content"].as_str().expect("content");
    assert!(content.contains("Now write the backfill for the last 3 days."), "{content}");
    assert!(content.contains("scripts/backfill_processed_events.sql"), "{content}");
    assert!(!content.contains("Make it idempotent"), "the first span was captured again: {content}");
    assert_eq!(new[0]["conversationId"], format!("conv_claude_{SESSION_ID}"));
    insta::assert_json_snapshot!("claude_code_stop_capture", essentials(&new));
}

#[test]
fn prompt_submit_injects_only_clearly_relevant_memories() {
    let env = env();
    let transcript = install_transcript(&env, &fixture("claude-code/session.jsonl"));
    env.hook("claude-code", "session-end", &payload(&env, "SessionEnd", &transcript, json!({ "reason": "other" })));
    env.stdout(&[
        "memories",
        "create",
        "--content",
        "The admin UI uses Tailwind; no CSS modules.",
        "--kind",
        "convention",
    ]);

    let ask = |prompt: &str| {
        env.hook(
            "claude-code",
            "user-prompt-submit",
            &payload(&env, "UserPromptSubmit", &transcript, json!({ "prompt": prompt })),
        )
    };
    let out = ask("Why do we keep Stripe event ids in processed_events? Could an in-memory cache do?");
    let output: Value = serde_json::from_str(&out).expect("UserPromptSubmit output is JSON");
    assert_eq!(output["hookSpecificOutput"]["hookEventName"], "UserPromptSubmit");
    let context = output["hookSpecificOutput"]["additionalContext"].as_str().expect("additionalContext");
    assert!(context.contains("dedupe on the Stripe event id"), "{context}");
    assert!(!context.contains("Tailwind"), "an unrelated memory was injected: {context}");

    assert_eq!(ask("Rename the sidebar component to NavigationRail"), "", "nothing relevant: nothing injected");
    assert_eq!(ask("yes"), "");
    assert_eq!(ask("/compact"), "");
}

#[test]
fn hooks_fail_open_on_bad_payloads_and_undeclared_transcripts() {
    let env = env();
    for (event, input) in [
        ("session-end", "not json"),
        ("pre-compact", r#"{"session_id":"abc"}"#),
        ("stop", r#"{"session_id":"abc","transcript_path":"/etc/passwd"}"#),
    ] {
        let out = env.mx(&["hook", "claude-code", event]).write_stdin(input).output().expect("run");
        assert!(out.status.success(), "{event} did not exit 0");
        assert!(out.stdout.is_empty(), "{event} printed {:?}", String::from_utf8_lossy(&out.stdout));
    }
    let log = env.hook_log();
    assert!(log.contains("not JSON"), "{log}");
    assert!(log.contains("no transcript_path"), "{log}");
    assert!(log.contains("denied"), "reading /etc/passwd was not refused: {log}");
    assert!(env.memories().is_empty());
}

#[test]
fn hooks_scope_to_the_payloads_cwd_not_the_directory_the_hook_runs_in() {
    let env = env();
    let billing = env.home.join("code/billing");
    std::fs::create_dir_all(&billing).expect("billing dir");
    let git = std::process::Command::new("git").args(["init", "-q"]).current_dir(&billing).status();
    if !git.is_ok_and(|s| s.success()) {
        std::fs::create_dir_all(billing.join(".git")).expect("billing .git");
    }
    env.stdout(&["memories", "create", "--kind", "decision", "--content", "The shop uses Stripe for card payments"]);
    let made = env
        .mx(&["memories", "create", "--kind", "decision", "--content", "Billing invoices are numbered per year"])
        .current_dir(&billing)
        .output()
        .expect("run mx");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    // A user-level hook starts in the home directory; the payload says which project the session is in.
    let start_in = |cwd: &std::path::Path| {
        let payload = json!({ "session_id": SESSION_ID, "cwd": cwd.display().to_string(),
            "hook_event_name": "SessionStart", "source": "startup" });
        let out = env
            .mx(&["hook", "claude-code", "session-start"])
            .current_dir(&env.home)
            .write_stdin(payload.to_string())
            .output()
            .expect("run mx hook");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let shop = start_in(&env.project);
    assert!(shop.contains("Stripe") && !shop.contains("invoices"), "shop session got: {shop}");
    let other = start_in(&billing);
    assert!(other.contains("invoices") && !other.contains("Stripe"), "billing session got: {other}");
    assert_eq!(env.hook_log(), "", "the hook failed");
}
