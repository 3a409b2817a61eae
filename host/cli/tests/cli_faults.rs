//! Bad input and faults (issue 3): each gets one line `error: …; …`, the documented exit code, and leaves what is
//! already stored exactly as it was.

mod cli_support;

use cli_support::{Env, assert_error, seed_session, stderr, stdout};
use serde_json::Value;

/// A store with a realistic session, and its export as the "nothing changed" fingerprint.
fn seeded() -> (Env, Vec<String>, String) {
    let env = Env::new();
    let (ids, _) = seed_session(&env);
    let fp = env.fingerprint();
    (env, ids, fp)
}

#[test]
fn empty_and_whitespace_content() {
    let (env, _, fp) = seeded();
    assert_error(&env.run(&["memories", "create", "--content", ""]), 2, "content: must not be empty");
    assert_error(&env.run(&["memories", "create", "--content", "  \n\t  "]), 2, "content: must not be empty");
    let out = env.mx().args(["memories", "create", "--content-file", "-"]).write_stdin("   \n").output().unwrap();
    assert_error(&out, 2, "content: must not be empty");
    assert_error(&env.run(&["memories", "create"]), 2, "no content given; pass --content");
    assert_eq!(env.fingerprint(), fp);
}

#[test]
fn content_over_50000_characters() {
    let (env, _, fp) = seeded();
    let path = env.cwd.path().join("huge.txt");
    std::fs::write(&path, "é".repeat(50_001)).unwrap();
    let out = env.run(&["memories", "create", "--content-file", path.to_str().unwrap()]);
    assert_error(&out, 2, "content: must be at most 50000 characters");
    assert!(stderr(&out).contains("(50001 characters)"), "names the value's size: {}", stderr(&out));
    // Exactly at the limit is fine (characters, not bytes).
    std::fs::write(&path, "é".repeat(50_000)).unwrap();
    assert!(env.run(&["memories", "create", "--content-file", path.to_str().unwrap()]).status.success());
    assert_eq!(env.export().len(), 6, "only the one at the limit was added");
    let _ = fp;
}

#[test]
fn invalid_utf8_on_stdin() {
    let (env, _, fp) = seeded();
    let out = env
        .mx()
        .args(["memories", "create", "--content-file", "-"])
        .write_stdin(b"caf\xe9 au lait\n".to_vec())
        .output()
        .unwrap();
    assert_error(&out, 2, "stdin is not valid UTF-8 (bad byte at offset 3)");
    let out = env.mx().args(["import", "-"]).write_stdin(b"{\"content\":\"\xff\"}\n".to_vec()).output().unwrap();
    assert_error(&out, 2, "stdin line 1: not valid UTF-8");
    assert_eq!(env.fingerprint(), fp);
}

