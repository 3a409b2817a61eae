//! Staleness of code anchors: has the code a memory is about moved since the memory was written?
//!
//! A memory anchors files (`src/pool.rs`, or a region `src/pool.rs:40-60`) and records the commit it was written at.
//! Against the working directory's `HEAD`, each anchor is `unchanged` (same blob), `changed` (with the number of
//! commits that touched the file since, and for a region whether the region itself changed), `renamed` (git's rename
//! detection between the two trees) or `deleted`. Outside git, an anchor is compared with the content hash the
//! memory recorded (see [`content_hashes`]).
//!
//! Git is read in-process with gitoxide: no `git` process per memory. Answers are cached in a disposable SQLite file
//! (`cache/anchors.db`) keyed by object ids (the memory's commit, `HEAD`, the blobs), so they never go stale
//! themselves: a new `HEAD` is a new key. The cache lives apart from `mx.db` on purpose: a search that fills it must
//! never wait on, or make wait, a process writing memories, and losing it loses nothing.
//!
//! Every failure (no repository, a commit this clone does not have, an unreadable object, a busy cache) means
//! "unknown": the memory is returned without a staleness, never with an error.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gix::ObjectId;
use mx_core::model::Memory;
use mx_core::staleness::{AnchorState, AnchorStatus, LineRange, Staleness, parse_anchor};
use rusqlite::{Connection, OptionalExtension, params};

/// Commits counted per changed file at most; past it the count says "at least". Bounds the one walk a cold cache
/// pays for a memory written long ago in a busy repository.
pub const MAX_COUNTED_COMMITS: u32 = 1_000;
/// What a ranked read spends on staleness answers that are not cached yet: a hook's whole call has 2 s.
pub const READ_BUDGET: Duration = Duration::from_millis(300);
/// How long a cache write waits for another process; the answer is returned either way.
const CACHE_BUSY: Duration = Duration::from_millis(20);

/// The working directory reads are made from: its repository (if any) and its project identity. Memories of other
/// projects get no staleness: their anchors name files of code that is not here.
#[derive(Debug)]
pub struct Worktree {
    project: Option<String>,
    /// The git dir, when the directory is inside a repository.
    git_dir: Option<PathBuf>,
    /// The working tree root (anchors are relative to it), else the directory itself.
    root: PathBuf,
}

thread_local! {
    /// The repository this thread opened last, by git dir. A hook makes several ranked reads, and opening the
    /// repository for each (its config, refs and pack indexes read again) cost more than the reads themselves on a
    /// 10,000-commit history. Kept per thread because a gix handle is neither `Send` nor `Sync` without gix's
    /// `parallel` feature, and the store is shared between threads; a clone of it is cheap and shares the object
    /// database.
    static OPEN_REPO: std::cell::RefCell<Option<(PathBuf, gix::Repository)>> = const { std::cell::RefCell::new(None) };
}

impl Worktree {
    pub fn open(dir: &Path) -> Worktree {
        let repo = gix::discover(dir).ok();
        let git_dir = repo.as_ref().map(|r| r.git_dir().to_path_buf());
        let root = repo.as_ref().and_then(|r| r.workdir().map(Path::to_path_buf)).unwrap_or_else(|| dir.to_path_buf());
        if let (Some(repo), Some(git_dir)) = (repo, &git_dir) {
            OPEN_REPO.with(|slot| *slot.borrow_mut() = Some((git_dir.clone(), repo)));
        }
        Worktree { project: crate::detect_project(dir), git_dir, root }
    }

    fn root(&self) -> PathBuf {
        self.root.clone()
    }

    fn repo(&self) -> Option<gix::Repository> {
        let git_dir = self.git_dir.as_ref()?;
        OPEN_REPO.with(|slot| {
            let mut slot = slot.borrow_mut();
            if let Some((dir, repo)) = slot.as_ref()
                && dir == git_dir
            {
                return Some(repo.clone());
            }
            let repo = gix::open(git_dir).ok()?;
            *slot = Some((git_dir.clone(), repo.clone()));
            Some(repo)
        })
    }

