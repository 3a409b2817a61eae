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
//!
//! Single writes (a CLI `create`, an MCP `update`) do not touch the index at all: a tantivy commit fsyncs several
//! files and a writer allocates its arena and spawns threads, which cost a one-memory process ~100 ms. Instead a
//! search that finds at most [`TAIL_MAX`] changes after the index's commit leaves the index alone and covers that
//! tail itself: the tail's memories are read from SQLite, their indexed documents (if any) are excluded from the
//! tantivy query, and they are scored in memory with tantivy's own BM25 and the index's statistics ([`Fresh`]). Only
//! a longer tail is committed (by that search, by a batch write or an import), so commits come in batches.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use mx_core::model::Memory;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::{
    AllQuery, Bm25StatisticsProvider, Bm25Weight, BooleanQuery, BoostQuery, Occur, Query, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, SchemaBuilder, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::db;
use crate::error::{Result, StoreError};
use crate::filter::{Filter, FilterFields, GLOBAL_PROJECT};

/// Bumped whenever the schema or the analyser changes: an index of another format is rebuilt.
pub const INDEX_FORMAT: u32 = 4;
/// The name the mx analyser is registered under.
pub const TOKENIZER: &str = "mx";
/// The inter-process lock serialising index writers.
pub const LOCK_FILE: &str = ".mx-writer.lock";

pub const F_RID: &str = "rid";
pub const F_ALL: &str = "all";
pub const F_PROJECT: &str = "project";
pub const F_CONVERSATION: &str = "conversation";
pub const F_KIND: &str = "kind";
pub const F_STATE: &str = "state";
pub const F_TOPIC_KEY: &str = "topic_key";
pub const F_CREATED: &str = "created_at";

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
/// Up to this many changes after the index's commit, a search scores them from SQLite instead of committing them
/// first (see the module doc). Large enough that a session's worth of single writes never pays a commit, small
/// enough that scoring the tail (analysing each memory) stays well under a millisecond or two.
pub const TAIL_MAX: i64 = 200;

/// tantivy tokenizer that delegates to core's code-aware analyser, so the index and core's own BM25 see the same terms.
///
/// Each segment writer owns a clone, and the clone keeps its token buffer between documents: an import analyses
/// millions of terms, and a fresh `String` per term was a good part of the indexing threads' time.
#[derive(Debug, Clone, Default)]
pub struct MxTokenizer {
    buffer: Vec<Token>,
}

#[derive(Debug)]
pub struct MxTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl Tokenizer for MxTokenizer {
    type TokenStream<'a> = MxTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> MxTokenStream<'a> {
        let buffer = &mut self.buffer;
        let mut len = 0;
        mx_core::analyze::analyze_with(text, mx_core::analyze::Mode::Document, |t| {
            if len == buffer.len() {
                buffer.push(Token::default());
            }
            let slot = &mut buffer[len];
            slot.text.clear();
            slot.text.push_str(&t.text);
            slot.offset_from = t.offset_from;
            slot.offset_to = t.offset_to;
            slot.position = t.position;
            slot.position_length = 1;
            len += 1;
        });
        MxTokenStream { tokens: &mut buffer[..len], next: 0 }
    }
}

impl TokenStream for MxTokenStream<'_> {
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
        // The one searched text field (content, topics, name, files, conversation: see `all_texts`). Format 3 also
        // indexed content, topics, name and files each on its own, which nothing queried: it doubled the analyser's
        // work on every import and rebuild.
        all: b.add_text_field(F_ALL, text),
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
    if crate::error::is_disk_full(&e) {
        return StoreError::DiskFull;
    }
    StoreError::Index(e.to_string())
}

/// The inter-process writer lock; released when dropped (or when the process dies).
struct FileLock(#[allow(dead_code)] File);

/// An import's indexing: see [`SearchIndex::bulk_session`].
pub struct BulkSession<'a> {
    owner: &'a SearchIndex,
    _lock: FileLock,
    writer: IndexWriter,
    /// The last change handed to the writer.
    seq: i64,
    uid: String,
}

