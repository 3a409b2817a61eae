//! The example adapter: the smallest adapter that uses every part of the contract. It serves an imaginary
//! assistant called `example` whose settings live in `.example/settings.json` (project) or
//! `~/.example/settings.json` (user) and whose transcripts are JSONL files under `~/.example/transcripts/`.
//!
//! It is also the well-behaved plugin of mx's tests, so its behaviour is pinned by snapshots.

use mx_plugin::serde_json::json;
use mx_plugin::{
    Adapter, DigestRequest, Edit, Event, EventResponse, Manifest, MemoryDraft, MemoryKind, Scope, SetupRequest,
    export_adapter, host,
};

struct Example;

impl Adapter for Example {
    const MANIFEST: Manifest = Manifest::new("example", "example", env!("CARGO_PKG_VERSION"))
        .description("Example adapter: injects the project digest at session start, saves a note at session end")
        .events(&["session-start", "session-end"])
        .reads(&["~/.example/transcripts/**/*.jsonl"])
        .writes(&["~/.example/settings.json"]);

    fn setup(request: SetupRequest) -> Result<Vec<Edit>, String> {
        let settings = match request.scope {
            Scope::Project => ".example/settings.json",
            Scope::User => "~/.example/settings.json",
        };
        let mx = &request.mx_command;
        let mut edits = vec![
            Edit::json_set(settings, &["mcpServers", "mx"], json!({ "command": mx, "args": ["mcp"] })),
            Edit::json_append_unique(
                settings,
                &["hooks", "sessionStart"],
                json!([{ "command": format!("{mx} hook example session-start") }]),
            ),
        ];
        if request.scope == Scope::Project {
            edits.push(Edit::upsert_block(
                "AGENTS.md",
                "memory",
                &format!(
                    "## Memory\n\nBefore starting, run `{mx} memories digest`. After a decision, save it with\n\
                     `{mx} memories create --content \"…\" --kind decision`.\n"
                ),
            ));
        }
        Ok(edits)
    }

    fn handle_event(event: Event) -> Result<EventResponse, String> {
        match event.name.as_str() {
            "session-start" => {
                let digest = host::digest(&DigestRequest::default())?;
                Ok(EventResponse::output(Self::render_context(digest)))
            }
            "session-end" => {
                // The payload names the transcript; its last line holds the assistant's closing summary.
                let payload = event.json()?;
                let Some(transcript) = payload.get("transcript_path").and_then(|p| p.as_str()) else {
                    return Ok(EventResponse::none());
                };
                let text = host::read_to_string(transcript)?;
                let Some(last) = text.lines().rev().find(|line| !line.trim().is_empty()) else {
                    return Ok(EventResponse::none());
                };
                let summary = mx_plugin::serde_json::from_str::<mx_plugin::serde_json::Value>(last)
                    .ok()
                    .and_then(|line| line.get("summary").and_then(|s| s.as_str()).map(str::to_owned))
                    .unwrap_or_else(|| last.to_owned());
                Ok(EventResponse::save(vec![MemoryDraft::new(summary).kind(MemoryKind::Progress).topics(["session"])]))
            }
            other => Err(format!("the example adapter does not handle `{other}`")),
        }
    }
}

export_adapter!(Example);
