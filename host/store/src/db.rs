//! SQLite: the system of record.
//!
//! Layout. `memories` holds one row per memory: the [`Memory`] itself as JSON in `body` (the record — lossless, and
//! fields that core adds later survive without a migration) plus the columns that filters and sorts need, derived
//! from it on every write. Topics and files live in side tables keyed by the row id so that "any of these topics" and
//! "anchored to this file" are index lookups. `changes` (with the row id, which keys the search index) is both the change log (its `seq` drives the search index's
//! catch-up) and the history: every create, update, supersede, delete and import appends a row with the full snapshot,
//! except that an import's row (and a pull's, for a memory new here) leaves it out while the memory's own row still
//! holds exactly what arrived — the first change to that row writes the snapshot into that entry first
//! ([`keep_import_snapshot`]), so history loses nothing and a bulk import or pull writes each memory once, not twice.
//!
//! Durability: WAL with `synchronous=NORMAL`. A transaction is durable against a process crash (SIGKILL) as soon as
//! COMMIT returns, because the WAL append happens before; only a power loss or OS crash may lose the last commits.
//! Connections do not checkpoint on close ([`open`]): `mx.db-wal` is part of the database between checkpoints, so a
//! copy of the store takes the three files, or goes through `mx export`.
//! That is the guarantee the invariant "once an id is returned, the memory is durable" needs across processes.

use std::path::Path;
use std::time::Duration;

use jiff::Timestamp;
use mx_core::model::{Memory, State};
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::error::{Result, StoreError};

/// The schema version this code writes; `PRAGMA user_version` of a current database.
pub const SCHEMA_VERSION: i64 = 3;
/// How long a statement waits for another process's write lock before giving up with [`StoreError::Busy`].
/// Generous on purpose: write transactions take milliseconds, so a long wait only happens when many writers queue
/// on a loaded machine (seen with 8 concurrent writers on 2 busy cores), and waiting beats losing a memory.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The busy timeout in effect: [`BUSY_TIMEOUT`], or `MX_BUSY_TIMEOUT_MS` when set (tests use a short one).
pub fn busy_timeout() -> Duration {
    static TIMEOUT: std::sync::LazyLock<Duration> = std::sync::LazyLock::new(|| {
        std::env::var("MX_BUSY_TIMEOUT_MS")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map_or(BUSY_TIMEOUT, Duration::from_millis)
    });
    *TIMEOUT
}

/// Waits for another connection's lock. SQLite's default handler sleeps up to 100 ms between tries, so under a steady
/// stream of short write transactions from other processes a waiter keeps missing the gaps between them and starves
/// past the timeout (seen with 8 concurrent `mx` writers). Polling every 1-4 ms catches the gaps.
fn busy_wait(attempt: i32) -> bool {
    thread_local! {
        static STARTED: std::cell::Cell<Option<std::time::Instant>> = const { std::cell::Cell::new(None) };
    }
    let now = std::time::Instant::now();
    let started = STARTED.with(|s| {
        let start = if attempt == 0 { now } else { s.get().unwrap_or(now) };
        s.set(Some(start));
        start
    });
    if now.duration_since(started) >= busy_timeout() {
        return false;
    }
    std::thread::sleep(Duration::from_millis(1 + (attempt as u64 % 4)));
    true
}

const MIGRATIONS: &[&str] = &[
    // 1: initial schema.
    r#"
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE memories (
        rid INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        project TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        name TEXT,
        importance REAL NOT NULL,
        created_ms INTEGER NOT NULL,
        external_id TEXT,
        body TEXT NOT NULL
    );
    CREATE INDEX memories_project_created ON memories(project, created_ms);
    CREATE INDEX memories_created ON memories(created_ms);
    CREATE INDEX memories_conversation ON memories(conversation_id, created_ms);
    CREATE INDEX memories_name ON memories(name) WHERE name IS NOT NULL;
    CREATE INDEX memories_external ON memories(external_id) WHERE external_id IS NOT NULL;
    CREATE TABLE memory_topics (topic TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (topic, rid)) WITHOUT ROWID;
    CREATE INDEX memory_topics_rid ON memory_topics(rid);
    CREATE TABLE memory_files (path TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (path, rid)) WITHOUT ROWID;
    CREATE INDEX memory_files_rid ON memory_files(rid);
    CREATE TABLE conversations (id TEXT PRIMARY KEY, project TEXT, started_at TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE relationships (
        from_id TEXT NOT NULL,
        to_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (from_id, to_id, kind)
    ) WITHOUT ROWID;
    CREATE INDEX relationships_to ON relationships(to_id);
    CREATE TABLE changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        memory_id TEXT NOT NULL,
        rid INTEGER,
        op TEXT NOT NULL,
        at TEXT NOT NULL,
        snapshot TEXT
    );
    CREATE INDEX changes_memory ON changes(memory_id);
    "#,
    // 2: the strongest standing memories of a project ("where things stand") in index order, without sorting the
    // whole project.
    r#"
    CREATE INDEX IF NOT EXISTS memories_project_importance ON memories(project, importance, created_ms);
    "#,
    // 3: which memories the hooks injected into an assistant's sessions and which the assistant used (see `usage`).
    r#"
    CREATE TABLE usage (
        assistant TEXT NOT NULL,
        session TEXT NOT NULL,
        memory_id TEXT NOT NULL,
        event TEXT NOT NULL,
        injected_at TEXT NOT NULL,
        injections INTEGER NOT NULL,
        used_at TEXT,
        evidence TEXT,
        PRIMARY KEY (assistant, session, memory_id)
    ) WITHOUT ROWID;
    CREATE INDEX usage_memory ON usage(memory_id);
    "#,
];

