//! The Store API (contract for the CLI, MCP server and bindings). Bodies are filled in by the store work.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use jiff::Timestamp;
use mx_core::digest::{Digest, DigestFormat, DigestOptions, digest, where_things_stand};
use mx_core::id::{ConversationId, MemoryId};
use mx_core::infer::Inference;
use mx_core::model::{Kind, Memory, MemoryPatch, NewMemory, Resolved, State};
use mx_core::rank::{Candidate, QueryContext, Ranked, RankingMode, rank};
use mx_core::redact::Finding;
use rusqlite::types::Value;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::db::{self, Where};
use crate::index::{Hit, SearchIndex};
use crate::{Result, StoreError};

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

impl SearchRequest {
    /// A search for `query` with no filter, 10 results, the clock's "now" and full ranking.
    pub fn new(query: impl Into<String>) -> Self {
        Self {
            query: query.into(),
            filter: Filter::default(),
            limit: 10,
            now: None,
            conversation_id: None,
            mode: RankingMode::Full,
        }
    }
}

impl Default for DigestRequest {
    fn default() -> Self {
        Self {
            query: None,
            filter: Filter::default(),
            format: DigestFormat::Structured,
            max_tokens: mx_core::digest::DEFAULT_MAX_TOKENS,
            show_sources: false,
            now: None,
        }
    }
}

/// How many memories the query-less digest ("where things stand") looks at: the newest memories plus the strongest
/// standing ones, so it stays fast on a store of any size.
const STANDING_RECENT: usize = 120;
const STANDING_STRONG: usize = 120;
/// How many ranked memories a digest with a query considers before the token budget cuts.
const DIGEST_CANDIDATES: usize = 60;
/// Rows per transaction on import: small enough that a killed import leaves a recent complete prefix, large enough
/// to amortise the commit.
const IMPORT_BATCH: usize = 5_000;

/// The store. Cheap to open; safe to use from many processes at once. `Send + Sync`.
///
/// Concurrency: one write connection and one read connection, each behind a mutex, so threads of one process take
/// turns on each (SQLite connections are not `Sync`), while reads never wait for writes (WAL). Across processes,
/// writes serialise on SQLite's lock (`BEGIN IMMEDIATE`, 30 s busy timeout) and index updates on a file lock.
#[derive(Debug)]
pub struct Store {
    home: PathBuf,
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
    uid: String,
    index: SearchIndex,
}

const HOME_HINT: &str = "set MX_HOME to a writable directory or fix the permissions of this one";

