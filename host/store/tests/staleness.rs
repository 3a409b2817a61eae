#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
//! Staleness against a real git repository made here: commits, edits, a rename, a deletion, a line-range anchor
//! whose region did or did not change, and a branch switch. Each state is checked through get, list, search and
//! every digest format (snapshots), and the ranking sinks a stale gotcha.

mod common;

use std::path::Path;
use std::process::Command;

use mx_core::digest::DigestFormat;
use mx_core::staleness::AnchorState;
use mx_core::{Kind, NewMemory};
use mx_store::{DigestRequest, Filter, ImportRecord, ListRequest, Scope, SearchRequest, Store};

use common::PROJECT;

/// Runs git with fixed identities and dates, so commit ids (and the snapshots that print them) are the same on
/// every run.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Ada")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com")
        .env("GIT_COMMITTER_NAME", "Ada")
        .env("GIT_COMMITTER_EMAIL", "ada@example.com")
        .env("GIT_AUTHOR_DATE", "2026-11-20T10:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-20T10:00:00Z")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn lines(prefix: &str, n: usize) -> String {
    (1..=n).map(|i| format!("{prefix} line {i}\n")).collect()
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Replaces line `n` (1-based) of a file.
fn edit_line(dir: &Path, path: &str, n: usize, text: &str) {
    let p = dir.join(path);
    let body = std::fs::read_to_string(&p).unwrap();
    let out: Vec<String> =
        body.lines().enumerate().map(|(i, l)| if i + 1 == n { text.to_owned() } else { l.to_owned() }).collect();
    std::fs::write(p, out.join("\n") + "\n").unwrap();
}

fn commit(dir: &Path, message: &str) -> String {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
    git(dir, &["rev-parse", "HEAD"])
}

struct Fixture {
    _tmp: tempfile::TempDir,
    repo: std::path::PathBuf,
    store: Store,
}

/// A repository whose first commit the memories were written at, then moved on: `pool.rs` edited in three commits
/// (lines 20, 28, 22), `old_name.rs` renamed, `gone.rs` deleted, `auth.rs` untouched; and a branch `feature` from the
/// first commit that only edits `auth.rs`.
fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("shop");
    std::fs::create_dir_all(&repo).unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["remote", "add", "origin", "https://github.com/acme/shop.git"]);
    write(&repo, "src/pool.rs", &lines("pool", 30));
    write(&repo, "src/auth.rs", &lines("auth", 10));
    write(&repo, "src/old_name.rs", &lines("moving", 20));
    write(&repo, "src/gone.rs", &lines("gone", 5));
    let first = commit(&repo, "Initial shop");

    let store = Store::open(tmp.path().join("home")).unwrap();
    let memories = [
        ("gotcha-pool", Kind::Gotcha, "The pool in src/pool.rs caps at 10 connections", "src/pool.rs"),
        ("decision-auth", Kind::Decision, "Sessions are signed cookies, decided over JWT", "src/auth.rs"),
        ("progress-move", Kind::Progress, "Halfway through splitting the moving module", "src/old_name.rs"),
        ("gotcha-gone", Kind::Gotcha, "The gone module swallows errors", "src/gone.rs"),
        ("convention-header", Kind::Convention, "The pool header comment lists every knob", "src/pool.rs:1-5"),
        ("debugging-retry", Kind::Debugging, "Root cause: the pool retry loop never backed off", "src/pool.rs:20-25"),
    ];
    let records: Vec<ImportRecord> = memories
        .iter()
        .enumerate()
        .map(|(i, (id, kind, content, file))| {
            let mut n = NewMemory::default();
            n.content = (*content).to_owned();
            n.kind = Some(*kind);
            n.topics = vec!["pool".to_owned()];
            n.project = Some(PROJECT.to_owned());
            n.conversation_id = Some("conv_pool_work".to_owned());
            n.files = vec![(*file).to_owned()];
            n.commit = Some(first.clone());
            n.external_id = Some((*id).to_owned());
            n.created_at = Some(format!("2026-11-20T10:0{i}:00Z").parse().unwrap());
            ImportRecord::Foreign(Box::new(n))
        })
        .collect();
    store.import(records, &mut |_, _| {}).unwrap();

    git(&repo, &["branch", "feature"]);
    edit_line(&repo, "src/pool.rs", 20, "pool retry with backoff");
    commit(&repo, "Pool: back off between retries");
    edit_line(&repo, "src/pool.rs", 28, "pool cap 20");
    commit(&repo, "Pool: raise the cap");
    git(&repo, &["mv", "src/old_name.rs", "src/new_name.rs"]);
    commit(&repo, "Rename the moving module");
    git(&repo, &["rm", "-q", "src/gone.rs"]);
    commit(&repo, "Remove the gone module");
    edit_line(&repo, "src/pool.rs", 22, "pool retry jitter");
    commit(&repo, "Pool: jitter");

    git(&repo, &["checkout", "-q", "feature"]);
    edit_line(&repo, "src/auth.rs", 3, "auth uses JWT after all");
    commit(&repo, "Auth: JWT");
    git(&repo, &["checkout", "-q", "main"]);

    store.set_worktree(&repo);
    Fixture { _tmp: tmp, repo, store }
}