impl BulkSession<'_> {
    /// Hands the writer the changes committed since the last call (no commit).
    pub fn feed(&mut self, conn: &Connection) -> Result<()> {
        self.seq = self.owner.add_changes(&self.writer, conn, self.seq)?;
        Ok(())
    }

    /// Hands the writer one committed import transaction: `seqs` (first, last) are the change-log entries it wrote,
    /// `memories` its rows as written. When the transaction directly follows what the writer holds, its memories are
    /// added as they are; when another process wrote in between, everything after the writer's sequence is read from
    /// the change log instead (that covers this transaction too, and a later one that was already read is skipped).
    pub fn add_committed(
        &mut self,
        conn: &Connection,
        seqs: Option<(i64, i64)>,
        memories: &[(i64, Memory)],
    ) -> Result<()> {
        match seqs {
            Some((_, last)) if last <= self.seq => Ok(()),
            Some((first, last)) if first == self.seq + 1 => {
                for (rid, memory) in memories {
                    self.writer.add_document(self.owner.document(*rid, memory)).map_err(tantivy_err)?;
                }
                self.seq = last;
                Ok(())
            }
            Some(_) => self.feed(conn),
            // Nothing new from this import (every record was present): whatever others wrote is caught up at the end.
            None => Ok(()),
        }
    }

    /// Feeds what is left and commits once; the next search in this process reloads the index.
    pub fn finish(mut self, conn: &Connection) -> Result<()> {
        self.feed(conn)?;
        commit(self.writer, self.seq, &self.uid)?;
        self.owner.invalidate();
        Ok(())
    }
}

/// A candidate from the index: SQLite row id and BM25 score.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub rid: i64,
    pub score: f32,
}

/// A searcher plus the changes it does not hold yet: what a search needs to answer as if the index were current.
pub struct Fresh {
    searcher: Searcher,
    /// Row ids whose indexed documents may be stale (changed, deleted or superseded after the commit): excluded from
    /// the tantivy query.
    stale: Vec<i64>,
    /// The current rows of the memories changed after the commit, scored in memory.
    tail: Vec<(i64, Memory)>,
}

impl std::fmt::Debug for Fresh {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fresh").field("stale", &self.stale).field("tail", &self.tail.len()).finish_non_exhaustive()
    }
}

