//! Staleness through the real `mx` binary on a real git repository made here: memories written at one commit, then
//! commits that edit, rename and delete what they anchor, and a branch switch. Each state must read the same on every
//! surface: `memories list/get/search` (JSON and text), every digest format (snapshots), build-context, the
//! session-start hook's injected context, `memories stale` and `reanchor`. Outside git, a content hash stands in.

mod cli_support;

use std::path::Path;

use cli_support::{Env, git, write_file as write};
use serde_json::{Value, json};

const PROJECT: &str = "github.com/acme/shop";

fn lines(prefix: &str, n: usize) -> String {
    (1..=n).map(|i| format!("{prefix} line {i}\n")).collect()
}

/// Replaces line `n` (1-based) of a file.
fn edit_line(dir: &Path, path: &str, n: usize, text: &str) {
    let p = dir.join(path);
    let body = std::fs::read_to_string(&p).expect("read");
    let out: Vec<String> =
        body.lines().enumerate().map(|(i, l)| if i + 1 == n { text.to_owned() } else { l.to_owned() }).collect();
    std::fs::write(p, out.join("\n") + "\n").expect("write");
}

fn commit(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

/// The memories, by a short name, as the CLI writes them from the repository at its first commit.
const MEMORIES: &[(&str, &str, &str, &str)] = &[
    ("gotcha-pool", "gotcha", "The pool in src/pool.rs caps at 10 connections", "src/pool.rs"),
    ("decision-auth", "decision", "Sessions are signed cookies, decided over JWT", "src/auth.rs"),
    ("progress-move", "progress", "Halfway through splitting the moving module", "src/old_name.rs"),
    ("gotcha-gone", "gotcha", "The gone module swallows errors", "src/gone.rs"),
    ("convention-header", "convention", "The pool header comment lists every knob", "src/pool.rs:1-5"),
    ("debugging-retry", "debugging", "Root cause: the pool retry loop never backed off", "src/pool.rs:20-25"),
];

struct Fixture {
    env: Env,
    /// Short name → full id.
    ids: Vec<(&'static str, String)>,
}

impl Fixture {
    fn id(&self, name: &str) -> &str {
        self.ids.iter().find(|(n, _)| *n == name).map(|(_, id)| id.as_str()).expect("a known memory")
    }

    fn repo(&self) -> &Path {
        self.env.cwd.path()
    }

    /// Every memory of the project by short name with its `stale` field as `mx memories list --format json` gives it.
    fn listed(&self) -> Vec<(&'static str, Value)> {
        let list = self.env.json(&["memories", "list"]);
        let list = list.as_array().cloned().unwrap_or_default();
        self.ids
            .iter()
            .map(|(name, id)| {
                let m = list.iter().find(|m| m["id"] == json!(id)).unwrap_or_else(|| panic!("{name} is listed"));
                (*name, m["stale"].clone())
            })
            .collect()
    }

    fn settings(&self) -> insta::Settings {
        let mut s = self.env.settings();
        s.add_filter(r"conv_[0-9a-z]{26}", "conv_[ID]");
        // Scores move with the seconds between creation and the search (recency); the order is what matters.
        s.add_filter(r"\b\d\.\d{3}\b", "[SCORE]");
        s.add_filter(r#""score":[0-9.]+"#, r#""score":[SCORE]"#);
        // The estimate counts digit and letter runs, so it moves with the random part of the ids.
        s.add_filter(r#""tokens": \d+"#, r#""tokens": [TOKENS]"#);
        s
    }
}

/// The repository at its first commit, the memories written there through `mx memories create` (which stamps them
/// with `HEAD`), then: `pool.rs` edited in three commits (lines 20, 28, 22), `old_name.rs` renamed, `gone.rs` deleted,
/// `auth.rs` untouched on `main`; a branch `feature` from the first commit edits only `auth.rs`.
fn fixture() -> Fixture {
    let env = Env::new();
    let repo = env.cwd.path().to_path_buf();
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["remote", "add", "origin", "https://github.com/acme/shop.git"]);
    write(&repo, "src/pool.rs", &lines("pool", 30));
    write(&repo, "src/auth.rs", &lines("auth", 10));
    write(&repo, "src/old_name.rs", &lines("moving", 20));
    write(&repo, "src/gone.rs", &lines("gone", 5));
    commit(&repo, "Initial shop");
    let first = git(&repo, &["rev-parse", "HEAD"]);

    let conv = env.json(&["memories", "create", "--conversation-id", "NEW", "--content", "Working on the pool"]);
    let conv = conv["conversationId"].as_str().expect("a conversation").to_owned();
    let mut ids = Vec::new();
    for (name, kind, content, file) in MEMORIES {
        let created = env.json(&[
            "memories",
            "create",
            "--conversation-id",
            &conv,
            "--kind",
            kind,
            "--topics",
            "pool",
            "--file",
            file,
            "--content",
            content,
        ]);
        assert_eq!(created["memory"]["commit"], json!(first), "{name} is stamped with HEAD");
        assert_eq!(created["memory"]["project"], json!(PROJECT));
        ids.push((*name, created["id"].as_str().expect("an id").to_owned()));
    }

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
    Fixture { env, ids }
}

/// What `main` must report for each memory: (is stale, mark, the first anchor's state as JSON).
fn expected_on_main() -> Vec<(&'static str, Value)> {
    vec![
        (
            "gotcha-pool",
            json!({ "isStale": true, "mark": "src/pool.rs changed since, 3 commits",
                    "anchors": [{ "file": "src/pool.rs", "state": "changed", "commits": 3 }] }),
        ),
        (
            "decision-auth",
            json!({ "isStale": false, "mark": "", "anchors": [{ "file": "src/auth.rs", "state": "unchanged" }] }),
        ),
        (
            "progress-move",
            json!({ "isStale": true, "mark": "src/old_name.rs renamed to src/new_name.rs",
                    "anchors": [{ "file": "src/old_name.rs", "state": "renamed", "to": "src/new_name.rs" }] }),
        ),
        (
            "gotcha-gone",
            json!({ "isStale": true, "mark": "src/gone.rs deleted",
                    "anchors": [{ "file": "src/gone.rs", "state": "deleted" }] }),
        ),
        (
            "convention-header",
            json!({ "isStale": false, "mark": "",
                    "anchors": [{ "file": "src/pool.rs:1-5", "state": "changed", "commits": 3, "regionChanged": false }] }),
        ),
        (
            "debugging-retry",
            json!({ "isStale": true, "mark": "src/pool.rs:20-25 changed since, 3 commits",
                    "anchors": [{ "file": "src/pool.rs:20-25", "state": "changed", "commits": 3, "regionChanged": true }] }),
        ),
    ]
}

#[test]
fn every_state_reads_the_same_through_list_get_and_search() {
    let f = fixture();
    assert_eq!(f.listed(), expected_on_main());
    // Twice: the second answer comes from the anchor cache and must not differ.
    assert_eq!(f.listed(), expected_on_main());

    for (name, stale) in expected_on_main() {
        let got = f.env.json(&["memories", "get", f.id(name)]);
        let got = got.as_array().and_then(|a| a.first()).cloned().unwrap_or(got);
        assert_eq!(got["stale"], stale, "get {name}");
    }

    let found = f.env.json(&["memories", "search", "pool"]);
    let results = found.as_array().cloned().or_else(|| found["results"].as_array().cloned()).expect("results");
    let gotcha = results
        .iter()
        .find(|r| r["memory"]["id"] == json!(f.id("gotcha-pool")) || r["id"] == json!(f.id("gotcha-pool")))
        .expect("the pool gotcha is found");
    let memory = if gotcha["memory"].is_object() { &gotcha["memory"] } else { gotcha };
    assert_eq!(memory["stale"]["mark"], json!("src/pool.rs changed since, 3 commits"));

    let s = f.settings();
    s.bind(|| {
        insta::assert_snapshot!("staleness_get_table", f.env.ok(&["memories", "get", f.id("gotcha-pool")]));
        insta::assert_snapshot!("staleness_search_table", f.env.ok(&["memories", "search", "pool module"]));
        insta::assert_snapshot!("staleness_list_llm", f.env.ok(&["memories", "list", "--format", "llm"]));
    });
}

#[test]
fn every_digest_format_build_context_and_the_session_start_hook_carry_the_marks() {
    let f = fixture();
    let s = f.settings();
    s.bind(|| {
        for format in ["structured", "narrative", "timeline", "status-report", "json"] {
            let text = f.env.ok(&["memories", "digest", "--digest-format", format]);
            // The status report shows only work in progress: the renamed progress note is in every format.
            let mark = "src/old_name.rs renamed to src/new_name.rs";
            assert!(text.contains(mark), "{format} digest lacks {mark:?}: {text}");
            insta::assert_snapshot!(format!("staleness_digest_{format}"), text);
        }
        let context = f.env.ok(&["memories", "build-context", "--files", "src/pool.rs"]);
        assert!(context.contains("src/pool.rs changed since, 3 commits"), "{context}");
        insta::assert_snapshot!("staleness_build_context", context);
    });

    let payload = json!({
        "session_id": "s1", "transcript_path": "", "cwd": f.repo().display().to_string(),
        "hook_event_name": "SessionStart", "source": "startup",
    });
    let out = f.env.mx().args(["hook", "claude-code", "session-start"]).write_stdin(payload.to_string()).output();
    let out = out.expect("mx hook runs");
    assert!(out.status.success());
    let injected = String::from_utf8_lossy(&out.stdout);
    // Stale progress and gotchas are not presented as current; one closing line names them with their marks.
    let (current, set_aside) = injected.split_once("Left out as possibly outdated").expect("the set-aside line");
    for mark in ["src/old_name.rs renamed to src/new_name.rs", "src/gone.rs deleted"] {
        assert!(set_aside.contains(mark), "the set-aside line lacks {mark:?}: {injected}");
        assert!(!current.contains(mark), "{mark:?} is presented as current: {injected}");
    }
    assert!(current.contains("Sessions are signed cookies"), "the standing decision is injected: {injected}");
}

#[test]
fn a_branch_switch_changes_what_moved() {
    let f = fixture();
    git(f.repo(), &["checkout", "-q", "feature"]);
    let on_feature: Vec<(&str, Value)> = f.listed().into_iter().map(|(n, s)| (n, s["anchors"][0].clone())).collect();
    assert_eq!(
        on_feature,
        vec![
            ("gotcha-pool", json!({ "file": "src/pool.rs", "state": "unchanged" })),
            ("decision-auth", json!({ "file": "src/auth.rs", "state": "changed", "commits": 1 })),
            ("progress-move", json!({ "file": "src/old_name.rs", "state": "unchanged" })),
            ("gotcha-gone", json!({ "file": "src/gone.rs", "state": "unchanged" })),
            ("convention-header", json!({ "file": "src/pool.rs:1-5", "state": "unchanged" })),
            ("debugging-retry", json!({ "file": "src/pool.rs:20-25", "state": "unchanged" })),
        ]
    );
    // A decision whose file changed keeps its place and carries the mark.
    let stale = f.env.json(&["memories", "stale"]);
    let ids: Vec<&str> = stale.as_array().into_iter().flatten().filter_map(|m| m["id"].as_str()).collect();
    assert_eq!(ids, [f.id("decision-auth")]);
    git(f.repo(), &["checkout", "-q", "main"]);
    assert_eq!(f.listed(), expected_on_main());
}

#[test]
fn stale_lists_what_moved_and_reanchor_follows_the_rename() {
    let f = fixture();
    let s = f.settings();
    s.bind(|| insta::assert_snapshot!("staleness_stale_table", f.env.ok(&["memories", "stale"])));
    let stale = f.env.json(&["memories", "stale"]);
    let mut names: Vec<&str> = stale
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| f.ids.iter().find(|(_, id)| m["id"] == json!(id)).map(|(n, _)| *n))
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["debugging-retry", "gotcha-gone", "gotcha-pool", "progress-move"]);

    let head = git(f.repo(), &["rev-parse", "HEAD"]);
    let done = f.env.json(&["memories", "reanchor", f.id("progress-move"), f.id("gotcha-gone")]);
    assert_eq!(done[0]["memory"]["files"], json!(["src/new_name.rs"]));
    assert_eq!(done[0]["memory"]["commit"], json!(head));
    assert_eq!(done[0]["memory"]["stale"]["isStale"], json!(false));
    assert_eq!(done[1]["memory"]["files"], json!([]), "a deleted anchor is dropped");
    let listed = f.listed();
    let after: Vec<&str> = listed.iter().filter(|(_, s)| s["isStale"] == json!(true)).map(|(n, _)| *n).collect();
    assert_eq!(after, ["gotcha-pool", "debugging-retry"]);
}

#[test]
fn outside_git_a_content_hash_tells_what_changed() {
    let env = Env::new();
    let dir = env.cwd.path();
    write(dir, "notes/plan.md", "step one\n");
    write(dir, "notes/keep.md", "kept\n");
    let changed = env.create("The plan starts with step one", &["--kind", "progress", "--file", "notes/plan.md"]);
    let kept = env.create("Keep keeps", &["--kind", "convention", "--file", "notes/keep.md"]);
    write(dir, "notes/plan.md", "step two\n");
    let stale = |id: &str| {
        let got = env.json(&["memories", "get", id]);
        let got = got.as_array().and_then(|a| a.first()).cloned().unwrap_or(got);
        got["stale"].clone()
    };
    assert_eq!(
        stale(&changed),
        json!({ "isStale": true, "mark": "notes/plan.md changed since",
                "anchors": [{ "file": "notes/plan.md", "state": "changed" }] })
    );
    assert_eq!(stale(&kept)["isStale"], json!(false));
    std::fs::remove_file(dir.join("notes/keep.md")).expect("rm");
    assert_eq!(stale(&kept)["mark"], json!("notes/keep.md deleted"));
}
