//! The tantivy search index: derived from SQLite, never the record.
//!
//! Freshness protocol. Every commit carries a payload `{format, seq, store}`: the index layout version, the last change
//! sequence it holds and the identity of the database it was built from. Before a search the store compares `seq`
//! with `MAX(seq)` of the change log; if the index is behind, it takes an inter-process file lock
//! (`index/.mx-writer.lock`; tantivy's own writer lock fails at once with LockBusy instead of waiting), re-reads the
//! payload (another process may have caught up meanwhile), applies the changes after it (delete + re-add by id) and
//! commits with the new sequence. An index that is missing, unreadable, built with another layout or for another
//! database is rebuilt from SQLite. Writers try the same catch-up right after their SQLite commit with a non-blocking
//! lock; when it is busy, the next reader does it. So a returned id is always visible to the next search.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions, TryLockError};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use mx_core::model::Memory;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, SchemaBuilder, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::api::{Filter, Scope};
use crate::db;
use crate::{Result, StoreError};

/// Bumped whenever the schema or the analyser changes: an index of another format is rebuilt.
pub const INDEX_FORMAT: u32 = 3;
/// The name the mx analyser is registered under.
pub const TOKENIZER: &str = "mx";
/// The inter-process lock serialising index writers.
pub const LOCK_FILE: &str = ".mx-writer.lock";

pub const F_RID: &str = "rid";
pub const F_CONTENT: &str = "content";
pub const F_ALL: &str = "all";
pub const F_TOPICS: &str = "topics";
pub const F_NAME: &str = "name";
pub const F_FILES: &str = "files";
pub const F_PROJECT: &str = "project";
pub const F_CONVERSATION: &str = "conversation";
pub const F_KIND: &str = "kind";
pub const F_STATE: &str = "state";
pub const F_TOPIC_KEY: &str = "topic_key";
pub const F_CREATED: &str = "created_at";

/// The project term of global memories (a project identity never starts with a control character).
const GLOBAL_PROJECT: &str = "\u{1}global";
/// How many times each labelled field is repeated in the searched `all` field (BM25F by repetition, as in core's
/// [`mx_core::bm25`]): a term in a memory's name or topics says more about it than one in its body. Scoring one
/// combined field rather than summing per-field BM25 keeps one IDF per term: a project name that is every memory's
/// topic is common, so naming it in a question no longer outweighs the question's real words (per-field IDF made
/// it rare in `content` and gave short messages that mention it the top ranks).
const TOPIC_REPEAT: usize = 2;
const NAME_REPEAT: usize = 2;
/// Queries longer than this many distinct terms are cut: a pasted paragraph should not cost a scan per word.
const MAX_QUERY_TERMS: usize = 64;
/// Writer memory: one thread for catch-up (small deltas), more for rebuilds and imports.
const SMALL_WRITER_BYTES: usize = 20_000_000;
const BULK_WRITER_BYTES: usize = 200_000_000;
/// Above this many pending changes, catch-up uses the bulk writer.
const BULK_THRESHOLD: i64 = 1_000;

/// tantivy tokenizer that delegates to core's code-aware analyser, so the index and core's own BM25 see the same terms.
#[derive(Debug, Clone, Default)]
pub struct MxTokenizer;

#[derive(Debug)]
pub struct MxTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for MxTokenizer {
    type TokenStream<'a> = MxTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> MxTokenStream {
        let tokens = mx_core::analyze::analyze(text)
            .into_iter()
            .map(|t| Token {
                offset_from: t.offset_from,
                offset_to: t.offset_to,
                position: t.position,
                text: t.text,
                position_length: 1,
            })
            .collect();
        MxTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for MxTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next.saturating_sub(1).min(self.tokens.len().saturating_sub(1))]
    }
    fn token_mut(&mut self) -> &mut Token {
        let i = self.next.saturating_sub(1).min(self.tokens.len().saturating_sub(1));
        &mut self.tokens[i]
    }
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    rid: Field,
    all: Field,
    content: Field,
    topics: Field,
    name: Field,
    files: Field,
    project: Field,
    conversation: Field,
    kind: Field,
    state: Field,
    topic_key: Field,
    created: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = SchemaBuilder::new();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(TOKENIZER).set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        // The SQLite row id keys documents (deletes) and hydrates hits (fast field). A numeric key keeps the term
        // dictionary small; a 26-character id per memory made FST building the biggest cost of an import.
        rid: b.add_i64_field(F_RID, INDEXED | FAST),
        all: b.add_text_field(F_ALL, text.clone()),
        content: b.add_text_field(F_CONTENT, text.clone()),
        topics: b.add_text_field(F_TOPICS, text.clone()),
        name: b.add_text_field(F_NAME, text.clone()),
        files: b.add_text_field(F_FILES, text),
        project: b.add_text_field(F_PROJECT, STRING),
        conversation: b.add_text_field(F_CONVERSATION, STRING),
        kind: b.add_text_field(F_KIND, STRING),
        state: b.add_text_field(F_STATE, STRING),
        topic_key: b.add_text_field(F_TOPIC_KEY, STRING),
        // Range filters run on the fast column; indexing every distinct millisecond would only grow the dictionary.
        created: b.add_i64_field(F_CREATED, FAST),
    };
    (b.build(), fields)
}

