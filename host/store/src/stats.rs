//! Overviews: conversations, topics and counts per period or topic.

use jiff::Timestamp;
use serde::Serialize;

use crate::db;
use crate::error::{Result, StoreError};
use crate::filter::{Filter, Sort};
use crate::store::{Store, lock};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationSummary {
    pub id: String,
    pub project: Option<String>,
    pub memories: usize,
    pub first_at: Timestamp,
    pub last_at: Timestamp,
    pub topics: Vec<String>,
    /// The newest memory's content, shortened.
    pub last_content: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopicCount {
    pub topic: String,
    pub memories: usize,
    pub last_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsGroup {
    Day,
    Week,
    Month,
    Topic,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatsRow {
    pub key: String,
    pub memories: usize,
}

impl Store {
    pub fn conversations(&self, filter: &Filter, limit: Option<usize>) -> Result<Vec<ConversationSummary>> {
        let conn = lock(&self.reader);
        let w = filter.to_sql();
        let sql = format!(
            "SELECT m.conversation_id, COUNT(*), MIN(m.created_ms), MAX(m.created_ms) FROM memories m WHERE {}
             GROUP BY m.conversation_id ORDER BY MAX(m.created_ms) DESC, m.conversation_id LIMIT {}",
            w.sql(),
            limit.map_or(-1, |l| l as i64)
        );
        let mut stmt = conn.prepare(&sql)?;
        let groups: Vec<(String, i64)> = stmt
            .query_map(rusqlite::params_from_iter(w.params.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(groups.len());
        for (id, count) in groups {
            let mut f = filter.clone();
            f.conversation_id = Some(id.clone());
            let ms = db::select_memories(&conn, &f.to_sql(), Sort::Oldest.to_sql(), None)?;
            let (Some(first), Some(last)) = (ms.first(), ms.last()) else { continue };
            let mut topics: Vec<String> = Vec::new();
            for m in &ms {
                for t in &m.topics {
                    if !topics.contains(t) {
                        topics.push(t.clone());
                    }
                }
            }
            out.push(ConversationSummary {
                id,
                project: last.project.clone(),
                memories: count as usize,
                first_at: first.created_at,
                last_at: last.created_at,
                topics,
                last_content: shorten(&last.content, 120),
            });
        }
        Ok(out)
    }

    pub fn topics(&self, filter: &Filter) -> Result<Vec<TopicCount>> {
        let conn = lock(&self.reader);
        let w = filter.to_sql();
        let sql = format!(
            "SELECT t.topic, COUNT(*), MAX(m.created_ms) FROM memory_topics t JOIN memories m ON m.rid = t.rid
             WHERE {} GROUP BY t.topic ORDER BY COUNT(*) DESC, t.topic",
            w.sql()
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(w.params.iter()), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (topic, n, last) = row?;
            out.push(TopicCount { topic, memories: n as usize, last_at: ms_to_ts(last)? });
        }
        Ok(out)
    }

    pub fn stats(&self, filter: &Filter, group: StatsGroup) -> Result<Vec<StatsRow>> {
        if group == StatsGroup::Topic {
            return Ok(self
                .topics(filter)?
                .into_iter()
                .map(|t| StatsRow { key: t.topic, memories: t.memories })
                .collect());
        }
        let conn = lock(&self.reader);
        let w = filter.to_sql();
        let key = match group {
            StatsGroup::Day => "strftime('%Y-%m-%d', m.created_ms / 1000, 'unixepoch')",
            // ISO-8601 week: the Thursday of the week decides the year.
            StatsGroup::Week => "strftime('%G-W%V', m.created_ms / 1000, 'unixepoch')",
            StatsGroup::Month | StatsGroup::Topic => "strftime('%Y-%m', m.created_ms / 1000, 'unixepoch')",
        };
        let sql = format!("SELECT {key} AS k, COUNT(*) FROM memories m WHERE {} GROUP BY k ORDER BY k", w.sql());
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(w.params.iter()), |r| {
            Ok(StatsRow { key: r.get(0)?, memories: r.get::<_, i64>(1)? as usize })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn ms_to_ts(ms: i64) -> Result<Timestamp> {
    Timestamp::from_millisecond(ms).map_err(|e| StoreError::Index(format!("bad timestamp: {e}")))
}
