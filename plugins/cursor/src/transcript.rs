//! Reading a Cursor agent transcript (the JSONL file at the hook payload's `transcript_path`, under
//! `~/.cursor/projects/<workspace>/agent-transcripts/`) into what a session memory should say.
//!
//! Each line is one message: `{"role":"user"|"assistant","message":{"content":[{"type":"text","text":…}]}}`.
//! The user's typed prompt sits inside `<user_query>…</user_query>` (Cursor adds other context around it).
//! There are no tool calls and no timestamps: what a span says comes from the conversation text alone (asks,
//! decisions stated, errors pasted or quoted and the sentence that says what fixed them, files named in
//! backticks, the assistant's last words), and a span is delimited by message number. Cursor appends to
//! the file, so message numbers are stable; a transcript that shrank was rewritten and is read again from the start
//! ([`read`]). Lines that are not JSON (a torn last line) are not counted.

use adapter_common::capture::{
    ErrorFix, MAX_ASK_CHARS, Session, error_in_text, fix_statement, one_line, relative, scan_decisions, standing,
};
use mx_plugin::serde_json::Value;

/// The marker position of message `number` (1-based): "message 12".
pub fn position(number: usize) -> String {
    format!("message {number}")
}

/// The message number of a marker position written by [`position`].
pub fn parse_position(position: &str) -> Option<usize> {
    position.strip_prefix("message ")?.parse().ok()
}

/// Reads the messages of `transcript` after message number `after` (the last capture's marker; 0: from the
/// start). `cwd` makes file paths repository-relative.
///
/// Cursor appends to a transcript, but one that now holds fewer than `after` messages was rewritten (cleared,
/// compacted, replaced): waiting for it to grow past the old marker would capture nothing until it did, and miss
/// what it says now, so it is read from the start.
pub fn read(transcript: &str, cwd: &str, after: usize) -> Session {
    let entries: Vec<Value> = transcript
        .lines()
        .filter_map(|line| mx_plugin::serde_json::from_str::<Value>(line).ok())
        .filter(Value::is_object)
        .collect();
    let after = if entries.len() < after { 0 } else { after };
    let mut session = Session::default();
    let mut open_errors: Vec<usize> = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let number = index + 1;
        if number <= after {
            continue;
        }
        session.through = Some(position(number));
        let role = entry["role"].as_str().unwrap_or_default();
        let text = message_text(&entry["message"]["content"]);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match role {
            "user" => {
                let Some(prompt) = typed_prompt(text) else { continue };
                session.chars += prompt.chars().count();
                scan_decisions(prompt, &mut session.decisions);
                session.asks.push(one_line(&without_code_blocks(prompt), MAX_ASK_CHARS));
                note_error(prompt, &mut session, &mut open_errors);
                note_files(prompt, cwd, &mut session.files);
            }
            "assistant" => {
                session.chars += text.chars().count();
                note_error(text, &mut session, &mut open_errors);
                // The first sentence saying what fixed it resolves every error still open.
                if let Some(fix) = (!open_errors.is_empty()).then(|| fix_statement(text)).flatten() {
                    for index in open_errors.drain(..) {
                        let error = &mut session.errors[index];
                        error.fix = Some(fix.clone());
                        error.resolved = true;
                    }
                }
                scan_decisions(text, &mut session.decisions);
                note_files(text, cwd, &mut session.files);
                session.last_said = Some(text.to_owned());
            }
            _ => {}
        }
    }
    session.last_said = session.last_said.map(|text| standing(&text));
    session
}