/// Page cache of a connection, in KiB (SQLite allocates it as pages are used, so the limit costs nothing until then).
pub const CACHE_KIB: i64 = 32 * 1024;
/// Page cache of the writing connection during a bulk import: its random inserts into five secondary indexes outgrow
/// 32 MiB on a large store, and every evicted page is read back from the WAL (a system call each). 256 MiB bought
/// only ~5% more speed on 100k memories and lifted a 250k import's peak RSS to ~600 MB, so the middle ground.
pub const BULK_CACHE_KIB: i64 = 64 * 1024;

pub fn set_cache_kib(conn: &Connection, kib: i64) -> Result<()> {
    conn.pragma_update(None, "cache_size", -kib)?;
    Ok(())
}

/// Opens a connection with the store's pragmas and brings the schema up to date.
pub fn open(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    conn.busy_handler(Some(busy_wait))?;
    // journal_mode=WAL persists in the file; setting it again is a cheap no-op.
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Index(format!("SQLite refused WAL mode (got {mode})")));
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // 32 MiB page cache: imports insert into several B-trees at once; the default 2 MiB thrashes.
    set_cache_kib(&conn, CACHE_KIB)?;
    // A bulk import lets the WAL grow to a few hundred MB (it checkpoints beside the writer, which cannot restart the
    // log meanwhile); once checkpointed, the file is cut back to this size instead of staying that large.
    conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
    // No checkpoint when the connection closes. SQLite's default checkpoints the WAL into the database as the last
    // connection of a process closes, with two fsyncs; for a short process that wrote a row (every hook records
    // what it injected) those fsyncs were most of its time, 10-30 ms on a disk busy with other writes. The WAL is
    // part of the database either way: the next process reads through it, and the automatic checkpoint of a
    // committing writer (every 1,000 pages) or the one after a bulk write ([`checkpoint_truncate`]) moves it in.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    migrate(&conn)?;
    Ok(conn)
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Applies pending migrations, each in its own immediate transaction so that two processes opening a fresh store at
/// once do not both apply it.
fn migrate(conn: &Connection) -> Result<()> {
    if user_version(conn)? >= SCHEMA_VERSION {
        return Ok(());
    }
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let version = i as i64 + 1;
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        if user_version(&tx)? >= version {
            continue;
        }
        tx.execute_batch(sql)?;
        if version == 1 {
            tx.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('store_uid', ?1)",
                [format!("{:032x}", rand::random::<u128>())],
            )?;
        }
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

pub fn schema_version(conn: &Connection) -> Result<i64> {
    user_version(conn)
}

/// A random identity of this database, recorded in the index payload: an index built for another database (a
/// restored or replaced mx.db) is rebuilt rather than trusted.
pub fn store_uid(conn: &Connection) -> Result<String> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = 'store_uid'", [], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

/// Starts a write transaction. `BEGIN IMMEDIATE` takes the write lock up front, so the busy timeout applies at the
/// start instead of failing with SQLITE_BUSY on the first write of a deferred transaction.
pub fn begin_write(conn: &Connection) -> Result<Transaction<'_>> {
    Transaction::new_unchecked(conn, TransactionBehavior::Immediate).map_err(map_busy)
}

/// Turns SQLite's "database is locked" after the busy timeout into the store's typed `Busy`.
pub fn map_busy(e: rusqlite::Error) -> StoreError {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) =>
        {
            StoreError::Busy { seconds: busy_timeout().as_secs_f64().ceil() as u64 }
        }
        other => other.into(),
    }
}

