//! A memory's history: every recorded change of it and of its other versions.

use jiff::Timestamp;
use mx_core::model::Memory;
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::db;
use crate::error::{Result, StoreError};
use crate::store::{Store, lock, resolve};

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

impl Store {
    pub fn history(&self, id_prefix_or_name: &str) -> Result<Vec<HistoryEntry>> {
        let conn = lock(&self.reader);
        let ids: Vec<String> = match resolve(&conn, id_prefix_or_name) {
            Ok(m) => version_chain(&conn, &m)?,
            // A deleted memory is gone from `memories` but its history remains: accept its full id or prefix.
            Err(e) => {
                let Ok(prefix) = mx_core::id::normalize_prefix(id_prefix_or_name) else { return Err(e) };
                let upper = format!("{prefix}{{");
                let mut stmt = conn.prepare_cached(
                    "SELECT DISTINCT memory_id FROM changes WHERE memory_id >= ?1 AND memory_id < ?2 ORDER BY memory_id",
                )?;
                let found: Vec<String> =
                    stmt.query_map(params![prefix, upper], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                match found.len() {
                    0 => return Err(e),
                    1 => found,
                    count => {
                        return Err(mx_core::Error::AmbiguousId {
                            prefix: id_prefix_or_name.to_owned(),
                            count,
                            matches: found.into_iter().take(mx_core::id::AMBIGUOUS_SHOWN).collect(),
                        }
                        .into());
                    }
                }
            }
        };
        // An import or pull entry without a snapshot: the memory's row still holds what was imported (see `db`).
        let sql = format!(
            "SELECT c.seq, c.at, c.op, COALESCE(c.snapshot, m.body) FROM changes c
             LEFT JOIN memories m ON c.snapshot IS NULL AND c.op IN ('import', 'pull') AND m.id = c.memory_id
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
}

/// Ids of every version of a memory: follows `supersedes` back and `superseded_by` forward.
pub(crate) fn version_chain(conn: &Connection, m: &Memory) -> Result<Vec<String>> {
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
