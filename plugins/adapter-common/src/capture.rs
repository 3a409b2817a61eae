//! Session capture for assistants that hand mx a transcript (Claude Code, Cursor): what one span of a
//! conversation said — what was asked, files touched, commands run, errors and what fixed them, decisions stated,
//! where the work stands — turned into a few well-kinded memories, and the marker that keeps the next capture
//! from covering the same span again.
//!
//! Reading a transcript is the adapter's job (every assistant writes its own format); each adapter fills a
//! [`Session`] and the rest is shared here. Secrets are not handled here: the host redacts every memory it writes.

use mx_plugin::{MemoryDraft, MemoryKind, SearchRequest, host};

/// How an assistant is named in the memories captured from its sessions.
#[derive(Debug, Clone, Copy)]
pub struct Assistant {
    /// Its product name, as a sentence says it ("Claude Code").
    pub name: &'static str,
    /// The topic its session memories carry ("claude-code").
    pub topic: &'static str,
    /// The heading of the file list: "Files created or edited" when the transcript records edits, "Files
    /// mentioned" when it only has the conversation.
    pub files_heading: &'static str,
}

/// What one span of a transcript contains.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Session {
    /// The user's prompts, in order.
    pub asks: Vec<String>,
    /// Files the span touched, repository-relative where possible, first touch first.
    pub files: Vec<String>,
    /// Shell commands run, in order, without repeats.
    pub commands: Vec<String>,
    /// Errors hit, and what fixed them.
    pub errors: Vec<ErrorFix>,
    /// Sentences stating a decision.
    pub decisions: Vec<String>,
    /// The assistant's last words in the span: where the work stands.
    pub last_said: Option<String>,
    /// Where the span ends in the transcript (a timestamp, an entry number): the marker of this capture.
    pub through: Option<String>,
    /// The day the span ends (`YYYY-MM-DD`, or what the adapter says when it cannot tell), when the
    /// transcript carries times; `None` leaves the date out.
    pub date: Option<String>,
    /// Tool calls that changed something (file writes and edits, shell commands), repeats included.
    pub actions: usize,
    /// Characters of conversation text read (prompts and replies): how much a span without tool calls said.
    pub chars: usize,
}

impl Session {
    pub fn is_empty(&self) -> bool {
        self.asks.is_empty() && self.actions == 0
    }
}

/// An error hit during the span, and its resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorFix {
    /// The command that failed, when the transcript records commands.
    pub command: Option<String>,
    /// The most telling line of the error.
    pub error: String,
    /// Files edited between the failure and the next successful run.
    pub fixed_by: Vec<String>,
    /// What fixed it, in the conversation's own words, when it says so.
    pub fix: Option<String>,
    /// True once it is known to be resolved.
    pub resolved: bool,
}

impl ErrorFix {
    /// An error seen in the conversation text rather than in a command's result.
    pub fn mentioned(error: String) -> Self {
        Self { command: None, error, fixed_by: Vec::new(), fix: None, resolved: false }
    }
}

/// The line that ends every session memory; the next capture of the session starts after its position.
pub const MARKER_PREFIX: &str = "Transcript captured through ";
/// At most this many decision and debugging memories beside the session summary.
const MAX_DECISION_MEMORIES: usize = 3;
const MAX_DEBUGGING_MEMORIES: usize = 2;
pub const MAX_LISTED_FILES: usize = 20;
/// The longest path the store takes as a file anchor (mx-core's `MAX_FILE_PATH_CHARS`).
const MAX_ANCHOR_CHARS: usize = 1024;
const MAX_LISTED_COMMANDS: usize = 12;
const MAX_LISTED_ASKS: usize = 6;

/// Limits that keep one session memory readable.
pub const MAX_ASK_CHARS: usize = 240;
pub const MAX_ERROR_CHARS: usize = 200;
const MAX_DECISION_CHARS: usize = 320;
const MAX_DECISIONS: usize = 4;
const MAX_STANDING_CHARS: usize = 500;
const MAX_FIX_CHARS: usize = 320;

/// Phrases that mark a sentence as a decision (matched on lowercase text).
const DECISION_CUES: &[&str] = &[
    "decided",
    "decision:",
    "we'll use",
    "we will use",
    "i'll use",
    "let's use",
    "let's go with",
    "going with",
    "instead of",
    "rather than",
    "chose ",
    "settled on",
    "we'll keep",
    "switch to",
];