    /// `HEAD` of the working directory's repository, read in-process.
    pub fn head(&self) -> Option<String> {
        self.repo()?.head_id().ok().map(|id| id.detach().to_string())
    }
}

/// The cache file, opened on first use.
#[derive(Debug, Default)]
pub struct AnchorCache {
    conn: std::sync::Mutex<Option<Option<Connection>>>,
}

impl AnchorCache {
    fn with<R>(&self, home: &Path, f: impl FnOnce(&Connection) -> R) -> Option<R> {
        let mut slot = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let conn = slot.get_or_insert_with(|| open_cache(&home.join("cache").join("anchors.db")));
        conn.as_ref().map(f)
    }
}

fn open_cache(path: &Path) -> Option<Connection> {
    let conn = Connection::open(path).ok()?;
    conn.busy_timeout(CACHE_BUSY).ok()?;
    // Derived data: a lost write costs a recomputation, so no fsync.
    conn.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
         CREATE TABLE IF NOT EXISTS anchors (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;",
    )
    .ok()?;
    Some(conn)
}

fn cache_get(conn: &Connection, key: &str) -> Option<String> {
    let mut stmt = conn.prepare_cached("SELECT value FROM anchors WHERE key = ?1").ok()?;
    stmt.query_row([key], |r| r.get(0)).optional().ok().flatten()
}

fn cache_put(conn: &Connection, entries: &[(String, String)]) {
    if entries.is_empty() {
        return;
    }
    let write = || -> rusqlite::Result<()> {
        let tx = conn.unchecked_transaction()?;
        {
            let mut stmt = tx.prepare_cached("INSERT OR REPLACE INTO anchors (key, value) VALUES (?1, ?2)")?;
            for (k, v) in entries {
                stmt.execute(params![k, v])?;
            }
        }
        tx.commit()
    };
    // A busy or read-only cache is not an error: the next read computes again.
    let _ = write();
}

/// Attaches a [`Staleness`] to each memory that anchors files of the working directory's project.
///
/// With a `budget`, answers not in the cache are computed only until it is spent; the rest stay unknown (`None`) for
/// this read and are computed by the next one, since what was computed is cached. A commit changes `HEAD`, which
/// every cached answer names, so the first read after it starts cold: on a long history and a large store that is
/// seconds of commit walks, more than a hook may spend.
pub fn annotate(
    worktree: &Worktree,
    cache: &AnchorCache,
    home: &Path,
    memories: &mut [&mut Memory],
    budget: Option<Duration>,
) {
    let wanted = |m: &Memory| !m.files.is_empty() && m.project.is_some() && m.project == worktree.project;
    if !memories.iter().any(|m| wanted(m)) {
        return;
    }
    let mut checker = Checker::new(worktree);
    checker.deadline = budget.map(|b| Instant::now() + b);
    let mut fresh: Vec<(String, String)> = Vec::new();
    let cached = cache.with(home, |conn| {
        for m in memories.iter_mut().filter(|m| wanted(m)) {
            m.stale = checker.staleness(m, Some(conn), &mut fresh);
        }
        cache_put(conn, &fresh);
    });
    if cached.is_none() {
        // No cache file (a read-only home): compute without one.
        for m in memories.iter_mut().filter(|m| wanted(m)) {
            m.stale = checker.staleness(m, None, &mut fresh);
        }
    }
}

/// One read of the code: the repository, `HEAD`, and what was looked up so far (trees are shared between memories).
struct Checker {
    root: PathBuf,
    repo: Option<gix::Repository>,
    head: Option<ObjectId>,
    blobs: HashMap<(ObjectId, String), Option<ObjectId>>,
    /// Past it, only cached answers are given (see [`annotate`]).
    deadline: Option<Instant>,
}

impl Checker {
    fn new(worktree: &Worktree) -> Checker {
        let repo = worktree.repo().map(|mut repo| {
            repo.object_cache_size_if_unset(4 * 1024 * 1024);
            repo
        });
        let head = repo.as_ref().and_then(|r| r.head_id().ok()).map(|id| id.detach());
        Checker { root: worktree.root(), repo, head, blobs: HashMap::new(), deadline: None }
    }

