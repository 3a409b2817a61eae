//! Which memories the hooks injected into an assistant's sessions, and which of them the assistant then used.
//!
//! One row per (assistant, session, memory): injected at least once in that session (how many times, first when,
//! by which event), and — once the session's transcript shows it (the rule is `mx_core::usage`) — when it was found
//! used and the evidence. Counting per session rather than per injection keeps a memory that every prompt of a long
//! session re-injects from counting as "injected 30 times, used once".
//!
//! Usage is local knowledge about this machine's sessions: it is exported and imported with the memories (so a
//! round trip loses nothing) but not sent to a team server.

use jiff::Timestamp;
use mx_core::id::MemoryId;
use mx_core::usage::{UsageMap, Uses};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::db;
use crate::error::{Result, StoreError};
use crate::filter::Filter;
use crate::store::{Store, lock};

/// What mx knows about one memory in one assistant session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Usage {
    /// The assistant (`claude-code`, `cursor`, …).
    pub assistant: String,
    /// The assistant's own session id (from its hook payload).
    pub session: String,
    pub memory_id: MemoryId,
    /// The hook event that first injected it (`session-start`, `user-prompt-submit`, …).
    pub event: String,
    pub injected_at: Timestamp,
    /// How many times the hooks injected it in this session.
    pub injections: u32,
    /// When the session's transcript was found to use it; absent = not (yet) used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used_at: Option<Timestamp>,
    /// Why it counts as used (e.g. `repeated "the connection pool in"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// The export line of a usage record: `{"usage": {...}}`, an object no memory record can be mistaken for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageLine {
    pub usage: Usage,
}

/// Injected against used, for one assistant and one kind of memory. Counts are (session, memory) pairs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageStat {
    pub assistant: String,
    pub kind: mx_core::Kind,
    pub injected: usize,
    pub used: usize,
}

impl Store {
    /// Records that a hook of `assistant` injected `memories` into `session` at `at`.
    pub fn record_injected(
        &self,
        assistant: &str,
        session: &str,
        event: &str,
        memories: &[MemoryId],
        at: Timestamp,
    ) -> Result<()> {
        if memories.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO usage (assistant, session, memory_id, event, injected_at, injections)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1)
                 ON CONFLICT (assistant, session, memory_id) DO UPDATE SET injections = injections + 1",
            )?;
            for id in memories {
                stmt.execute(params![assistant, session, id.as_str(), event, at.to_string()])?;
            }
            Ok(())
        })
    }

    /// The usage rows of one session of `assistant`, oldest injection first.
    pub fn session_usage(&self, assistant: &str, session: &str) -> Result<Vec<Usage>> {
        let conn = lock(&self.reader);
        select(&conn, "WHERE assistant = ?1 AND session = ?2", params![assistant, session])
    }

    /// Records that the assistant used `memory` in `session`, with the evidence. The first evidence found stays.
    pub fn record_used(
        &self,
        assistant: &str,
        session: &str,
        memory: &MemoryId,
        evidence: &str,
        at: Timestamp,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE usage SET used_at = ?4, evidence = ?5
                 WHERE assistant = ?1 AND session = ?2 AND memory_id = ?3 AND used_at IS NULL",
                params![assistant, session, memory.as_str(), at.to_string(), evidence],
            )?;
            Ok(())
        })
    }

    /// Injected against used by assistant and kind, over the memories `filter` covers (superseded versions count:
    /// they were current when injected).
    pub fn usage_stats(&self, filter: &Filter) -> Result<Vec<UsageStat>> {
        let conn = lock(&self.reader);
        let filter = Filter { include_superseded: true, ..filter.clone() };
        let w = filter.to_sql();
        let sql = format!(
            "SELECT u.assistant, m.kind, COUNT(*), COUNT(u.used_at) FROM usage u JOIN memories m ON m.id = u.memory_id
             WHERE {} GROUP BY u.assistant, m.kind ORDER BY u.assistant, m.kind",
            w.sql()
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(w.params.iter()), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (assistant, kind, injected, used) = row?;
            let kind =
                kind.parse().map_err(|_| StoreError::Index(format!("a usage row has an unknown kind {kind}")))?;
            out.push(UsageStat { assistant, kind, injected: injected as usize, used: used as usize });
        }
        Ok(out)
    }

    /// Every usage record (the last part of an export), oldest injection first.
    pub fn export_usage(&self, sink: &mut dyn FnMut(&Usage) -> std::io::Result<()>) -> Result<usize> {
        let conn = lock(&self.reader);
        let all = select(&conn, "", [])?;
        for usage in &all {
            sink(usage).map_err(|source| StoreError::Io { path: "<export>".into(), source })?;
        }
        Ok(all.len())
    }
}

/// Restores an exported usage record whose memory is stored; one already present is left as it is.
pub(crate) fn restore_usage(tx: &Connection, u: &Usage) -> Result<bool> {
    let n = tx.execute(
        "INSERT OR IGNORE INTO usage (assistant, session, memory_id, event, injected_at, injections, used_at, evidence)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE EXISTS (SELECT 1 FROM memories WHERE id = ?3)",
        params![
            u.assistant,
            u.session,
            u.memory_id.as_str(),
            u.event,
            u.injected_at.to_string(),
            u.injections,
            u.used_at.map(|t| t.to_string()),
            u.evidence,
        ],
    )?;
    Ok(n > 0)
}

fn select(conn: &Connection, clause: &str, params: impl rusqlite::Params) -> Result<Vec<Usage>> {
    let sql = format!(
        "SELECT assistant, session, memory_id, event, injected_at, injections, used_at, evidence FROM usage {clause}
         ORDER BY injected_at, assistant, session, memory_id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params, |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, u32>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
        ))
    })?;
    let bad = |what: &str, e: &dyn std::fmt::Display| StoreError::Index(format!("a usage row has a bad {what}: {e}"));
    let mut out = Vec::new();
    for row in rows {
        let (assistant, session, memory_id, event, injected_at, injections, used_at, evidence) = row?;
        out.push(Usage {
            assistant,
            session,
            memory_id: MemoryId::parse(&memory_id).map_err(|e| bad("memory id", &e))?,
            event,
            injected_at: injected_at.parse().map_err(|e| bad("time", &e))?,
            injections,
            used_at: used_at.map(|t| t.parse()).transpose().map_err(|e| bad("time", &e))?,
            evidence,
        });
    }
    Ok(out)
}

/// How each of `ids` fared in the sessions it was injected into, for ranking ([`mx_core::usage::rank_factor`]). Ids
/// without a record are absent; a store that never recorded usage answers from one lookup.
pub(crate) fn uses_of(conn: &Connection, ids: &[&str]) -> Result<UsageMap> {
    let mut out = UsageMap::new();
    let any: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM usage)", [], |r| r.get(0))?;
    if !any || ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT memory_id, COUNT(*), COUNT(used_at) FROM usage WHERE memory_id IN ({}) GROUP BY memory_id",
        db::placeholders(ids.len())
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(ids.iter()), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?, r.get::<_, u32>(2)?))
    })?;
    for row in rows {
        let (id, sessions, used) = row?;
        out.insert(id, Uses { sessions, used });
    }
    Ok(out)
}