/// What catch-up does for one memory: delete its old documents unless its first change in the range created it
/// (then the index cannot hold it — the common case of imports, where deletes would be pure cost), add the current row.
struct Pending {
    born_here: bool,
    rids: Vec<i64>,
    current: Option<(i64, String)>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Payload {
    format: u32,
    seq: i64,
    store: String,
}

struct Loaded {
    index: Index,
    /// Opened on the first search only: a process that just writes (a CLI `create`) never pays for it.
    reader: Option<IndexReader>,
    payload: Payload,
}

impl Loaded {
    fn searcher(&mut self) -> Result<Searcher> {
        if let Some(r) = &self.reader {
            return Ok(r.searcher());
        }
        let reader: IndexReader =
            self.index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(tantivy_err)?;
        let searcher = reader.searcher();
        self.reader = Some(reader);
        Ok(searcher)
    }

    /// Points the reader (if any) at the newest commit.
    fn reload(&mut self) -> Result<()> {
        match &self.reader {
            Some(r) => r.reload().map_err(tantivy_err),
            None => Ok(()),
        }
    }
}

/// The search index of one store. Thread-safe; one reader per store, reloaded only when the index moved.
pub struct SearchIndex {
    dir: PathBuf,
    fields: Fields,
    schema: Schema,
    state: Mutex<Option<Loaded>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("dir", &self.dir).finish_non_exhaustive()
    }
}

fn tantivy_err(e: tantivy::TantivyError) -> StoreError {
    StoreError::Index(e.to_string())
}

/// The inter-process writer lock; released when dropped (or when the process dies).
struct FileLock(#[allow(dead_code)] File);

/// A candidate from the index: SQLite row id and BM25 score.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub rid: i64,
    pub score: f32,
}

/// What the caller knows about the index, for `doctor`.
#[derive(Debug, Clone)]
pub struct IndexStatus {
    pub seq: Option<i64>,
    pub problem: Option<String>,
}

impl SearchIndex {
    pub fn new(dir: PathBuf) -> Self {
        let (schema, fields) = schema();
        Self { dir, fields, schema, state: Mutex::new(None) }
    }

