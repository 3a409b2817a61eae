//! Reading a Claude Code transcript (the JSONL file at the hook payload's `transcript_path`) into what a
//! session memory should say: what was asked, files created or edited, commands run, errors and how they were
//! resolved, decisions stated, and where the work stands.
//!
//! Each line is one entry: `{"type":"user"|"assistant"|…, "uuid", "timestamp", "cwd", "message":{"role",
//! "content"}}`, where `content` is a string or a list of blocks (`text`, `tool_use` with `name` and `input`,
//! `tool_result` with `tool_use_id`, `content` and `is_error`). Lines that are not JSON (a torn last line while
//! Claude Code is still writing) and entry types mx does not use are skipped.

use std::collections::HashMap;

use mx_plugin::serde_json::Value;

/// What one span of a transcript contains.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Session {
    /// The user's prompts, in order.
    pub asks: Vec<String>,
    /// Files created or edited through tool calls, repository-relative where possible, first touch first.
    pub files: Vec<String>,
    /// Shell commands run, in order, without repeats.
    pub commands: Vec<String>,
    /// Commands that failed, and what fixed them.
    pub errors: Vec<ErrorFix>,
    /// Sentences stating a decision.
    pub decisions: Vec<String>,
    /// The assistant's last words in the span: where the work stands.
    pub last_said: Option<String>,
    /// The timestamp of the newest entry read: the next capture starts after it.
    pub through: Option<String>,
    /// Tool calls that changed something (file writes and edits, shell commands), repeats included.
    pub actions: usize,
}

/// A failed command and its resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorFix {
    pub command: String,
    pub error: String,
    /// Files edited between the failure and the next successful run of the same command.
    pub fixed_by: Vec<String>,
    /// True once the same command succeeded again.
    pub resolved: bool,
}

impl Session {
    pub fn is_empty(&self) -> bool {
        self.asks.is_empty() && self.actions == 0
    }
}

/// Limits that keep one session memory readable.
const MAX_ASK_CHARS: usize = 240;
const MAX_COMMAND_CHARS: usize = 160;
const MAX_ERROR_CHARS: usize = 200;
const MAX_DECISION_CHARS: usize = 320;
const MAX_DECISIONS: usize = 4;
const MAX_STANDING_CHARS: usize = 500;

/// Phrases that mark a sentence as a decision (matched on lowercase text).
const DECISION_CUES: &[&str] = &[
    "decided", "decision:", "we'll use", "we will use", "i'll use", "let's use", "let's go with", "going with",
    "instead of", "rather than", "chose ", "settled on", "we'll keep", "switch to",
];

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
                        session.errors.push(ErrorFix { command, error, fixed_by: Vec::new(), resolved: false });
                        open_errors.push(session.errors.len() - 1);
                    } else {
                        open_errors.retain(|&index| {
                            let error = &mut session.errors[index];
                            if command_key(&error.command) == key {
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
    session
}

/// A prompt the human typed, or `None` for what Claude Code injects into the user turn (slash-command
/// wrappers, local command output, system reminders, interruption notices).
fn human_prompt(text: &str) -> Option<&str> {
    let text = text.trim();
    if text.is_empty() || text.starts_with('<') || text.starts_with("Caveat:") || text.starts_with("[Request interrupted")
    {
        return None;
    }
    Some(text)
}

/// Collects the sentences of `text` that state a decision.
fn scan_decisions(text: &str, decisions: &mut Vec<String>) {
    for sentence in sentences(text) {
        if decisions.len() >= MAX_DECISIONS {
            return;
        }
        let lower = sentence.to_lowercase();
        if sentence.chars().count() < 20 || lower.ends_with('?') {
            continue;
        }
        if DECISION_CUES.iter().any(|cue| lower.contains(cue)) {
            let sentence = one_line(sentence, MAX_DECISION_CHARS);
            if !decisions.contains(&sentence) {
                decisions.push(sentence);
            }
        }
    }
}

/// Sentences and list items of a Markdown text, without list markers.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches(['-', '*', '•', '#', '>']).trim();
        if line.is_empty() || line.starts_with("```") {
            continue;
        }
        let mut start = 0;
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let at_end = i + 1 == bytes.len();
            if matches!(b, b'.' | b'!' | b'?') && (at_end || bytes[i + 1] == b' ') {
                let s = line[start..=i].trim();
                if !s.is_empty() {
                    out.push(s);
                }
                start = i + 1;
            }
        }
        let rest = line[start..].trim();
        if !rest.is_empty() {
            out.push(rest);
        }
    }
    out
}

/// The last paragraph of the assistant's last message, which is where Claude Code states the outcome.
fn standing(text: &str) -> String {
    let paragraph = text.rsplit("\n\n").map(str::trim).find(|p| !p.is_empty()).unwrap_or(text);
    one_line(paragraph, MAX_STANDING_CHARS)
}

/// A tool result's text: a string, or the text blocks of a list.
fn result_text(content: &Value) -> String {
    match content {
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().filter_map(|b| b["text"].as_str()).collect::<Vec<_>>().join("\n"),
        _ => String::new(),
    }
}

/// The most telling line of an error output: the first that mentions an error or a failure, else the first.
fn error_line(output: &str) -> String {
    let lines: Vec<&str> = output.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let telling = lines.iter().find(|l| {
        let lower = l.to_lowercase();
        (lower.contains("error") || lower.contains("failed") || lower.contains("panicked") || lower.contains("exception"))
            && !lower.starts_with("exit code")
    });
    one_line(telling.or(lines.first()).copied().unwrap_or("(no output)"), MAX_ERROR_CHARS)
}

/// Two runs are "the same command" when their first two words agree (`cargo test -p a` vs `cargo test`).
fn command_key(command: &str) -> String {
    command.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
}

/// `path` relative to `base` when it lies under it.
fn relative(path: &str, base: &str) -> String {
    let base = base.trim_end_matches('/');
    match path.strip_prefix(base).and_then(|rest| rest.strip_prefix('/')) {
        Some(rest) if !base.is_empty() => rest.to_owned(),
        _ => path.to_owned(),
    }
}

/// The text on one line (newlines become spaces, runs of spaces collapse), cut to `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    adapter_common::truncate(&joined, max)
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
                command: "cargo test -p shop".to_owned(),
                error: "error[E0308]: mismatched types".to_owned(),
                fixed_by: vec!["src/retry.rs".to_owned()],
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
