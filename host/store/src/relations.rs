//! Relationships between memories (supersedes, follows, resolves, contradicts, references).

use jiff::Timestamp;
use mx_core::id::MemoryId;
use mx_core::model::{Memory, State};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::db;
use crate::error::{Result, StoreError};
use crate::store::{Store, lock, resolve};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    Supersedes,
    Follows,
    Resolves,
    Contradicts,
    References,
}

/// One relationship; also the `relationship` line of an `mx export` (so `Deserialize`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Relationship {
    pub from: mx_core::MemoryId,
    pub to: mx_core::MemoryId,
    pub kind: RelationKind,
    pub created_at: Timestamp,
}

impl Store {
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

/// Every relationship of the store, in a stable order, for the export.
pub(crate) fn all_relations(conn: &Connection, sink: &mut dyn FnMut(Relationship) -> Result<()>) -> Result<usize> {
    let mut stmt = conn.prepare(
        "SELECT from_id, to_id, kind, created_at FROM relationships ORDER BY created_at, from_id, to_id, kind",
    )?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let (from, to, kind, at): (String, String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        sink(Relationship {
            from: MemoryId::parse(&from)?,
            to: MemoryId::parse(&to)?,
            kind: relation_from_str(&kind)?,
            created_at: at.parse().map_err(|e| StoreError::Index(format!("bad timestamp: {e}")))?,
        })?;
        n += 1;
    }
    Ok(n)
}

/// Restores an exported relationship as it was (its own time), when both memories are in the store. Returns whether
/// a row was added (false: already there, or an end is missing).
pub(crate) fn restore_relation(tx: &Connection, r: &Relationship) -> Result<bool> {
    let n = tx.execute(
        "INSERT OR IGNORE INTO relationships (from_id, to_id, kind, created_at)
         SELECT ?1, ?2, ?3, ?4
         WHERE EXISTS (SELECT 1 FROM memories WHERE id = ?1) AND EXISTS (SELECT 1 FROM memories WHERE id = ?2)",
        params![r.from.as_str(), r.to.as_str(), relation_str(r.kind), r.created_at.to_string()],
    )?;
    Ok(n > 0)
}

pub(crate) fn insert_relation(
    tx: &Connection,
    from: &MemoryId,
    to: &MemoryId,
    kind: RelationKind,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO relationships (from_id, to_id, kind, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![from.as_str(), to.as_str(), relation_str(kind), now.to_string()],
    )?;
    Ok(())
}

/// Marks `old` superseded by `by` and records it (history + relationship).
pub(crate) fn supersede(tx: &Connection, old: &Memory, by: &MemoryId, now: Timestamp) -> Result<()> {
    let mut old = old.clone();
    old.state = State::Superseded;
    old.superseded_by = Some(by.clone());
    old.updated_at = now;
    db::update_memory(tx, &old)?;
    db::log_change(tx, old.id.as_str(), "supersede", now, Some(&old))?;
    insert_relation(tx, by, &old.id, RelationKind::Supersedes, now)
}
