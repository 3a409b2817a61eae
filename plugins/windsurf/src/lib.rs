//! The Windsurf adapter.
//!
//! Windsurf reads MCP servers from one user-level file, `~/.codeium/windsurf/mcp_config.json` (`mcpServers`),
//! for every scope. Project scope adds an always-on workspace rule `.windsurf/rules/mx-memory.md` (front matter
//! `trigger: always_on`); user scope adds the rules block to the global rules file
//! `~/.codeium/windsurf/memories/global_rules.md`. Windsurf caps each rule file at 12,000 characters.
//!
//! No hooks: Cascade hooks cannot add context to the conversation (their output goes to the user), so a
//! session-start digest is not possible there; the rule tells Cascade to call `recall` instead.

use adapter_common::rules_block;
use mx_plugin::serde_json::json;
use mx_plugin::{Adapter, Digest, Edit, Manifest, Scope, SetupRequest, SyncRequest, export_adapter};

pub const MCP_CONFIG: &str = "~/.codeium/windsurf/mcp_config.json";
pub const RULE_FILE: &str = ".windsurf/rules/mx-memory.md";
pub const GLOBAL_RULES: &str = "~/.codeium/windsurf/memories/global_rules.md";
/// Windsurf's documented limit per rule file.
pub const RULE_FILE_MAX_CHARS: usize = 12_000;

struct Windsurf;

impl Adapter for Windsurf {
    const MANIFEST: Manifest = Manifest::new("windsurf", "windsurf", env!("CARGO_PKG_VERSION"))
        .description("Windsurf: MCP server and an always-on memory rule for Cascade")
        .writes(&[MCP_CONFIG, GLOBAL_RULES]);

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

/// The edits of `mx setup windsurf`.
pub fn setup_edits(request: &SetupRequest) -> Vec<Edit> {
    let mx = &request.mx_command;
    let mut edits = vec![Edit::json_set(MCP_CONFIG, &["mcpServers", "mx"], json!({ "command": mx, "args": ["mcp"] }))];
    match request.scope {
        Scope::Project => edits.push(Edit::create_file(RULE_FILE, &rule_file(mx))),
        Scope::User => {
            edits.push(Edit::upsert_block(GLOBAL_RULES, adapter_common::RULES_MARKER, &rules_block(mx)));
        }
    }
    edits
}

/// A workspace rule: front matter choosing the activation mode, then the rules.
pub fn rule_file(mx_command: &str) -> String {
    format!("---\ntrigger: always_on\n---\n\n{}", rules_block(mx_command))
}

export_adapter!(Windsurf);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_fits_windsurfs_cap_even_with_a_long_mx_path() {
        let long = format!("/home/{}/.cargo/bin/mx", "x".repeat(200));
        assert!(rule_file(&long).chars().count() < RULE_FILE_MAX_CHARS);
    }
}