    fn staleness(
        &mut self,
        m: &Memory,
        conn: Option<&Connection>,
        fresh: &mut Vec<(String, String)>,
    ) -> Option<Staleness> {
        let key = conn.and(self.memory_key(m));
        if let (Some(conn), Some(key)) = (conn, &key)
            && let Some(hit) = cache_get(conn, key)
        {
            return serde_json::from_str::<Option<Vec<AnchorStatus>>>(&hit).ok()?.map(Staleness::from_anchors);
        }
        if self.out_of_time() {
            return None;
        }
        let anchors = self.anchors(m);
        if self.out_of_time() {
            // The budget ran out inside this memory's walk: its answer may be cut short, so it is neither given
            // nor cached.
            return None;
        }
        if let (Some(key), Ok(json)) = (key, serde_json::to_string(&anchors)) {
            fresh.push((key, json));
        }
        anchors.map(Staleness::from_anchors)
    }

    fn out_of_time(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// The cache key of a memory's whole answer in git: its commit, `HEAD` and anchors, all immutable once named.
    /// Content-hash anchors are not cached: the file is read anyway to hash it.
    fn memory_key(&self, m: &Memory) -> Option<String> {
        match (&self.repo, &self.head, &m.commit) {
            (Some(_), Some(head), Some(commit)) => Some(format!("git\n{commit}\n{head}\n{}", m.files.join("\n"))),
            _ => None,
        }
    }

    fn anchors(&mut self, m: &Memory) -> Option<Vec<AnchorStatus>> {
        match (&m.commit, self.head) {
            (Some(commit), Some(head)) if self.repo.is_some() => {
                let commit = self.resolve(commit)?;
                let out: Vec<AnchorStatus> =
                    m.files.iter().filter_map(|file| self.git_anchor(file, commit, head)).collect();
                (!out.is_empty()).then_some(out)
            }
            _ => content_anchors(&self.root, m),
        }
    }

    fn resolve(&self, commit: &str) -> Option<ObjectId> {
        let repo = self.repo.as_ref()?;
        let id = ObjectId::from_hex(commit.trim().as_bytes()).ok()?;
        repo.find_commit(id).ok().map(|c| c.id)
    }

    /// One anchor against `HEAD`; `None` when it cannot be told (the file was not in the memory's commit).
    fn git_anchor(&mut self, file: &str, commit: ObjectId, head: ObjectId) -> Option<AnchorStatus> {
        let anchor = parse_anchor(file);
        let then = self.blob_at(commit, anchor.path)?;
        let state = match self.blob_at(head, anchor.path) {
            Some(now) if now == then => AnchorState::Unchanged,
            Some(now) => AnchorState::Changed {
                commits: Some(self.count_commits(commit, head, anchor.path)),
                region_changed: anchor.lines.and_then(|lines| self.region_changed(then, now, lines)),
            },
            None => match self.renamed_to(commit, head, anchor.path) {
                Some(to) => AnchorState::Renamed { to },
                None => AnchorState::Deleted,
            },
        };
        Some(AnchorStatus { file: file.to_owned(), state })
    }

    /// The blob at `path` in `commit`'s tree (memoised for this read: walks revisit the same commits).
    fn blob_at(&mut self, commit: ObjectId, path: &str) -> Option<ObjectId> {
        let key = (commit, path.to_owned());
        if let Some(hit) = self.blobs.get(&key) {
            return *hit;
        }
        let repo = self.repo.as_ref()?;
        let found = (|| {
            let tree = repo.find_commit(commit).ok()?.tree().ok()?;
            let entry = tree.lookup_entry_by_path(path).ok()??;
            entry.mode().is_blob().then(|| entry.object_id())
        })();
        self.blobs.insert(key, found);
        found
    }

    /// Commits reachable from `head` and not from `commit` whose change (against their first parent) touched `path`:
    /// `git rev-list --count --no-merges commit..head -- path`, bounded by [`MAX_COUNTED_COMMITS`].
    fn count_commits(&mut self, commit: ObjectId, head: ObjectId, path: &str) -> u32 {
        let Some(repo) = self.repo.as_ref() else { return 0 };
        let Ok(walk) = repo.rev_walk([head]).with_hidden([commit]).all() else { return 0 };
        let infos: Vec<(ObjectId, Vec<ObjectId>)> = walk
            .filter_map(Result::ok)
            .map(|info| (info.id, info.parent_ids.iter().copied().collect()))
            .take(MAX_COUNTED_COMMITS as usize * 4)
            .collect();
        let mut n = 0;
        for (i, (id, parents)) in infos.into_iter().enumerate() {
            // One memory written long ago in a busy history is thousands of tree lookups: the read's budget is
            // checked inside the walk too, not only between memories (the caller drops a cut-short answer).
            if i % 64 == 63 && self.out_of_time() {
                break;
            }
            if parents.len() > 1 {
                continue;
            }
            let before = parents.first().and_then(|p| self.blob_at(*p, path));
            if self.blob_at(id, path) != before {
                n += 1;
                if n >= MAX_COUNTED_COMMITS {
                    break;
                }
            }
        }
        n
    }

    /// Whether any line of `lines` (in the old version) was edited, removed, or had lines inserted inside it.
    fn region_changed(&self, then: ObjectId, now: ObjectId, lines: LineRange) -> Option<bool> {
        let repo = self.repo.as_ref()?;
        let old = repo.find_blob(then).ok()?;
        let new = repo.find_blob(now).ok()?;
        Some(region_changed(&old.data, &new.data, lines))
    }

    /// Where `path` went between the two commits, following git's rename detection (50% similarity by default).
    fn renamed_to(&self, commit: ObjectId, head: ObjectId, path: &str) -> Option<String> {
        let repo = self.repo.as_ref()?;
        let old = repo.find_commit(commit).ok()?.tree().ok()?;
        let new = repo.find_commit(head).ok()?.tree().ok()?;
        let opts = gix::diff::Options::default().with_rewrites(Some(gix::diff::Rewrites::default()));
        let changes = repo.diff_tree_to_tree(&old, &new, opts).ok()?;
        changes.into_iter().find_map(|change| match change {
            gix::object::tree::diff::ChangeDetached::Rewrite { source_location, location, copy: false, .. }
                if source_location == path.as_bytes() =>
            {
                Some(location.to_string())
            }
            _ => None,
        })
    }
}

/// Line-diffs two versions and tells whether the 1-based inclusive `lines` of the old one were touched.
pub fn region_changed(old: &[u8], new: &[u8], lines: LineRange) -> bool {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    let diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
    let (start, end) = (lines.start as usize - 1, lines.end as usize);
    diff.ops().iter().any(|op| {
        if op.tag() == similar::DiffTag::Equal {
            return false;
        }
        let r = op.old_range();
        if r.is_empty() {
            // An insertion between two lines of the region splits it.
            r.start > start && r.start < end
        } else {
            r.start < end && r.end > start
        }
    })
}

/// The version stamp of a memory written outside git: its anchored files' content hashes
/// ([`CONTENT_HASH_PREFIX`]); `None` when none of them can be read.
pub fn content_stamp(root: &Path, files: &[String]) -> Option<String> {
    let lines: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let anchor = parse_anchor(file);
            let bytes = std::fs::read(root.join(anchor.path)).ok()?;
            Some(format!("{file}#{}", content_hash(&bytes)))
        })
        .collect();
    (!lines.is_empty()).then(|| format!("{CONTENT_HASH_PREFIX}{}", lines.join("\n")))
}

