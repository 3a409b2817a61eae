//! The [`Store`] handle: opening a home directory, its two connections and index, the write transaction every change
//! runs in, and resolving what a caller names (id, prefix or name) to a memory.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use jiff::Timestamp;
use mx_core::id::MemoryId;
use mx_core::model::Memory;
use rusqlite::Connection;

use crate::db;
use crate::error::{Result, StoreError, is_disk_full};
use crate::index::SearchIndex;

/// The store. Cheap to open; safe to use from many processes at once. `Send + Sync`.
///
/// Concurrency: one write connection and one read connection, each behind a mutex, so threads of one process take
/// turns on each (SQLite connections are not `Sync`), while reads never wait for writes (WAL). Across processes,
/// writes serialise on SQLite's lock (`BEGIN IMMEDIATE`, 30 s busy timeout) and index updates on a file lock.
#[derive(Debug)]
pub struct Store {
    pub(crate) home: PathBuf,
    pub(crate) writer: Mutex<Connection>,
    pub(crate) reader: Mutex<Connection>,
    pub(crate) uid: String,
    pub(crate) index: SearchIndex,
    /// Where callers work: the code that memories' anchors are checked against (see [`crate::staleness`]).
    pub(crate) worktree: std::sync::OnceLock<crate::staleness::Worktree>,
    pub(crate) anchor_cache: crate::staleness::AnchorCache,
}

pub(crate) const HOME_HINT: &str = "set MX_HOME to a writable directory or fix the permissions of this one";

fn unavailable(path: &Path, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Unavailable { path: path.to_path_buf(), reason: reason.to_string(), hint: HOME_HINT }
}

/// Whether the file system holding `home` has no room for a small write: only asked once something already failed.
fn disk_is_full(home: &Path) -> bool {
    let probe = home.join(".mx-space-probe");
    let full = std::fs::write(&probe, [0u8; 64 * 1024]).is_err_and(|e| is_disk_full(&e));
    let _ = std::fs::remove_file(&probe);
    full
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in another thread while it held the connection rolled its transaction back; the connection is usable.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

pub(crate) fn now_or(now: Option<Timestamp>) -> Timestamp {
    now.unwrap_or_else(Timestamp::now)
}

pub(crate) fn fresh_id(at: Timestamp) -> MemoryId {
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
                // SQLite reports a full disk while it opens (creating its shared-memory and log files) only as a
                // generic I/O error; a probe write tells the two apart.
                _ if disk_is_full(&home) => StoreError::DiskFull,
                StoreError::Sqlite(se) => match db::map_busy(se) {
                    busy @ StoreError::Busy { .. } => busy,
                    other => unavailable(p, other),
                },
                full @ StoreError::DiskFull => full,
                other => unavailable(p, other),
            })
        };
        let writer = open(&db_path)?;
        let reader = open(&db_path)?;
        // The directory may exist but be read-only: SQLite then opens read-only-ish and fails on first write.
        let probe = home.join(".mx-write-probe");
        std::fs::write(&probe, b"")
            .map_err(|e| if is_disk_full(&e) { StoreError::DiskFull } else { unavailable(&home, e) })?;
        let _ = std::fs::remove_file(&probe);
        let uid = db::store_uid(&reader)?;
        let index = SearchIndex::new(home.join("index"));
        Ok(Store {
            home,
            writer: Mutex::new(writer),
            reader: Mutex::new(reader),
            uid,
            index,
            worktree: std::sync::OnceLock::new(),
            anchor_cache: Default::default(),
        })
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

    /// Runs `f` on the read connection (for reads that live in other modules of the store).
    pub(crate) fn read<R>(&self, f: impl FnOnce(&Connection) -> R) -> R {
        f(&lock(&self.reader))
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction on the write connection. The index is left alone: the next
    /// search covers the change from the change log (see [`crate::index`]), so a single write never pays a tantivy
    /// commit. Only the first writes of a store without an index build it (once), so that it exists from the start.
    pub(crate) fn write<R>(&self, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
        let conn = lock(&self.writer);
        let tx = db::begin_write(&conn)?;
        let out = f(&tx)?;
        tx.commit().map_err(db::map_busy)?;
        if !self.index.exists() {
            self.index.try_sync(&conn, &self.uid);
        }
        Ok(out)
    }
}

/// Resolves a full id, a unique prefix (6+) or a name (its current version).
pub(crate) fn resolve(conn: &Connection, input: &str) -> Result<Memory> {
    let trimmed = input.trim();
    if let Ok(prefix) = mx_core::id::normalize_prefix(trimmed) {
        let ids = db::ids_with_prefix(conn, &prefix, mx_core::id::AMBIGUOUS_SHOWN)?;
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
                    count: db::count_ids_with_prefix(conn, &prefix)?,
                    matches: ids,
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
    if mx_core::id::is_short_prefix(trimmed) {
        return Err(mx_core::id::short_prefix_error(trimmed).into());
    }
    Err(mx_core::Error::NotFound(trimmed.to_owned()).into())
}
