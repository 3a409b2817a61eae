//! The team-sync client: credentials, the HTTP calls to `mx serve`, and push/pull over the store's sync API.
//!
//! Reads never touch the network. A write is committed locally first; [`after_write`] then pushes within
//! [`PUSH_BUDGET`] and, when the server is away, leaves the change in the store's outbox (the change log) with a
//! one-line note — the command still succeeds.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use mx_server::protocol::{Change, ErrorBody, PullResponse, PushRequest, PushResponse, Whoami};
use mx_store::{PulledPage, Store, SyncChange};
use serde::{Deserialize, Serialize};

/// How long a write waits for the server before leaving its change queued.
pub const PUSH_BUDGET: Duration = Duration::from_millis(300);
/// How long `mx team sync` and `mx auth` wait for each request.
pub const SYNC_TIMEOUT: Duration = Duration::from_secs(30);
/// Changes per push request.
const PUSH_BATCH: usize = 500;

/// Why talking to the server failed; each kind has its exit code (3, 4, 5).
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("the team server refused the API key ({0}); run `mx auth login` with a valid key")]
    Auth(String),
    #[error("cannot reach the team server at {url} ({reason}); check the URL and that `mx serve` runs there")]
    Network { url: String, reason: String },
    #[error("the team server answered {status}: {message}; try again later or ask its operator")]
    Server { status: u16, message: String },
    #[error(
        "not logged in to a team server; run `mx auth login --server URL --api-key-stdin` or set MX_API_URL and MX_API_KEY"
    )]
    NotLoggedIn,
}

/// Where the key came from, for `mx auth status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialSource {
    Environment,
    File,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Credentials {
    pub server: String,
    pub api_key: String,
}

pub fn credentials_path(home: &Path) -> PathBuf {
    home.join("credentials.json")
}

/// `MX_API_URL` + `MX_API_KEY` win over the file `mx auth login` wrote.
pub fn credentials(home: &Path) -> anyhow::Result<Option<(Credentials, CredentialSource)>> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    if let (Some(server), Some(api_key)) = (env("MX_API_URL"), env("MX_API_KEY")) {
        return Ok(Some((Credentials { server, api_key: api_key.trim().to_owned() }, CredentialSource::Environment)));
    }
    let path = credentials_path(home);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
    };
    check_mode(&path)?;
    let creds: Credentials = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{} does not parse ({e}); run `mx auth login` again", path.display()))?;
    Ok(Some((creds, CredentialSource::File)))
}

/// A credentials file others can read is refused: the key would be theirs too.
fn check_mode(path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode();
    if mode & 0o077 != 0 {
        return Err(crate::error::usage(format!(
            "{} is readable by other users (mode {:o}); run `chmod 600 {}` or `mx auth login` again",
            path.display(),
            mode & 0o777,
            path.display()
        )));
    }
    Ok(())
}