fn content_hash(bytes: &[u8]) -> String {
    // git's blob id: the same hash git would give the file, so a later `git add` keeps the meaning.
    gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, bytes)
        .map(|id| id.to_string())
        .unwrap_or_default()
}

/// Outside git: each anchor whose recorded content hash (in the memory's `commit` as `hash:` entries) differs from
/// the file now is `changed`; a missing file is `deleted`.
fn content_anchors(root: &Path, m: &Memory) -> Option<Vec<AnchorStatus>> {
    let recorded = m.commit.as_deref()?.strip_prefix(CONTENT_HASH_PREFIX)?;
    let hashes: HashMap<&str, &str> = recorded.split('\n').filter_map(|e| e.rsplit_once('#')).collect();
    let out: Vec<AnchorStatus> = m
        .files
        .iter()
        .filter_map(|file| {
            let then = hashes.get(file.as_str())?;
            let anchor = parse_anchor(file);
            let state = match std::fs::read(root.join(anchor.path)) {
                Ok(bytes) if content_hash(&bytes) == *then => AnchorState::Unchanged,
                Ok(_) => AnchorState::Changed { commits: None, region_changed: None },
                Err(_) => AnchorState::Deleted,
            };
            Some(AnchorStatus { file: file.clone(), state })
        })
        .collect();
    (!out.is_empty()).then_some(out)
}