/// What the caller knows about the index, for `doctor`.
#[derive(Debug, Clone)]
pub struct IndexStatus {
    pub seq: Option<i64>,
    pub problem: Option<String>,
    /// No index was ever built here (a store that has only been written to so far).
    pub missing: bool,
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
        index.tokenizers().register(TOKENIZER, MxTokenizer::default());
        let payload = read_payload(&index)?;
        Ok(Loaded { index, reader: None, payload })
    }

    /// A searcher that, with its tail, covers every change up to the database's current sequence: the index as
    /// committed plus the (at most [`TAIL_MAX`]) newer changes read from SQLite. A longer tail, or an index that is
    /// missing, unreadable or built for something else, is caught up or rebuilt first, under the writer lock.
    pub fn fresh_searcher(&self, conn: &Connection, uid: &str) -> Result<Fresh> {
        let target = db::max_seq(conn)?;
        let mut state = self.state();
        if state.is_none() {
            // Reading needs no lock: tantivy readers see whole commits only.
            *state = self.open_existing().ok();
        } else if let Some(l) = state.as_mut()
            && l.payload.seq < target
            && let Ok(p) = read_payload(&l.index)
            && p != l.payload
        {
            // Another process moved the index on. The payload is read before the reload, so the reader holds at
            // least what the payload says (a newer commit in between only makes part of the tail redundant).
            l.reload()?;
            l.payload = p;
        }
        if let Some(l) = state.as_mut()
            && valid(&l.payload, uid)
            && l.payload.seq <= target
            && target - l.payload.seq <= TAIL_MAX
        {
            let since = l.payload.seq;
            return self.with_tail(l.searcher()?, conn, since);
        }
        let _lock = self.lock(true)?;
        self.sync_locked(&mut state, conn, uid, &mut |_, _| {})?;
        match state.as_mut() {
            Some(l) => {
                let since = l.payload.seq;
                self.with_tail(l.searcher()?, conn, since)
            }
            None => Err(StoreError::Index("index could not be opened".into())),
        }
    }

    /// Reads the changes after `since` (usually none or a handful) into a [`Fresh`].
    fn with_tail(&self, searcher: Searcher, conn: &Connection, since: i64) -> Result<Fresh> {
        let mut stale: Vec<i64> = Vec::new();
        let mut tail: Vec<(i64, Memory)> = Vec::new();
        let mut stmt = conn.prepare_cached(
            "SELECT c.rid, m.rid, m.body FROM changes c LEFT JOIN memories m ON m.id = c.memory_id
             WHERE c.seq > ?1 ORDER BY c.seq",
        )?;
        let mut rows = stmt.query([since])?;
        let mut seen: HashSet<i64> = HashSet::new();
        while let Some(row) = rows.next()? {
            if let Some(rid) = row.get::<_, Option<i64>>(0)? {
                stale.push(rid);
            }
            if let (Some(rid), Some(body)) = (row.get::<_, Option<i64>>(1)?, row.get::<_, Option<String>>(2)?)
                && seen.insert(rid)
            {
                stale.push(rid);
                tail.push((rid, db::memory_from_json(&body)?));
            }
        }
        stale.sort_unstable();
        stale.dedup();
        Ok(Fresh { searcher, stale, tail })
    }

    /// Whether an index was ever built in this directory (a commit exists).
    pub fn exists(&self) -> bool {
        self.dir.join("meta.json").exists()
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
        let top = self.add_changes(&writer, conn, since)?;
        commit(writer, top, uid)
    }

    /// Hands the writer every change after `since` (delete + re-add by row id) without committing; returns the last
    /// sequence handed over.
    fn add_changes(&self, writer: &IndexWriter, conn: &Connection, since: i64) -> Result<i64> {
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
                Pending {
                    born_here: matches!(op.as_str(), "create" | "import" | "pull"),
                    rids: Vec::new(),
                    current: None,
                }
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
        Ok(top)
    }

    /// Starts indexing an import as it is committed: the index is brought up to date under the writer lock, which
    /// the session then keeps, with one bulk writer, until [`BulkSession::finish`] commits once. One writer and one
    /// commit (one merge) for the whole import instead of one per batch. If the import dies, nothing is committed and
    /// the next search catches up from the change log.
    pub fn bulk_session(&self, conn: &Connection, uid: &str) -> Result<BulkSession<'_>> {
        let lock = self.lock(true)?.ok_or_else(|| StoreError::Index("index lock unavailable".into()))?;
        let (index, seq) = {
            let mut state = self.state();
            self.sync_locked(&mut state, conn, uid, &mut |_, _| {})?;
            match state.as_ref() {
                Some(l) => (l.index.clone(), l.payload.seq),
                None => return Err(StoreError::Index("index could not be opened".into())),
            }
        };
        let writer = bulk_writer(&index)?;
        Ok(BulkSession { owner: self, _lock: lock, writer, seq, uid: uid.to_owned() })
    }

    /// Deletes whatever is in the index directory (our lock file aside) and indexes every memory from SQLite.
    fn rebuild_locked(&self, conn: &Connection, uid: &str, progress: &mut dyn FnMut(u64, u64)) -> Result<Loaded> {
        clear_dir(&self.dir)?;
        let index = Index::create_in_dir(&self.dir, self.schema.clone()).map_err(tantivy_err)?;
        index.tokenizers().register(TOKENIZER, MxTokenizer::default());
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

    /// For `doctor`: the payload on disk, or what is wrong with it.
    pub fn status(&self, uid: &str) -> IndexStatus {
        let missing = !self.dir.join("meta.json").exists();
        match self.open_existing() {
            Ok(l) if valid(&l.payload, uid) => IndexStatus { seq: Some(l.payload.seq), problem: None, missing },
            Ok(_) => IndexStatus {
                seq: None,
                problem: Some("built by another version or for another database".into()),
                missing,
            },
            Err(e) => IndexStatus { seq: None, problem: Some(e.to_string()), missing },
        }
    }

    fn document(&self, rid: i64, m: &Memory) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_i64(f.rid, rid);
        for text in all_texts(m) {
            doc.add_text(f.all, text);
        }
        for t in &m.topics {
            doc.add_text(f.topic_key, t);
        }
        doc.add_text(f.project, m.project.as_deref().unwrap_or(GLOBAL_PROJECT));
        doc.add_text(f.conversation, m.conversation_id.as_str());
        doc.add_text(f.kind, m.kind.as_str());
        doc.add_text(f.state, db::state_str(m.state));
        doc.add_i64(f.created, m.created_at.as_millisecond());
        doc
    }

    /// BM25 candidates for the analysed, weighted query terms under the filter, best first: the index's hits (minus
    /// documents the tail replaces) merged with the tail's memories scored the same way. Empty terms: every document
    /// under the filter, with the constant score tantivy gives them.
    pub fn search(&self, fresh: &Fresh, terms: &[(String, f32)], filter: &Filter, limit: usize) -> Result<Vec<Hit>> {
        let limit = limit.max(1);
        let terms = query_terms(terms);
        let mut query = self.build_query(&terms, filter);
        if !fresh.stale.is_empty() {
            let stale = fresh.stale.iter().map(|rid| Term::from_field_i64(self.fields.rid, *rid));
            query = BooleanQuery::new(vec![
                (Occur::Must, Box::new(query) as Box<dyn Query>),
                (Occur::MustNot, Box::new(TermSetQuery::new(stale))),
            ]);
        }
        let searcher = &fresh.searcher;
        let collector = TopDocs::with_limit(limit).order_by_score();
        if fresh.tail.is_empty() {
            let top = searcher.search(&query, &collector).map_err(tantivy_err)?;
            return self.hits(searcher, top);
        }
        // Indexed and tail documents are scored with the same statistics (the index's plus the tail's), so a memory
        // ranks the same before and after the tail is committed, and whichever side it is on.
        let scorer = TailScorer::new(searcher, self.fields.all, &terms, &fresh.tail)?;
        let top = searcher.search_with_statistics_provider(&query, &collector, &scorer).map_err(tantivy_err)?;
        let mut hits = self.hits(searcher, top)?;
        for (i, (rid, memory)) in fresh.tail.iter().enumerate() {
            if !filter.matches(memory) {
                continue;
            }
            if let Some(score) = scorer.score(i) {
                hits.push(Hit { rid: *rid, score });
            }
        }
        // Stable: between equal scores the index's order (and then the tail's, oldest change first) stays.
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.truncate(limit);
        Ok(hits)
    }

    /// Whether any memory the searcher (with its tail) covers holds `term` in its searched text.
    pub fn contains_term(&self, fresh: &Fresh, term: &str) -> bool {
        let in_index = fresh.searcher.doc_freq(&Term::from_field_text(self.fields.all, term)).is_ok_and(|n| n > 0);
        in_index
            || fresh.tail.iter().any(|(_, m)| {
                all_texts(m).into_iter().any(|text| {
                    let mut found = false;
                    mx_core::analyze::analyze_with(text, mx_core::analyze::Mode::Document, |t| found |= t.text == term);
                    found
                })
            })
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

    fn build_query(&self, terms: &[(&str, f32)], filter: &Filter) -> BooleanQuery {
        let f = &self.fields;
        let mut shoulds: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (term, weight) in terms {
            let q = TermQuery::new(Term::from_field_text(f.all, term), IndexRecordOption::WithFreqs);
            shoulds.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), *weight))));
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if shoulds.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        } else {
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(shoulds))));
        }
        clauses.extend(filter.to_tantivy(FilterFields {
            project: f.project,
            conversation: f.conversation,
            kind: f.kind,
            state: f.state,
            topic_key: f.topic_key,
            created: f.created,
        }));
        BooleanQuery::new(clauses)
    }

    /// Forgets the loaded index so the next search re-opens (or rebuilds) it.
    pub fn invalidate(&self) {
        *self.state() = None;
    }
}

