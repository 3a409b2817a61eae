//! The GitHub Copilot (VS Code) adapter.
//!
//! `mx setup copilot` registers `mx mcp` in `.vscode/mcp.json` (key `servers`, VS Code's format) and writes the
//! rules block into `.github/copilot-instructions.md`, which Copilot adds to every chat request in the
//! repository. VS Code keeps user-level MCP servers in its profile, whose location depends on the platform and
//! profile, so user scope is refused with the command that does it (`code --add-mcp`).

use adapter_common::rules_block;
use mx_plugin::serde_json::json;
use mx_plugin::{Adapter, Digest, Edit, Manifest, Scope, SetupRequest, SyncRequest, export_adapter};

pub const MCP_CONFIG: &str = ".vscode/mcp.json";
pub const INSTRUCTIONS: &str = ".github/copilot-instructions.md";

struct Copilot;

impl Adapter for Copilot {
    const MANIFEST: Manifest = Manifest::new("copilot", "copilot", env!("CARGO_PKG_VERSION"))
        .description("GitHub Copilot in VS Code: MCP server and memory rules in copilot-instructions.md");

    fn setup(request: SetupRequest) -> Result<Vec<Edit>, String> {
        setup_edits(&request)
    }

    fn sync(request: SyncRequest) -> Result<Vec<Edit>, String> {
        Ok(adapter_common::sync_edits(INSTRUCTIONS, &request))
    }

    fn render_context(digest: Digest) -> String {
        adapter_common::project_memory_block(&digest)
    }
}

/// The edits of `mx setup copilot`.
pub fn setup_edits(request: &SetupRequest) -> Result<Vec<Edit>, String> {
    let mx = &request.mx_command;
    if request.scope == Scope::User {
        let server = json!({ "name": "mx", "type": "stdio", "command": mx, "args": ["mcp"] });
        return Err(format!(
            "VS Code keeps user MCP servers in its profile; add mx there with: code --add-mcp '{server}' \
             (or run `mx setup copilot` in each project)"
        ));
    }
    Ok(vec![
        Edit::json_set(MCP_CONFIG, &["servers", "mx"], json!({ "type": "stdio", "command": mx, "args": ["mcp"] })),
        Edit::upsert_block(INSTRUCTIONS, adapter_common::RULES_MARKER, &rules_block(mx)),
    ])
}

export_adapter!(Copilot);
