//! Export and import (mx's own JSONL and foreign records such as the eval datasets'), and rebuilding the index.
//!
//! An export is everything the store holds that is not derived: every memory (superseded versions included, each
//! with its `name`, `state`, `supersedes` and `supersededBy`, so version chains and names come back as they were),
//! then every relationship as a `{"relationship": {...}}` line with its own time, then every usage record (which
//! memories were injected into which assistant session, and used) as a `{"usage": {...}}` line. The change log (history) and the
//! search index are derived or local and are rebuilt by the import.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

use jiff::Timestamp;
use mx_core::id::{ConversationId, MemoryId};
use mx_core::model::{Memory, NewMemory, Resolved};
use rusqlite::Connection;
use serde::Serialize;

use crate::db;
use crate::error::{Result, StoreError};
use crate::relations::{Relationship, all_relations, restore_relation};
use crate::store::{Store, lock};

/// One line of an import: mx's own export (a full [`Memory`] or a relationship) or a foreign record such as the eval
/// datasets' memories.jsonl (`id`, `project`, `conversationId`, `content`, `createdAt`, `role`, `topics`).
#[derive(Debug, Clone, PartialEq)]
pub enum ImportRecord {
    Memory(Box<Memory>),
    Foreign(Box<NewMemory>),
    Relationship(Relationship),
    /// Which session a memory was injected into and whether it was used (see [`crate::usage`]).
    Usage(crate::usage::Usage),
}

/// The export line of a relationship: `{"relationship": {"from", "to", "kind", "createdAt"}}`, an object no memory
/// record can be mistaken for.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct RelationshipLine {
    pub relationship: Relationship,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub imported: usize,
    /// Already present (same id): import is idempotent.
    pub skipped: usize,
    pub redacted: usize,
    /// Relationships restored (those already present, or whose memories are missing, are not counted).
    pub relationships: usize,
    /// Usage records restored (likewise).
    pub usage: usize,
}

/// Progress callback for long work (import, rebuild): `(done, total)`.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// Rows per transaction on import: small enough that a killed import leaves a recent complete prefix, large enough
/// to amortise the commit.
pub(crate) const IMPORT_BATCH: usize = 5_000;

impl Store {
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

    /// Every relationship (the second part of an export, written after the memories it joins).
    pub fn export_relationships(&self, sink: &mut dyn FnMut(&Relationship) -> std::io::Result<()>) -> Result<usize> {
        let conn = lock(&self.reader);
        all_relations(&conn, &mut |r| {
            sink(&r).map_err(|source| StoreError::Io { path: PathBuf::from("<export>"), source })
        })
    }

    /// Imports records in batches of `IMPORT_BATCH` (5,000) per transaction (a killed import leaves a complete prefix),
    /// skipping ids already present. Three stages overlap: a thread builds the next batch through core (validation,
    /// redaction, inference) and encodes it; this thread inserts a batch and commits it; a third hands each committed
    /// batch's memories to one tantivy writer, which commits once at the end, and checkpoints the WAL meanwhile. The
    /// import returns once SQLite and the index hold everything.
    /// Relationship and usage records are restored last, in one transaction, once the memories they join are stored.
    pub fn import(&self, records: Vec<ImportRecord>, progress: Progress<'_>) -> Result<ImportReport> {
        let (joining, records): (Vec<_>, Vec<_>) =
            records.into_iter().partition(|r| matches!(r, ImportRecord::Relationship(_) | ImportRecord::Usage(_)));
        let mut report = self.import_memories(records, progress)?;
        if !joining.is_empty() {
            (report.relationships, report.usage) = self.write(|tx| {
                let (mut relationships, mut usage) = (0, 0);
                for record in &joining {
                    match record {
                        ImportRecord::Relationship(r) => relationships += usize::from(restore_relation(tx, r)?),
                        ImportRecord::Usage(u) => usage += usize::from(crate::usage::restore_usage(tx, u)?),
                        ImportRecord::Memory(_) | ImportRecord::Foreign(_) => {}
                    }
                }
                Ok((relationships, usage))
            })?;
        }
        Ok(report)
    }

    fn import_memories(&self, records: Vec<ImportRecord>, progress: Progress<'_>) -> Result<ImportReport> {
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
            db::checkpoint_truncate(&lock(&self.writer));
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
pub(crate) struct BulkCache<'a>(&'a Mutex<Connection>);

impl<'a> BulkCache<'a> {
    pub(crate) fn new(writer: &'a Mutex<Connection>) -> Result<Self> {
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
        // `import` takes relationships and usage out before this stage.
        ImportRecord::Relationship(_) | ImportRecord::Usage(_) => {
            return Err(StoreError::Index("a relationship or usage record reached the memory import".into()));
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