/// The distinct query terms the index searches, in first-seen order with their largest weight, capped at
/// [`MAX_QUERY_TERMS`].
fn query_terms(terms: &[(String, f32)]) -> Vec<(&str, f32)> {
    let mut out: Vec<(&str, f32)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (t, w) in terms {
        match at.get(t.as_str()) {
            Some(&i) => out[i].1 = out[i].1.max(*w),
            None => {
                at.insert(t.as_str(), out.len());
                out.push((t.as_str(), *w));
            }
        }
    }
    out.truncate(MAX_QUERY_TERMS);
    out
}

/// The texts a memory contributes to the searched `all` field, labelled fields repeated for their weight. Shared by
/// indexing and tail scoring so that both see the same document.
fn all_texts(m: &Memory) -> Vec<&str> {
    let mut out = Vec::with_capacity(2 + m.topics.len() * TOPIC_REPEAT + NAME_REPEAT + m.files.len());
    out.push(m.content.as_str());
    for t in &m.topics {
        out.extend(std::iter::repeat_n(t.as_str(), TOPIC_REPEAT));
    }
    if let Some(n) = &m.name {
        out.extend(std::iter::repeat_n(n.as_str(), NAME_REPEAT));
    }
    out.extend(m.files.iter().map(String::as_str));
    out.push(m.conversation_id.as_str());
    out
}

