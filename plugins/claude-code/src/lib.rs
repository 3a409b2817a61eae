//! The Claude Code adapter.
//!
//! `mx setup claude-code` registers `mx mcp` in `.mcp.json` (user scope: `~/.claude.json`), installs the hooks
//! below in `.claude/settings.json` (user scope: `~/.claude/settings.json`) and a short rules block in
//! `CLAUDE.md` (user scope: `~/.claude/CLAUDE.md`). Hooks (`mx hook claude-code <event>`):
//! - `session-start` (SessionStart: startup, resume, clear, compact): the "where things stand" digest as
//!   `hookSpecificOutput.additionalContext`;
//! - `user-prompt-submit` (UserPromptSubmit): the few memories clearly relevant to the prompt, or nothing;
//! - `pre-compact`, `session-end` (PreCompact, SessionEnd): a session memory from the transcript;
//! - `stop` (Stop, after every reply): the same, but only once enough new work has accumulated.
//!
//! Captures never cover the same span twice: the session memory ends with the timestamp of the last transcript
//! entry it covers, and the next capture of the session (found by searching the session's conversation) starts
//! after it. Secrets are redacted by mx when the memories are written.

mod memory;
pub mod transcript;

use adapter_common::mx_line;
use mx_plugin::serde_json::{Value, json};
use mx_plugin::{
    Adapter, Digest, DigestRequest, Edit, Event, EventResponse, Manifest, Scope, SetupRequest, SyncRequest,
    export_adapter, host,
};

/// Budget of the session-start digest: a fifth of a typical first turn, enough for the standing decisions.
const SESSION_START_TOKENS: u32 = 1_500;
/// Token budget of a prompt-time injection (the host's gate keeps it to a few memories).
const PROMPT_TOKENS: u32 = 400;
/// Prompts shorter than this ("yes", "go on") are never worth a search.
const MIN_PROMPT_CHARS: usize = 12;
/// Hook timeout written into the settings, in seconds: mx answers in milliseconds; this only bounds a stuck disk.
const HOOK_TIMEOUT_SECS: u32 = 10;

/// The hooks mx installs: (Claude Code event, matcher, mx event).
const HOOKS: &[(&str, Option<&str>, &str)] = &[
    ("SessionStart", Some("startup|resume|clear|compact"), "session-start"),
    ("UserPromptSubmit", None, "user-prompt-submit"),
    ("PreCompact", None, "pre-compact"),
    ("Stop", None, "stop"),
    ("SessionEnd", None, "session-end"),
];

struct ClaudeCode;

impl Adapter for ClaudeCode {
    const MANIFEST: Manifest = Manifest::new("claude-code", "claude-code", env!("CARGO_PKG_VERSION"))
        .description("Claude Code: MCP server, CLAUDE.md rules, session-start digest and transcript capture hooks")
        .events(&["session-start", "user-prompt-submit", "pre-compact", "stop", "session-end"])
        .reads(&["~/.claude/projects/**/*.jsonl"])
        .writes(&["~/.claude.json", "~/.claude/settings.json", "~/.claude/CLAUDE.md"]);

    fn setup(request: SetupRequest) -> Result<Vec<Edit>, String> {
        Ok(setup_edits(&request))
    }

    fn handle_event(event: Event) -> Result<EventResponse, String> {
        let payload = event.json()?;
        match event.name.as_str() {
            "session-start" => session_start(),
            "user-prompt-submit" => user_prompt_submit(&payload),
            "pre-compact" | "session-end" => memory::capture(&payload, &event.cwd, memory::Trigger::End),
            "stop" => memory::capture(&payload, &event.cwd, memory::Trigger::Stop),
            other => Err(format!("claude-code has no event `{other}`; see `mx plugins list`")),
        }
    }

    fn sync(request: SyncRequest) -> Result<Vec<Edit>, String> {
        Ok(adapter_common::sync_edits("CLAUDE.md", &request))
    }

    fn render_context(digest: Digest) -> String {
        adapter_common::project_memory_block(&digest)
    }
}

/// The edits of `mx setup claude-code`, pure so fixture tests can pin them.
pub fn setup_edits(request: &SetupRequest) -> Vec<Edit> {
    let (mcp, mcp_key, settings, rules) = match request.scope {
        Scope::Project => (".mcp.json", "mcpServers", ".claude/settings.json", "CLAUDE.md"),
        Scope::User => ("~/.claude.json", "mcpServers", "~/.claude/settings.json", "~/.claude/CLAUDE.md"),
    };
    let mx = &request.mx_command;
    let mut edits = vec![Edit::json_set(
        mcp,
        &[mcp_key, "mx"],
        json!({ "type": "stdio", "command": mx, "args": ["mcp"], "env": {} }),
    )];
    for (claude_event, matcher, mx_event) in HOOKS {
        let mut group = json!({
            "hooks": [{
                "type": "command",
                "command": mx_line(mx, &format!("hook claude-code {mx_event}")),
                "timeout": HOOK_TIMEOUT_SECS,
            }]
        });
        if let Some(matcher) = matcher {
            group["matcher"] = json!(matcher);
        }
        edits.push(Edit::json_append_unique(settings, &["hooks", claude_event], json!([group])));
    }
    edits.push(Edit::upsert_block(rules, adapter_common::RULES_MARKER, &adapter_common::rules_block(mx)));
    edits
}

/// SessionStart: the project's "where things stand", as Claude Code's JSON hook output.
fn session_start() -> Result<EventResponse, String> {
    let mut request = DigestRequest::default();
    request.max_tokens = Some(SESSION_START_TOKENS);
    let digest = host::digest(&request)?;
    let context = adapter_common::render_context(&digest);
    if context.is_empty() {
        return Ok(EventResponse::none());
    }
    Ok(EventResponse::output(additional_context("SessionStart", &context)))
}

/// UserPromptSubmit: a few memories, only when they clearly concern the prompt. The host chooses them (a digest
/// for the prompt: its gate, fitted on the context eval sets, serves every adapter the same way).
fn user_prompt_submit(payload: &Value) -> Result<EventResponse, String> {
    let prompt = payload["prompt"].as_str().unwrap_or_default().trim();
    if prompt.chars().count() < MIN_PROMPT_CHARS || prompt.starts_with('/') {
        return Ok(EventResponse::none());
    }
    let mut request = DigestRequest::default();
    request.query = Some(adapter_common::truncate(prompt, 1_000));
    request.max_tokens = Some(PROMPT_TOKENS);
    let digest = host::digest(&request)?;
    if digest.memories.is_empty() || digest.text.trim().is_empty() {
        return Ok(EventResponse::none());
    }
    Ok(EventResponse::output(additional_context("UserPromptSubmit", digest.text.trim_end())))
}

/// Claude Code's documented JSON output for adding context from a hook.
fn additional_context(event: &str, context: &str) -> String {
    json!({ "hookSpecificOutput": { "hookEventName": event, "additionalContext": context } }).to_string()
}

export_adapter!(ClaudeCode);