pub fn max_seq(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM changes", [], |r| r.get(0))?)
}

pub fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Index(format!("cannot encode a memory: {e}")))
}

/// A memory's stored JSON. Staleness is derived on every read from the code as it is then, so it is never stored.
pub fn memory_json(m: &Memory) -> Result<String> {
    if m.stale.is_some() {
        let mut bare = m.clone();
        bare.stale = None;
        return to_json(&bare);
    }
    to_json(m)
}

pub fn memory_from_json(body: &str) -> Result<Memory> {
    serde_json::from_str(body).map_err(|e| StoreError::Index(format!("a stored memory does not decode: {e}")))
}

pub fn state_str(state: State) -> &'static str {
    match state {
        State::Current => "current",
        State::Superseded => "superseded",
    }
}

/// The `project` column: `''` for global memories, so that "this project or global" is an `IN` over the index
/// rather than an `OR … IS NULL` that SQLite answers with a scan.
fn project_key(m: &Memory) -> &str {
    m.project.as_deref().unwrap_or("")
}

/// Inserts a new memory row with its topics and files; returns the row id. Fails on a duplicate id.
pub fn insert_memory(tx: &Connection, m: &Memory) -> Result<i64> {
    let body = memory_json(m)?;
    insert_memory_body(tx, m, &body, false)?.ok_or_else(|| StoreError::Index(format!("memory {} exists", m.id)))
}

/// Inserts a memory whose JSON is already encoded; with `if_absent`, an existing id is left alone and `None` returned.
pub fn insert_memory_body(tx: &Connection, m: &Memory, body: &str, if_absent: bool) -> Result<Option<i64>> {
    let rid = insert_memory_row(tx, m, body, if_absent)?;
    if rid.is_some() {
        insert_conversation(tx, m)?;
    }
    Ok(rid)
}

/// [`insert_memory_body`] without recording the conversation: for a bulk import, which records each conversation
/// once ([`insert_conversation`]) rather than trying again for each of its memories.
pub fn insert_memory_row(tx: &Connection, m: &Memory, body: &str, if_absent: bool) -> Result<Option<i64>> {
    // Two fixed statements rather than one formatted per call: the statement cache is keyed by the SQL text.
    let sql = if if_absent {
        "INSERT OR IGNORE INTO memories
            (id, project, conversation_id, kind, state, name, importance, created_ms, external_id, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    } else {
        "INSERT INTO memories
            (id, project, conversation_id, kind, state, name, importance, created_ms, external_id, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    };
    let mut stmt = tx.prepare_cached(sql)?;
    let inserted = stmt.execute(params![
        m.id.as_str(),
        project_key(m),
        m.conversation_id.as_str(),
        m.kind.as_str(),
        state_str(m.state),
        m.name,
        m.importance,
        m.created_at.as_millisecond(),
        m.external_id,
        body,
    ])?;
    if inserted == 0 {
        return Ok(None);
    }
    let rid = tx.last_insert_rowid();
    write_side_tables(tx, rid, m)?;
    Ok(Some(rid))
}

/// Records the memory's conversation unless it is known (the first memory seen for it gives its start).
pub fn insert_conversation(tx: &Connection, m: &Memory) -> Result<()> {
    let mut conv =
        tx.prepare_cached("INSERT OR IGNORE INTO conversations (id, project, started_at) VALUES (?1, ?2, ?3)")?;
    conv.execute(params![m.conversation_id.as_str(), m.project, m.created_at.to_string()])?;
    Ok(())
}

/// Before a memory's row changes: an import entry of its history that relies on the row for its snapshot (see the
/// module doc) gets the row's body now, while it still is what was imported.
fn keep_import_snapshot(tx: &Connection, rid: i64, memory_id: &str) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "UPDATE changes SET snapshot = (SELECT body FROM memories WHERE rid = ?1)
         WHERE memory_id = ?2 AND op IN ('import', 'pull') AND snapshot IS NULL",
    )?;
    stmt.execute(params![rid, memory_id])?;
    Ok(())
}

fn write_side_tables(tx: &Connection, rid: i64, m: &Memory) -> Result<()> {
    let mut topic = tx.prepare_cached("INSERT OR IGNORE INTO memory_topics (topic, rid) VALUES (?1, ?2)")?;
    for t in &m.topics {
        topic.execute(params![t, rid])?;
    }
    let mut file = tx.prepare_cached("INSERT OR IGNORE INTO memory_files (path, rid) VALUES (?1, ?2)")?;
    for f in &m.files {
        file.execute(params![f, rid])?;
    }
    Ok(())
}