/// Scores not-yet-indexed memories as the index's `TermQuery`s will once they are committed: tantivy's BM25 with the
/// statistics of the index plus the tail (document count, average field length, document frequencies — a commit adds
/// the tail's documents and, until a merge, keeps counting the ones they replace), times each term's boost, summed.
/// The same statistics score the indexed documents ([`Bm25StatisticsProvider`]): with a small index and a few new
/// memories, the index's own statistics alone would give its documents a very different IDF.
struct TailScorer<'a> {
    searcher: &'a Searcher,
    field: Field,
    /// The query terms, and how many tail memories hold each.
    terms: Vec<(String, u64)>,
    tail_docs: u64,
    tail_tokens: u64,
    /// Per tail memory: its field length and the frequency of each query term (by the term's position in `weights`).
    docs: Vec<(u32, Vec<u32>)>,
    weights: Vec<Bm25Weight>,
    /// An empty query matches everything with tantivy's constant score.
    match_all: bool,
}

impl Bm25StatisticsProvider for TailScorer<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let tail = if field == self.field { self.tail_tokens } else { 0 };
        Ok(self.searcher.total_num_tokens(field)? + tail)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(Bm25StatisticsProvider::total_num_docs(self.searcher)? + self.tail_docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let tail = match (term.field() == self.field, term.value().as_str()) {
            (true, Some(text)) => self.terms.iter().find(|(t, _)| t == text).map_or(0, |(_, df)| *df),
            _ => 0,
        };
        Ok(self.searcher.doc_freq(term)? + tail)
    }
}

