//! The MCP server: one [`MxServer`] per connection, tools declared with rmcp's `#[tool_router]`.
//!
//! Every store call runs on tokio's blocking pool: the store takes file locks and waits on SQLite's busy timeout, and a
//! blocked executor thread would stall the protocol (pings, cancellations, other calls). A store call that fails, or
//! even panics, becomes a tool error result (`isError: true`) with one line of text; the server keeps serving.

use std::str::FromStr;
use std::sync::Arc;

use jiff::Timestamp;
use mx_core::digest::{DEFAULT_MAX_TOKENS, DigestFormat};
use mx_core::model::{MemoryPatch, NewMemory, normalize_topics};
use mx_core::rank::RankingMode;
use mx_core::{Kind, Role, Source, ValidationError};
use mx_store::{ContextRequest, Deleted, DigestRequest, Filter, Scope, SearchRequest, Store, StoreError};
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::{ServerHandler, tool, tool_handler, tool_router};
use serde::Serialize;
use serde_json::{Value, json};

use super::input;
use super::params::{
    BuildContextParams, CreateMemoryParams, ListConversationsParams, ListStaleParams, ListTopicsParams,
    MemoryRefParams, RecallParams, SearchMemoriesParams, UpdateMemoryParams,
};
use super::render;

/// What the assistant is told at `initialize`: what is worth saving and when.
pub const INSTRUCTIONS: &str = include_str!("instructions.md");

/// Default number of conversations listed.
const DEFAULT_CONVERSATIONS_LIMIT: usize = 20;
const DEFAULT_STALE_LIMIT: usize = 20;

/// The mx MCP server. Cheap to clone: the store is shared.
#[derive(Debug, Clone)]
pub struct MxServer {
    store: Arc<Store>,
    /// The project this server works in (detected from its working directory or given with `--project`); `None` =
    /// global memories only.
    project: Option<String>,
    tool_router: ToolRouter<Self>,
}

/// Why a tool call failed: a stable code (the store's error codes) and the one-line message the assistant sees.
#[derive(Debug)]
struct Failure {
    code: &'static str,
    message: String,
}

impl Failure {
    fn internal(message: impl Into<String>) -> Self {
        Failure { code: mx_store::ErrorCode::Internal.as_str(), message: message.into() }
    }

    fn into_result(self) -> CallToolResult {
        tracing::debug!(code = self.code, message = %self.message, "tool call failed");
        let mut result = CallToolResult::error(vec![ContentBlock::text(self.message.clone())]);
        result.structured_content = Some(json!({ "error": { "code": self.code, "message": self.message } }));
        result
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        let code = e.code().as_str();
        let message = match &e {
            StoreError::Core(mx_core::Error::Invalid(v)) => validation_message(v),
            // The store's hint points at the CLI; an assistant has tools instead.
            StoreError::Core(mx_core::Error::NotFound(id)) => {
                format!("no memory matches `{id}`; find ids with search_memories or list_conversations")
            }
            _ => e.to_string(),
        };
        Failure { code, message }
    }
}

impl From<ValidationError> for Failure {
    fn from(e: ValidationError) -> Self {
        Failure { code: mx_store::ErrorCode::InvalidInput.as_str(), message: validation_message(&e) }
    }
}

/// Core's one-line validation message, without a hint that only makes sense on the command line (`--content`, `mx …`).
fn validation_message(e: &ValidationError) -> String {
    if e.hint.contains("--") || e.hint.contains("`mx ") {
        format!("{}: {} (got {})", e.field, e.problem, e.value)
    } else {
        e.to_string()
    }
}

type ToolResult = Result<CallToolResult, Failure>;

/// A successful result: readable text for the assistant plus the same facts as JSON for programs.
fn success(text: String, structured: impl Serialize) -> ToolResult {
    let value = serde_json::to_value(structured)
        .map_err(|e| Failure::internal(format!("cannot encode the result as JSON: {e}")))?;
    let mut result = CallToolResult::success(vec![ContentBlock::text(text)]);
    result.structured_content = Some(value);
    Ok(result)
}

impl MxServer {
    pub fn new(store: Arc<Store>, project: Option<String>) -> Self {
        Self { store, project, tool_router: Self::tool_router() }
    }