/// Phrases that mark a sentence as saying what fixed an error (matched on lowercase text).
const FIX_CUES: &[&str] =
    &["fixed", "the fix", "root cause", "the cause", "caused by", "resolved", "now passes", "passes now"];

/// The position of the newest capture of `conversation`, if any: the session memories' markers, read by
/// `position` (which also decides their order: timestamps compare as text, entry numbers as numbers).
pub fn last_capture<K: Ord>(conversation: &str, position: impl Fn(&str) -> Option<K>) -> Result<Option<K>, String> {
    let mut request = SearchRequest::default();
    request.query = String::new();
    request.limit = 100;
    request.kinds = vec![MemoryKind::Progress];
    request.conversation_id = Some(conversation.to_owned());
    let hits = host::search(&request)?;
    Ok(hits.iter().filter_map(|hit| marker(&hit.content)).filter_map(|m| position(&m)).max())
}

/// The position named by a session memory's marker line.
pub fn marker(content: &str) -> Option<String> {
    let line = content.lines().rev().find(|l| l.starts_with(MARKER_PREFIX))?;
    let position = line[MARKER_PREFIX.len()..].trim().trim_end_matches('.');
    (!position.is_empty()).then(|| position.to_owned())
}

/// The paths the store takes as file anchors, at most [`MAX_LISTED_FILES`]. A path glued to other text (a tool
/// input with newlines in its `file_path`), or longer than the store allows, would make the store refuse the whole
/// memory and lose the session's capture; such a path stays in the summary's text only.
fn anchorable(paths: &[String]) -> impl Iterator<Item = String> + '_ {
    paths
        .iter()
        .filter(|p| !p.trim().is_empty() && p.chars().count() <= MAX_ANCHOR_CHARS && !p.chars().any(char::is_control))
        .take(MAX_LISTED_FILES)
        .cloned()
}

/// The memories of one captured span: a progress summary, plus the decisions stated and the errors fixed as
/// memories of their own kinds so they rank as such.
pub fn drafts(session: &Session, conversation: &str, assistant: &Assistant) -> Vec<MemoryDraft> {
    let mut drafts = vec![
        MemoryDraft::new(summary(session, assistant))
            .kind(MemoryKind::Progress)
            .topics(["session", assistant.topic])
            .files(anchorable(&session.files))
            .conversation(conversation),
    ];
    let stated = match &session.date {
        Some(date) => format!("stated in a {} session on {date}", assistant.name),
        None => format!("stated in a {} session", assistant.name),
    };
    for decision in session.decisions.iter().take(MAX_DECISION_MEMORIES) {
        drafts.push(
            MemoryDraft::new(format!("{decision} ({stated})"))
                .kind(MemoryKind::Decision)
                .topics([assistant.topic])
                .importance(0.7)
                .conversation(conversation),
        );
    }
    for error in session.errors.iter().filter(|e| e.resolved).take(MAX_DEBUGGING_MEMORIES) {
        drafts.push(
            MemoryDraft::new(debugging_text(error))
                .kind(MemoryKind::Debugging)
                .topics([assistant.topic])
                .files(anchorable(&error.fixed_by))
                .importance(0.6)
                .conversation(conversation),
        );
    }
    drafts
}

fn debugging_text(error: &ErrorFix) -> String {
    let fix = match (&error.fix, error.fixed_by.is_empty()) {
        (Some(fix), _) => fix.trim_end_matches('.').to_owned(),
        (None, true) => "it passed on a later run without file edits".to_owned(),
        (None, false) => format!("fixed by editing {}; it then passed", error.fixed_by.join(", ")),
    };
    match &error.command {
        Some(command) => format!("`{command}` failed with: {} — {fix}.", error.error),
        None => format!("Error \"{}\" — {fix}.", error.error),
    }
}

