//! The store's side of team sync: what to push (the outbox), what the server acknowledged, and applying pulled
//! changes.
//!
//! The outbox is the change log itself: every write already appends to `changes` in its own transaction, so a
//! change that has not reached the server survives any crash. `sync_meta.push_seq` is the last change-log entry
//! the server acknowledged. `sync_known` records, per memory, the version the server is known to hold, so changes
//! that came from the server (or were sent already) are not sent back.
//!
//! Visibility: global memories (no project) are private and never leave the machine; so are the memories of a
//! project listed in `sync_unshared`, and each memory created with `private` set.
//!
//! Pulled changes are written through the same rows and change log as local writes (a memory new here is logged
//! as `pull`, with the row as its snapshot, like an import), so the search index catches up as after any write; a
//! large pull indexes as it goes, like an import. Named memories are reconciled the same way on every machine: of the versions with one name
//! in one project, the newest (`createdAt`, then id) is current and the others superseded.

use std::sync::mpsc::Receiver;

use jiff::Timestamp;
use mx_core::model::{Memory, State};
use rusqlite::{Connection, OptionalExtension, params};

use crate::db;
use crate::error::Result;
use crate::store::Store;
use crate::store::lock;
use crate::transfer::{BulkCache, IMPORT_BATCH};

/// One page of a pull: the server's changes and its position after them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PulledPage {
    pub changes: Vec<SyncChange>,
    pub cursor: i64,
}

/// A transaction of at least this many pulled changes is written as a bulk one (see [`Store::sync_apply_pages`]).
const BULK_PULL: usize = 1_000;

/// One memory's state for sync: its record, or a tombstone. `version` is `updatedAt` (or the deletion time) in ms.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncChange {
    pub id: String,
    pub version: i64,
    pub deleted: bool,
    pub memory: Option<Memory>,
}

/// What `mx team status` shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncStatus {
    /// Team changes not yet acknowledged by the server.
    pub pending: usize,
    pub pull_cursor: i64,
    pub last_pull: Option<Timestamp>,
    pub last_push: Option<Timestamp>,
    pub unshared_projects: Vec<String>,
}

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS sync_known (id TEXT PRIMARY KEY, version INTEGER NOT NULL, deleted INTEGER NOT NULL)
        WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS sync_unshared (project TEXT PRIMARY KEY) WITHOUT ROWID;
";

fn ensure_schema(conn: &Connection) -> Result<()> {
    conn.execute_batch(SCHEMA)?;
    Ok(())
}

fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM sync_meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

fn meta_set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute("INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?1, ?2)", params![key, value])?;
    Ok(())
}

fn meta_i64(conn: &Connection, key: &str) -> Result<i64> {
    Ok(meta_get(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

fn meta_time(conn: &Connection, key: &str) -> Result<Option<Timestamp>> {
    Ok(meta_get(conn, key)?.and_then(|v| v.parse().ok()))
}

fn known(conn: &Connection, id: &str) -> Result<Option<(bool, i64)>> {
    let mut stmt = conn.prepare_cached("SELECT deleted, version FROM sync_known WHERE id = ?1")?;
    Ok(stmt.query_row([id], |r| Ok((r.get::<_, i64>(0)? != 0, r.get(1)?))).optional()?)
}

fn set_known(conn: &Connection, c: &SyncChange) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO sync_known (id, version, deleted) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted
         WHERE (excluded.deleted, excluded.version) > (sync_known.deleted, sync_known.version)",
    )?;
    stmt.execute(params![c.id, c.version, c.deleted])?;
    Ok(())
}

fn is_shared(conn: &Connection, m: &Memory) -> Result<bool> {
    if m.private {
        return Ok(false);
    }
    let Some(project) = &m.project else { return Ok(false) };
    let unshared: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM sync_unshared WHERE project = ?1)", [project], |r| r.get(0))?;
    Ok(!unshared)
}

