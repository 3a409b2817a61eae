//! Reading a Claude Code transcript (the JSONL file at the hook payload's `transcript_path`) into what a
//! session memory should say: what was asked, files created or edited, commands run, errors and how they were
//! resolved, decisions stated, and where the work stands.
//!
//! Each line is one entry: `{"type":"user"|"assistant"|…, "uuid", "timestamp", "cwd", "message":{"role",
//! "content"}}`, where `content` is a string or a list of blocks (`text`, `tool_use` with `name` and `input`,
//! `tool_result` with `tool_use_id`, `content` and `is_error`). Lines that are not JSON (a torn last line while
//! Claude Code is still writing) and entry types mx does not use are skipped.

use std::collections::HashMap;

pub use adapter_common::capture::Session;
use adapter_common::capture::{ErrorFix, MAX_ASK_CHARS, error_line, one_line, relative, scan_decisions, standing};
use mx_plugin::serde_json::Value;

/// Commands are kept to this many characters in a session memory.
const MAX_COMMAND_CHARS: usize = 160;

/// A tool call waiting for its result.
struct PendingTool {
    /// The shell command of a `Bash` call; other tools' results are not inspected.
    command: Option<String>,
}

/// Reads the entries of `transcript` newer than `after` (an RFC 3339 timestamp from a previous capture; entries
/// at or before it were captured already). `cwd` makes file paths repository-relative.
pub fn read(transcript: &str, cwd: &str, after: Option<&str>) -> Session {
    let mut session = Session::default();
    let mut pending: HashMap<String, PendingTool> = HashMap::new();
    // Edits made since each still-failing command (keyed by the command), to say what fixed it.
    let mut open_errors: Vec<usize> = Vec::new();

    for line in transcript.lines() {
        let Ok(entry) = mx_plugin::serde_json::from_str::<Value>(line) else { continue };
        let timestamp = entry["timestamp"].as_str();
        if let (Some(after), Some(ts)) = (after, timestamp) {
            if ts <= after {
                continue;
            }
        }
        if entry["isMeta"].as_bool() == Some(true) {
            continue;
        }
        let role = entry["type"].as_str().unwrap_or_default();
        if role != "user" && role != "assistant" {
            continue;
        }
        if let Some(ts) = timestamp {
            if session.through.as_deref().is_none_or(|t| ts > t) {
                session.through = Some(ts.to_owned());
            }
        }
        let base = entry["cwd"].as_str().filter(|c| !c.is_empty()).unwrap_or(cwd);
        let content = &entry["message"]["content"];
        let blocks: Vec<&Value> = match content {
            Value::String(_) => vec![content],
            Value::Array(items) => items.iter().collect(),
            _ => continue,
        };
        for block in blocks {
            let (kind, text) = match block {
                Value::String(text) => ("text", Some(text.as_str())),
                _ => (block["type"].as_str().unwrap_or_default(), block["text"].as_str()),
            };
            match (role, kind) {
                ("user", "text") => {
                    if let Some(prompt) = text.and_then(human_prompt) {
                        scan_decisions(prompt, &mut session.decisions);
                        session.asks.push(one_line(prompt, MAX_ASK_CHARS));
                    }
                }
                ("user", "tool_result") => {
                    let id = block["tool_use_id"].as_str().unwrap_or_default();
                    let Some(tool) = pending.remove(id) else { continue };
                    let Some(command) = tool.command else { continue };
                    let failed = block["is_error"].as_bool() == Some(true);
                    let key = command_key(&command);
                    if failed {
                        let error = error_line(&result_text(&block["content"]));
                        session.errors.push(ErrorFix { command: Some(command), ..ErrorFix::mentioned(error) });
                        open_errors.push(session.errors.len() - 1);
                    } else {
                        open_errors.retain(|&index| {
                            let error = &mut session.errors[index];
                            if error.command.as_deref().map(command_key).as_deref() == Some(key.as_str()) {
                                error.resolved = true;
                                false
                            } else {
                                true
                            }
                        });
                    }
                }
                ("assistant", "text") => {
                    if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
                        scan_decisions(text, &mut session.decisions);
                        session.last_said = Some(text.to_owned());
                    }
                }
                ("assistant", "tool_use") => {
                    let name = block["name"].as_str().unwrap_or_default().to_owned();
                    let input = &block["input"];
                    let mut command = None;
                    match name.as_str() {
                        "Write" | "Edit" | "MultiEdit" | "NotebookEdit" => {
                            let path = input["file_path"].as_str().or_else(|| input["notebook_path"].as_str());
                            if let Some(path) = path {
                                session.actions += 1;
                                let path = relative(path, base);
                                for &index in &open_errors {
                                    let fixed_by = &mut session.errors[index].fixed_by;
                                    if !fixed_by.contains(&path) {
                                        fixed_by.push(path.clone());
                                    }
                                }
                                if !session.files.contains(&path) {
                                    session.files.push(path);
                                }
                            }
                        }
                        "Bash" => {
                            if let Some(cmd) = input["command"].as_str() {
                                session.actions += 1;
                                let cmd = one_line(cmd, MAX_COMMAND_CHARS);
                                if !session.commands.contains(&cmd) {
                                    session.commands.push(cmd.clone());
                                }
                                command = Some(cmd);
                            }
                        }
                        _ => {}
                    }
                    if let Some(id) = block["id"].as_str() {
                        pending.insert(id.to_owned(), PendingTool { command });
                    }
                }
                _ => {}
            }
        }
    }
    session.last_said = session.last_said.map(|text| standing(&text));
    // Claude Code stamps every entry, so a span always has a day; "unknown date" only for a transcript without.
    session.date = Some(session.through.as_deref().and_then(|t| t.get(..10)).unwrap_or("unknown date").to_owned());
    session
}