/// A memory written outside git records its anchors' content hashes where a git memory records its commit:
/// `content:<file>#<hash>` lines. Lossless through export and import like any other field, and it says the same
/// thing as a commit id: which version of the code the memory describes.
pub const CONTENT_HASH_PREFIX: &str = "content:";

impl crate::Store {
    /// Tells the store the working directory its caller works in (the CLI's, the MCP server's, a binding's). From
    /// then on the memories it returns that anchor files of that directory's project carry their staleness, and new
    /// memories that anchor files get the version stamp they are compared with later. Set once; later calls are
    /// ignored.
    pub fn set_worktree(&self, dir: &Path) {
        let _ = self.worktree.get_or_init(|| Worktree::open(dir));
    }

    /// Attaches staleness to memories about to be returned or ranked; a no-op without a worktree.
    pub(crate) fn annotate<'m>(&self, memories: impl IntoIterator<Item = &'m mut Memory>) {
        let Some(worktree) = self.worktree.get() else { return };
        let mut refs: Vec<&mut Memory> = memories.into_iter().collect();
        annotate(worktree, &self.anchor_cache, self.home(), &mut refs, None);
    }

    /// [`Store::annotate`] for the ranked reads hooks and assistants wait on (search, digests, build-context):
    /// within [`READ_BUDGET`], the rest left unknown for this read.
    pub(crate) fn annotate_within_budget<'m>(&self, memories: impl IntoIterator<Item = &'m mut Memory>) {
        let Some(worktree) = self.worktree.get() else { return };
        let mut refs: Vec<&mut Memory> = memories.into_iter().collect();
        annotate(worktree, &self.anchor_cache, self.home(), &mut refs, Some(READ_BUDGET));
    }

    /// The version stamp for a new memory that anchors files: `HEAD` in git, else the files' content hashes.
    pub(crate) fn stamp(&self, new: &mut mx_core::model::NewMemory) {
        if new.files.is_empty() || new.commit.as_deref().is_some_and(|c| !c.trim().is_empty()) {
            return;
        }
        let Some(worktree) = self.worktree.get() else { return };
        new.commit = worktree.head().or_else(|| content_stamp(&worktree.root(), &new.files));
    }
}

/// What `reanchor` did to one memory.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reanchored {
    pub memory: Memory,
    /// The stamp it had before (commit id or content hashes).
    pub previous_commit: Option<String>,
}

impl crate::Store {
    /// Memories of the working directory's project whose anchored code moved, newest first (all of them when
    /// `limit` is `None`). Empty without a worktree.
    pub fn stale(&self, filter: &crate::Filter, limit: Option<usize>) -> crate::Result<Vec<Memory>> {
        if self.worktree.get().is_none() {
            return Ok(Vec::new());
        }
        let mut w = filter.to_sql();
        w.push("m.rid IN (SELECT rid FROM memory_files)", []);
        let mut anchored =
            self.read(|conn| crate::db::select_memories(conn, &w, crate::Sort::Newest.to_sql(), None))?;
        self.annotate(&mut anchored);
        let mut out: Vec<Memory> =
            anchored.into_iter().filter(|m| m.stale.as_ref().is_some_and(|s| s.is_stale)).collect();
        if let Some(limit) = limit {
            out.truncate(limit);
        }
        Ok(out)
    }