fn unavailable(path: &Path, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Unavailable { path: path.to_path_buf(), reason: reason.to_string(), hint: HOME_HINT }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in another thread while it held the connection rolled its transaction back; the connection is usable.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn now_or(now: Option<Timestamp>) -> Timestamp {
    now.unwrap_or_else(Timestamp::now)
}

fn fresh_id(at: Timestamp) -> MemoryId {
    MemoryId::from_parts(at.as_millisecond().max(0) as u64, rand::random::<u128>())
}

impl Store {
    /// Opens (creating if needed) the store at `home`.
    pub fn open(home: impl Into<PathBuf>) -> Result<Store> {
        let home = home.into();
        for sub in ["", "index", "cache", "logs"] {
            let dir = if sub.is_empty() { home.clone() } else { home.join(sub) };
            std::fs::create_dir_all(&dir).map_err(|e| unavailable(&dir, e))?;
        }
        let db_path = home.join("mx.db");
        let open = |p: &Path| {
            db::open(p).map_err(|e| match e {
                StoreError::Sqlite(se) => match db::map_busy(se) {
                    busy @ StoreError::Busy { .. } => busy,
                    other => unavailable(p, other),
                },
                other => unavailable(p, other),
            })
        };
        let writer = open(&db_path)?;
        let reader = open(&db_path)?;
        // The directory may exist but be read-only: SQLite then opens read-only-ish and fails on first write.
        let probe = home.join(".mx-write-probe");
        std::fs::write(&probe, b"").map_err(|e| unavailable(&home, e))?;
        let _ = std::fs::remove_file(&probe);
        let uid = db::store_uid(&reader)?;
        let index = SearchIndex::new(home.join("index"));
        Ok(Store { home, writer: Mutex::new(writer), reader: Mutex::new(reader), uid, index })
    }

    /// `$MX_HOME`, else the platform data dir (`~/.local/share/mx` on Linux).
    pub fn default_home() -> PathBuf {
        std::env::var_os("MX_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| dirs::data_dir().map(|d| d.join("mx")))
            .unwrap_or_else(|| PathBuf::from(".mx"))
    }

    pub fn home(&self) -> &Path {
        &self.home
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction on the write connection. The index is left alone: the next
    /// search covers the change from the change log (see [`crate::index`]), so a single write never pays a tantivy
    /// commit. Only the first writes of a store without an index build it (once), so that it exists from the start.
    fn write<R>(&self, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
        let conn = lock(&self.writer);
        let tx = db::begin_write(&conn)?;
        let out = f(&tx)?;
        tx.commit().map_err(db::map_busy)?;
        if !self.index.exists() {
            self.index.try_sync(&conn, &self.uid);
        }
        Ok(out)
    }

    pub fn create(&self, new: NewMemory) -> Result<Created> {
        self.write(|tx| create_in(tx, &new, Timestamp::now()))
    }

    /// Creates many in one transaction per chunk; one result per input, in order; good items are stored even when
    /// others fail.
    pub fn create_batch(&self, items: Vec<NewMemory>) -> Vec<Result<Created>> {
        let mut out = Vec::with_capacity(items.len());
        for chunk in items.chunks(IMPORT_BATCH) {
            let conn = lock(&self.writer);
            let tx = match db::begin_write(&conn) {
                Ok(tx) => tx,
                Err(e) => {
                    let msg = e.to_string();
                    out.extend(chunk.iter().map(|_| Err(StoreError::Index(msg.clone()))));
                    continue;
                }
            };
            let mut results = Vec::with_capacity(chunk.len());
            for new in chunk {
                // A savepoint per item: a failing item rolls back alone, the others stay.
                let r = tx.execute_batch("SAVEPOINT item").map_err(StoreError::from).and_then(|()| {
                    let r = create_in(&tx, new, Timestamp::now());
                    let end = if r.is_ok() { "RELEASE item" } else { "ROLLBACK TO item; RELEASE item" };
                    tx.execute_batch(end)?;
                    r
                });
                results.push(r);
            }
            match tx.commit().map_err(db::map_busy) {
                Ok(()) => out.extend(results),
                Err(e) => {
                    let msg = e.to_string();
                    out.extend(results.into_iter().map(|r| r.and(Err(StoreError::Index(msg.clone())))));
                }
            }
            // A batch is worth one commit (searches would otherwise commit a long tail themselves).
            self.index.try_sync(&conn, &self.uid);
        }
        out
    }

    /// By full id, unique prefix (6+), or name (the current version).
    pub fn get(&self, id_prefix_or_name: &str) -> Result<Memory> {
        let conn = lock(&self.reader);
        resolve(&conn, id_prefix_or_name)
    }

    pub fn update(&self, id_prefix_or_name: &str, patch: MemoryPatch) -> Result<Updated> {
        self.write(|tx| {
            let old = resolve(tx, id_prefix_or_name)?;
            let now = Timestamp::now();
            let built = old.apply_patch(&patch, now)?;
            if old.name.is_some() && old.is_current() {
                // A named memory keeps its versions: the patched one is a new memory superseding the old.
                let mut memory = built.memory;
                memory.id = fresh_id(now);
                memory.created_at = now;
                memory.updated_at = now;
                memory.supersedes = Some(old.id.clone());
                memory.superseded_by = None;
                memory.state = State::Current;
                db::insert_memory(tx, &memory)?;
                db::log_change(tx, memory.id.as_str(), "create", now, Some(&memory))?;
                supersede(tx, &old, &memory.id, now)?;
                Ok(Updated { memory, previous: Some(old.id), redactions: built.redactions })
            } else {
                db::update_memory(tx, &built.memory)?;
                db::log_change(tx, built.memory.id.as_str(), "update", now, Some(&built.memory))?;
                Ok(Updated { memory: built.memory, previous: None, redactions: built.redactions })
            }
        })
    }

    /// Deletes a memory for good; its history keeps a `delete` entry with the last snapshot. When it was the newest
    /// version of a named memory, the version it superseded becomes current again.
    pub fn delete(&self, id_prefix_or_name: &str) -> Result<Memory> {
        self.write(|tx| {
            let m = resolve(tx, id_prefix_or_name)?;
            let now = Timestamp::now();
            // Logged first, while the row still tells its row id.
            db::log_change(tx, m.id.as_str(), "delete", now, Some(&m))?;
            db::delete_memory_row(tx, m.id.as_str())?;
            tx.execute("DELETE FROM relationships WHERE from_id = ?1 OR to_id = ?1", [m.id.as_str()])?;
            if let Some(prev_id) = &m.supersedes
                && let Some(mut prev) = db::memory_by_id(tx, prev_id.as_str())?
                && prev.superseded_by.as_ref() == Some(&m.id)
            {
                prev.state = State::Current;
                prev.superseded_by = None;
                prev.updated_at = now;
                db::update_memory(tx, &prev)?;
                db::log_change(tx, prev.id.as_str(), "restore", now, Some(&prev))?;
            }
            Ok(m)
        })
    }

    pub fn list(&self, req: &ListRequest) -> Result<Vec<Memory>> {
        let conn = lock(&self.reader);
        let w = Where::from_filter(&req.filter);
        db::select_memories(&conn, &w, db::order_by(req.sort), req.limit)
    }

    pub fn search(&self, req: &SearchRequest) -> Result<Vec<Ranked>> {
        let n = req.limit.max(1).saturating_mul(5).max(100);
        let now = now_or(req.now);
        let query = self.read_query(&req.query, now, req.mode);
        let candidates = self.candidates(&query, &req.filter, n)?;
        let mut ctx = QueryContext::new(now);
        ctx.project = scope_project(&req.filter.scope);
        ctx.conversation_id = req.conversation_id.clone().or_else(|| req.filter.conversation_id.clone());
        ctx.topics = req.filter.topics.clone();
        ctx.include_superseded = req.filter.include_superseded;
        ctx.limit = Some(req.limit);
        Ok(query.rank(candidates, ctx))
    }

    /// Reads a question ([`mx_core::search::Query::parse`]). A compound query word that no memory contains is
    /// searched through its parts; the index is consulted only when the query has a compound.
    fn read_query(&self, text: &str, now: Timestamp, mode: RankingMode) -> mx_core::search::Query {
        let fresh = std::cell::OnceCell::new();
        let indexed = |term: &str| {
            let fresh = fresh.get_or_init(|| self.index.fresh_searcher(&lock(&self.reader), &self.uid).ok());
            // Without a readable index, assume the compound occurs: the split every query got before.
            fresh.as_ref().is_none_or(|f| self.index.contains_term(f, term))
        };
        mx_core::search::Query::parse(text, now, mode, indexed)
    }

    /// Lexical candidates for a read question from the index (caught up first), hydrated from SQLite, in BM25
    /// order. A question with nothing searchable (empty, stop words, punctuation) yields the newest memories under
    /// the filter, unscored.
    fn candidates(&self, query: &mx_core::search::Query, filter: &Filter, n: usize) -> Result<Vec<Candidate>> {
        let terms = query.search_terms();
        let terms = terms.as_slice();
        let conn = lock(&self.reader);
        if terms.is_empty() {
            let w = Where::from_filter(filter);
            let ms = db::select_memories(&conn, &w, db::order_by(Sort::Newest), Some(n))?;
            return Ok(ms.into_iter().map(|memory| Candidate { memory, lexical: 0.0 }).collect());
        }
        let hits = match self.index_search(&conn, terms, filter, n) {
            Ok(h) => h,
            Err(_) => {
                // Corrupt segments surface at query time: rebuild from SQLite and try once more.
                self.index.invalidate();
                self.index.rebuild(&conn, &self.uid, &mut |_, _| {})?;
                self.index_search(&conn, terms, filter, n)?
            }
        };
        let rids: Vec<i64> = hits.iter().map(|h| h.rid).collect();
        let mut by_rid: HashMap<i64, Memory> = db::memories_by_rids(&conn, &rids)?.into_iter().collect();
        Ok(hits
            .into_iter()
            .filter_map(|h| by_rid.remove(&h.rid).map(|memory| Candidate { memory, lexical: h.score }))
            .collect())
    }

    fn index_search(&self, conn: &Connection, terms: &[(String, f32)], filter: &Filter, n: usize) -> Result<Vec<Hit>> {
        let searcher = self.index.fresh_searcher(conn, &self.uid)?;
        self.index.search(&searcher, terms, filter, n)
    }

    pub fn digest(&self, req: &DigestRequest) -> Result<Digest> {
        let now = now_or(req.now);
        let mut opts = DigestOptions::new(now);
        opts.format = req.format;
        opts.max_tokens = req.max_tokens;
        opts.query = req.query.clone().filter(|q| !q.trim().is_empty());
        opts.show_sources = req.show_sources;
        let ranked = match &opts.query {
            Some(q) => {
                let mut s = SearchRequest::new(q.clone());
                s.filter = req.filter.clone();
                s.limit = DIGEST_CANDIDATES;
                s.now = Some(now);
                self.search(&s)?
            }
            None => where_things_stand(self.standing(&req.filter)?, now),
        };
        Ok(digest(&ranked, &opts))
    }

    /// The bounded set "where things stand" chooses from: the newest memories under the filter plus the strongest
    /// standing decisions, constraints, conventions, ruled-out approaches and gotchas.
    fn standing(&self, filter: &Filter) -> Result<Vec<Memory>> {
        let conn = lock(&self.reader);
        let mut out = select_per_project(&conn, filter, Sort::Newest, STANDING_RECENT)?;
        let mut strong_filter = filter.clone();
        if strong_filter.kinds.is_empty() {
            strong_filter.kinds =
                vec![Kind::Decision, Kind::Constraint, Kind::Convention, Kind::RuledOut, Kind::Gotcha];
        }
        let strong = select_per_project(&conn, &strong_filter, Sort::Importance, STANDING_STRONG)?;
        let seen: HashSet<MemoryId> = out.iter().map(|m| m.id.clone()).collect();
        out.extend(strong.into_iter().filter(|m| !seen.contains(&m.id)));
        Ok(out)
    }

    /// A briefing before work: memories relevant to the context text, memories anchored to the given files, and the
    /// active progress, ranked together and rendered as a structured digest.
    pub fn build_context(&self, req: &ContextRequest) -> Result<Digest> {
        let now = Timestamp::now();
        let query = req.context.clone().filter(|c| !c.trim().is_empty());
        let mut pool: Vec<Candidate> = Vec::new();
        if let Some(q) = &query {
            pool.extend(self.candidates(&self.read_query(q, now, RankingMode::Full), &req.filter, 100)?);
        }
        let top_lexical = pool.iter().map(|c| c.lexical).fold(1.0f32, f32::max);
        let files = mx_core::model::validate_files(&req.files)?;
        {
            let conn = lock(&self.reader);
            if !files.is_empty() {
                let mut w = Where::from_filter(&req.filter);
                w.push(
                    format!(
                        "m.rid IN (SELECT rid FROM memory_files WHERE path IN ({}))",
                        db::placeholders(files.len())
                    ),
                    files.iter().map(|f| Value::Text(f.clone())),
                );
                // Anchored memories are as relevant as the best lexical match: the files are the question.
                for memory in db::select_memories(&conn, &w, db::order_by(Sort::Newest), Some(100))? {
                    pool.push(Candidate { memory, lexical: top_lexical });
                }
            }
            let mut progress = req.filter.clone();
            progress.kinds = vec![Kind::Progress];
            let w = Where::from_filter(&progress);
            for memory in db::select_memories(&conn, &w, db::order_by(Sort::Newest), Some(10))? {
                pool.push(Candidate { memory, lexical: 0.0 });
            }
        }
        let mut seen = HashSet::new();
        pool.retain(|c| seen.insert(c.memory.id.clone()));
        let mut ctx = QueryContext::new(now);
        ctx.query = query.clone();
        ctx.project = scope_project(&req.filter.scope);
        ctx.topics = req.filter.topics.clone();
        ctx.limit = Some(DIGEST_CANDIDATES);
        let ranked = rank(pool, &ctx);
        let mut opts = DigestOptions::new(now);
        opts.query = query;
        if let Some(max) = req.max_tokens {
            opts.max_tokens = max;
        }
        Ok(digest(&ranked, &opts))
    }

    /// Every recorded change of a memory and, for a named memory, of all its versions, oldest first.
    pub fn history(&self, id_prefix_or_name: &str) -> Result<Vec<HistoryEntry>> {
        let conn = lock(&self.reader);
        let ids: Vec<String> = match resolve(&conn, id_prefix_or_name) {
            Ok(m) => version_chain(&conn, &m)?,
            // A deleted memory is gone from `memories` but its history remains: accept its full id or prefix.
            Err(e) => {
                let Ok(prefix) = mx_core::id::normalize_prefix(id_prefix_or_name) else { return Err(e) };
                let upper = format!("{prefix}{{");
                let mut stmt = conn.prepare_cached(
                    "SELECT DISTINCT memory_id FROM changes WHERE memory_id >= ?1 AND memory_id < ?2 LIMIT 6",
                )?;
                let found: Vec<String> =
                    stmt.query_map(params![prefix, upper], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                match found.len() {
                    0 => return Err(e),
                    1 => found,
                    _ => {
                        return Err(mx_core::Error::AmbiguousId {
                            prefix: id_prefix_or_name.to_owned(),
                            matches: found.into_iter().take(5).collect(),
                        }
                        .into());
                    }
                }
            }
        };
        // An import entry without a snapshot: the memory's row still holds what was imported (see `db`).
        let sql = format!(
            "SELECT c.seq, c.at, c.op, COALESCE(c.snapshot, m.body) FROM changes c
             LEFT JOIN memories m ON c.snapshot IS NULL AND c.op = 'import' AND m.id = c.memory_id
             WHERE c.memory_id IN ({}) AND (c.snapshot IS NOT NULL OR m.body IS NOT NULL) ORDER BY c.seq",
            db::placeholders(ids.len())
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(ids.iter()), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, at, action, snapshot) = row?;
            let at = at.parse().map_err(|e| StoreError::Index(format!("bad timestamp in history: {e}")))?;
            out.push(HistoryEntry { seq, at, action, memory: db::memory_from_json(&snapshot)? });
        }
        Ok(out)
    }

    pub fn conversations(&self, filter: &Filter, limit: Option<usize>) -> Result<Vec<ConversationSummary>> {
        let conn = lock(&self.reader);
        let w = Where::from_filter(filter);
        let sql = format!(
            "SELECT m.conversation_id, COUNT(*), MIN(m.created_ms), MAX(m.created_ms) FROM memories m WHERE {}
             GROUP BY m.conversation_id ORDER BY MAX(m.created_ms) DESC, m.conversation_id LIMIT {}",
            w.sql(),
            limit.map_or(-1, |l| l as i64)
        );
        let mut stmt = conn.prepare(&sql)?;
        let groups: Vec<(String, i64)> = stmt
            .query_map(rusqlite::params_from_iter(w.params.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(groups.len());
        for (id, count) in groups {
            let mut f = filter.clone();
            f.conversation_id = Some(id.clone());
            let ms = db::select_memories(&conn, &Where::from_filter(&f), db::order_by(Sort::Oldest), None)?;
            let (Some(first), Some(last)) = (ms.first(), ms.last()) else { continue };
            let mut topics: Vec<String> = Vec::new();
            for m in &ms {
                for t in &m.topics {
                    if !topics.contains(t) {
                        topics.push(t.clone());
                    }
                }
            }
            out.push(ConversationSummary {
                id,
                project: last.project.clone(),
                memories: count as usize,
                first_at: first.created_at,
                last_at: last.created_at,
                topics,
                last_content: shorten(&last.content, 120),
            });
        }
        Ok(out)
    }

    pub fn topics(&self, filter: &Filter) -> Result<Vec<TopicCount>> {
        let conn = lock(&self.reader);
        let w = Where::from_filter(filter);
        let sql = format!(
            "SELECT t.topic, COUNT(*), MAX(m.created_ms) FROM memory_topics t JOIN memories m ON m.rid = t.rid
             WHERE {} GROUP BY t.topic ORDER BY COUNT(*) DESC, t.topic",
            w.sql()
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(w.params.iter()), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (topic, n, last) = row?;
            out.push(TopicCount { topic, memories: n as usize, last_at: ms_to_ts(last)? });
        }
        Ok(out)
    }

    /// Relationships from or to a memory.
    pub fn relationships(&self, id_prefix: &str) -> Result<Vec<Relationship>> {
        let conn = lock(&self.reader);
        let m = resolve(&conn, id_prefix)?;
        let mut stmt = conn.prepare_cached(
            "SELECT from_id, to_id, kind, created_at FROM relationships WHERE from_id = ?1 OR to_id = ?1
             ORDER BY created_at, from_id, to_id",
        )?;
        let rows = stmt.query_map([m.id.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (from, to, kind, at) = row?;
            out.push(Relationship {
                from: MemoryId::parse(&from)?,
                to: MemoryId::parse(&to)?,
                kind: relation_from_str(&kind)?,
                created_at: at.parse().map_err(|e| StoreError::Index(format!("bad timestamp: {e}")))?,
            });
        }
        Ok(out)
    }

    pub fn relate(&self, from: &str, to: &str, kind: RelationKind) -> Result<Relationship> {
        self.write(|tx| {
            let a = resolve(tx, from)?;
            let b = resolve(tx, to)?;
            if a.id == b.id {
                return Err(mx_core::ValidationError::new(
                    "to",
                    "must be another memory",
                    to,
                    "relate two different memories",
                )
                .into());
            }
            let now = Timestamp::now();
            if kind == RelationKind::Supersedes {
                let mut newer = a.clone();
                newer.supersedes = Some(b.id.clone());
                newer.updated_at = now;
                db::update_memory(tx, &newer)?;
                db::log_change(tx, newer.id.as_str(), "update", now, Some(&newer))?;
                supersede(tx, &b, &a.id, now)?;
            } else {
                insert_relation(tx, &a.id, &b.id, kind, now)?;
                db::log_change(tx, a.id.as_str(), "relate", now, None)?;
            }
            let at: String = tx.query_row(
                "SELECT created_at FROM relationships WHERE from_id = ?1 AND to_id = ?2 AND kind = ?3",
                params![a.id.as_str(), b.id.as_str(), relation_str(kind)],
                |r| r.get(0),
            )?;
            let created_at = at.parse().map_err(|e| StoreError::Index(format!("bad timestamp: {e}")))?;
            Ok(Relationship { from: a.id, to: b.id, kind, created_at })
        })
    }

    pub fn unrelate(&self, from: &str, to: &str, kind: RelationKind) -> Result<bool> {
        self.write(|tx| {
            let a = resolve(tx, from)?;
            let b = resolve(tx, to)?;
            let n = tx.execute(
                "DELETE FROM relationships WHERE from_id = ?1 AND to_id = ?2 AND kind = ?3",
                params![a.id.as_str(), b.id.as_str(), relation_str(kind)],
            )?;
            if n > 0 {
                let now = Timestamp::now();
                if kind == RelationKind::Supersedes && b.superseded_by.as_ref() == Some(&a.id) {
                    let mut older = b.clone();
                    older.state = State::Current;
                    older.superseded_by = None;
                    older.updated_at = now;
                    db::update_memory(tx, &older)?;
                    db::log_change(tx, older.id.as_str(), "restore", now, Some(&older))?;
                } else {
                    db::log_change(tx, a.id.as_str(), "unrelate", now, None)?;
                }
            }
            Ok(n > 0)
        })
    }

    /// Every memory (all projects, superseded included), oldest first, for a lossless JSONL export.
    pub fn export(&self, sink: &mut dyn FnMut(&Memory) -> std::io::Result<()>) -> Result<usize> {
        let conn = lock(&self.reader);
        let tx = conn.unchecked_transaction()?;
        let mut stmt = tx.prepare("SELECT body FROM memories ORDER BY created_ms, id")?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let body: String = row.get(0)?;
            let m = db::memory_from_json(&body)?;
            sink(&m).map_err(|source| StoreError::Io { path: PathBuf::from("<export>"), source })?;
            n += 1;
        }
        Ok(n)
    }

    /// Imports records in batches of `IMPORT_BATCH` (5,000) per transaction (a killed import leaves a complete prefix),
    /// skipping ids already present. Three stages overlap: a thread builds the next batch through core (validation,
    /// redaction, inference) and encodes it; this thread inserts a batch and commits it; a third hands each committed
    /// batch's memories to one tantivy writer, which commits once at the end, and checkpoints the WAL meanwhile. The
    /// import returns once SQLite and the index hold everything.
    pub fn import(&self, records: Vec<ImportRecord>, progress: Progress<'_>) -> Result<ImportReport> {
        let now = Timestamp::now();
        let (tx_signal, rx_signal) = std::sync::mpsc::channel::<Committed>();
        // One batch waiting besides the one being built and the one being inserted: both threads stay busy, and
        // memory stays bounded.
        let (tx_batch, rx_batch) = std::sync::mpsc::sync_channel::<Result<Vec<PreparedImport>>>(1);
        let records = &records;
        std::thread::scope(|scope| {
            let indexer = scope.spawn(move || {
                // Indexing is an optimisation here: if it fails, the next search catches up or rebuilds.
                let mut session = None;
                while let Ok(committed) = rx_signal.recv() {
                    let conn = lock(&self.reader);
                    if session.is_none() {
                        session = self.index.bulk_session(&conn, &self.uid).ok();
                    }
                    if let Some(s) = session.as_mut()
                        && s.add_committed(&conn, committed.seqs, &committed.memories).is_err()
                    {
                        session = None;
                    }
                    // The import's connection does not checkpoint (see `import_rows`); this one does, off the
                    // inserting thread. A failure only leaves a longer WAL for the next checkpoint.
                    let _ = db::checkpoint_passive(&conn);
                }
                if let Some(s) = session {
                    let conn = lock(&self.reader);
                    let _ = s.finish(&conn);
                }
            });
            let preparer = scope.spawn(move || {
                for chunk in records.chunks(IMPORT_BATCH) {
                    let batch = chunk.iter().map(|r| prepare_import(r, now)).collect::<Result<Vec<_>>>();
                    let failed = batch.is_err();
                    // A closed channel: the inserting side stopped on an error.
                    if tx_batch.send(batch).is_err() || failed {
                        break;
                    }
                }
            });
            let result = self.import_rows(records.len(), rx_batch, progress, &tx_signal, now);
            drop(tx_signal);
            let _ = preparer.join();
            let _ = indexer.join();
            result
        })
    }

    /// Inserts the prepared batches, one transaction each, in order. Returns at the first error (the batches before
    /// it stay committed); dropping `batches` then stops the preparing thread.
    fn import_rows(
        &self,
        total: usize,
        batches: std::sync::mpsc::Receiver<Result<Vec<PreparedImport>>>,
        progress: Progress<'_>,
        indexer: &std::sync::mpsc::Sender<Committed>,
        now: Timestamp,
    ) -> Result<ImportReport> {
        let total = total as u64;
        let at = now.to_string();
        let mut report = ImportReport::default();
        let mut done = 0u64;
        // Conversations this import has recorded: their later memories skip the (ignored) insert.
        let mut conversations: HashSet<String> = HashSet::new();
        let _cache = BulkCache::new(&self.writer)?;
        for batch in batches {
            let batch = batch?;
            let conn = lock(&self.writer);
            // SQLite checkpoints on the committing connection once the WAL passes 1,000 pages, which stalled this
            // thread at nearly every commit; the indexing thread checkpoints instead.
            let quiet = db::AutoCheckpointOff::new(&conn)?;
            let tx = db::begin_write(&conn)?;
            let count = batch.len() as u64;
            let mut committed = Committed { seqs: None, memories: Vec::with_capacity(batch.len()) };
            for p in batch {
                let Some(rid) = db::insert_memory_row(&tx, &p.memory, &p.body, true)? else {
                    report.skipped += 1;
                    continue;
                };
                if !conversations.contains(p.memory.conversation_id.as_str()) {
                    db::insert_conversation(&tx, &p.memory)?;
                    conversations.insert(p.memory.conversation_id.to_string());
                }
                // No snapshot: the row just written is it, until its first change (see `db`).
                let seq = db::log_change_with_rid(&tx, p.memory.id.as_str(), rid, "import", &at, None)?;
                committed.seqs = Some((committed.seqs.map_or(seq, |(first, _)| first), seq));
                committed.memories.push((rid, p.memory));
                report.imported += 1;
                report.redacted += usize::from(p.redacted);
            }
            tx.commit().map_err(db::map_busy)?;
            drop(quiet);
            drop(conn);
            let _ = indexer.send(committed);
            done += count;
            progress(done, total);
        }
        Ok(report)
    }

    pub fn rebuild_index(&self, progress: Progress<'_>) -> Result<usize> {
        let conn = lock(&self.reader);
        self.index.rebuild(&conn, &self.uid, progress)
    }

    pub fn stats(&self, filter: &Filter, group: StatsGroup) -> Result<Vec<StatsRow>> {
        if group == StatsGroup::Topic {
            return Ok(self
                .topics(filter)?
                .into_iter()
                .map(|t| StatsRow { key: t.topic, memories: t.memories })
                .collect());
        }
        let conn = lock(&self.reader);
        let w = Where::from_filter(filter);
        let key = match group {
            StatsGroup::Day => "strftime('%Y-%m-%d', m.created_ms / 1000, 'unixepoch')",
            // ISO-8601 week: the Thursday of the week decides the year.
            StatsGroup::Week => "strftime('%G-W%V', m.created_ms / 1000, 'unixepoch')",
            StatsGroup::Month | StatsGroup::Topic => "strftime('%Y-%m', m.created_ms / 1000, 'unixepoch')",
        };
        let sql = format!("SELECT {key} AS k, COUNT(*) FROM memories m WHERE {} GROUP BY k ORDER BY k", w.sql());
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(w.params.iter()), |r| {
            Ok(StatsRow { key: r.get(0)?, memories: r.get::<_, i64>(1)? as usize })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn doctor(&self) -> Vec<Check> {
        let mut checks = Vec::new();
        let check = |name: &str, ok: bool, detail: String, fix: Option<&str>| Check {
            name: name.to_owned(),
            ok,
            detail,
            fix: if ok { None } else { fix.map(str::to_owned) },
        };
        let probe = self.home.join(".mx-doctor-probe");
        let writable = std::fs::write(&probe, b"ok").and_then(|_| std::fs::remove_file(&probe));
        checks.push(check(
            "home",
            writable.is_ok(),
            match &writable {
                Ok(()) => format!("{} is writable", self.home.display()),
                Err(e) => format!("{} is not writable: {e}", self.home.display()),
            },
            Some(HOME_HINT),
        ));
        let conn = lock(&self.reader);
        let quick: rusqlite::Result<String> = conn.query_row("PRAGMA quick_check", [], |r| r.get(0));
        checks.push(match &quick {
            Ok(s) if s == "ok" => check("database", true, "mx.db opens and passes quick_check".into(), None),
            Ok(s) => check(
                "database",
                false,
                format!("quick_check reports: {s}"),
                Some("export what you can with `mx export`, move mx.db aside and import it again"),
            ),
            Err(e) => check("database", false, format!("cannot read mx.db: {e}"), Some("check the file's permissions")),
        });
        let version = db::schema_version(&conn).unwrap_or(-1);
        checks.push(check(
            "schema",
            version == db::SCHEMA_VERSION,
            format!("schema version {version} (this mx writes {})", db::SCHEMA_VERSION),
            Some("upgrade mx: this database was written by a newer version"),
        ));
        let seq = db::max_seq(&conn).unwrap_or(-1);
        let status = self.index.status(&self.uid);
        checks.push(match (status.seq, status.problem.clone()) {
            (Some(s), _) if s >= seq => {
                check("index", true, format!("search index holds every change (seq {s})"), None)
            }
            (None, _) if status.missing && seq <= crate::index::TAIL_MAX => check(
                "index",
                true,
                format!("search index not built yet; the first search builds it ({seq} changes)"),
                None,
            ),
            (Some(s), _) if seq - s <= crate::index::TAIL_MAX => check(
                "index",
                true,
                format!("search index holds seq {s}; searches cover the {} newer changes from the log", seq - s),
                None,
            ),
            (Some(s), _) => check(
                "index",
                false,
                format!("search index is behind: seq {s} of {seq}"),
                Some("run any search to catch it up, or `mx index rebuild`"),
            ),
            (None, problem) => check(
                "index",
                false,
                format!("search index unusable: {}", problem.unwrap_or_default()),
                Some("run `mx index rebuild` (searches also rebuild it automatically)"),
            ),
        });
        let config = self.home.join("config.toml");
        checks.push(match std::fs::read_to_string(&config) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                check("config", true, "no config.toml (defaults apply)".into(), None)
            }
            Err(e) => {
                check("config", false, format!("cannot read {}: {e}", config.display()), Some("fix its permissions"))
            }
            Ok(text) => match text.parse::<toml_edit::DocumentMut>() {
                Ok(_) => check("config", true, format!("{} parses", config.display()), None),
                Err(e) => check(
                    "config",
                    false,
                    format!("{} does not parse: {}", config.display(), e.to_string().lines().next().unwrap_or("")),
                    Some("fix the TOML syntax or remove the file"),
                ),
            },
        });
        checks
    }
}

/// The first `limit` memories under the filter in `sort` order (newest or most important), read per project value of
/// the scope and merged. "This project or global" as one `m.project IN (?, '')` makes SQLite read and sort every row
/// of a large project (hundreds of ms on a 30,000-memory project); each value alone walks an index in order
/// (`memories_project_created`, `memories_project_importance`) and stops after `limit` rows.
fn select_per_project(conn: &Connection, filter: &Filter, sort: Sort, limit: usize) -> Result<Vec<Memory>> {
    let projects: Vec<Option<String>> = match &filter.scope {
        Scope::Project(p) if p.is_empty() => vec![Some(String::new())],
        Scope::Project(p) => vec![Some(p.clone()), Some(String::new())],
        Scope::GlobalOnly => vec![Some(String::new())],
        Scope::AllProjects => vec![None],
    };
    // Row-id order breaks ties in the index's order, so no sort step is needed.
    let order = match sort {
        Sort::Newest => "m.created_ms DESC, m.rid DESC",
        Sort::Oldest => "m.created_ms ASC, m.rid ASC",
        Sort::Importance => "m.importance DESC, m.created_ms DESC, m.rid DESC",
    };
    let mut unscoped = filter.clone();
    unscoped.scope = Scope::AllProjects;
    let mut out = Vec::new();
    for project in projects {
        let mut w = Where::from_filter(&unscoped);
        if let Some(p) = project {
            w.push("m.project = ?", [Value::Text(p)]);
        }
        out.extend(db::select_memories(conn, &w, order, Some(limit))?);
    }
    let newest = |a: &Memory, b: &Memory| b.created_at.cmp(&a.created_at).then_with(|| b.id.cmp(&a.id));
    match sort {
        Sort::Newest => out.sort_by(newest),
        Sort::Oldest => out.sort_by(|a, b| newest(b, a)),
        Sort::Importance => out.sort_by(|a, b| b.importance.total_cmp(&a.importance).then_with(|| newest(a, b))),
    }
    out.truncate(limit);
    Ok(out)
}

fn scope_project(scope: &Scope) -> Option<String> {
    match scope {
        Scope::Project(p) => Some(p.clone()),
        _ => None,
    }
}

fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn ms_to_ts(ms: i64) -> Result<Timestamp> {
    Timestamp::from_millisecond(ms).map_err(|e| StoreError::Index(format!("bad timestamp: {e}")))
}

fn relation_str(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Supersedes => "supersedes",
        RelationKind::Follows => "follows",
        RelationKind::Resolves => "resolves",
        RelationKind::Contradicts => "contradicts",
        RelationKind::References => "references",
    }
}

fn relation_from_str(s: &str) -> Result<RelationKind> {
    Ok(match s {
        "supersedes" => RelationKind::Supersedes,
        "follows" => RelationKind::Follows,
        "resolves" => RelationKind::Resolves,
        "contradicts" => RelationKind::Contradicts,
        "references" => RelationKind::References,
        other => return Err(StoreError::Index(format!("unknown relationship kind {other:?} in the database"))),
    })
}

impl std::str::FromStr for RelationKind {
    type Err = mx_core::ValidationError;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        relation_from_str(s.trim().to_ascii_lowercase().as_str()).map_err(|_| {
            mx_core::ValidationError::new(
                "kind",
                "is not a known relationship",
                s,
                "use one of supersedes, follows, resolves, contradicts, references",
            )
        })
    }
}

impl RelationKind {
    pub fn as_str(self) -> &'static str {
        relation_str(self)
    }
}

fn insert_relation(tx: &Connection, from: &MemoryId, to: &MemoryId, kind: RelationKind, now: Timestamp) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO relationships (from_id, to_id, kind, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![from.as_str(), to.as_str(), relation_str(kind), now.to_string()],
    )?;
    Ok(())
}

/// Marks `old` superseded by `by` and records it (history + relationship).
fn supersede(tx: &Connection, old: &Memory, by: &MemoryId, now: Timestamp) -> Result<()> {
    let mut old = old.clone();
    old.state = State::Superseded;
    old.superseded_by = Some(by.clone());
    old.updated_at = now;
    db::update_memory(tx, &old)?;
    db::log_change(tx, old.id.as_str(), "supersede", now, Some(&old))?;
    insert_relation(tx, by, &old.id, RelationKind::Supersedes, now)
}

/// The create path inside a write transaction: resolve ids, build through core (validation, redaction, inference),
/// insert, supersede the replaced memory.
fn create_in(tx: &Connection, new: &NewMemory, now: Timestamp) -> Result<Created> {
    let created_at = new.created_at.unwrap_or(now);
    let (conversation_id, conversation_started) = match new.conversation_id.as_deref() {
        None => (ConversationId::new_from_parts(now.as_millisecond().max(0) as u64, rand::random()), true),
        Some(c) if mx_core::id::is_new(c) => {
            (ConversationId::new_from_parts(now.as_millisecond().max(0) as u64, rand::random()), true)
        }
        Some(c) => (ConversationId::parse(c)?, false),
    };
    let explicit = match new.supersedes.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(s) => Some(resolve(tx, s)?),
        None => None,
    };
    let resolved = Resolved {
        id: fresh_id(created_at),
        conversation_id,
        project: new.project.clone(),
        supersedes: explicit.as_ref().map(|m| m.id.clone()),
        now,
    };
    let built = new.build(resolved)?;
    let mut memory = built.memory;
    // Same name in the same project: this is a new version of that memory.
    let mut replaced = explicit;
    if let Some(name) = &memory.name
        && let Some(prev) = db::current_by_name_in_project(tx, name, memory.project.as_deref())?
        && replaced.as_ref().is_none_or(|r| r.id != prev.id)
    {
        if replaced.is_none() {
            memory.supersedes = Some(prev.id.clone());
            replaced = Some(prev);
        } else {
            supersede(tx, &prev, &memory.id, now)?;
        }
    }
    db::insert_memory(tx, &memory)?;
    db::log_change(tx, memory.id.as_str(), "create", now, Some(&memory))?;
    if let Some(old) = &replaced {
        supersede(tx, old, &memory.id, now)?;
    }
    Ok(Created { memory, conversation_started, redactions: built.redactions, inferred: built.inferred })
}