/// Writes the credentials readable by the user only (created with mode 0600, never wider for a moment).
pub fn save_credentials(home: &Path, creds: &Credentials) -> anyhow::Result<PathBuf> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::create_dir_all(home)?;
    let path = credentials_path(home);
    let tmp = home.join(".credentials.json.tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp)?;
    file.write_all(serde_json::to_string_pretty(creds)?.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

/// An HTTP client for one server with one key.
#[derive(Debug)]
pub struct Client {
    base: String,
    key: String,
    agent: ureq::Agent,
}

impl Client {
    pub fn new(creds: &Credentials, timeout: Duration) -> Client {
        let agent =
            ureq::Agent::config_builder().timeout_global(Some(timeout)).http_status_as_error(false).build().new_agent();
        Client { base: creds.server.trim_end_matches('/').to_owned(), key: creds.api_key.clone(), agent }
    }

    /// The client for the logged-in server, or [`TeamError::NotLoggedIn`].
    pub fn logged_in(home: &Path, timeout: Duration) -> anyhow::Result<Client> {
        let (creds, _) = credentials(home)?.ok_or(TeamError::NotLoggedIn)?;
        Ok(Client::new(&creds, timeout))
    }

    pub fn server(&self) -> &str {
        &self.base
    }

    fn network(&self, e: ureq::Error) -> TeamError {
        TeamError::Network { url: self.base.clone(), reason: e.to_string() }
    }

    fn decode<T: serde::de::DeserializeOwned>(
        &self,
        result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<T, TeamError> {
        let mut response = result.map_err(|e| self.network(e))?;
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            return response
                .body_mut()
                .read_json::<T>()
                .map_err(|e| TeamError::Server { status, message: format!("an answer mx does not understand ({e})") });
        }
        let message =
            response.body_mut().read_json::<ErrorBody>().map(|b| b.error).unwrap_or_else(|_| "no details".to_owned());
        Err(match status {
            401 | 403 => TeamError::Auth(message),
            429 => {
                let retry = response.headers().get("retry-after").and_then(|v| v.to_str().ok()).unwrap_or("1");
                TeamError::Server { status, message: format!("rate limited, retry after {retry} s") }
            }
            _ => TeamError::Server { status, message },
        })
    }

    fn auth_header(&self) -> String {
        format!("Bearer {}", self.key)
    }

    pub fn whoami(&self) -> Result<Whoami, TeamError> {
        let r = self.agent.get(format!("{}/v1/whoami", self.base)).header("Authorization", self.auth_header()).call();
        self.decode(r)
    }

    pub fn push(&self, changes: Vec<Change>) -> Result<PushResponse, TeamError> {
        let r = self
            .agent
            .post(format!("{}/v1/push", self.base))
            .header("Authorization", self.auth_header())
            .send_json(&PushRequest { changes });
        self.decode(r)
    }

    pub fn pull(&self, after: i64) -> Result<PullResponse, TeamError> {
        let r = self
            .agent
            .get(format!("{}/v1/pull", self.base))
            .query("after", after.to_string())
            .header("Authorization", self.auth_header())
            .call();
        self.decode(r)
    }
}

/// What one sync did.
#[derive(Debug, Default, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    pub pushed: usize,
    pub pulled: usize,
    pub applied: usize,
}

/// Sends every pending team change, in batches; each batch is acknowledged locally only after the server has it.
pub fn push_all(store: &Store, client: &Client) -> anyhow::Result<usize> {
    let mut pushed = 0;
    loop {
        let (batch, upto) = store.sync_pending(PUSH_BATCH)?;
        if batch.is_empty() {
            // Private changes only (or nothing): still move past them.
            store.sync_acknowledge(&[], upto)?;
            return Ok(pushed);
        }
        client.push(batch.iter().cloned().map(Change::from).collect())?;
        store.sync_acknowledge(&batch, upto)?;
        pushed += batch.len();
    }
}

/// Pages of a pull fetched ahead of the one being applied: the next requests overlap the local writes.
const PULL_AHEAD: usize = 4;

/// Applies every change the server has after this store's cursor. One thread fetches pages (each request starts
/// from the previous page's cursor) while the store applies what has arrived in large transactions; a failed
/// request stops the fetching, what arrived before it stays applied, and the error is returned.
pub fn pull_all(store: &Store, client: &Client) -> anyhow::Result<(usize, usize)> {
    let start = store.sync_pull_cursor()?;
    let (pages, arrived) = std::sync::mpsc::sync_channel::<PulledPage>(PULL_AHEAD);
    std::thread::scope(|scope| {
        let fetcher = scope.spawn(move || -> Result<usize, TeamError> {
            let (mut cursor, mut pulled) = (start, 0);
            loop {
                let page = client.pull(cursor)?;
                pulled += page.changes.len();
                cursor = page.cursor;
                let more = page.more;
                let changes = page.changes.into_iter().map(SyncChange::from).collect();
                // The applying side hung up on an error of its own, which it reports.
                if pages.send(PulledPage { changes, cursor }).is_err() || !more {
                    return Ok(pulled);
                }
            }
        });
        let applied = store.sync_apply_pages(arrived);
        let pulled = fetcher.join().map_err(|_| anyhow::anyhow!("the pull's fetching thread panicked"))??;
        Ok((pulled, applied?))
    })
}

pub fn sync(store: &Store, client: &Client) -> anyhow::Result<SyncReport> {
    let pushed = push_all(store, client)?;
    let (pulled, applied) = pull_all(store, client)?;
    Ok(SyncReport { pushed, pulled, applied })
}

/// After a local write: push within [`PUSH_BUDGET`] when logged in. Never fails the command: a server that is away
/// or refuses leaves the change queued, with one line on stderr.
pub fn after_write(store: &Store) {
    let client = match Client::logged_in(store.home(), PUSH_BUDGET) {
        Ok(c) => c,
        Err(e) => {
            if e.downcast_ref::<TeamError>().is_none() {
                let _ = writeln!(
                    std::io::stderr(),
                    "note: saved locally, not sent to the team: {}",
                    crate::error::message(&e)
                );
            }
            return;
        }
    };
    if let Err(e) = push_all(store, &client) {
        let _ = writeln!(
            std::io::stderr(),
            "note: saved locally; not yet sent to the team server ({}); `mx team sync` sends it",
            short_reason(&e)
        );
    }
}

/// The cause of a failed push in a few words, for the note after a write.
fn short_reason(e: &anyhow::Error) -> String {
    match e.downcast_ref::<TeamError>() {
        Some(TeamError::Network { reason, .. }) => reason.clone(),
        Some(TeamError::Auth(m)) => format!("key refused: {m}"),
        Some(TeamError::Server { status, message }) => format!("{status}: {message}"),
        _ => crate::error::message(e),
    }
}

/// How old the last pull may be before the session-start hook pulls again.
pub const PULL_AGE: Duration = Duration::from_secs(60);
/// What the session-start hook spends on a pull at most, so the assistant never waits on the server.
pub const HOOK_PULL_BUDGET: Duration = Duration::from_millis(500);

/// The session-start hook's pull: only when logged in and the last pull is older than [`PULL_AGE`], within
/// [`HOOK_PULL_BUDGET`] per request. Returns the error for the hook's log; the hook fails open.
pub fn pull_if_stale(store: &Store) -> anyhow::Result<()> {
    let Some((creds, _)) = credentials(store.home())? else { return Ok(()) };
    let fresh = store.sync_last_pull()?.is_some_and(|t| {
        jiff::Timestamp::now().duration_since(t) < jiff::SignedDuration::try_from(PULL_AGE).unwrap_or_default()
    });
    if fresh {
        return Ok(());
    }
    let client = Client::new(&creds, HOOK_PULL_BUDGET);
    pull_all(store, &client)?;
    Ok(())
}

/// For `mx mcp`: a thread that pushes what the server's tools wrote (checked every [`BACKGROUND_PUSH_EVERY`]) and
/// pulls every [`PULL_AGE`], while logged in. Failures are logged and retried on the next round; the MCP server
/// never waits on it.
pub fn spawn_background(home: PathBuf) {
    let spawned = std::thread::Builder::new().name("mx-team-sync".into()).spawn(move || {
        let mut last_pull: Option<std::time::Instant> = None;
        loop {
            if let Ok(Some((creds, _))) = credentials(&home)
                && let Ok(store) = Store::open(&home)
            {
                let client = Client::new(&creds, SYNC_TIMEOUT);
                if let Err(e) = push_all(&store, &client) {
                    tracing::warn!("team push failed: {}", crate::error::message(&e));
                }
                if last_pull.is_none_or(|t| t.elapsed() >= PULL_AGE) {
                    match pull_all(&store, &client) {
                        Ok(_) => last_pull = Some(std::time::Instant::now()),
                        Err(e) => tracing::warn!("team pull failed: {}", crate::error::message(&e)),
                    }
                }
            }
            std::thread::sleep(BACKGROUND_PUSH_EVERY);
        }
    });
    if let Err(e) = spawned {
        tracing::warn!("cannot start the team sync thread: {e}");
    }
}

/// How often `mx mcp`'s sync thread looks for writes to push.
pub const BACKGROUND_PUSH_EVERY: Duration = Duration::from_secs(2);