    /// Re-anchors a memory that still holds although its code moved: renamed anchors follow the rename, deleted ones
    /// are dropped, and the memory is stamped with the code as it is now (`HEAD`, or the files' content hashes), so it
    /// reads as unchanged until the code moves again. Recorded in its history as an update.
    pub fn reanchor(&self, id_prefix_or_name: &str) -> crate::Result<Reanchored> {
        let Some(worktree) = self.worktree.get() else {
            return Err(mx_core::ValidationError::new(
                "worktree",
                "is not known, so there is no code to anchor to",
                id_prefix_or_name,
                "run this from the project's directory",
            )
            .into());
        };
        let current = self.get(id_prefix_or_name)?;
        let mut files = Vec::with_capacity(current.files.len());
        for (i, file) in current.files.iter().enumerate() {
            let state = current.stale.as_ref().and_then(|s| s.anchors.iter().find(|a| &a.file == file));
            match state.map(|a| &a.state) {
                Some(AnchorState::Deleted) => {}
                Some(AnchorState::Renamed { to }) => files.push(to.clone()),
                _ => files.push(current.files[i].clone()),
            }
        }
        let stamp = worktree.head().or_else(|| content_stamp(&worktree.root(), &files));
        let id = current.id.clone();
        let previous_commit = current.commit.clone();
        let mut memory = self.write(|tx| {
            let mut m = crate::db::memory_by_id(tx, id.as_str())?
                .ok_or_else(|| crate::StoreError::Core(mx_core::Error::NotFound(id.to_string())))?;
            m.files = files;
            m.commit = stamp;
            m.updated_at = jiff::Timestamp::now();
            crate::db::update_memory(tx, &m)?;
            crate::db::log_change(tx, m.id.as_str(), "update", m.updated_at, Some(&m))?;
            Ok(m)
        })?;
        self.annotate([&mut memory]);
        Ok(Reanchored { memory, previous_commit })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn git(dir: &Path, args: &[&str]) -> String {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_AUTHOR_NAME", "Ada")
            .env("GIT_AUTHOR_EMAIL", "ada@example.com")
            .env("GIT_COMMITTER_NAME", "Ada")
            .env("GIT_COMMITTER_EMAIL", "ada@example.com")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// A spent budget leaves uncached answers unknown for this read, still gives cached ones, and what a read without
    /// a budget computed is cached for the next.
    #[test]
    fn a_spent_budget_gives_only_cached_answers() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("shop");
        std::fs::create_dir_all(repo.join("src")).unwrap();
        git(&repo, &["init", "-q", "-b", "main"]);
        std::fs::write(repo.join("src/pool.rs"), "cap = 10\n").unwrap();
        git(&repo, &["add", "-A"]);
        git(&repo, &["commit", "-q", "-m", "pool"]);
        let first = git(&repo, &["rev-parse", "HEAD"]);
        std::fs::write(repo.join("src/pool.rs"), "cap = 20\n").unwrap();
        git(&repo, &["commit", "-q", "-am", "raise the cap"]);

        let worktree = Worktree::open(&repo);
        let memory: Memory = serde_json::from_value(serde_json::json!({
            "id": "01jd0000000000000000000001", "content": "The pool caps at 10", "kind": "gotcha",
            "conversationId": "conv_01jd0000000000000000000001", "project": worktree.project,
            "files": ["src/pool.rs"], "commit": first,
            "createdAt": "2026-11-20T10:00:00Z", "updatedAt": "2026-11-20T10:00:00Z"
        }))
        .unwrap();
        let home = tmp.path().join("home");
        std::fs::create_dir_all(home.join("cache")).unwrap();
        let cache = AnchorCache::default();
        let read = |budget: Option<Duration>| {
            let mut m = memory.clone();
            annotate(&worktree, &cache, &home, &mut [&mut m], budget);
            m.stale
        };

        assert_eq!(read(Some(Duration::ZERO)), None, "nothing cached yet, nothing computed");
        let full = read(None).expect("computed without a budget");
        assert!(full.is_stale, "{full:?}");
        assert_eq!(read(Some(Duration::ZERO)), Some(full), "the cached answer comes back within any budget");
    }
}