/// The text blocks of a message's content (a list of blocks, or a plain string), joined.
fn message_text(content: &Value) -> String {
    match content {
        Value::String(text) => text.clone(),
        Value::Array(blocks) => blocks
            .iter()
            .filter(|b| b["type"].as_str() == Some("text"))
            .filter_map(|b| b["text"].as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

/// What the user typed: the inside of `<user_query>` when Cursor wrapped it, else the message unless it is
/// only context Cursor attached (a message that starts with a tag).
fn typed_prompt(text: &str) -> Option<&str> {
    let prompt = match text.split_once("<user_query>") {
        Some((_, rest)) => rest.split_once("</user_query>").map_or(rest, |(inside, _)| inside),
        None if text.starts_with('<') => return None,
        None => text,
    };
    let prompt = prompt.trim();
    (!prompt.is_empty()).then_some(prompt)
}

/// A prompt with its fenced code blocks (pasted output, logs) shown as `…`: the ask is the words around them,
/// and what matters in the paste (the error) is recorded on its own.
fn without_code_blocks(prompt: &str) -> String {
    let mut out = Vec::new();
    let mut in_block = false;
    for line in prompt.lines() {
        if line.trim_start().starts_with("```") {
            if !in_block {
                out.push("…");
            }
            in_block = !in_block;
        } else if !in_block {
            out.push(line);
        }
    }
    out.join("\n")
}

/// Records the error a message reports, once per distinct error text.
fn note_error(text: &str, session: &mut Session, open_errors: &mut Vec<usize>) {
    let Some(error) = error_in_text(text) else { return };
    if session.errors.iter().any(|e| e.error == error) {
        return;
    }
    session.errors.push(ErrorFix::mentioned(error));
    open_errors.push(session.errors.len() - 1);
}

/// Extensions that make a backticked word a file name rather than an identifier (`event.id` is not a file).
const FILE_EXTENSIONS: &[&str] = &[
    "rs", "toml", "ts", "tsx", "js", "jsx", "mjs", "cjs", "py", "go", "java", "kt", "rb", "php", "cs", "c", "h", "cc",
    "cpp", "hpp", "swift", "m", "sql", "sh", "md", "mdc", "json", "jsonc", "yaml", "yml", "css", "scss", "html", "vue",
    "svelte", "proto", "graphql", "prisma", "lock", "ini", "cfg", "conf", "txt",
];

/// Files named in backticks (`src/lib/stripe.ts`, `.env.local`), first mention first, without line numbers.
fn note_files(text: &str, cwd: &str, files: &mut Vec<String>) {
    for (i, span) in text.split('`').enumerate() {
        // Odd pieces are inside backticks; code fences split into empty pieces and prose.
        if i % 2 == 0 || span.is_empty() || span.chars().any(char::is_whitespace) || span.contains("://") {
            continue;
        }
        let path = span.trim_end_matches(|c: char| c.is_ascii_digit() || c == ':');
        if !looks_like_file(path) {
            continue;
        }
        let path = relative(path, cwd);
        if files.len() < adapter_common::capture::MAX_LISTED_FILES && !files.contains(&path) {
            files.push(path);
        }
    }
}

fn looks_like_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.starts_with(".env") || matches!(name, "Dockerfile" | "Makefile" | "Justfile") {
        return true;
    }
    let Some((stem, extension)) = name.rsplit_once('.') else { return false };
    !stem.is_empty()
        && FILE_EXTENSIONS.contains(&extension)
        && path.chars().all(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '@' | '+' | '[' | ']'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CWD: &str = "/home/dev/code/shop";
    const SESSION: &str = include_str!("../tests/fixtures/session.jsonl");
    const CONTINUED: &str = include_str!("../tests/fixtures/session-continued.jsonl");

    #[test]
    fn reads_asks_decisions_errors_fixes_files_and_where_it_stands() {
        let session = read(SESSION, CWD, 0);
        assert_eq!(session.asks.len(), 3, "{:?}", session.asks);
        assert!(session.asks[0].starts_with("Add a POST /api/refunds endpoint"), "{:?}", session.asks);
        assert!(!session.asks[0].contains("user_query"), "the wrapper tag is not part of the ask");
        assert_eq!(
            session.decisions,
            [
                "We'll derive the Stripe idempotency key from the order id rather than a random UUID, so a retried request can never refund twice.",
                "Let's go with full refunds only for now; partial refunds need sign-off from finance.",
            ]
        );
        assert_eq!(
            session.errors,
            [ErrorFix {
                command: None,
                error: "TypeError: Cannot read properties of undefined (reading 'amount_received')".to_owned(),
                fixed_by: Vec::new(),
                fix: Some(
                    "The root cause was that the test's PaymentIntent fixture has no `latest_charge` expanded, so the handler read `amount_received` from an undefined charge."
                        .to_owned()
                ),
                resolved: true,
            }]
        );
        assert_eq!(
            session.files,
            ["src/routes/refunds.ts", "src/lib/stripe.ts", ".env.local", "src/routes/refunds.test.ts"]
        );
        assert_eq!(
            session.last_said.as_deref(),
            Some(
                "`POST /api/refunds` now issues idempotent full refunds and is covered by 14 passing tests; next: partial refunds once finance signs off, and rolling the pasted key."
            )
        );
        assert_eq!(session.asks[1], "Tests fail: …", "pasted output is not part of the ask");
        assert_eq!(session.through.as_deref(), Some("message 6"));
        assert_eq!(session.actions, 0, "a Cursor transcript has no tool calls");
        assert!(session.chars > 1_000);
    }

    #[test]
    fn a_later_capture_reads_only_the_messages_after_the_marker() {
        let transcript = format!("{SESSION}{CONTINUED}");
        let later = read(&transcript, CWD, parse_position("message 6").unwrap_or_default());
        assert_eq!(later.asks, ["Also write an audit log entry for every refund."]);
        assert_eq!(later.files, ["src/audit/refund-log.ts"]);
        assert!(later.decisions.is_empty() && later.errors.is_empty(), "{later:?}");
        assert_eq!(later.through.as_deref(), Some("message 8"));
        assert!(read(&transcript, CWD, 8).is_empty());
        assert_eq!(read(&transcript, CWD, 8).through, None);
    }

    #[test]
    fn a_transcript_that_shrank_was_rewritten_and_is_read_from_the_start() {
        let whole = format!("{SESSION}{CONTINUED}");
        assert_eq!(
            read(&whole, CWD, 6).through.as_deref(),
            Some("message 8"),
            "an appended transcript resumes after the marker"
        );
        assert!(read(&whole, CWD, 8).is_empty(), "nothing new yet");
        // Rewritten to its last two messages: shorter than the marker of 8.
        let rewritten: String = whole.lines().skip(6).map(|l| format!("{l}\n")).collect();
        let session = read(&rewritten, CWD, 8);
        assert_eq!(session.asks, ["Also write an audit log entry for every refund."]);
        assert_eq!(session.through.as_deref(), Some("message 2"));
    }

    #[test]
    fn torn_lines_and_attached_context_are_not_messages() {
        let transcript = format!(
            "{}\n{}\n{{\"role\":\"assistant\",\"mess",
            r#"{"role":"user","message":{"content":[{"type":"text","text":"<attached_files>src/a.ts</attached_files>"}]}}"#,
            r#"{"role":"user","message":{"content":"<open_files>x</open_files>\n<user_query>Rename the sidebar</user_query>"}}"#,
        );
        let session = read(&transcript, CWD, 0);
        assert_eq!(session.asks, ["Rename the sidebar"]);
        assert_eq!(session.through.as_deref(), Some("message 2"), "the torn line is read next time, complete");
    }

    #[test]
    fn backticked_identifiers_are_not_files() {
        let mut files = Vec::new();
        note_files(
            "Read `event.data.object`, set `amount`, see `/home/dev/code/shop/src/app.tsx:12` and `https://x.io/a.js`.",
            CWD,
            &mut files,
        );
        assert_eq!(files, ["src/app.tsx"]);
        assert_eq!(parse_position("message 12"), Some(12));
        assert_eq!(parse_position("2026-11-25T10:00:00Z"), None);
    }
}