    /// Runs a store call on the blocking pool, turning errors and panics into [`Failure`]s.
    async fn with_store<T, F>(&self, call: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> mx_store::Result<T> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        match tokio::task::spawn_blocking(move || call(&store)).await {
            Ok(result) => result.map_err(Failure::from),
            Err(join) => {
                let detail = if join.is_panic() {
                    let payload = join.into_panic();
                    payload
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".to_owned())
                } else {
                    "the call was cancelled".to_owned()
                };
                tracing::error!(%detail, "store call failed unexpectedly");
                Err(Failure::internal(format!(
                    "internal error in the mx store ({detail}); the server is still running, try again or run `mx doctor`"
                )))
            }
        }
    }

    /// The scope every read starts from: this project plus global memories.
    fn base_filter(&self) -> Filter {
        let mut filter = Filter::default();
        filter.scope = match &self.project {
            Some(project) => Scope::Project(project.clone()),
            None => Scope::GlobalOnly,
        };
        filter
    }

    fn recent_filter(&self, recent: Option<&str>, now: Timestamp) -> Result<Filter, Failure> {
        let mut filter = self.base_filter();
        if let Some(period) = recent {
            filter.after = Some(input::since(period, now)?);
        }
        Ok(filter)
    }
}

/// Tool bodies, kept apart from the `#[tool]` wrappers so they can use `?` on [`Failure`].
impl MxServer {
    async fn do_create(&self, p: CreateMemoryParams) -> ToolResult {
        let mut new = NewMemory::default();
        new.kind = p.kind.as_deref().map(Kind::from_str).transpose()?;
        new.content = p.content;
        new.conversation_id = p.conversation_id;
        new.topics = p.topics.unwrap_or_default();
        new.name = p.name;
        new.importance = p.importance;
        new.files = p.files.unwrap_or_default();
        new.supersedes = p.supersedes;
        new.global = p.global.unwrap_or(false);
        new.private = p.private.unwrap_or(false);
        new.project = self.project.clone();
        new.role = Some(Role::Assistant);
        new.source = Some(Source::Mcp);
        // Code anchors get the commit they were true at from the store, which reads the server's worktree.
        let created = self.with_store(move |s| s.create(new)).await?;
        let mut structured = serde_json::to_value(&created)
            .map_err(|e| Failure::internal(format!("cannot encode the result as JSON: {e}")))?;
        if let Value::Object(map) = &mut structured {
            // The one value the assistant must carry forward, at the top where it is easy to find.
            map.insert("conversationId".into(), Value::String(created.memory.conversation_id.to_string()));
            map.insert("id".into(), Value::String(created.memory.id.to_string()));
        }
        success(render::created(&created), structured)
    }

    async fn do_search(&self, p: SearchMemoriesParams) -> ToolResult {
        let query = mx_store::input::query(&p.query)?.trim().to_owned();
        let now = Timestamp::now();
        let mut filter = self.recent_filter(p.recent.as_deref(), now)?;
        filter.topics = normalize_topics(&p.topics.unwrap_or_default())?;
        if let Some(kind) = p.kind.as_deref().filter(|k| !k.trim().is_empty()) {
            filter.kinds = input::kinds(kind)?;
        }
        filter.conversation_id = p.conversation_id.clone();
        filter.include_superseded = p.include_superseded.unwrap_or(false);
        let req = SearchRequest {
            query: query.clone(),
            filter,
            limit: input::limit(p.limit, mx_store::input::DEFAULT_SEARCH_LIMIT)?,
            now: None,
            conversation_id: p.conversation_id,
            mode: RankingMode::Full,
        };
        let results = self.with_store(move |s| s.search(&req)).await?;
        let text = render::search(&query, &results);
        success(text, json!({ "query": query, "count": results.len(), "results": results }))
    }

    async fn do_get(&self, p: MemoryRefParams) -> ToolResult {
        let memory = self.with_store(move |s| s.get(&p.id)).await?;
        success(render::memory(&memory), json!({ "memory": memory }))
    }

    async fn do_update(&self, p: UpdateMemoryParams) -> ToolResult {
        let mut patch = MemoryPatch::default();
        patch.kind = p.kind.as_deref().map(Kind::from_str).transpose()?;
        patch.content = p.content;
        patch.topics = p.topics;
        patch.importance = p.importance;
        patch.files = p.files;
        if patch.is_empty() {
            return Err(ValidationError::new(
                "update",
                "changes nothing",
                &p.id,
                "pass at least one of content, topics, kind, importance, files",
            )
            .into());
        }
        let id = p.id;
        let updated = self.with_store(move |s| s.update(&id, patch)).await?;
        success(render::updated(&updated), &updated)
    }