impl<'a> TailScorer<'a> {
    fn new(searcher: &'a Searcher, field: Field, terms: &[(&str, f32)], tail: &[(i64, Memory)]) -> Result<Self> {
        let mut docs = Vec::with_capacity(tail.len());
        let mut tail_tokens = 0u64;
        let mut tail_df = vec![0u64; terms.len()];
        for (_, m) in tail {
            let mut length = 0u32;
            let mut freqs = vec![0u32; terms.len()];
            for text in all_texts(m) {
                for token in mx_core::analyze::analyze(text) {
                    length += 1;
                    if let Some(i) = terms.iter().position(|(t, _)| *t == token.text) {
                        freqs[i] += 1;
                    }
                }
            }
            tail_tokens += u64::from(length);
            for (df, tf) in tail_df.iter_mut().zip(&freqs) {
                *df += u64::from(*tf > 0);
            }
            docs.push((length, freqs));
        }
        let mut scorer = Self {
            searcher,
            field,
            terms: terms.iter().map(|(t, _)| t.to_string()).zip(tail_df).collect(),
            tail_docs: tail.len() as u64,
            tail_tokens,
            docs,
            weights: Vec::with_capacity(terms.len()),
            match_all: terms.is_empty(),
        };
        let n = scorer.total_num_docs().map_err(tantivy_err)?;
        let tokens = scorer.total_num_tokens(field).map_err(tantivy_err)?;
        let average = if n == 0 { 1.0 } else { (tokens as f32 / n as f32).max(f32::MIN_POSITIVE) };
        for (text, boost) in terms {
            let df = scorer.doc_freq(&Term::from_field_text(field, text)).map_err(tantivy_err)?;
            scorer.weights.push(Bm25Weight::for_one_term_without_explain(df.min(n), n, average).boost_by(*boost));
        }
        Ok(scorer)
    }