/// Rewrites an existing memory row (same id) and its side tables.
pub fn update_memory(tx: &Connection, m: &Memory) -> Result<()> {
    let body = memory_json(m)?;
    let rid: i64 = tx.query_row("SELECT rid FROM memories WHERE id = ?1", [m.id.as_str()], |r| r.get(0))?;
    keep_import_snapshot(tx, rid, m.id.as_str())?;
    tx.execute(
        "UPDATE memories SET project = ?2, conversation_id = ?3, kind = ?4, state = ?5, name = ?6, importance = ?7,
                created_ms = ?8, external_id = ?9, body = ?10 WHERE rid = ?1",
        params![
            rid,
            project_key(m),
            m.conversation_id.as_str(),
            m.kind.as_str(),
            state_str(m.state),
            m.name,
            m.importance,
            m.created_at.as_millisecond(),
            m.external_id,
            body,
        ],
    )?;
    tx.execute("DELETE FROM memory_topics WHERE rid = ?1", [rid])?;
    tx.execute("DELETE FROM memory_files WHERE rid = ?1", [rid])?;
    write_side_tables(tx, rid, m)
}

pub fn delete_memory_row(tx: &Connection, id: &str) -> Result<()> {
    let rid: Option<i64> = tx.query_row("SELECT rid FROM memories WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    if let Some(rid) = rid {
        keep_import_snapshot(tx, rid, id)?;
        tx.execute("DELETE FROM memory_topics WHERE rid = ?1", [rid])?;
        tx.execute("DELETE FROM memory_files WHERE rid = ?1", [rid])?;
        tx.execute("DELETE FROM memories WHERE rid = ?1", [rid])?;
    }
    Ok(())
}

/// Appends to the change log (and history, when a snapshot is given); returns the new sequence number.
pub fn log_change(tx: &Connection, memory_id: &str, op: &str, at: Timestamp, snapshot: Option<&Memory>) -> Result<i64> {
    let snapshot = snapshot.map(memory_json).transpose()?;
    log_change_raw(tx, memory_id, op, at, snapshot.as_deref())
}

/// [`log_change`] with the snapshot already encoded.
pub fn log_change_raw(
    tx: &Connection,
    memory_id: &str,
    op: &str,
    at: Timestamp,
    snapshot: Option<&str>,
) -> Result<i64> {
    // The row id goes into the log too: the search index is keyed by it, and a deleted row can no longer tell it.
    let mut stmt = tx.prepare_cached(
        "INSERT INTO changes (memory_id, rid, op, at, snapshot)
         VALUES (?1, (SELECT rid FROM memories WHERE id = ?1), ?2, ?3, ?4)",
    )?;
    stmt.execute(params![memory_id, op, at.to_string(), snapshot])?;
    Ok(tx.last_insert_rowid())
}

/// [`log_change_raw`] for a row whose id the caller already has (an import that just inserted it): saves the lookup
/// of the row id by memory id, one B-tree search per imported memory. An `import` entry may go without a snapshot
/// (see the module doc).
pub fn log_change_with_rid(
    tx: &Connection,
    memory_id: &str,
    rid: i64,
    op: &str,
    at: &str,
    snapshot: Option<&str>,
) -> Result<i64> {
    let mut stmt =
        tx.prepare_cached("INSERT INTO changes (memory_id, rid, op, at, snapshot) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    stmt.execute(params![memory_id, rid, op, at, snapshot])?;
    Ok(tx.last_insert_rowid())
}

/// SQLite's automatic WAL checkpoints turned off on one connection while this lives, and back on (SQLite's default of
/// 1,000 pages) when it is dropped, whatever happened meanwhile. A bulk import holds one on its inserting connection
/// and checkpoints from another thread, so copying the log into the database no longer stalls the inserts.
#[derive(Debug)]
pub struct AutoCheckpointOff<'c>(&'c Connection);

impl<'c> AutoCheckpointOff<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        conn.query_row("PRAGMA wal_autocheckpoint=0", [], |_| Ok(()))?;
        Ok(Self(conn))
    }
}

impl Drop for AutoCheckpointOff<'_> {
    fn drop(&mut self) {
        // Cannot fail on an open connection; if it did, SQLite would only checkpoint less often.
        let _ = self.0.query_row("PRAGMA wal_autocheckpoint=1000", [], |_| Ok(()));
    }
}

/// After a bulk write (an import, a large pull): everything in the WAL moved into the database and the WAL cut to
/// nothing, so the processes that open the store next do not each read a large WAL to rebuild its index (connections
/// do not checkpoint on close, see [`open`]). Best effort: with a reader in the middle of the WAL it does what it can,
/// and the next automatic checkpoint does the rest.
pub fn checkpoint_truncate(conn: &Connection) {
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
}