    async fn do_delete(&self, p: MemoryRefParams) -> ToolResult {
        let Deleted { memory, restored } = self.with_store(move |s| s.delete(&p.id)).await?;
        let mut text = format!("Deleted memory {} ({}).", memory.id, memory.kind);
        // Said out loud: otherwise the assistant believes the fact is gone while an older version answers again.
        if let Some(r) = &restored {
            text.push_str(&format!(" The version it had replaced, {}, is current again.", r.id));
        }
        success(text, json!({ "deleted": memory, "restored": restored }))
    }

    async fn do_recall(&self, p: RecallParams) -> ToolResult {
        let now = Timestamp::now();
        let mut filter = self.recent_filter(p.recent.as_deref(), now)?;
        filter.topics = normalize_topics(&p.topics.unwrap_or_default())?;
        let format = match p.format.as_deref().filter(|f| !f.trim().is_empty()) {
            Some(f) => DigestFormat::from_str(f)?,
            None => DigestFormat::Structured,
        };
        let req = DigestRequest {
            query: p.query.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty()),
            filter,
            format,
            max_tokens: input::max_tokens(p.max_tokens)?.unwrap_or(DEFAULT_MAX_TOKENS),
            show_sources: false,
            now: None,
            // Asked for: replaced facts left out, stale entries kept with their mark (the store's rule).
            injected: false,
        };
        let digest = self.with_store(move |s| s.digest(&req)).await?;
        let text = if digest.text.trim().is_empty() {
            "No memories match yet. Save decisions, constraints and progress with create_memory as you work.".to_owned()
        } else {
            digest.text.clone()
        };
        success(text, &digest)
    }

    async fn do_build_context(&self, p: BuildContextParams) -> ToolResult {
        let mut req = ContextRequest::default();
        req.context = p.context.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
        req.files = p.files.unwrap_or_default();
        req.filter = self.base_filter();
        req.max_tokens = input::max_tokens(p.max_tokens)?;
        let digest = self.with_store(move |s| s.build_context(&req)).await?;
        let text = if digest.text.trim().is_empty() {
            "Nothing recorded yet about this task or these files.".to_owned()
        } else {
            digest.text.clone()
        };
        success(text, &digest)
    }

    async fn do_list_conversations(&self, p: ListConversationsParams) -> ToolResult {
        let filter = self.recent_filter(p.recent.as_deref(), Timestamp::now())?;
        let limit = input::limit(p.limit, DEFAULT_CONVERSATIONS_LIMIT)?;
        let list = self.with_store(move |s| s.conversations(&filter, Some(limit))).await?;
        success(render::conversations(&list), json!({ "conversations": list }))
    }

    async fn do_list_stale(&self, p: ListStaleParams) -> ToolResult {
        let mut filter = self.recent_filter(None, Timestamp::now())?;
        filter.include_superseded = false;
        let limit = input::limit(p.limit, DEFAULT_STALE_LIMIT)?;
        let list = self.with_store(move |s| s.stale(&filter, Some(limit))).await?;
        success(render::stale(&list), json!({ "count": list.len(), "memories": list }))
    }

    async fn do_reanchor(&self, p: MemoryRefParams) -> ToolResult {
        let done = self.with_store(move |s| s.reanchor(&p.id)).await?;
        let text = format!(
            "Re-anchored memory {} to the code as it is now.\n{}",
            done.memory.id,
            render::memory(&done.memory)
        );
        success(text, &done)
    }

    async fn do_list_topics(&self, p: ListTopicsParams) -> ToolResult {
        let filter = self.recent_filter(p.recent.as_deref(), Timestamp::now())?;
        let list = self.with_store(move |s| s.topics(&filter)).await?;
        success(render::topics(&list), json!({ "topics": list }))
    }
}