    /// The score of the `i`-th tail memory, `None` when no query term occurs in it.
    fn score(&self, i: usize) -> Option<f32> {
        if self.match_all {
            return Some(1.0);
        }
        let (length, freqs) = self.docs.get(i)?;
        if freqs.iter().all(|tf| *tf == 0) {
            return None;
        }
        let norm = FieldNormReader::fieldnorm_to_id(*length);
        Some(self.weights.iter().zip(freqs).filter(|(_, tf)| **tf > 0).map(|(w, tf)| w.score(norm, *tf)).sum())
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

#[cfg(test)]
mod tests {
    // NewMemory is built by field assignment on purpose (STYLE: others may add fields).
    #![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
    use super::*;
    use crate::filter::Scope;

    fn memory(content: &str, topics: &[&str]) -> mx_core::model::Memory {
        let mut new = mx_core::model::NewMemory::default();
        new.content = content.to_owned();
        new.topics = topics.iter().map(|t| (*t).to_owned()).collect();
        new.conversation_id = Some("conv_feature_payments".to_owned());
        let resolved = mx_core::model::Resolved {
            id: mx_core::MemoryId::from_parts(0, rand::random()),
            conversation_id: mx_core::id::ConversationId::parse("conv_feature_payments").unwrap(),
            project: None,
            supersedes: None,
            now: jiff::Timestamp::UNIX_EPOCH,
        };
        new.build(resolved).unwrap().memory
    }

    fn insert(conn: &Connection, m: &mx_core::model::Memory) {
        db::insert_memory(conn, m).unwrap();
        db::log_change(conn, m.id.as_str(), "create", m.created_at, Some(m)).unwrap();
    }

    /// Every memory, indexed or in the tail, scores exactly what the committed index gives it: same BM25, same
    /// statistics. Checked with a large index and a small tail, and with a one-memory index and a larger tail (where
    /// the index's own statistics alone would give its document a very different IDF).
    #[test]
    fn tail_scores_equal_committed_scores() {
        for indexed in [60, 1] {
            scores_before_and_after_commit_agree(indexed);
        }
    }

    fn scores_before_and_after_commit_agree(indexed: usize) {
        let dir = tempfile::tempdir().unwrap();
        let conn = db::open(&dir.path().join("mx.db")).unwrap();
        let index = SearchIndex::new(dir.path().join("index"));
        let topics = ["payments", "checkout", "deploy"];
        for i in 0..indexed {
            let t = topics[i % 3];
            insert(&conn, &memory(&format!("Note {i}: the {t} service retries {} times", i % 7), &[t]));
        }
        index.fresh_searcher(&conn, "uid").unwrap();
        let tail = [
            memory("Stripe webhook retries need idempotency keys on every call", &["payments"]),
            memory("Checkout retries are capped at 3; the payments team owns the limit", &["checkout", "limits"]),
        ];
        for m in &tail {
            insert(&conn, m);
        }
        let terms = mx_core::analyze::weighted_query_terms("checkout payments retries stripe");
        let filter = Filter { scope: Scope::AllProjects, ..Filter::default() };
        let fresh = index.fresh_searcher(&conn, "uid").unwrap();
        assert_eq!(fresh.tail.len(), 2);
        let before = index.search(&fresh, &terms, &filter, 100).unwrap();
        index.rebuild(&conn, "uid", &mut |_, _| {}).unwrap();
        let fresh = index.fresh_searcher(&conn, "uid").unwrap();
        assert!(fresh.tail.is_empty());
        let after = index.search(&fresh, &terms, &filter, 100).unwrap();
        assert_eq!(before.len(), after.len());
        for h in &after {
            let x = before.iter().find(|b| b.rid == h.rid).unwrap().score;
            assert!((x - h.score).abs() <= 1e-4 * h.score, "{indexed} indexed, rid {}: {x} vs {}", h.rid, h.score);
        }
    }

    /// An import's indexing takes each committed batch as it is when nothing came between, reads the change log when
    /// another writer did (that write and the batch are both indexed, once), and skips a batch the log already gave.
    #[test]
    fn bulk_session_indexes_batches_directly_or_from_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let conn = db::open(&dir.path().join("mx.db")).unwrap();
        let index = SearchIndex::new(dir.path().join("index"));
        type Batch = (Option<(i64, i64)>, Vec<(i64, Memory)>);
        let batch = |texts: &[&str]| -> Batch {
            let mut seqs = None;
            let mut out = Vec::new();
            for t in texts {
                let m = memory(t, &["import"]);
                let rid = db::insert_memory(&conn, &m).unwrap();
                let seq =
                    db::log_change_with_rid(&conn, m.id.as_str(), rid, "import", "2026-01-01T00:00:00Z", None).unwrap();
                seqs = Some((seqs.map_or(seq, |(first, _): (i64, i64)| first), seq));
                out.push((rid, m));
            }
            (seqs, out)
        };
        let mut session = index.bulk_session(&conn, "uid").unwrap();
        let (s1, m1) = batch(&["alpha kafka consumer lag", "alpha webhook retries"]);
        session.add_committed(&conn, s1, &m1).unwrap();
        // Another process writes between two batches of the import.
        insert(&conn, &memory("beta single create between batches", &["other"]));
        let (s2, m2) = batch(&["gamma stripe idempotency", "gamma refund job"]);
        let (s3, m3) = batch(&["delta cache warmer"]);
        session.add_committed(&conn, s2, &m2).unwrap();
        // The log read for batch 2 already held batch 3.
        session.add_committed(&conn, s3, &m3).unwrap();
        session.add_committed(&conn, None, &[]).unwrap();
        session.finish(&conn).unwrap();

        let fresh = index.fresh_searcher(&conn, "uid").unwrap();
        assert!(fresh.tail.is_empty(), "the commit holds every change");
        assert_eq!(fresh.searcher.num_docs(), 6, "each memory indexed once");
        let filter = Filter { scope: Scope::AllProjects, ..Filter::default() };
        for word in ["alpha", "beta", "gamma", "delta"] {
            let hits = index.search(&fresh, &[(word.to_owned(), 1.0)], &filter, 10).unwrap();
            let expected = if word == "alpha" || word == "gamma" { 2 } else { 1 };
            assert_eq!(hits.len(), expected, "{word}");
        }
    }
}
