//! The Cursor adapter.
//!
//! `mx setup cursor` registers `mx mcp` in `.cursor/mcp.json` (user scope: `~/.cursor/mcp.json`), adds an
//! always-applied project rule `.cursor/rules/mx-memory.mdc`, and hooks in `.cursor/hooks.json` (user scope:
//! `~/.cursor/hooks.json`). Cursor keeps user rules in its settings UI, not in a file, so user scope writes no
//! rule. Hooks (`mx hook cursor <event>`):
//! - `session-start` (sessionStart): the project digest as `additional_context`;
//! - `pre-compact`, `session-end` (preCompact, sessionEnd): a session memory from the transcript;
//! - `stop` (stop, after every agent loop): the same, but only once enough new conversation accumulated.
//!
//! `beforeSubmitPrompt` is not wired: its documented output is `continue` and `user_message` only, so it
//! cannot add memories to the prompt.

mod capture;
pub mod transcript;

use adapter_common::{mx_line, rules_block};
use mx_plugin::serde_json::json;
use mx_plugin::{
    Adapter, Digest, DigestRequest, Edit, Event, EventResponse, Manifest, Scope, SetupRequest, SyncRequest,
    export_adapter, host,
};

/// The rule file mx owns; Cursor reads every `.mdc` file under `.cursor/rules/`.
pub const RULE_FILE: &str = ".cursor/rules/mx-memory.mdc";
const SESSION_START_TOKENS: u32 = 1_500;

/// The hooks mx installs: (Cursor event in hooks.json, mx event).
const HOOKS: &[(&str, &str)] = &[
    ("sessionStart", "session-start"),
    ("stop", "stop"),
    ("preCompact", "pre-compact"),
    ("sessionEnd", "session-end"),
];

/// The mx events of [`HOOKS`], for the manifest (a constant, so written out; a test keeps the two in step).
const EVENTS: [&str; 4] = ["session-start", "stop", "pre-compact", "session-end"];

struct Cursor;

impl Adapter for Cursor {
    const MANIFEST: Manifest = Manifest::new("cursor", "cursor", env!("CARGO_PKG_VERSION"))
        .description(
            "Cursor: MCP server, an always-applied memory rule, session-start digest and transcript capture hooks",
        )
        .events(&EVENTS)
        // Agent transcripts: ~/.cursor/projects/<workspace>/agent-transcripts/<id>/<id>.jsonl (the CLI: <id>.jsonl).
        .reads(&["~/.cursor/projects/**/*.jsonl"])
        .writes(&["~/.cursor/mcp.json", "~/.cursor/hooks.json"]);

    fn setup(request: SetupRequest) -> Result<Vec<Edit>, String> {
        Ok(setup_edits(&request))
    }

    fn handle_event(event: Event) -> Result<EventResponse, String> {
        match event.name.as_str() {
            "stop" => capture::capture(&event.json()?, &event.cwd, capture::Trigger::Stop),
            "pre-compact" | "session-end" => capture::capture(&event.json()?, &event.cwd, capture::Trigger::End),
            "session-start" => {
                let mut request = DigestRequest::default();
                request.max_tokens = Some(SESSION_START_TOKENS);
                let context = adapter_common::render_context(&host::digest(&request)?);
                if context.is_empty() {
                    return Ok(EventResponse::none());
                }
                // Cursor's sessionStart hook output: `additional_context` is added to the conversation.
                Ok(EventResponse::output(json!({ "additional_context": context }).to_string()))
            }
            other => Err(format!("cursor has no event `{other}`")),
        }
    }

    fn sync(request: SyncRequest) -> Result<Vec<Edit>, String> {
        Ok(adapter_common::sync_edits("AGENTS.md", &request))
    }

    fn render_context(digest: Digest) -> String {
        adapter_common::project_memory_block(&digest)
    }
}

/// The edits of `mx setup cursor`.
pub fn setup_edits(request: &SetupRequest) -> Vec<Edit> {
    let mx = &request.mx_command;
    let (mcp, hooks) = match request.scope {
        Scope::Project => (".cursor/mcp.json", ".cursor/hooks.json"),
        Scope::User => ("~/.cursor/mcp.json", "~/.cursor/hooks.json"),
    };
    let mut edits = vec![
        Edit::json_set(mcp, &["mcpServers", "mx"], json!({ "type": "stdio", "command": mx, "args": ["mcp"] })),
        // hooks.json needs `"version": 1`; creating the file only when it is missing leaves a user's own file
        // (and its version) untouched, and `--remove` deletes it only if it is still exactly this.
        Edit::create_file(hooks, "{\n  \"version\": 1\n}\n"),
    ];
    for (cursor_event, mx_event) in HOOKS {
        edits.push(Edit::json_append_unique(
            hooks,
            &["hooks", cursor_event],
            json!([{ "command": mx_line(mx, &format!("hook cursor {mx_event}")) }]),
        ));
    }
    if request.scope == Scope::Project {
        edits.push(Edit::create_file(RULE_FILE, &rule_file(mx)));
    }
    edits
}

/// A Cursor project rule: MDC front matter (`alwaysApply: true` puts it in every request), then the rules.
pub fn rule_file(mx_command: &str) -> String {
    format!(
        "---\ndescription: How to use mx project memory (recall before a task; save decisions, ruled-out approaches and progress)\nglobs:\nalwaysApply: true\n---\n\n{}",
        rules_block(mx_command)
    )
}

export_adapter!(Cursor);

#[cfg(test)]
mod manifest_tests {
    use super::*;

    #[test]
    fn the_manifest_declares_every_hook_event() {
        let hooked: Vec<&str> = HOOKS.iter().map(|(_, event)| *event).collect();
        assert_eq!(hooked, EVENTS);
        assert_eq!(<Cursor as Adapter>::MANIFEST.events, EVENTS);
    }
}