/// The change to send for one memory, from its row (or its last change-log entry when it was deleted); `None` when
/// it is private or the server already has it.
fn outgoing(conn: &Connection, id: &str) -> Result<Option<SyncChange>> {
    let change = match db::memory_by_id(conn, id)? {
        Some(m) => {
            if !is_shared(conn, &m)? {
                return Ok(None);
            }
            SyncChange { id: id.to_owned(), version: m.updated_at.as_millisecond(), deleted: false, memory: Some(m) }
        }
        None => {
            // Deleted here: a tombstone, but only for a memory the team could have seen.
            let last: Option<(String, Option<String>)> = conn
                .query_row(
                    "SELECT at, snapshot FROM changes WHERE memory_id = ?1 AND op = 'delete' ORDER BY seq DESC LIMIT 1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((at, snapshot)) = last else { return Ok(None) };
            let was_shared = match snapshot.as_deref().map(db::memory_from_json).transpose()? {
                Some(m) => is_shared(conn, &m)?,
                None => true,
            };
            if !was_shared {
                return Ok(None);
            }
            let version = at.parse::<Timestamp>().map_or(0, |t| t.as_millisecond());
            SyncChange { id: id.to_owned(), version, deleted: true, memory: None }
        }
    };
    match known(conn, id)? {
        Some(k) if k >= (change.deleted, change.version) => Ok(None),
        _ => Ok(Some(change)),
    }
}

impl Store {
    /// Up to `limit` team changes the server has not acknowledged, and the change-log position to acknowledge once
    /// it has them ([`Store::sync_acknowledge`]).
    pub fn sync_pending(&self, limit: usize) -> Result<(Vec<SyncChange>, i64)> {
        let conn = lock(&self.reader);
        ensure_schema(&conn)?;
        let tx = conn.unchecked_transaction()?;
        let from = meta_i64(&tx, "push_seq")?;
        let mut out = Vec::new();
        let mut upto = from;
        let mut stmt = tx.prepare_cached(
            "SELECT memory_id, MAX(seq) AS last FROM changes WHERE seq > ?1 GROUP BY memory_id ORDER BY last",
        )?;
        let mut rows = stmt.query([from])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let last: i64 = row.get(1)?;
            if let Some(c) = outgoing(&tx, &id)? {
                if out.len() == limit {
                    break;
                }
                out.push(c);
            }
            upto = last;
        }
        Ok((out, upto))
    }

    /// Records that the server holds `sent` and everything in the change log up to `upto`.
    pub fn sync_acknowledge(&self, sent: &[SyncChange], upto: i64) -> Result<()> {
        let conn = lock(&self.writer);
        ensure_schema(&conn)?;
        let tx = db::begin_write(&conn)?;
        for c in sent {
            set_known(&tx, c)?;
        }
        if upto > meta_i64(&tx, "push_seq")? {
            meta_set(&tx, "push_seq", &upto.to_string())?;
        }
        meta_set(&tx, "last_push", &Timestamp::now().to_string())?;
        tx.commit().map_err(db::map_busy)?;
        Ok(())
    }

    /// Applies one page of pulled changes and moves the pull cursor to `cursor`, in one transaction. Returns how
    /// many changed this store. For a whole pull, [`Store::sync_apply_pages`] is faster.
    pub fn sync_apply(&self, changes: &[SyncChange], cursor: i64) -> Result<usize> {
        let conn = lock(&self.writer);
        ensure_schema(&conn)?;
        apply_batch(&conn, changes, cursor)
    }

    /// Applies the pages of a pull as they arrive from `pages` (a fetching thread sends them) until the sender
    /// hangs up. Pages are grouped into transactions of at least [`IMPORT_BATCH`] changes, each moving the pull
    /// cursor with it, so an interrupted pull keeps a complete prefix and resumes after it. A large pull is written
    /// the way an import is: a larger page cache, no automatic checkpoints on the writing connection (another
    /// thread checkpoints), and one search-index writer that takes each committed transaction and commits once at
    /// the end — a 100,000-memory pull costs about what importing them does instead of 100 small transactions
    /// that each rewrite every secondary index page. Returns how many changes altered this store.
    pub fn sync_apply_pages(&self, pages: Receiver<PulledPage>) -> Result<usize> {
        ensure_schema(&lock(&self.writer))?;
        let _cache = BulkCache::new(&self.writer)?;
        let (to_indexer, committed) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|scope| {
            let indexer = scope.spawn(move || {
                // Indexing is an optimisation here, as in an import: if it fails, the next search catches up.
                let mut session = None;
                while committed.recv().is_ok() {
                    let conn = lock(&self.reader);
                    if session.is_none() {
                        session = self.index.bulk_session(&conn, &self.uid).ok();
                    }
                    if let Some(s) = session.as_mut()
                        && s.feed(&conn).is_err()
                    {
                        session = None;
                    }
                    let _ = db::checkpoint_passive(&conn);
                }
                if let Some(s) = session {
                    let _ = s.finish(&lock(&self.reader));
                }
            });
            let result = (|| {
                let mut applied = 0;
                while let Ok(first) = pages.recv() {
                    let (mut batch, mut cursor) = (first.changes, first.cursor);
                    while batch.len() < IMPORT_BATCH {
                        let Ok(next) = pages.recv() else { break };
                        batch.extend(next.changes);
                        cursor = next.cursor;
                    }
                    let bulk = batch.len() >= BULK_PULL;
                    let conn = lock(&self.writer);
                    // A few changes (the session-start hook's pull) are left to the next search's catch-up, as
                    // after any write; a bulk transaction goes to the indexing thread, which also checkpoints.
                    let quiet = if bulk { Some(db::AutoCheckpointOff::new(&conn)?) } else { None };
                    applied += apply_batch(&conn, &batch, cursor)?;
                    drop(quiet);
                    drop(conn);
                    if bulk {
                        let _ = to_indexer.send(());
                    }
                }
                Ok(applied)
            })();
            drop(to_indexer);
            let _ = indexer.join();
            if result.as_ref().is_ok_and(|applied| *applied >= BULK_PULL) {
                db::checkpoint_truncate(&lock(&self.writer));
            }
            result
        })
    }

    /// The server sequence to pull after.
    pub fn sync_pull_cursor(&self) -> Result<i64> {
        let conn = lock(&self.reader);
        ensure_schema(&conn)?;
        meta_i64(&conn, "pull_cursor")
    }

    /// When this store last applied a pull.
    pub fn sync_last_pull(&self) -> Result<Option<Timestamp>> {
        let conn = lock(&self.reader);
        ensure_schema(&conn)?;
        meta_time(&conn, "last_pull")
    }

    pub fn sync_status(&self) -> Result<SyncStatus> {
        let (pending, _) = self.sync_pending(usize::MAX)?;
        let conn = lock(&self.reader);
        let mut stmt = conn.prepare("SELECT project FROM sync_unshared ORDER BY project")?;
        let unshared_projects = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(SyncStatus {
            pending: pending.len(),
            pull_cursor: meta_i64(&conn, "pull_cursor")?,
            last_pull: meta_time(&conn, "last_pull")?,
            last_push: meta_time(&conn, "last_push")?,
            unshared_projects,
        })
    }

    /// Keeps a project's memories on this machine (`share = false`) or shares them again.
    pub fn sync_set_shared(&self, project: &str, share: bool) -> Result<()> {
        let conn = lock(&self.writer);
        ensure_schema(&conn)?;
        if share {
            conn.execute("DELETE FROM sync_unshared WHERE project = ?1", [project])?;
        } else {
            conn.execute("INSERT OR IGNORE INTO sync_unshared (project) VALUES (?1)", [project])?;
        }
        Ok(())
    }

    /// Forgets what was sent and pulled (after logging out, or in to another server): the next sync starts over.
    pub fn sync_reset(&self) -> Result<()> {
        let conn = lock(&self.writer);
        ensure_schema(&conn)?;
        conn.execute_batch("DELETE FROM sync_meta; DELETE FROM sync_known;")?;
        Ok(())
    }
}