/// What one import transaction committed, for the indexing thread: the change-log sequence numbers it wrote (first,
/// last; one transaction's are consecutive) and the memories with their row ids, so that they are indexed without
/// being read back from SQLite and decoded again.
struct Committed {
    seqs: Option<(i64, i64)>,
    memories: Vec<(i64, Memory)>,
}

/// The write connection's larger page cache for the length of an import ([`db::BULK_CACHE_KIB`]), back to the usual
/// size (its pages freed) when dropped, whatever happened. Held across batches: shrinking it in between would drop
/// the very pages the next batch needs.
struct BulkCache<'a>(&'a Mutex<Connection>);

impl<'a> BulkCache<'a> {
    fn new(writer: &'a Mutex<Connection>) -> Result<Self> {
        db::set_cache_kib(&lock(writer), db::BULK_CACHE_KIB)?;
        Ok(Self(writer))
    }
}

impl Drop for BulkCache<'_> {
    fn drop(&mut self) {
        // Cannot fail on an open connection; if it did, the connection would only keep a larger cache.
        let _ = db::set_cache_kib(&lock(self.0), db::CACHE_KIB);
    }
}

/// One import record, built and encoded, ready to insert.
struct PreparedImport {
    memory: Memory,
    body: String,
    redacted: bool,
}