#[tool_router]
impl MxServer {
    #[tool(
        description = "Save one piece of project knowledge worth keeping across sessions: a decision and why (with the \
                       alternatives rejected), an approach ruled out and why, a constraint, a convention, the root cause \
                       of a bug, or where the work stands and what is next. Use conversationId \"NEW\" for a session's \
                       first memory and reuse the returned conversationId afterwards."
    )]
    async fn create_memory(&self, Parameters(p): Parameters<CreateMemoryParams>) -> CallToolResult {
        self.do_create(p).await.unwrap_or_else(Failure::into_result)
    }

    #[tool(
        description = "Find memories of this project (and global ones) by meaning of the words and code identifiers, \
                       best first, with optional filters by topic, kind, period and conversation.",
        annotations(read_only_hint = true)
    )]
    async fn search_memories(&self, Parameters(p): Parameters<SearchMemoriesParams>) -> CallToolResult {
        self.do_search(p).await.unwrap_or_else(Failure::into_result)
    }

    #[tool(
        description = "Get one memory in full by its id, a unique id prefix (6+ characters) or its name.",
        annotations(read_only_hint = true)
    )]
    async fn get_memory(&self, Parameters(p): Parameters<MemoryRefParams>) -> CallToolResult {
        self.do_get(p).await.unwrap_or_else(Failure::into_result)
    }

    #[tool(
        description = "Correct or extend a memory: new content, topics, kind, importance or files. Prefer this over \
                       creating a near-duplicate. A named memory gets a new version; the old one is kept as superseded."
    )]
    async fn update_memory(&self, Parameters(p): Parameters<UpdateMemoryParams>) -> CallToolResult {
        self.do_update(p).await.unwrap_or_else(Failure::into_result)
    }

    #[tool(
        description = "Delete a memory that is wrong or was saved by mistake. To record that something changed, \
                       create a new memory with `supersedes` instead.",
        annotations(destructive_hint = true)
    )]
    async fn delete_memory(&self, Parameters(p): Parameters<MemoryRefParams>) -> CallToolResult {
        self.do_delete(p).await.unwrap_or_else(Failure::into_result)
    }

    #[tool(
        description = "Get a short, ranked digest of what is known about a topic, within a token budget. Call it at the \
                       start of a task. Without a query it tells where things stand: latest progress plus standing \
                       decisions, constraints and conventions.",
        annotations(read_only_hint = true)
    )]
    async fn recall(&self, Parameters(p): Parameters<RecallParams>) -> CallToolResult {
        self.do_recall(p).await.unwrap_or_else(Failure::into_result)
    }

    #[tool(
        description = "Get a briefing before starting work: the decisions, constraints, conventions, gotchas and \
                       progress relevant to the task described and to the files it will touch.",
        annotations(read_only_hint = true)
    )]
    async fn build_context(&self, Parameters(p): Parameters<BuildContextParams>) -> CallToolResult {
        self.do_build_context(p).await.unwrap_or_else(Failure::into_result)
    }

    #[tool(
        description = "List the conversations (sessions) that saved memories in this project, most recent first, with \
                       their topics and last memory.",
        annotations(read_only_hint = true)
    )]
    async fn list_conversations(&self, Parameters(p): Parameters<ListConversationsParams>) -> CallToolResult {
        self.do_list_conversations(p).await.unwrap_or_else(Failure::into_result)
    }

    #[tool(
        description = "List the topics used in this project's memories with how many memories each has; useful to \
                       pick topics for new memories and filters for searches.",
        annotations(read_only_hint = true)
    )]
    async fn list_topics(&self, Parameters(p): Parameters<ListTopicsParams>) -> CallToolResult {
        self.do_list_topics(p).await.unwrap_or_else(Failure::into_result)
    }

    #[tool(
        description = "List memories whose anchored code moved since they were written (files changed, renamed or \
                       deleted), with what moved. Call it when a result carries a `stale` mark, or before relying on \
                       memories about code you are changing.",
        annotations(read_only_hint = true)
    )]
    async fn list_stale_memories(&self, Parameters(p): Parameters<ListStaleParams>) -> CallToolResult {
        self.do_list_stale(p).await.unwrap_or_else(Failure::into_result)
    }

    #[tool(
        description = "Re-anchor a memory whose code moved but which still holds: it follows renames, drops deleted \
                       files and is stamped with the current code. Check the code first; if the memory no longer \
                       holds, create a corrected one with `supersedes` instead, or delete it."
    )]
    async fn reanchor_memory(&self, Parameters(p): Parameters<MemoryRefParams>) -> CallToolResult {
        self.do_reanchor(p).await.unwrap_or_else(Failure::into_result)
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for MxServer {
    fn get_info(&self) -> ServerConfig {
        let mut implementation = Implementation::new("mx", env!("CARGO_PKG_VERSION"));
        implementation.title = Some("mx project memory".to_owned());
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(implementation)
            .with_instructions(INSTRUCTIONS)
    }
}
