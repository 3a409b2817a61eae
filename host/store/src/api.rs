//! The Store API (contract for the CLI, MCP server and bindings). Bodies are filled in by the store work.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use mx_core::digest::{Digest, DigestFormat};
use mx_core::model::{Memory, MemoryPatch, NewMemory};
use mx_core::rank::{Ranked, RankingMode};
use mx_core::redact::Finding;
use mx_core::infer::Inference;
use serde::{Deserialize, Serialize};

use crate::Result;

/// Which memories a read covers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// The given project plus global memories (the default, with the project detected from the working directory).
    Project(String),
    /// Global memories only (no project could be detected, or `--global`).
    #[default]
    GlobalOnly,
    /// Every project.
    AllProjects,
}

/// Filters shared by list, search, digest and friends. Empty = no filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub scope: Scope,
    /// Any of these topics (normalised).
    pub topics: Vec<String>,
    pub exclude_topics: Vec<String>,
    pub kinds: Vec<mx_core::Kind>,
    pub conversation_id: Option<String>,
    pub after: Option<Timestamp>,
    pub before: Option<Timestamp>,
    pub include_superseded: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    Importance,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListRequest {
    pub filter: Filter,
    pub sort: Sort,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    pub query: String,
    pub filter: Filter,
    pub limit: usize,
    /// "Now" for recency; `None` = the clock.
    pub now: Option<Timestamp>,
    /// The caller's conversation, for the conversation-match signal.
    pub conversation_id: Option<String>,
    pub mode: RankingMode,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DigestRequest {
    /// `None` = "where things stand".
    pub query: Option<String>,
    pub filter: Filter,
    pub format: DigestFormat,
    pub max_tokens: usize,
    pub show_sources: bool,
    pub now: Option<Timestamp>,
}

/// A briefing before work (`build-context`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContextRequest {
    pub context: Option<String>,
    pub files: Vec<String>,
    pub filter: Filter,
    pub max_tokens: Option<usize>,
}

/// What `create` reports back.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Created {
    pub memory: Memory,
    /// True when the request said `NEW` (or gave no conversation) and a conversation was started.
    pub conversation_started: bool,
    pub redactions: Vec<Finding>,
    pub inferred: Option<Inference>,
}

/// What `update` reports back. A named memory gets a new version: `memory` is the new one, `previous` superseded.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Updated {
    pub memory: Memory,
    pub previous: Option<mx_core::MemoryId>,
    pub redactions: Vec<Finding>,
}