#[test]
fn batch_with_malformed_and_invalid_lines_stores_the_good_ones() {
    let (env, _, fp) = seeded();
    let mut input = Vec::new();
    input.extend_from_slice(
        br#"{"content":"Chose argon2id for password hashing.","kind":"decision","topics":["auth"]}"#,
    );
    input.extend_from_slice(b"\n{\"content\": \"unterminated\n");
    input.extend_from_slice(b"\xff\xfe\n");
    input.extend_from_slice(br#"{"contnet":"typo in the field name"}"#);
    input.extend_from_slice(b"\n\n");
    input.extend_from_slice(br#"{"content":"   "}"#);
    input.extend_from_slice(b"\n");
    input.extend_from_slice(
        br#"{"content":"Session tokens live 15 minutes.","conversationId":"NEW","kind":"constraint"}"#,
    );
    input.push(b'\n');
    let out = env.mx().args(["memories", "create", "--stdin-jsonl"]).write_stdin(input).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "bad input only → exit 2; stderr: {}", stderr(&out));
    let results: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let summary: Vec<(u64, bool)> =
        results.iter().map(|r| (r["line"].as_u64().unwrap(), r["ok"].as_bool().unwrap())).collect();
    assert_eq!(summary, [(1, true), (2, false), (3, false), (4, false), (6, false), (7, true)], "{results:?}");
    assert!(results[1]["error"].as_str().unwrap().contains("not a valid memory object"));
    assert!(results[2]["error"].as_str().unwrap().contains("not valid UTF-8"));
    assert!(results[3]["error"].as_str().unwrap().contains("unknown field `contnet`"));
    assert!(results[4]["error"].as_str().unwrap().contains("content: must not be empty"));
    assert!(results[5]["conversationId"].as_str().unwrap().starts_with("conv_"));
    // Every good line is stored; nothing else changed.
    let all = env.export();
    assert_eq!(all.len(), 7);
    let before: Vec<Value> = fp.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for m in &before {
        assert!(all.contains(m), "pre-existing memory unchanged: {m}");
    }
}

#[test]
fn batch_all_good_exits_zero_with_one_line_each() {
    let env = Env::new();
    let lines: Vec<String> = (0..25)
        .map(|i| format!(r#"{{"content":"Benchmark note {i}: p50 stayed under 5 ms","topics":["perf"]}}"#))
        .collect();
    let out = env.mx().args(["memories", "create", "--stdin-jsonl"]).write_stdin(lines.join("\n")).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let results: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(results.len(), 25);
    assert!(results.iter().enumerate().all(|(i, r)| r["ok"] == true && r["line"] == i + 1));
}

#[test]
fn unknown_id_and_ambiguous_prefix() {
    let (env, ids, fp) = seeded();
    assert_error(&env.run(&["memories", "get", "01zzzzzzzzzz"]), 1, "no memory matches id `01zzzzzzzzzz`");
    // Too short to be a prefix and no name either: a usage error that says how many characters a prefix needs.
    assert_error(&env.run(&["memories", "get", "abc"]), 2, "an id prefix needs 6 characters (got \"abc\")");
    // Memories saved within a few minutes share their first 6 characters (the time part of the id).
    let prefix = &ids[0][..6];
    assert!(ids.iter().all(|id| id.starts_with(prefix)));
    assert_error(&env.run(&["memories", "get", prefix]), 2, "is ambiguous");
    assert_error(&env.run(&["memories", "update", prefix, "--importance", "1"]), 2, "is ambiguous");
    assert_error(&env.run(&["memories", "delete", prefix, "--yes"]), 2, "is ambiguous");
    assert_error(&env.run(&["memories", "delete", &ids[0], "01zzzzzzzzzz", "--yes"]), 1, "no memory matches");
    assert_error(&env.run(&["memories", "history", "01zzzzzzzzzz"]), 1, "no memory matches");
    assert_eq!(env.fingerprint(), fp, "the valid id before the unknown one was not deleted either");
}

#[test]
fn unknown_format_kind_and_bad_values() {
    let (env, ids, fp) = seeded();
    assert_error(&env.run(&["memories", "list", "--format", "xml"]), 2, "invalid value 'xml' for '--format");
    assert_error(&env.run(&["memories", "create", "--kind", "idea", "--content", "x"]), 2, "is not a known kind");
    assert_error(&env.run(&["memories", "list", "--kind", "idea"]), 2, "is not a known kind");
    assert_error(&env.run(&["memories", "digest", "--digest-format", "poem"]), 2, "is not a known digest format");
    assert_error(
        &env.run(&["memories", "create", "--importance", "2", "--content", "x"]),
        2,
        "importance: must be between 0 and 1",
    );
    assert_error(
        &env.run(&["memories", "create", "--name", "Not Kebab", "--content", "x"]),
        2,
        "name: must be kebab-case",
    );
    assert_error(&env.run(&["memories", "update", &ids[0]]), 2, "nothing to update");
    assert_error(&env.run(&["memories", "frobnicate"]), 2, "unrecognized subcommand 'frobnicate'");
    assert_error(&env.run(&["memories", "search"]), 2, "no query given");
    assert_error(&env.run(&["memories", "list", "--after", "25/11/2026"]), 2, "is not a date");
    assert_error(
        &env.run(&["memories", "list", "--after", "2026-01-02", "--before", "2026-01-01"]),
        2,
        "the time window is empty",
    );
    assert_eq!(env.fingerprint(), fp);
}

#[test]
fn bad_duration() {
    let (env, _, fp) = seeded();
    for args in [
        &["memories", "list", "--recent", "7x"][..],
        &["memories", "search", "stripe", "--recent", "7x"],
        &["memories", "digest", "--recent", "7x"],
        &["memories", "recap", "--recent", "7x"],
    ] {
        let out = env.run(args);
        // The grammar MCP and the bindings share: the message names the field as they do.
        assert_error(&out, 2, "recent: is not a duration (got \"7x\")");
        assert!(
            stderr(&out).contains("use a number and a unit: 90s, 30m, 24h, 7d"),
            "says what to do: {}",
            stderr(&out)
        );
    }
    assert_error(&env.run(&["memories", "list", "--recent", "7"]), 2, "recent: is not a duration");
    assert_error(&env.run(&["memories", "list", "--recent", "0d"]), 2, "recent: must be longer than zero");
    assert_eq!(env.fingerprint(), fp);
}

#[test]
fn unwritable_home() {
    let env = Env::new();
    let blocker = env.cwd.path().join("not-a-dir");
    std::fs::write(&blocker, "a file where the home's parent should be").unwrap();
    let home = blocker.join("mx");
    let out = env.mx().env("MX_HOME", &home).args(["memories", "create", "--content", "x y z"]).output().unwrap();
    assert_error(&out, 1, "cannot use the mx store at");
    let out = env.mx().env("MX_HOME", &home).args(["memories", "list"]).output().unwrap();
    assert_error(&out, 1, "cannot use the mx store at");
    let out = env.mx().env("MX_HOME", &home).args(["doctor"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "doctor reports instead of failing: {}", stderr(&out));
    assert!(stdout(&out).contains("FAIL"), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "a file where the home's parent should be");
}

#[test]
fn doctor_says_degraded_when_mx_works_but_a_check_fails() {
    let (env, ids, fp) = seeded();
    std::fs::write(env.home.path().join("config.toml"), "this is = = not toml").unwrap();
    let out = env.run(&["doctor"]);
    assert_eq!(out.status.code(), Some(6), "degraded, not failed: {}", stdout(&out));
    assert!(stdout(&out).contains("does not parse"), "{}", stdout(&out));
    assert!(stdout(&out).contains("fix the TOML syntax"), "says what to do: {}", stdout(&out));
    // mx still works.
    let hits = env.json(&["memories", "search", "idempotency key"]);
    assert_eq!(hits[0]["memory"]["id"], ids[0].as_str(), "{hits}");
    assert_eq!(env.fingerprint(), fp);
}

#[test]
fn deleted_index_is_rebuilt_transparently() {
    let (env, ids, fp) = seeded();
    std::fs::remove_dir_all(env.home.path().join("index")).unwrap();
    let hits = env.json(&["memories", "search", "idempotency key"]);
    assert_eq!(hits[0]["memory"]["id"], ids[0].as_str(), "search still finds it: {hits}");
    assert!(env.ok(&["doctor"]).contains("all checks passed"));
    assert_eq!(env.fingerprint(), fp);
}

#[test]
fn corrupt_index_is_rebuilt_transparently() {
    let (env, ids, fp) = seeded();
    let index = env.home.path().join("index");
    let mut corrupted = 0;
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() && !path.file_name().unwrap().to_string_lossy().ends_with(".lock") {
            std::fs::write(&path, b"\x00garbage\xff not an index file").unwrap();
            corrupted += 1;
        }
    }
    assert!(corrupted > 0, "the index directory had files to corrupt");
    let hits = env.json(&["memories", "search", "refund approver"]);
    assert_eq!(hits[0]["memory"]["id"], ids[2].as_str(), "{hits}");
    assert!(env.ok(&["doctor"]).contains("all checks passed"));
    env.ok(&["index", "rebuild"]);
    assert_eq!(env.fingerprint(), fp);
}

#[test]
fn locked_database_gives_a_busy_error_and_changes_nothing() {
    let (env, _, fp) = seeded();
    let conn = rusqlite::Connection::open(env.home.path().join("mx.db")).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let out = env
        .mx()
        .env("MX_BUSY_TIMEOUT_MS", "300")
        .args(["memories", "create", "--content", "Written while another process holds the lock."])
        .output()
        .unwrap();
    assert_error(&out, 1, "busy");
    assert!(stderr(&out).contains("try again"), "{}", stderr(&out));
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    assert_eq!(env.fingerprint(), fp, "the refused write left no trace");
    env.create("Written after the lock was released.", &[]);
    assert_eq!(env.export().len(), 6);
}
