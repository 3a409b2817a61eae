//! API keys: `mxk_<key id>_<secret>`. The recognisable prefix lets secret scanners (and mx's own redaction) catch a
//! leaked key. Only a SHA-256 of the whole key is stored — keys are 190 random bits, so a slow hash buys nothing —
//! and it is compared in constant time. The key id (not secret) finds the row.

use deadpool_postgres::Pool;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::ServerError;

pub const PREFIX: &str = "mxk_";
const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// Who a key speaks for.
#[derive(Debug, Clone)]
pub struct Principal {
    pub key_id: String,
    pub team_id: i64,
    pub team: String,
    pub user: String,
    pub role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Read,
    Write,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Result<Role, ServerError> {
        match s {
            "read" => Ok(Role::Read),
            "write" => Ok(Role::Write),
            "admin" => Ok(Role::Admin),
            other => Err(ServerError::Invalid(format!("role `{other}` is not one of read, write, admin"))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Read => "read",
            Role::Write => "write",
            Role::Admin => "admin",
        }
    }
}

fn random_text(len: usize) -> String {
    // 62 divides 2^32 unevenly by less than one part in 2^26: no bias worth a rejection loop.
    (0..len).map(|_| char::from(ALPHABET[rand::random::<u32>() as usize % ALPHABET.len()])).collect()
}

fn hash(key: &str) -> Vec<u8> {
    Sha256::digest(key.as_bytes()).to_vec()
}

/// The key id inside a well-formed key.
fn key_id(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(PREFIX)?;
    let (id, secret) = rest.split_once('_')?;
    (!id.is_empty() && !secret.is_empty()).then_some(id)
}

/// Creates the team and user when new and a key for them; returns the key (shown once, never stored).
pub async fn create(pool: &Pool, team: &str, user: &str, role: Role) -> Result<String, ServerError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute("INSERT INTO teams (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", &[&team]).await?;
    let team_id: i64 = tx.query_one("SELECT id FROM teams WHERE name = $1", &[&team]).await?.get(0);
    tx.execute("INSERT INTO users (team_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING", &[&team_id, &user]).await?;
    let user_id: i64 =
        tx.query_one("SELECT id FROM users WHERE team_id = $1 AND name = $2", &[&team_id, &user]).await?.get(0);
    let id = random_text(12);
    let key = format!("{PREFIX}{id}_{}", random_text(32));
    tx.execute(
        "INSERT INTO api_keys (key_id, user_id, role, hash) VALUES ($1, $2, $3, $4)",
        &[&id, &user_id, &role.as_str(), &hash(&key)],
    )
    .await?;
    tx.commit().await?;
    Ok(key)
}

/// One row of `mx serve key list`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct KeyInfo {
    pub key_id: String,
    pub team: String,
    pub user: String,
    pub role: String,
    pub created_at: String,
    pub revoked: bool,
}

pub async fn list(pool: &Pool) -> Result<Vec<KeyInfo>, ServerError> {
    let client = pool.get().await?;
    let rows = client
        .query(
            "SELECT k.key_id, t.name, u.name, k.role, to_char(k.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
                    k.revoked_at IS NOT NULL
             FROM api_keys k JOIN users u ON u.id = k.user_id JOIN teams t ON t.id = u.team_id
             ORDER BY k.created_at, k.key_id",
            &[],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| KeyInfo {
            key_id: r.get(0),
            team: r.get(1),
            user: r.get(2),
            role: r.get(3),
            created_at: r.get(4),
            revoked: r.get(5),
        })
        .collect())
}

/// Revokes by key id or by the whole key; false when no active key matched.
pub async fn revoke(pool: &Pool, key_or_id: &str) -> Result<bool, ServerError> {
    let id = key_id(key_or_id).unwrap_or(key_or_id);
    let client = pool.get().await?;
    let n = client
        .execute("UPDATE api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL", &[&id])
        .await?;
    Ok(n > 0)
}

/// The principal of a presented key, or `Unauthorized`.
pub async fn authenticate(pool: &Pool, key: &str) -> Result<Principal, ServerError> {
    let id = key_id(key).ok_or(ServerError::Unauthorized)?;
    let client = pool.get().await?;
    let row = client
        .query_opt(
            "SELECT k.hash, k.role, t.id, t.name, u.name FROM api_keys k
             JOIN users u ON u.id = k.user_id JOIN teams t ON t.id = u.team_id
             WHERE k.key_id = $1 AND k.revoked_at IS NULL",
            &[&id],
        )
        .await?
        .ok_or(ServerError::Unauthorized)?;
    let stored: Vec<u8> = row.get(0);
    if !bool::from(stored.ct_eq(&hash(key))) {
        return Err(ServerError::Unauthorized);
    }
    let role: String = row.get(1);
    Ok(Principal {
        key_id: id.to_owned(),
        team_id: row.get(2),
        team: row.get(3),
        user: row.get(4),
        role: Role::parse(&role)?,
    })
}