/// One entry of a memory's history (create, update, supersede, delete).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub seq: i64,
    pub at: Timestamp,
    /// `create`, `update`, `supersede`, `delete`, `import`.
    pub action: String,
    pub memory: Memory,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationSummary {
    pub id: String,
    pub project: Option<String>,
    pub memories: usize,
    pub first_at: Timestamp,
    pub last_at: Timestamp,
    pub topics: Vec<String>,
    /// The newest memory's content, shortened.
    pub last_content: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopicCount {
    pub topic: String,
    pub memories: usize,
    pub last_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    Supersedes,
    Follows,
    Resolves,
    Contradicts,
    References,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Relationship {
    pub from: mx_core::MemoryId,
    pub to: mx_core::MemoryId,
    pub kind: RelationKind,
    pub created_at: Timestamp,
}

/// One line of an import: mx's own export (a full [`Memory`]) or a foreign record such as the eval datasets'
/// memories.jsonl (`id`, `project`, `conversationId`, `content`, `createdAt`, `role`, `topics`).
#[derive(Debug, Clone, PartialEq)]
pub enum ImportRecord {
    Memory(Box<Memory>),
    Foreign(Box<NewMemory>),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub imported: usize,
    /// Already present (same id): import is idempotent.
    pub skipped: usize,
    pub redacted: usize,
}

/// Progress callback for long work (import, rebuild): `(done, total)`.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// A health check result for `mx doctor`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub name: String,
    pub ok: bool,
    pub detail: String,
    /// What to do when not ok.
    pub fix: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsGroup {
    Day,
    Week,
    Month,
    Topic,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatsRow {
    pub key: String,
    pub memories: usize,
}

/// The store. Cheap to open; safe to use from many processes at once. `Send + Sync`.
#[derive(Debug)]
pub struct Store {
    home: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the store at `home`.
    pub fn open(home: impl Into<PathBuf>) -> Result<Store> {
        Ok(Store { home: home.into() })
    }

    /// `$MX_HOME`, else the platform data dir (`~/.local/share/mx` on Linux).
    pub fn default_home() -> PathBuf {
        std::env::var_os("MX_HOME")
            .map(PathBuf::from)
            .or_else(|| dirs::data_dir().map(|d| d.join("mx")))
            .unwrap_or_else(|| PathBuf::from(".mx"))
    }

    pub fn home(&self) -> &Path {
        &self.home
    }

    pub fn create(&self, new: NewMemory) -> Result<Created> {
        let _ = new;
        todo!("store: create")
    }

    /// Creates many in one transaction per chunk; one result per input, in order; good items are stored even when
    /// others fail.
    pub fn create_batch(&self, items: Vec<NewMemory>) -> Vec<Result<Created>> {
        let _ = items;
        todo!("store: create_batch")
    }

    /// By full id, unique prefix (6+), or name (the current version).
    pub fn get(&self, id_prefix_or_name: &str) -> Result<Memory> {
        let _ = id_prefix_or_name;
        todo!("store: get")
    }

    pub fn update(&self, id_prefix_or_name: &str, patch: MemoryPatch) -> Result<Updated> {
        let _ = (id_prefix_or_name, patch);
        todo!("store: update")
    }

    pub fn delete(&self, id_prefix_or_name: &str) -> Result<Memory> {
        let _ = id_prefix_or_name;
        todo!("store: delete")
    }

    pub fn list(&self, req: &ListRequest) -> Result<Vec<Memory>> {
        let _ = req;
        todo!("store: list")
    }

    pub fn search(&self, req: &SearchRequest) -> Result<Vec<Ranked>> {
        let _ = req;
        todo!("store: search")
    }

    pub fn digest(&self, req: &DigestRequest) -> Result<Digest> {
        let _ = req;
        todo!("store: digest")
    }

    pub fn build_context(&self, req: &ContextRequest) -> Result<Digest> {
        let _ = req;
        todo!("store: build_context")
    }

    pub fn history(&self, id_prefix_or_name: &str) -> Result<Vec<HistoryEntry>> {
        let _ = id_prefix_or_name;
        todo!("store: history")
    }

    pub fn conversations(&self, filter: &Filter, limit: Option<usize>) -> Result<Vec<ConversationSummary>> {
        let _ = (filter, limit);
        todo!("store: conversations")
    }

    pub fn topics(&self, filter: &Filter) -> Result<Vec<TopicCount>> {
        let _ = filter;
        todo!("store: topics")
    }

    pub fn relationships(&self, id_prefix: &str) -> Result<Vec<Relationship>> {
        let _ = id_prefix;
        todo!("store: relationships")
    }

    pub fn relate(&self, from: &str, to: &str, kind: RelationKind) -> Result<Relationship> {
        let _ = (from, to, kind);
        todo!("store: relate")
    }

    pub fn unrelate(&self, from: &str, to: &str, kind: RelationKind) -> Result<bool> {
        let _ = (from, to, kind);
        todo!("store: unrelate")
    }

    /// Every memory (all projects, superseded included), oldest first, for a lossless JSONL export.
    pub fn export(&self, sink: &mut dyn FnMut(&Memory) -> std::io::Result<()>) -> Result<usize> {
        let _ = sink;
        todo!("store: export")
    }

    pub fn import(&self, records: Vec<ImportRecord>, progress: Progress<'_>) -> Result<ImportReport> {
        let _ = (records, progress);
        todo!("store: import")
    }

    pub fn rebuild_index(&self, progress: Progress<'_>) -> Result<usize> {
        let _ = progress;
        todo!("store: rebuild_index")
    }

    pub fn stats(&self, filter: &Filter, group: StatsGroup) -> Result<Vec<StatsRow>> {
        let _ = (filter, group);
        todo!("store: stats")
    }

    pub fn doctor(&self) -> Vec<Check> {
        todo!("store: doctor")
    }
}