    fn state(&self) -> MutexGuard<'_, Option<Loaded>> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn lock(&self, wait: bool) -> Result<Option<FileLock>> {
        std::fs::create_dir_all(&self.dir).map_err(|source| StoreError::Io { path: self.dir.clone(), source })?;
        let path = self.dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| StoreError::Io { path: path.clone(), source })?;
        if wait {
            file.lock().map_err(|source| StoreError::Io { path, source })?;
            Ok(Some(FileLock(file)))
        } else {
            match file.try_lock() {
                Ok(()) => Ok(Some(FileLock(file))),
                Err(TryLockError::WouldBlock) => Ok(None),
                Err(TryLockError::Error(source)) => Err(StoreError::Io { path, source }),
            }
        }
    }

    /// Opens the index on disk if it is there and of our layout; `Err` means "rebuild it".
    fn open_existing(&self) -> Result<Loaded> {
        if !self.dir.join("meta.json").exists() {
            return Err(StoreError::Index("index missing".into()));
        }
        let index = Index::open_in_dir(&self.dir).map_err(tantivy_err)?;
        if index.schema() != self.schema {
            return Err(StoreError::Index("index schema differs".into()));
        }
        index.tokenizers().register(TOKENIZER, MxTokenizer);
        let payload = read_payload(&index)?;
        Ok(Loaded { index, reader: None, payload })
    }

    /// A searcher that holds every change up to the database's current sequence, catching up or rebuilding first.
    pub fn fresh_searcher(&self, conn: &Connection, uid: &str) -> Result<Searcher> {
        let target = db::max_seq(conn)?;
        let mut state = self.state();
        if let Some(l) = state.as_mut()
            && valid(&l.payload, uid)
            && l.payload.seq >= target
        {
            return l.searcher();
        }
        // Another process may have moved the index on: look at the newest commit on disk before taking the lock.
        if let Some(l) = state.as_mut()
            && let Ok(p) = read_payload(&l.index)
            && valid(&p, uid)
            && p.seq >= target
        {
            l.reload()?;
            l.payload = p;
            return l.searcher();
        }
        let _lock = self.lock(true)?;
        self.sync_locked(&mut state, conn, uid, &mut |_, _| {})?;
        match state.as_mut() {
            Some(l) => l.searcher(),
            None => Err(StoreError::Index("index could not be opened".into())),
        }
    }

    /// After a write: bring the index up to date now if nobody else is writing it; otherwise leave it to the next
    /// reader. Never fails the caller's write: index trouble is repaired on the next search.
    pub fn try_sync(&self, conn: &Connection, uid: &str) {
        let Ok(mut state) = self.state.try_lock() else { return };
        let Ok(Some(_lock)) = self.lock(false) else { return };
        let _ = self.sync_locked(&mut state, conn, uid, &mut |_, _| {});
    }

    /// Under the file lock: reload from disk, then rebuild (unusable) or apply the missing changes.
    fn sync_locked(
        &self,
        state: &mut Option<Loaded>,
        conn: &Connection,
        uid: &str,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<()> {
        let loaded = match state.take() {
            Some(l) => match read_payload(&l.index) {
                Ok(p) => Some(Loaded { payload: p, ..l }),
                Err(_) => None,
            },
            None => self.open_existing().ok(),
        };
        let target = db::max_seq(conn)?;
        let Some(mut loaded) = loaded.filter(|l| valid(&l.payload, uid) && l.payload.seq <= target) else {
            *state = Some(self.rebuild_locked(conn, uid, progress)?);
            return Ok(());
        };
        if loaded.payload.seq < target {
            let result = self.apply_changes(&loaded.index, conn, loaded.payload.seq, uid);
            match result {
                Ok(()) => {}
                Err(_) => {
                    // A corrupt segment shows up when writing to it: start over from SQLite.
                    drop(loaded);
                    *state = Some(self.rebuild_locked(conn, uid, progress)?);
                    return Ok(());
                }
            }
        }
        loaded.reload()?;
        loaded.payload = read_payload(&loaded.index)?;
        *state = Some(loaded);
        Ok(())
    }

    fn apply_changes(&self, index: &Index, conn: &Connection, since: i64, uid: &str) -> Result<()> {
        let pending = db::max_seq(conn)? - since;
        let writer: IndexWriter = if pending > BULK_THRESHOLD {
            bulk_writer(index)?
        } else {
            index.writer_with_num_threads(1, SMALL_WRITER_BYTES).map_err(tantivy_err)?
        };
        let mut stmt = conn.prepare_cached(
            "SELECT c.seq, c.memory_id, c.op, c.rid, m.rid, m.body FROM changes c
             LEFT JOIN memories m ON m.id = c.memory_id WHERE c.seq > ?1 ORDER BY c.seq",
        )?;
        let mut rows = stmt.query([since])?;
        // Per memory: whether its first change here created it (then the index cannot hold it: no delete needed,
        // which matters for imports) and its current row.
        let mut order: Vec<String> = Vec::new();
        let mut latest: HashMap<String, Pending> = HashMap::new();
        let mut top = since;
        while let Some(row) = rows.next()? {
            top = top.max(row.get::<_, i64>(0)?);
            let id: String = row.get(1)?;
            let op: String = row.get(2)?;
            let logged_rid: Option<i64> = row.get(3)?;
            let current = match (row.get::<_, Option<i64>>(4)?, row.get::<_, Option<String>>(5)?) {
                (Some(rid), Some(body)) => Some((rid, body)),
                _ => None,
            };
            let entry = latest.entry(id.clone()).or_insert_with(|| {
                order.push(id);
                Pending { born_here: op == "create" || op == "import", rids: Vec::new(), current: None }
            });
            if let Some(r) = logged_rid
                && !entry.rids.contains(&r)
            {
                entry.rids.push(r);
            }
            entry.current = current;
        }
        drop(rows);
        for id in order {
            let Some(p) = latest.remove(&id) else { continue };
            if !p.born_here {
                for rid in p.rids {
                    writer.delete_term(Term::from_field_i64(self.fields.rid, rid));
                }
            }
            if let Some((rid, body)) = p.current {
                let memory = db::memory_from_json(&body)?;
                writer.add_document(self.document(rid, &memory)).map_err(tantivy_err)?;
            }
        }
        commit(writer, top, uid)
    }

    /// Deletes whatever is in the index directory (our lock file aside) and indexes every memory from SQLite.
    fn rebuild_locked(&self, conn: &Connection, uid: &str, progress: &mut dyn FnMut(u64, u64)) -> Result<Loaded> {
        clear_dir(&self.dir)?;
        let index = Index::create_in_dir(&self.dir, self.schema.clone()).map_err(tantivy_err)?;
        index.tokenizers().register(TOKENIZER, MxTokenizer);
        let writer: IndexWriter = bulk_writer(&index)?;
        // One read transaction: the sequence and the rows come from the same snapshot.
        let tx = conn.unchecked_transaction()?;
        let seq = db::max_seq(&tx)?;
        let total: i64 = tx.query_row("SELECT COUNT(*) FROM memories", [], |r| r.get(0))?;
        let mut stmt = tx.prepare("SELECT rid, body FROM memories")?;
        let mut rows = stmt.query([])?;
        let mut done = 0u64;
        while let Some(row) = rows.next()? {
            let rid: i64 = row.get(0)?;
            let body: String = row.get(1)?;
            writer.add_document(self.document(rid, &db::memory_from_json(&body)?)).map_err(tantivy_err)?;
            done += 1;
            if done.is_multiple_of(1000) {
                progress(done, total as u64);
            }
        }
        drop(rows);
        drop(stmt);
        tx.commit()?;
        commit(writer, seq, uid)?;
        progress(done, total as u64);
        let payload = read_payload(&index)?;
        Ok(Loaded { index, reader: None, payload })
    }

    /// Rebuilds on demand (`mx index rebuild`); returns the number of memories indexed.
    pub fn rebuild(&self, conn: &Connection, uid: &str, progress: &mut dyn FnMut(u64, u64)) -> Result<usize> {
        let mut state = self.state();
        let _lock = self.lock(true)?;
        *state = None;
        let mut loaded = self.rebuild_locked(conn, uid, progress)?;
        let n = loaded.searcher()?.num_docs() as usize;
        *state = Some(loaded);
        Ok(n)
    }

    /// Catch up with the bulk writer (imports): same protocol as a reader's catch-up, waiting for the lock.
    pub fn sync_bulk(&self, conn: &Connection, uid: &str) -> Result<()> {
        let mut state = self.state();
        let _lock = self.lock(true)?;
        self.sync_locked(&mut state, conn, uid, &mut |_, _| {})
    }

    /// For `doctor`: the payload on disk, or what is wrong with it.
    pub fn status(&self, uid: &str) -> IndexStatus {
        match self.open_existing() {
            Ok(l) if valid(&l.payload, uid) => IndexStatus { seq: Some(l.payload.seq), problem: None },
            Ok(_) => {
                IndexStatus { seq: None, problem: Some("built by another version or for another database".into()) }
            }
            Err(e) => IndexStatus { seq: None, problem: Some(e.to_string()) },
        }
    }

    fn document(&self, rid: i64, m: &Memory) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_i64(f.rid, rid);
        doc.add_text(f.content, &m.content);
        doc.add_text(f.all, &m.content);
        for t in &m.topics {
            doc.add_text(f.topics, t);
            doc.add_text(f.topic_key, t);
            for _ in 0..TOPIC_REPEAT {
                doc.add_text(f.all, t);
            }
        }
        if let Some(n) = &m.name {
            doc.add_text(f.name, n);
            for _ in 0..NAME_REPEAT {
                doc.add_text(f.all, n);
            }
        }
        for p in &m.files {
            doc.add_text(f.files, p);
            doc.add_text(f.all, p);
        }
        doc.add_text(f.all, m.conversation_id.as_str());
        doc.add_text(f.project, m.project.as_deref().unwrap_or(GLOBAL_PROJECT));
        doc.add_text(f.conversation, m.conversation_id.as_str());
        doc.add_text(f.kind, m.kind.as_str());
        doc.add_text(f.state, db::state_str(m.state));
        doc.add_i64(f.created, m.created_at.as_millisecond());
        doc
    }

    /// BM25 candidates for the analysed, weighted query terms under the filter, best first. Empty terms: no
    /// candidates.
    pub fn search(
        &self,
        searcher: &Searcher,
        terms: &[(String, f32)],
        filter: &Filter,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let query = self.build_query(terms, filter);
        let top = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score()).map_err(tantivy_err)?;
        self.hits(searcher, top)
    }

    fn hits(&self, searcher: &Searcher, top: Vec<(f32, DocAddress)>) -> Result<Vec<Hit>> {
        let mut columns = HashMap::new();
        let mut out = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let column = match columns.entry(addr.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    let col =
                        searcher.segment_reader(addr.segment_ord).fast_fields().i64(F_RID).map_err(tantivy_err)?;
                    v.insert(col)
                }
            };
            if let Some(rid) = column.first(addr.doc_id) {
                out.push(Hit { rid, score });
            }
        }
        Ok(out)
    }

    fn build_query(&self, terms: &[(String, f32)], filter: &Filter) -> BooleanQuery {
        let f = &self.fields;
        let mut seen = HashSet::new();
        let mut shoulds: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (term, weight) in terms.iter().filter(|(t, _)| seen.insert(t.as_str())).take(MAX_QUERY_TERMS) {
            let q = TermQuery::new(Term::from_field_text(f.all, term), IndexRecordOption::WithFreqs);
            shoulds.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), *weight))));
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if shoulds.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        } else {
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(shoulds))));
        }
        let mut must = |q: Box<dyn Query>| clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0))));
        let term = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
        };
        let any = |field: Field, values: &mut dyn Iterator<Item = &str>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(values.map(|v| (Occur::Should, term(field, v))).collect()))
        };
        match &filter.scope {
            Scope::Project(p) => must(any(f.project, &mut [p.as_str(), GLOBAL_PROJECT].into_iter())),
            Scope::GlobalOnly => must(term(f.project, GLOBAL_PROJECT)),
            Scope::AllProjects => {}
        }
        if !filter.topics.is_empty() {
            must(any(f.topic_key, &mut filter.topics.iter().map(String::as_str)));
        }
        if !filter.kinds.is_empty() {
            must(any(f.kind, &mut filter.kinds.iter().map(|k| k.as_str())));
        }
        if let Some(c) = &filter.conversation_id {
            must(term(f.conversation, c.trim()));
        }
        if filter.after.is_some() || filter.before.is_some() {
            let lower = filter
                .after
                .map_or(Bound::Unbounded, |t| Bound::Included(Term::from_field_i64(f.created, t.as_millisecond())));
            let upper = filter
                .before
                .map_or(Bound::Unbounded, |t| Bound::Excluded(Term::from_field_i64(f.created, t.as_millisecond())));
            must(Box::new(RangeQuery::new(lower, upper)));
        }
        if !filter.include_superseded {
            must(term(f.state, "current"));
        }
        for t in &filter.exclude_topics {
            clauses.push((Occur::MustNot, term(f.topic_key, t)));
        }
        BooleanQuery::new(clauses)
    }

    /// Forgets the loaded index so the next search re-opens (or rebuilds) it.
    pub fn invalidate(&self) {
        *self.state() = None;
    }
}

