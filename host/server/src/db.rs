//! PostgreSQL: the pool, the migrations (in the repository, applied on start), and the queries.

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::NoTls;

use crate::ServerError;
use crate::protocol::Change;

/// Versioned schema changes, applied in order; never edit one that has shipped, add the next.
const MIGRATIONS: &[(i32, &str)] = &[(1, include_str!("../migrations/0001_init.sql"))];
/// Any fixed number: every `mx serve` starting at once takes this advisory lock, so one applies the migrations.
const MIGRATION_LOCK: i64 = 0x6d78_7365_7276;

pub fn pool(url: &str, size: usize) -> Result<Pool, ServerError> {
    let config: tokio_postgres::Config =
        url.parse().map_err(|e| ServerError::Config(format!("the database URL does not parse: {e}")))?;
    let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
    Pool::builder(manager).max_size(size).build().map_err(|e| ServerError::Config(e.to_string()))
}

pub async fn migrate(pool: &Pool) -> Result<(), ServerError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS mx_schema_migrations (version INT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )
    .await?;
    let current: i32 = tx.query_one("SELECT COALESCE(MAX(version), 0) FROM mx_schema_migrations", &[]).await?.get(0);
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
        tx.batch_execute(sql).await?;
        tx.execute("INSERT INTO mx_schema_migrations (version) VALUES ($1)", &[version]).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Stores the changes that are newer than the team's copies, numbering them after the team's sequence. Returns how
/// many were stored.
pub async fn push(pool: &Pool, team_id: i64, changes: &[Change]) -> Result<usize, ServerError> {
    let mut ids = Vec::with_capacity(changes.len());
    let mut versions = Vec::with_capacity(changes.len());
    let mut deleted = Vec::with_capacity(changes.len());
    let mut bodies = Vec::with_capacity(changes.len());
    for c in changes {
        ids.push(c.id.as_str());
        versions.push(c.version);
        deleted.push(c.deleted);
        bodies.push(
            c.memory.as_ref().map(serde_json::to_value).transpose().map_err(|e| ServerError::Invalid(e.to_string()))?,
        );
    }
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    // The team row's lock serialises this team's pushes: sequence numbers are handed out in commit order.
    let base: i64 = tx.query_one("SELECT seq FROM teams WHERE id = $1 FOR UPDATE", &[&team_id]).await?.get(0);
    let stored = tx
        .execute(
            "INSERT INTO memories (team_id, id, version, deleted, body, seq)
             SELECT $1, t.id, t.version, t.deleted, t.body, $2 + t.ord
             FROM UNNEST($3::text[], $4::int8[], $5::bool[], $6::jsonb[]) WITH ORDINALITY AS t(id, version, deleted, body, ord)
             ON CONFLICT (team_id, id) DO UPDATE
                SET version = excluded.version, deleted = excluded.deleted, body = excluded.body, seq = excluded.seq
                WHERE (excluded.deleted, excluded.version) > (memories.deleted, memories.version)",
            &[&team_id, &base, &ids, &versions, &deleted, &bodies],
        )
        .await?;
    tx.execute("UPDATE teams SET seq = $2 WHERE id = $1", &[&team_id, &(base + changes.len() as i64)]).await?;
    tx.commit().await?;
    Ok(stored as usize)
}

pub async fn pull(pool: &Pool, team_id: i64, after: i64, limit: i64) -> Result<Vec<(i64, Change)>, ServerError> {
    let client = pool.get().await?;
    let rows = client
        .query(
            "SELECT seq, id, version, deleted, body FROM memories WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            &[&team_id, &after, &limit],
        )
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let body: Option<serde_json::Value> = row.get(4);
        let memory = body
            .map(serde_json::from_value)
            .transpose()
            .map_err(|e| ServerError::Internal(format!("a stored memory does not decode: {e}")))?;
        out.push((row.get(0), Change { id: row.get(1), version: row.get(2), deleted: row.get(3), memory }));
    }
    Ok(out)
}
