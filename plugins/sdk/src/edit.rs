//! Constructors for the edits `setup` returns.

use crate::{Block, Change, Edit, Merge, MergeMode};

fn merge(key_path: &[&str], value: &serde_json::Value, mode: MergeMode) -> Merge {
    Merge { key_path: key_path.iter().map(|k| (*k).to_owned()).collect(), value: value.to_string(), mode }
}

impl Edit {
    /// Set `value` at `key_path` in a JSON/JSONC file (e.g. `["mcpServers", "mx"]` in `.mcp.json`).
    pub fn json_set(path: &str, key_path: &[&str], value: serde_json::Value) -> Self {
        Self { path: path.to_owned(), change: Change::JsonMerge(merge(key_path, &value, MergeMode::Set)) }
    }

    /// Merge the object `value` into the object at `key_path`, key by key, keeping the user's other keys.
    pub fn json_deep_merge(path: &str, key_path: &[&str], value: serde_json::Value) -> Self {
        Self { path: path.to_owned(), change: Change::JsonMerge(merge(key_path, &value, MergeMode::DeepMerge)) }
    }

    /// Append each element of the array `items` to the array at `key_path` unless it is already there
    /// (e.g. a hook entry in `~/.claude/settings.json` next to the user's own hooks).
    pub fn json_append_unique(path: &str, key_path: &[&str], items: serde_json::Value) -> Self {
        Self { path: path.to_owned(), change: Change::JsonMerge(merge(key_path, &items, MergeMode::AppendUnique)) }
    }

    /// Like [`Edit::json_set`], for a TOML file (e.g. `["mcp_servers", "mx"]` in `~/.codex/config.toml`).
    pub fn toml_set(path: &str, key_path: &[&str], value: serde_json::Value) -> Self {
        Self { path: path.to_owned(), change: Change::TomlMerge(merge(key_path, &value, MergeMode::Set)) }
    }

    /// Like [`Edit::json_deep_merge`], for a TOML file.
    pub fn toml_deep_merge(path: &str, key_path: &[&str], value: serde_json::Value) -> Self {
        Self { path: path.to_owned(), change: Change::TomlMerge(merge(key_path, &value, MergeMode::DeepMerge)) }
    }

    /// Insert or replace the block `marker_id` in a text file (e.g. instructions in `AGENTS.md`).
    pub fn upsert_block(path: &str, marker_id: &str, content: &str) -> Self {
        Self {
            path: path.to_owned(),
            change: Change::UpsertBlock(Block { marker_id: marker_id.to_owned(), content: content.to_owned() }),
        }
    }

    /// Create the file with `content` unless it exists.
    pub fn create_file(path: &str, content: &str) -> Self {
        Self { path: path.to_owned(), change: Change::CreateFile(content.to_owned()) }
    }
}