/// A prompt the human typed, or `None` for what Claude Code injects into the user turn (slash-command
/// wrappers, local command output, system reminders, interruption notices).
fn human_prompt(text: &str) -> Option<&str> {
    let text = text.trim();
    if text.is_empty()
        || text.starts_with('<')
        || text.starts_with("Caveat:")
        || text.starts_with("[Request interrupted")
    {
        return None;
    }
    Some(text)
}

/// A tool result's text: a string, or the text blocks of a list.
fn result_text(content: &Value) -> String {
    match content {
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().filter_map(|b| b["text"].as_str()).collect::<Vec<_>>().join("\n"),
        _ => String::new(),
    }
}

/// Two runs are "the same command" when their first two words agree (`cargo test -p a` vs `cargo test`).
fn command_key(command: &str) -> String {
    command.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const CWD: &str = "/home/dev/code/shop";

    fn line(value: Value) -> String {
        value.to_string()
    }

    #[test]
    fn reads_asks_edits_commands_errors_and_decisions() {
        use mx_plugin::serde_json::json;
        let transcript = [
            line(json!({"type":"user","timestamp":"2026-11-25T10:00:00.000Z","cwd":CWD,
                "message":{"role":"user","content":"Make the webhook retries back off"}})),
            line(json!({"type":"assistant","timestamp":"2026-11-25T10:00:05.000Z","cwd":CWD,
                "message":{"role":"assistant","content":[
                    {"type":"text","text":"I'll use exponential backoff instead of a fixed sleep, since Stripe retries for days."},
                    {"type":"tool_use","id":"t1","name":"Edit","input":{"file_path":"/home/dev/code/shop/src/webhooks.rs","old_string":"a","new_string":"b"}},
                    {"type":"tool_use","id":"t2","name":"Bash","input":{"command":"cargo test -p shop"}}]}})),
            line(json!({"type":"user","timestamp":"2026-11-25T10:00:30.000Z","cwd":CWD,
                "message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t2","is_error":true,
                    "content":"   Compiling shop v0.1.0\nerror[E0308]: mismatched types\n  --> src/webhooks.rs:42:9"}]}})),
            line(json!({"type":"assistant","timestamp":"2026-11-25T10:00:40.000Z","cwd":CWD,
                "message":{"role":"assistant","content":[
                    {"type":"tool_use","id":"t3","name":"Edit","input":{"file_path":"/home/dev/code/shop/src/retry.rs"}},
                    {"type":"tool_use","id":"t4","name":"Bash","input":{"command":"cargo test -p shop webhooks"}}]}})),
            line(json!({"type":"user","timestamp":"2026-11-25T10:01:00.000Z","cwd":CWD,
                "message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t4","content":"test result: ok. 12 passed"}]}})),
            "{\"type\":\"assistant\",\"timest".to_owned(), // torn line
            line(json!({"type":"assistant","timestamp":"2026-11-25T10:01:10.000Z","cwd":CWD,
                "message":{"role":"assistant","content":[{"type":"text","text":"Done.\n\nRetries now back off from 1 s to 1 h; next: alerting on exhausted retries."}]}})),
        ]
        .join("\n");

        let session = read(&transcript, CWD, None);
        assert_eq!(session.asks, ["Make the webhook retries back off"]);
        assert_eq!(session.files, ["src/webhooks.rs", "src/retry.rs"]);
        assert_eq!(session.commands, ["cargo test -p shop", "cargo test -p shop webhooks"]);
        assert_eq!(
            session.errors,
            [ErrorFix {
                command: Some("cargo test -p shop".to_owned()),
                error: "error[E0308]: mismatched types".to_owned(),
                fixed_by: vec!["src/retry.rs".to_owned()],
                fix: None,
                resolved: true,
            }]
        );
        assert_eq!(
            session.decisions,
            ["I'll use exponential backoff instead of a fixed sleep, since Stripe retries for days."]
        );
        assert_eq!(
            session.last_said.as_deref(),
            Some("Retries now back off from 1 s to 1 h; next: alerting on exhausted retries.")
        );
        assert_eq!(session.through.as_deref(), Some("2026-11-25T10:01:10.000Z"));
        assert_eq!(session.actions, 4);

        // A later capture starts after the previous one: nothing is read twice.
        let later = read(&transcript, CWD, Some("2026-11-25T10:00:40.000Z"));
        assert!(later.asks.is_empty() && later.files.is_empty() && later.decisions.is_empty(), "{later:?}");
        assert_eq!(later.through.as_deref(), Some("2026-11-25T10:01:10.000Z"));
        assert!(read(&transcript, CWD, Some("2026-11-25T10:01:10.000Z")).is_empty());
    }

    #[test]
    fn injected_user_turns_are_not_prompts() {
        use mx_plugin::serde_json::json;
        let transcript = [
            line(json!({"type":"user","timestamp":"2026-11-25T10:00:00Z","message":{"role":"user",
                "content":"<command-name>/clear</command-name>"}})),
            line(json!({"type":"user","timestamp":"2026-11-25T10:00:01Z","isMeta":true,"message":{"role":"user",
                "content":"Caveat: the messages below were generated by the user while running local commands."}})),
            line(json!({"type":"summary","summary":"Webhook retries","leafUuid":"x"})),
        ]
        .join("\n");
        assert!(read(&transcript, CWD, None).is_empty());
    }
}
