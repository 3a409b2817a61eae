//! mx-server: the team server behind `mx serve`. Stateless HTTP processes (axum on tokio) over one PostgreSQL, so
//! any number of them run behind a load balancer. The `/v1` API: `POST /v1/push`, `GET /v1/pull?after=N`,
//! `GET /v1/whoami`, `GET /v1/health`; the wire types are in [`protocol`].

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use deadpool_postgres::Pool;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

mod db;
pub mod keys;
pub mod protocol;

use keys::{Principal, Role};
use protocol::{Change, ErrorBody, MAX_BATCH, PullQuery, PullResponse, PushRequest, PushResponse, Whoami};

/// Largest request body: a full push batch of large memories fits; anything bigger is refused with 413.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;
/// Requests per second one key may make (with a burst of the same size); beyond it, 429 with `Retry-After`.
pub const DEFAULT_RATE_PER_SECOND: u32 = 50;
/// A request that takes longer is answered with 408 and its work abandoned.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("{0}")]
    Config(String),
    #[error("the API key is missing, malformed, unknown or revoked")]
    Unauthorized,
    #[error("this key's role may not do that")]
    Forbidden,
    #[error("{0}")]
    Invalid(String),
    #[error("rate limit exceeded")]
    RateLimited(Duration),
    #[error("database: {0}")]
    Database(String),
    #[error("{0}")]
    Internal(String),
}

impl From<tokio_postgres::Error> for ServerError {
    fn from(e: tokio_postgres::Error) -> Self {
        // The driver's Display hides the server's message ("db error"); the source says what went wrong.
        let detail = e.as_db_error().map_or_else(|| e.to_string(), |d| d.message().to_owned());
        ServerError::Database(detail)
    }
}

impl From<deadpool_postgres::PoolError> for ServerError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        ServerError::Database(e.to_string())
    }
}

impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        let status = match &self {
            ServerError::Unauthorized => StatusCode::UNAUTHORIZED,
            ServerError::Forbidden => StatusCode::FORBIDDEN,
            ServerError::Invalid(_) => StatusCode::BAD_REQUEST,
            ServerError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            ServerError::Config(_) | ServerError::Database(_) | ServerError::Internal(_) => {
                tracing::error!("{self}");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let mut response = (status, Json(ErrorBody { error: self.to_string() })).into_response();
        if let ServerError::RateLimited(wait) = self {
            let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
            if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}

/// Options of `mx serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub database_url: String,
    pub listen: SocketAddr,
    /// PEM certificate chain and private key: serve HTTPS (rustls) instead of HTTP.
    pub tls: Option<(PathBuf, PathBuf)>,
    pub rate_per_second: u32,
    pub pool_size: usize,
}

#[derive(Debug)]
struct AppState {
    pool: Pool,
    limiter: DefaultKeyedRateLimiter<String>,
}

type App = Arc<AppState>;

impl AppState {
    /// The key's principal, after the rate limit. The key itself is never logged nor kept.
    async fn authenticate(&self, headers: &HeaderMap) -> Result<Principal, ServerError> {
        let key = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(ServerError::Unauthorized)?
            .trim();
        let principal = keys::authenticate(&self.pool, key).await?;
        if let Err(not_until) = self.limiter.check_key(&principal.key_id) {
            let wait = not_until.wait_time_from(governor::clock::Clock::now(&governor::clock::DefaultClock::default()));
            return Err(ServerError::RateLimited(wait));
        }
        Ok(principal)
    }
}

/// The router over a pool (migrated). Public so tests and benches can drive it in process.
pub fn router(pool: Pool, rate_per_second: u32) -> Router {
    let rate = NonZeroU32::new(rate_per_second.max(1)).unwrap_or(NonZeroU32::MIN);
    let state = Arc::new(AppState { pool, limiter: RateLimiter::keyed(Quota::per_second(rate)) });
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/whoami", get(whoami))
        .route("/v1/push", post(push))
        .route("/v1/pull", get(pull))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .with_state(state)
}

async fn health(State(app): State<App>) -> Result<Json<serde_json::Value>, ServerError> {
    app.pool.get().await?.query_one("SELECT 1", &[]).await?;
    Ok(Json(serde_json::json!({ "status": "ok" })))
}

async fn whoami(State(app): State<App>, headers: HeaderMap) -> Result<Json<Whoami>, ServerError> {
    let p = app.authenticate(&headers).await?;
    Ok(Json(Whoami { team: p.team, user: p.user, role: p.role.as_str().to_owned() }))
}

async fn push(
    State(app): State<App>,
    headers: HeaderMap,
    Json(req): Json<PushRequest>,
) -> Result<Json<PushResponse>, ServerError> {
    let p = app.authenticate(&headers).await?;
    if p.role < Role::Write {
        return Err(ServerError::Forbidden);
    }
    if req.changes.len() > MAX_BATCH {
        return Err(ServerError::Invalid(format!("a push carries at most {MAX_BATCH} changes")));
    }
    let received = req.changes.len();
    let changes = validate(req.changes)?;
    let stored = if changes.is_empty() { 0 } else { db::push(&app.pool, p.team_id, &changes).await? };
    Ok(Json(PushResponse { received, stored }))
}

/// Checks each change and redacts secrets in its content like the store does, so a client that is not mx cannot
/// store one; keeps the newest change per memory (one row may only be written once per statement).
fn validate(changes: Vec<Change>) -> Result<Vec<Change>, ServerError> {
    let mut newest: std::collections::HashMap<String, Change> = std::collections::HashMap::new();
    for mut c in changes {
        match (&mut c.memory, c.deleted) {
            (Some(m), false) => {
                if m.id.as_str() != c.id {
                    return Err(ServerError::Invalid(format!("change {} carries memory {}", c.id, m.id)));
                }
                let (content, _) = mx_core::model::validate_content(&m.content)
                    .map_err(|e| ServerError::Invalid(format!("memory {}: {e}", c.id)))?;
                m.content = content;
            }
            (None, true) => {
                mx_core::MemoryId::parse(&c.id).map_err(|e| ServerError::Invalid(e.to_string()))?;
            }
            (Some(_), true) => return Err(ServerError::Invalid(format!("tombstone {} carries a memory", c.id))),
            (None, false) => return Err(ServerError::Invalid(format!("change {} has no memory", c.id))),
        }
        let keep = newest.get(&c.id).is_none_or(|old| (c.deleted, c.version) > (old.deleted, old.version));
        if keep {
            newest.insert(c.id.clone(), c);
        }
    }
    Ok(newest.into_values().collect())
}

async fn pull(
    State(app): State<App>,
    headers: HeaderMap,
    Query(q): Query<PullQuery>,
) -> Result<Json<PullResponse>, ServerError> {
    let p = app.authenticate(&headers).await?;
    let limit = q.limit.unwrap_or(MAX_BATCH as i64).clamp(1, MAX_BATCH as i64);
    let rows = db::pull(&app.pool, p.team_id, q.after.max(0), limit + 1).await?;
    let more = rows.len() as i64 > limit;
    let rows: Vec<_> = rows.into_iter().take(limit as usize).collect();
    let cursor = rows.last().map_or(q.after.max(0), |(seq, _)| *seq);
    Ok(Json(PullResponse { changes: rows.into_iter().map(|(_, c)| c).collect(), cursor, more }))
}

fn runtime() -> Result<tokio::runtime::Runtime, ServerError> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| ServerError::Internal(e.to_string()))
}