fn valid(p: &Payload, uid: &str) -> bool {
    p.format == INDEX_FORMAT && p.store == uid
}

fn read_payload(index: &Index) -> Result<Payload> {
    let metas = index.load_metas().map_err(tantivy_err)?;
    let raw = metas.payload.unwrap_or_default();
    serde_json::from_str(&raw).map_err(|e| StoreError::Index(format!("index payload unreadable: {e}")))
}

fn bulk_writer(index: &Index) -> Result<IndexWriter> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    index.writer_with_num_threads(threads, BULK_WRITER_BYTES).map_err(tantivy_err)
}

fn commit(mut writer: IndexWriter, seq: i64, uid: &str) -> Result<()> {
    let payload = Payload { format: INDEX_FORMAT, seq, store: uid.to_owned() };
    let mut prepared = writer.prepare_commit().map_err(tantivy_err)?;
    prepared.set_payload(&db::to_json(&payload)?);
    prepared.commit().map_err(tantivy_err)?;
    // Let merges finish: short-lived writers would otherwise abandon them and segments would pile up.
    writer.wait_merging_threads().map_err(tantivy_err)
}

fn clear_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| StoreError::Io { path: dir.to_path_buf(), source })?;
    let entries = std::fs::read_dir(dir).map_err(|source| StoreError::Io { path: dir.to_path_buf(), source })?;
    for entry in entries {
        let entry = entry.map_err(|source| StoreError::Io { path: dir.to_path_buf(), source })?;
        if entry.file_name() == LOCK_FILE {
            continue;
        }
        let path = entry.path();
        let result = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
        result.map_err(|source| StoreError::Io { path: path.clone(), source })?;
    }
    Ok(())
}