/// Applies pulled changes (newer versions win, tombstones are final) and moves the pull cursor to `cursor`, in one
/// transaction. A memory new here is written once: its change-log entry (op `pull`) keeps no copy, the row is the
/// snapshot until its first change (as for an import, see `db`).
fn apply_batch(conn: &Connection, changes: &[SyncChange], cursor: i64) -> Result<usize> {
    let tx = db::begin_write(conn)?;
    let now = Timestamp::now();
    let at = now.to_string();
    let mut applied = 0;
    let mut names: Vec<(String, Option<String>)> = Vec::new();
    for c in changes {
        if known(&tx, &c.id)?.is_some_and(|k| k >= (c.deleted, c.version)) {
            continue;
        }
        let local = db::memory_by_id(&tx, &c.id)?;
        match (&c.memory, local) {
            (None, Some(local)) if c.deleted => {
                db::log_change(&tx, &c.id, "delete", now, Some(&local))?;
                db::delete_memory_row(&tx, &c.id)?;
                tx.execute("DELETE FROM relationships WHERE from_id = ?1 OR to_id = ?1", [&c.id])?;
                if let Some(name) = local.name {
                    names.push((name, local.project));
                }
                applied += 1;
            }
            (Some(m), None) => {
                // Deleted here already: the tombstone goes out with the next push and wins there.
                let mut deleted_here =
                    tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM changes WHERE memory_id = ?1 AND op = 'delete')")?;
                if !deleted_here.query_row([&c.id], |r| r.get::<_, bool>(0))? {
                    let body = db::memory_json(m)?;
                    if let Some(rid) = db::insert_memory_body(&tx, m, &body, false)? {
                        db::log_change_with_rid(&tx, &c.id, rid, "pull", &at, None)?;
                    }
                    if let Some(name) = &m.name {
                        names.push((name.clone(), m.project.clone()));
                    }
                    applied += 1;
                }
            }
            (Some(m), Some(local)) if local.updated_at.as_millisecond() < c.version => {
                db::update_memory(&tx, m)?;
                db::log_change(&tx, &c.id, "update", now, Some(m))?;
                if let Some(name) = &m.name {
                    names.push((name.clone(), m.project.clone()));
                }
                applied += 1;
            }
            _ => {}
        }
        set_known(&tx, c)?;
    }
    names.sort();
    names.dedup();
    for (name, project) in names {
        reconcile_name(&tx, &name, project.as_deref(), now)?;
    }
    if cursor > meta_i64(&tx, "pull_cursor")? {
        meta_set(&tx, "pull_cursor", &cursor.to_string())?;
    }
    meta_set(&tx, "last_pull", &at)?;
    tx.commit().map_err(db::map_busy)?;
    Ok(applied)
}