fn scope() -> Filter {
    Filter { scope: Scope::Project(PROJECT.to_owned()), ..Default::default() }
}

fn by_external(store: &Store) -> Vec<(String, Option<mx_core::staleness::Staleness>)> {
    let mut req = ListRequest::default();
    req.filter = scope();
    let mut out: Vec<_> =
        store.list(&req).unwrap().into_iter().map(|m| (m.external_id.clone().unwrap(), m.stale)).collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn state_of(store: &Store, external: &str) -> AnchorState {
    let all = by_external(store);
    let (_, stale) = all.iter().find(|(id, _)| id == external).unwrap();
    stale.as_ref().unwrap().anchors[0].state.clone()
}

#[test]
fn each_anchor_state_is_reported_on_get_list_and_search() {
    let f = fixture();
    let store = &f.store;
    assert_eq!(state_of(store, "gotcha-pool"), AnchorState::Changed { commits: Some(3), region_changed: None });
    assert_eq!(state_of(store, "decision-auth"), AnchorState::Unchanged);
    assert_eq!(state_of(store, "progress-move"), AnchorState::Renamed { to: "src/new_name.rs".into() });
    assert_eq!(state_of(store, "gotcha-gone"), AnchorState::Deleted);
    assert_eq!(
        state_of(store, "convention-header"),
        AnchorState::Changed { commits: Some(3), region_changed: Some(false) }
    );
    assert_eq!(
        state_of(store, "debugging-retry"),
        AnchorState::Changed { commits: Some(3), region_changed: Some(true) }
    );
    let marks: Vec<(String, bool, String)> = by_external(store)
        .into_iter()
        .map(|(id, s)| {
            let s = s.unwrap();
            (id, s.is_stale, s.mark)
        })
        .collect();
    insta::assert_yaml_snapshot!("marks_on_main", marks);

    // get (by the id the list gave) carries the same answer.
    let pool = store.list(&ListRequest { filter: scope(), ..Default::default() }).unwrap();
    let pool = pool.iter().find(|m| m.external_id.as_deref() == Some("gotcha-pool")).unwrap();
    let got = store.get(pool.id.as_str()).unwrap();
    assert_eq!(got.stale.unwrap().mark, "src/pool.rs changed since, 3 commits");

    // search ranks with it and returns it.
    let mut req = SearchRequest::new("pool");
    req.filter = scope();
    req.limit = 10;
    let hits = store.search(&req).unwrap();
    assert!(hits.iter().all(|h| h.memory.stale.is_some()), "every hit anchors code here");
    let gotcha = hits.iter().find(|h| h.memory.external_id.as_deref() == Some("gotcha-pool")).unwrap();
    assert!(gotcha.breakdown.stale < 0.0, "a stale gotcha sinks: {:?}", gotcha.breakdown);
    let convention = hits.iter().find(|h| h.memory.external_id.as_deref() == Some("convention-header")).unwrap();
    assert_eq!(convention.breakdown.stale, 0.0, "its region did not change");

    // The stored record never holds the derived field.
    let mut exported = Vec::new();
    store
        .export(&mut |m| {
            exported.push(m.stale.is_none());
            Ok(())
        })
        .unwrap();
    assert!(exported.iter().all(|bare| *bare));
}

#[test]
fn a_branch_switch_changes_the_answer() {
    let f = fixture();
    git(&f.repo, &["checkout", "-q", "feature"]);
    // On `feature` (first commit + one edit of auth.rs), only auth moved.
    assert_eq!(state_of(&f.store, "decision-auth"), AnchorState::Changed { commits: Some(1), region_changed: None });
    assert_eq!(state_of(&f.store, "gotcha-pool"), AnchorState::Unchanged);
    assert_eq!(state_of(&f.store, "progress-move"), AnchorState::Unchanged);
    assert_eq!(state_of(&f.store, "gotcha-gone"), AnchorState::Unchanged);
    git(&f.repo, &["checkout", "-q", "main"]);
    assert_eq!(state_of(&f.store, "decision-auth"), AnchorState::Unchanged);
    assert_eq!(state_of(&f.store, "gotcha-gone"), AnchorState::Deleted);
}

#[test]
fn every_digest_format_carries_the_mark() {
    let f = fixture();
    for format in
        [DigestFormat::Structured, DigestFormat::Narrative, DigestFormat::Timeline, DigestFormat::StatusReport]
    {
        let mut req = DigestRequest::default();
        req.filter = scope();
        req.format = format;
        req.now = Some("2026-11-21T00:00:00Z".parse().unwrap());
        let text = f.store.digest(&req).unwrap().text;
        insta::assert_snapshot!(format!("digest_{}", format.as_str()), text);
    }
    let mut req = DigestRequest::default();
    req.filter = scope();
    req.format = DigestFormat::Json;
    req.query = Some("pool".into());
    req.now = Some("2026-11-21T00:00:00Z".parse().unwrap());
    let json = f.store.digest(&req).unwrap().text;
    insta::assert_snapshot!("digest_json", json);
}

#[test]
fn memories_of_another_project_or_without_a_worktree_carry_nothing() {
    let f = fixture();
    let fresh = Store::open(f.store.home()).unwrap();
    let listed = fresh.list(&ListRequest { filter: scope(), ..Default::default() }).unwrap();
    assert!(listed.iter().all(|m| m.stale.is_none()), "no worktree: nothing to compare with");
}

#[test]
fn new_memories_are_stamped_with_head_in_git_and_with_content_hashes_outside() {
    let f = fixture();
    let mut n = NewMemory::default();
    n.content = "The pool cap lives in the last line".into();
    n.project = Some(PROJECT.into());
    n.files = vec!["src/pool.rs".into()];
    let created = f.store.create(n).unwrap().memory;
    assert_eq!(created.commit.as_deref(), Some(git(&f.repo, &["rev-parse", "HEAD"]).as_str()));
    assert_eq!(f.store.get(created.id.as_str()).unwrap().stale.unwrap().anchors[0].state, AnchorState::Unchanged);

    // Outside git: a content hash, compared with the file as it is now.
    let plain = tempfile::tempdir().unwrap();
    write(plain.path(), "notes/plan.md", "step one\n");
    let store = Store::open(plain.path().join("home")).unwrap();
    store.set_worktree(plain.path());
    let project = mx_store::detect_project(plain.path());
    let mut n = NewMemory::default();
    n.content = "The plan has one step".into();
    n.project = project;
    n.files = vec!["notes/plan.md".into()];
    let m = store.create(n).unwrap().memory;
    assert!(m.commit.as_deref().unwrap().starts_with(mx_store::CONTENT_HASH_PREFIX), "{:?}", m.commit);
    assert_eq!(store.get(m.id.as_str()).unwrap().stale.unwrap().anchors[0].state, AnchorState::Unchanged);
    write(plain.path(), "notes/plan.md", "step one\nstep two\n");
    let s = store.get(m.id.as_str()).unwrap().stale.unwrap();
    assert_eq!(s.anchors[0].state, AnchorState::Changed { commits: None, region_changed: None });
    assert_eq!(s.mark, "notes/plan.md changed since");
    std::fs::remove_file(plain.path().join("notes/plan.md")).unwrap();
    assert_eq!(store.get(m.id.as_str()).unwrap().stale.unwrap().anchors[0].state, AnchorState::Deleted);
}

#[test]
fn region_diff_reads_edits_insertions_and_removals() {
    use mx_core::staleness::LineRange;
    let old = lines("x", 10);
    let range = LineRange { start: 4, end: 6 };
    let mut edited: Vec<String> = old.lines().map(str::to_owned).collect();
    edited[8] = "changed below".into();
    assert!(!mx_store::region_changed(old.as_bytes(), (edited.join("\n") + "\n").as_bytes(), range));
    edited[4] = "changed inside".into();
    assert!(mx_store::region_changed(old.as_bytes(), (edited.join("\n") + "\n").as_bytes(), range));
    let inserted_above = format!("new first line\n{old}");
    assert!(!mx_store::region_changed(old.as_bytes(), inserted_above.as_bytes(), range));
    let mut split: Vec<&str> = old.lines().collect();
    split.insert(4, "wedged in");
    assert!(mx_store::region_changed(old.as_bytes(), (split.join("\n") + "\n").as_bytes(), range));
}
