//! The Codex adapter.
//!
//! `mx setup codex` adds `[mcp_servers.mx]` to `.codex/config.toml` (Codex reads it in trusted projects; user
//! scope: `~/.codex/config.toml`) and the rules block to `AGENTS.md` (user scope: `~/.codex/AGENTS.md`, Codex's
//! global instructions). Codex has no hook that can add context or read a transcript, so none is installed.

use adapter_common::rules_block;
use mx_plugin::serde_json::json;
use mx_plugin::{Adapter, Digest, Edit, Manifest, Scope, SetupRequest, SyncRequest, export_adapter};

struct Codex;

impl Adapter for Codex {
    const MANIFEST: Manifest = Manifest::new("codex", "codex", env!("CARGO_PKG_VERSION"))
        .description("Codex: MCP server in config.toml and memory rules in AGENTS.md")
        .writes(&["~/.codex/config.toml", "~/.codex/AGENTS.md"]);

    fn setup(request: SetupRequest) -> Result<Vec<Edit>, String> {
        Ok(setup_edits(&request))
    }

    fn sync(request: SyncRequest) -> Result<Vec<Edit>, String> {
        Ok(adapter_common::sync_edits("AGENTS.md", &request))
    }

    fn render_context(digest: Digest) -> String {
        adapter_common::project_memory_block(&digest)
    }
}

/// The edits of `mx setup codex`.
pub fn setup_edits(request: &SetupRequest) -> Vec<Edit> {
    let mx = &request.mx_command;
    let (config, agents) = match request.scope {
        Scope::Project => (".codex/config.toml", "AGENTS.md"),
        Scope::User => ("~/.codex/config.toml", "~/.codex/AGENTS.md"),
    };
    vec![
        Edit::toml_set(config, &["mcp_servers", "mx"], json!({ "command": mx, "args": ["mcp"] })),
        Edit::upsert_block(agents, adapter_common::RULES_MARKER, &rules_block(mx)),
    ]
}

export_adapter!(Codex);