/// Connects, migrates and returns the pool.
async fn connect(url: &str, size: usize) -> Result<Pool, ServerError> {
    let pool = db::pool(url, size)?;
    db::migrate(&pool).await?;
    Ok(pool)
}

/// Runs the server until SIGINT/SIGTERM. Prints one line once listening (the address, so a test can use port 0).
pub fn serve(opts: ServeOptions) -> Result<(), ServerError> {
    runtime()?.block_on(async move {
        let pool = connect(&opts.database_url, opts.pool_size).await?;
        let app = router(pool, opts.rate_per_second);
        let handle = axum_server::Handle::new();
        let shutdown = handle.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            shutdown.graceful_shutdown(Some(Duration::from_secs(5)));
        });
        let listener = std::net::TcpListener::bind(opts.listen)
            .map_err(|e| ServerError::Config(format!("cannot listen on {}: {e}", opts.listen)))?;
        listener.set_nonblocking(true).map_err(|e| ServerError::Internal(e.to_string()))?;
        let addr = listener.local_addr().map_err(|e| ServerError::Internal(e.to_string()))?;
        let service = app.into_make_service();
        match opts.tls {
            Some((cert, key)) => {
                let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&cert, &key)
                    .await
                    .map_err(|e| ServerError::Config(format!("cannot load the TLS certificate or key: {e}")))?;
                println!("mx serve: listening on https://{addr}");
                axum_server::from_tcp_rustls(listener, config)
                    .map_err(|e| ServerError::Internal(e.to_string()))?
                    .handle(handle)
                    .serve(service)
                    .await
            }
            None => {
                println!("mx serve: listening on http://{addr}");
                axum_server::from_tcp(listener)
                    .map_err(|e| ServerError::Internal(e.to_string()))?
                    .handle(handle)
                    .serve(service)
                    .await
            }
        }
        .map_err(|e| ServerError::Internal(e.to_string()))
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}

/// `mx serve key create`: the new key.
pub fn key_create(database_url: &str, team: &str, user: &str, role: &str) -> Result<String, ServerError> {
    let role = Role::parse(role)?;
    runtime()?.block_on(async { keys::create(&connect(database_url, 1).await?, team, user, role).await })
}

pub fn key_list(database_url: &str) -> Result<Vec<keys::KeyInfo>, ServerError> {
    runtime()?.block_on(async { keys::list(&connect(database_url, 1).await?).await })
}

pub fn key_revoke(database_url: &str, key_or_id: &str) -> Result<bool, ServerError> {
    runtime()?.block_on(async { keys::revoke(&connect(database_url, 1).await?, key_or_id).await })
}