/// Builds an import record through core: a foreign record like a create (validation, redaction, inference), an mx
/// export re-validated (an edited export must not smuggle in secrets).
fn prepare_import(record: &ImportRecord, now: Timestamp) -> Result<PreparedImport> {
    let (memory, redacted) = match record {
        ImportRecord::Memory(m) => {
            let (content, findings) = mx_core::model::validate_content(&m.content)?;
            let mut m = (**m).clone();
            m.content = content;
            (m, !findings.is_empty())
        }
        ImportRecord::Foreign(new) => {
            let built = build_foreign(new, now)?;
            (built.memory, !built.redactions.is_empty())
        }
    };
    let body = db::to_json(&memory)?;
    Ok(PreparedImport { memory, body, redacted })
}

/// The deterministic mx id of a foreign record: its creation time plus a hash of its foreign id, so re-importing
/// the same dataset maps every record to the same id (and is skipped).
pub fn foreign_id(created_at: Timestamp, external_id: &str) -> MemoryId {
    // FNV-1a, 128-bit: stable across versions and platforms, unlike std's hasher.
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for b in external_id.as_bytes() {
        h ^= u128::from(*b);
        h = h.wrapping_mul(0x0000000001000000000000000000013B);
    }
    MemoryId::from_parts(created_at.as_millisecond().max(0) as u64, h)
}