/// A checkpoint that never waits: copies what it can of the WAL into the database while other connections go on
/// reading and writing.
pub fn checkpoint_passive(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
    Ok(())
}

pub fn memory_by_id(conn: &Connection, id: &str) -> Result<Option<Memory>> {
    let mut stmt = conn.prepare_cached("SELECT body FROM memories WHERE id = ?1")?;
    let body: Option<String> = stmt.query_row([id], |r| r.get(0)).optional()?;
    body.as_deref().map(memory_from_json).transpose()
}

/// Up to `limit` ids starting with `prefix` (lowercase), via a range scan of the primary key.
pub fn ids_with_prefix(conn: &Connection, prefix: &str, limit: usize) -> Result<Vec<String>> {
    // '{' sorts right after 'z', the last Crockford character.
    let upper = format!("{prefix}{{");
    let mut stmt = conn.prepare_cached("SELECT id FROM memories WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3")?;
    let rows = stmt.query_map(params![prefix, upper, limit as i64], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many ids start with `prefix` (lowercase): an ambiguous prefix reports the full count, not just the ids shown.
pub fn count_ids_with_prefix(conn: &Connection, prefix: &str) -> Result<usize> {
    let upper = format!("{prefix}{{");
    let mut stmt = conn.prepare_cached("SELECT COUNT(*) FROM memories WHERE id >= ?1 AND id < ?2")?;
    let n: i64 = stmt.query_row(params![prefix, upper], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The current memory with this name (newest first when several projects use it; the caller's project wins).
/// Two saved in the same millisecond are told apart by id, not by row order: an exported and re-imported store
/// holds its rows in another order and must still resolve the name to the same memory.
pub fn current_by_name(conn: &Connection, name: &str, project: Option<&str>) -> Result<Option<Memory>> {
    let mut stmt = conn.prepare_cached(
        "SELECT body FROM memories WHERE name = ?1 AND state = 'current'
         ORDER BY (project = ?2) DESC, created_ms DESC, id DESC LIMIT 1",
    )?;
    let body: Option<String> = stmt.query_row(params![name, project], |r| r.get(0)).optional()?;
    body.as_deref().map(memory_from_json).transpose()
}

/// The current memory with this name in exactly this project (`None` = global): the one a new version replaces.
pub fn current_by_name_in_project(conn: &Connection, name: &str, project: Option<&str>) -> Result<Option<Memory>> {
    let mut stmt = conn.prepare_cached(
        "SELECT body FROM memories WHERE name = ?1 AND project = ?2 AND state = 'current'
         ORDER BY created_ms DESC, id DESC LIMIT 1",
    )?;
    let body: Option<String> = stmt.query_row(params![name, project.unwrap_or("")], |r| r.get(0)).optional()?;
    body.as_deref().map(memory_from_json).transpose()
}

/// A WHERE clause (without the keyword; `1` when empty) and its parameters, over `memories AS m`.
#[derive(Debug, Default)]
pub struct Where {
    pub clauses: Vec<String>,
    pub params: Vec<Value>,
}

impl Where {
    pub fn push(&mut self, clause: impl Into<String>, params: impl IntoIterator<Item = Value>) {
        self.clauses.push(clause.into());
        self.params.extend(params);
    }

    pub fn sql(&self) -> String {
        if self.clauses.is_empty() { "1".to_owned() } else { self.clauses.join(" AND ") }
    }
}

pub fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// Runs `SELECT m.body FROM memories m WHERE … ORDER BY … LIMIT …` and decodes the rows.
pub fn select_memories(conn: &Connection, w: &Where, order: &str, limit: Option<usize>) -> Result<Vec<Memory>> {
    let limit = limit.map_or(-1, |l| l as i64);
    let sql = format!("SELECT m.body FROM memories m WHERE {} ORDER BY {order} LIMIT {limit}", w.sql());
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(w.params.iter()), |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for body in rows {
        out.push(memory_from_json(&body?)?);
    }
    Ok(out)
}

/// Memories by row id (the search index stores it as a fast field), in no particular order.
pub fn memories_by_rids(conn: &Connection, rids: &[i64]) -> Result<Vec<(i64, Memory)>> {
    let mut out = Vec::with_capacity(rids.len());
    for chunk in rids.chunks(500) {
        let sql = format!("SELECT rid, body FROM memories WHERE rid IN ({})", placeholders(chunk.len()));
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(chunk.iter()), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (rid, body) = row?;
            out.push((rid, memory_from_json(&body)?));
        }
    }
    Ok(out)
}