/// The session summary, one fact per line so the digest can quote it.
fn summary(session: &Session, assistant: &Assistant) -> String {
    let mut out = match &session.date {
        Some(date) => format!("{} session on {date}.\n", assistant.name),
        None => format!("{} session.\n", assistant.name),
    };
    // The outcome first: a digest that has to shorten this memory keeps its beginning.
    if let Some(standing) = &session.last_said {
        out.push_str(&format!("Where it stands: {standing}\n"));
    }
    if !session.asks.is_empty() {
        let asks: Vec<String> = session.asks.iter().take(MAX_LISTED_ASKS).map(|a| format!("\"{a}\"")).collect();
        out.push_str(&format!("Asked: {}\n", asks.join("; ")));
    }
    if !session.files.is_empty() {
        let files = list(&session.files, MAX_LISTED_FILES, |f| f.clone());
        out.push_str(&format!("{}: {files}\n", assistant.files_heading));
    }
    if !session.commands.is_empty() {
        out.push_str(&format!(
            "Commands run: {}\n",
            list(&session.commands, MAX_LISTED_COMMANDS, |c| format!("`{c}`"))
        ));
    }
    for error in &session.errors {
        let outcome = match (error.resolved, &error.fix) {
            (false, _) => "not resolved yet".to_owned(),
            (true, Some(fix)) => format!("fix: {}", fix.trim_end_matches('.')),
            (true, None) if error.fixed_by.is_empty() => "passed on a later run".to_owned(),
            (true, None) => format!("fixed by editing {}", error.fixed_by.join(", ")),
        };
        match &error.command {
            Some(command) => out.push_str(&format!("Error: `{command}` failed with \"{}\"; {outcome}.\n", error.error)),
            None => out.push_str(&format!("Error: \"{}\"; {outcome}.\n", error.error)),
        }
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

/// Collects the sentences of `text` that state a decision.
pub fn scan_decisions(text: &str, decisions: &mut Vec<String>) {
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

/// The first sentence of `text` that says what fixed something, if any.
pub fn fix_statement(text: &str) -> Option<String> {
    sentences(text)
        .into_iter()
        .find(|sentence| {
            let lower = sentence.to_lowercase();
            sentence.chars().count() >= 20 && !lower.ends_with('?') && FIX_CUES.iter().any(|cue| lower.contains(cue))
        })
        .map(|sentence| one_line(sentence, MAX_FIX_CHARS))
}

/// Sentences and list items of a Markdown text, without list markers.
pub fn sentences(text: &str) -> Vec<&str> {
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

/// The last paragraph of the assistant's last message, which is where assistants state the outcome.
pub fn standing(text: &str) -> String {
    let paragraph = text.rsplit("\n\n").map(str::trim).find(|p| !p.is_empty()).unwrap_or(text);
    one_line(paragraph, MAX_STANDING_CHARS)
}

/// The most telling line of an error output: the first that mentions an error or a failure, else the first.
pub fn error_line(output: &str) -> String {
    let lines: Vec<&str> = output.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let telling = lines.iter().find(|l| {
        let lower = l.to_lowercase();
        (lower.contains("error")
            || lower.contains("failed")
            || lower.contains("panicked")
            || lower.contains("exception"))
            && !lower.starts_with("exit code")
    });
    one_line(telling.or(lines.first()).copied().unwrap_or("(no output)"), MAX_ERROR_CHARS)
}

/// The most telling line of a conversation message that reads like an error report (compiler or runtime
/// output, a test runner's failure, a stack trace's headline), not a sentence that merely talks about errors:
/// the first line naming an error or exception, else the first failure headline.
pub fn error_in_text(text: &str) -> Option<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(|line| line.trim().trim_start_matches(['>', '-', '*', '`']).trim().trim_end_matches('`'))
        .collect();
    let error = lines.iter().find(|line| {
        let lower = line.to_lowercase();
        lower.contains("error:")
            || lower.contains("error[")
            || lower.contains("exception:")
            || lower.contains("panicked at")
    });
    let headline = || {
        lines.iter().find(|line| {
            let lower = line.to_lowercase();
            lower.starts_with("fail ") || lower.starts_with("traceback (most recent call last)")
        })
    };
    error.or_else(headline).map(|line| one_line(line, MAX_ERROR_CHARS))
}

/// `path` relative to `base` when it lies under it.
pub fn relative(path: &str, base: &str) -> String {
    let base = base.trim_end_matches('/');
    match path.strip_prefix(base).and_then(|rest| rest.strip_prefix('/')) {
        Some(rest) if !base.is_empty() => rest.to_owned(),
        _ => path.to_owned(),
    }
}

/// The text on one line (newlines become spaces, runs of spaces collapse), cut to `max` characters.
pub fn one_line(text: &str, max: usize) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::truncate(&joined, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLAUDE: Assistant =
        Assistant { name: "Claude Code", topic: "claude-code", files_heading: "Files created or edited" };
    const CHAT: Assistant = Assistant { name: "Cursor", topic: "cursor", files_heading: "Files mentioned" };

    #[test]
    fn the_marker_round_trips_through_the_summary() {
        let mut session = Session::default();
        session.asks.push("Add retries".to_owned());
        session.through = Some("2026-11-25T10:01:10.000Z".to_owned());
        let drafts = drafts(&session, "conv_claude_abc", &CLAUDE);
        assert_eq!(drafts.len(), 1);
        assert_eq!(marker(&drafts[0].content).as_deref(), Some("2026-11-25T10:01:10.000Z"));
        assert_eq!(drafts[0].conversation_id.as_deref(), Some("conv_claude_abc"));
        assert_eq!(marker("no marker here"), None);
    }

    /// Found by the `transcript_claude_code` fuzz target: a tool input whose `file_path` ran into code (newlines)
    /// became a file anchor the store refuses, which lost the whole capture.
    #[test]
    fn paths_the_store_would_refuse_are_not_anchored() {
        let mut session = Session::default();
        session.asks.push("Make the webhook idempotent".to_owned());
        session.files.push("src/webhooks.rs".to_owned());
        session.files.push("/home/dev/cod return Ok(());\n    }\n    apply_event(&event).await?;".to_owned());
        session.files.push("x".repeat(2_000));
        session.files.extend((0..30).map(|i| format!("src/mod_{i}.rs")));
        let drafts = drafts(&session, "conv_claude_abc", &CLAUDE);
        assert_eq!(drafts[0].files.len(), MAX_LISTED_FILES);
        assert_eq!(drafts[0].files[0], "src/webhooks.rs");
        assert!(drafts[0].files.iter().all(|f| !f.contains('\n') && f.len() < 100), "{:?}", drafts[0].files);
    }

    #[test]
    fn an_error_fixed_in_conversation_becomes_a_debugging_memory_in_its_own_words() {
        let mut session = Session::default();
        session.asks.push("The webhook test fails".to_owned());
        session.files.push("src/webhooks.ts".to_owned());
        let mut error = ErrorFix::mentioned("TypeError: Cannot read properties of undefined (reading 'id')".to_owned());
        error.fix = Some("Fixed by checking event.type before reading event.data.object.".to_owned());
        error.resolved = true;
        session.errors.push(error);
        session.errors.push(ErrorFix::mentioned("Error: connect ECONNREFUSED 127.0.0.1:5432".to_owned()));
        session.through = Some("message 6".to_owned());

        let drafts = drafts(&session, "conv_cursor_x", &CHAT);
        assert_eq!(
            drafts[0].content,
            "Cursor session.\n\
             Asked: \"The webhook test fails\"\n\
             Files mentioned: src/webhooks.ts\n\
             Error: \"TypeError: Cannot read properties of undefined (reading 'id')\"; fix: Fixed by checking event.type before reading event.data.object.\n\
             Error: \"Error: connect ECONNREFUSED 127.0.0.1:5432\"; not resolved yet.\n\
             Transcript captured through message 6."
        );
        assert_eq!(drafts.len(), 2, "only the resolved error is a debugging memory");
        assert_eq!(
            drafts[1].content,
            "Error \"TypeError: Cannot read properties of undefined (reading 'id')\" — Fixed by checking event.type before reading event.data.object."
        );
        assert!(matches!(drafts[1].kind, Some(MemoryKind::Debugging)));
    }

    #[test]
    fn errors_in_text_are_reports_not_talk_about_errors() {
        assert_eq!(
            error_in_text("Running the tests now:\n```\nFAIL src/webhooks.test.ts\n  TypeError: x is undefined\n```")
                .as_deref(),
            Some("TypeError: x is undefined")
        );
        assert_eq!(error_in_text("error[E0308]: mismatched types").as_deref(), Some("error[E0308]: mismatched types"));
        assert_eq!(error_in_text("FAIL src/a.test.ts\n  ● adds").as_deref(), Some("FAIL src/a.test.ts"));
        assert_eq!(error_in_text("We should handle the error case and log failures."), None);
    }

    #[test]
    fn fix_statements_need_a_cue_and_a_statement() {
        assert_eq!(
            fix_statement("Good catch. The root cause was a missing await in the handler. Tests pass.").as_deref(),
            Some("The root cause was a missing await in the handler.")
        );
        assert_eq!(fix_statement("Is it fixed now?"), None);
        assert_eq!(fix_statement("I added the endpoint."), None);
    }
}