/// The newest version of a name in a project is current, the others superseded — the same answer on every
/// machine, whatever order the versions arrived in. Derived state only: `updatedAt` is left alone, so the
/// reconciliation itself is not a change to push.
fn reconcile_name(tx: &Connection, name: &str, project: Option<&str>, now: Timestamp) -> Result<()> {
    let mut stmt = tx.prepare_cached("SELECT body FROM memories WHERE name = ?1 AND project = ?2")?;
    let bodies: Vec<String> =
        stmt.query_map(params![name, project.unwrap_or("")], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut versions = bodies.iter().map(|b| db::memory_from_json(b)).collect::<Result<Vec<_>>>()?;
    versions.sort_by(|a, b| (a.created_at, a.id.as_str()).cmp(&(b.created_at, b.id.as_str())));
    let Some(newest) = versions.last().map(|m| m.id.clone()) else { return Ok(()) };
    for mut m in versions {
        let (state, by) = if m.id == newest {
            (State::Current, None)
        } else {
            (State::Superseded, m.superseded_by.clone().or_else(|| Some(newest.clone())))
        };
        if m.state != state || (state == State::Current && m.superseded_by.is_some()) {
            m.state = state;
            m.superseded_by = by;
            db::update_memory(tx, &m)?;
            let op = if state == State::Current { "restore" } else { "supersede" };
            db::log_change(tx, m.id.as_str(), op, now, Some(&m))?;
        }
    }
    Ok(())
}
