//! Creating, reading, updating, deleting and listing memories (one memory at a time, or a batch of creates).

use jiff::Timestamp;
use mx_core::id::ConversationId;
use mx_core::infer::Inference;
use mx_core::model::{Memory, MemoryPatch, NewMemory, Resolved, State};
use mx_core::redact::Finding;
use rusqlite::Connection;
use serde::Serialize;

use crate::db;
use crate::error::{Result, StoreError};
use crate::history::version_chain;
use crate::relations::supersede;
use crate::request::ListRequest;
use crate::store::{Store, fresh_id, lock, resolve};
use crate::transfer::IMPORT_BATCH;

/// What `create` reports back.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Created {
    pub memory: Memory,
    /// True when this memory started its conversation: the request said `NEW`, gave no conversation, or named one
    /// that had no memory yet.
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

/// What `delete` reports back. Deleting the newest version of a memory with versions makes the one before it
/// current again: `restored` is that version, so the caller can say so (and offer deleting every version).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deleted {
    pub memory: Memory,
    pub restored: Option<Memory>,
}

impl Store {
    pub fn create(&self, mut new: NewMemory) -> Result<Created> {
        self.stamp(&mut new);
        self.write(|tx| create_in(tx, &new, Timestamp::now()))
    }

    /// Creates many in one transaction per chunk; one result per input, in order; good items are stored even when
    /// others fail.
    pub fn create_batch(&self, mut items: Vec<NewMemory>) -> Vec<Result<Created>> {
        items.iter_mut().for_each(|new| self.stamp(new));
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
        let mut memory = resolve(&lock(&self.reader), id_prefix_or_name)?;
        self.annotate([&mut memory]);
        Ok(memory)
    }

    /// The memories with these full ids (unknown ones left out), in order, for a caller that just read them ranked
    /// (a hook after its digest): their staleness comes from the cache the ranked read filled, and what is not there
    /// is computed within the ranked reads' budget — never the unbounded walk of [`Store::get`], which a hook with
    /// twenty memories to fetch on a cold cache ran past its plugin's deadline with.
    pub fn get_listed(&self, ids: &[String]) -> Result<Vec<Memory>> {
        let mut out = Vec::with_capacity(ids.len());
        {
            let conn = lock(&self.reader);
            for id in ids {
                out.extend(db::memory_by_id(&conn, id)?);
            }
        }
        self.annotate_within_budget(out.iter_mut());
        Ok(out)
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
    /// version of a memory with versions, the version it superseded becomes current again and is returned as
    /// `restored` (use [`Store::delete_all_versions`] to delete the name outright).
    pub fn delete(&self, id_prefix_or_name: &str) -> Result<Deleted> {
        self.write(|tx| {
            let m = resolve(tx, id_prefix_or_name)?;
            let now = Timestamp::now();
            delete_row(tx, &m, now)?;
            let mut restored = None;
            if let Some(prev_id) = &m.supersedes
                && let Some(mut prev) = db::memory_by_id(tx, prev_id.as_str())?
                && prev.superseded_by.as_ref() == Some(&m.id)
            {
                prev.state = State::Current;
                prev.superseded_by = None;
                prev.updated_at = now;
                db::update_memory(tx, &prev)?;
                db::log_change(tx, prev.id.as_str(), "restore", now, Some(&prev))?;
                restored = Some(prev);
            }
            Ok(Deleted { memory: m, restored })
        })
    }

    /// Deletes a memory and every other version of it (what it superseded, what superseded it), in one transaction,
    /// newest first; nothing becomes current again. Each version's history keeps its `delete` entry.
    pub fn delete_all_versions(&self, id_prefix_or_name: &str) -> Result<Vec<Memory>> {
        self.write(|tx| {
            let m = resolve(tx, id_prefix_or_name)?;
            let now = Timestamp::now();
            let mut versions = Vec::new();
            for id in version_chain(tx, &m)? {
                if let Some(v) = db::memory_by_id(tx, &id)? {
                    versions.push(v);
                }
            }
            versions.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.id.cmp(&a.id)));
            for v in &versions {
                delete_row(tx, v, now)?;
            }
            Ok(versions)
        })
    }

    pub fn list(&self, req: &ListRequest) -> Result<Vec<Memory>> {
        req.limit.map(mx_core::input::limit).transpose()?;
        let conn = lock(&self.reader);
        let w = req.filter.to_sql();
        let mut memories = db::select_memories(&conn, &w, req.sort.to_sql(), req.limit)?;
        drop(conn);
        self.annotate(&mut memories);
        Ok(memories)
    }
}

/// Removes one memory's row and its relationships, logging the `delete` with its last snapshot.
fn delete_row(tx: &Connection, m: &Memory, now: Timestamp) -> Result<()> {
    // Logged first, while the row still tells its row id.
    db::log_change(tx, m.id.as_str(), "delete", now, Some(m))?;
    db::delete_memory_row(tx, m.id.as_str())?;
    tx.execute("DELETE FROM relationships WHERE from_id = ?1 OR to_id = ?1", [m.id.as_str()])?;
    Ok(())
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
        Some(c) => {
            let id = ConversationId::parse(c)?;
            // An id nobody used yet starts a conversation too, and is reported as started: a mistyped id then shows
            // up as a new conversation instead of silently splitting one.
            let known = tx.prepare_cached("SELECT 1 FROM conversations WHERE id = ?1")?.exists([id.as_str()])?;
            (id, !known)
        }
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