fn build_foreign(new: &NewMemory, now: Timestamp) -> Result<mx_core::model::Built> {
    let created_at = new.created_at.unwrap_or(now);
    let id = match &new.external_id {
        Some(ext) => foreign_id(created_at, ext),
        None => foreign_id(created_at, &new.content),
    };
    let conversation_id = match new.conversation_id.as_deref() {
        Some(c) if !mx_core::id::is_new(c) => ConversationId::parse(c)?,
        _ => ConversationId::new_from_parts(created_at.as_millisecond().max(0) as u64, u128::from(id.unix_ms())),
    };
    let mut new = new.clone();
    new.created_at = Some(created_at);
    if new.source.is_none() {
        new.source = Some(mx_core::Source::Import);
    }
    let resolved = Resolved { id, conversation_id, project: new.project.clone(), supersedes: None, now: created_at };
    Ok(new.build(resolved)?)
}

/// Resolves a full id, a unique prefix (6+) or a name (its current version).
fn resolve(conn: &Connection, input: &str) -> Result<Memory> {
    let trimmed = input.trim();
    if let Ok(prefix) = mx_core::id::normalize_prefix(trimmed) {
        let ids = db::ids_with_prefix(conn, &prefix, 6)?;
        match ids.len() {
            0 => {}
            1 => {
                if let Some(m) = db::memory_by_id(conn, &ids[0])? {
                    return Ok(m);
                }
            }
            _ => {
                return Err(mx_core::Error::AmbiguousId {
                    prefix: trimmed.to_owned(),
                    matches: ids.into_iter().take(5).collect(),
                }
                .into());
            }
        }
    }
    if !trimmed.is_empty()
        && let Some(m) = db::current_by_name(conn, trimmed, None)?
    {
        return Ok(m);
    }
    Err(mx_core::Error::NotFound(trimmed.to_owned()).into())
}

/// Ids of every version of a memory: follows `supersedes` back and `superseded_by` forward.
fn version_chain(conn: &Connection, m: &Memory) -> Result<Vec<String>> {
    let mut ids = vec![m.id.to_string()];
    let mut back = m.supersedes.clone();
    while let Some(id) = back {
        if ids.contains(&id.to_string()) {
            break;
        }
        ids.push(id.to_string());
        back = db::memory_by_id(conn, id.as_str())?.and_then(|p| p.supersedes);
    }
    let mut fwd = m.superseded_by.clone();
    while let Some(id) = fwd {
        if ids.contains(&id.to_string()) {
            break;
        }
        ids.push(id.to_string());
        fwd = db::memory_by_id(conn, id.as_str())?.and_then(|p| p.superseded_by);
    }
    Ok(ids)
}
