//! Crash test (issue 3): a bulk `mx import` killed with SIGKILL part-way leaves a store that opens cleanly and holds a
//! complete, searchable prefix of the import; running the import again finishes it without duplicates.

mod cli_support;

use std::collections::HashSet;
use std::io::Write;
use std::time::{Duration, Instant};

use cli_support::Env;

const RECORDS: usize = 40_000;

fn word(i: usize) -> String {
    let mut n = i;
    let mut s = String::from("crashword");
    for _ in 0..4 {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    s
}

fn committed_rows(db: &std::path::Path) -> usize {
    let Ok(conn) = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return 0;
    };
    let _ = conn.busy_timeout(Duration::from_secs(5));
    conn.query_row("SELECT count(*) FROM memories", [], |r| r.get::<_, i64>(0)).map(|n| n as usize).unwrap_or(0)
}

#[test]
fn killed_import_leaves_a_complete_prefix_and_rerun_finishes() {
    let env = Env::new();
    env.ok(&["doctor"]);
    let file = env.cwd.path().join("big.jsonl");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        for i in 0..RECORDS {
            let line = serde_json::json!({
                "id": format!("rec-{i:06}"),
                "project": "crash-test",
                "conversationId": format!("S{:04}", i / 20),
                "content": format!("Record {i}: {} notes on the import pipeline and its retry budget.", word(i)),
                "createdAt": format!("2025-{:02}-{:02}T10:00:00Z", 1 + (i / 28) % 12, 1 + i % 28),
                "topics": ["import"],
            });
            writeln!(f, "{line}").unwrap();
        }
    }
    let db = env.home.path().join("mx.db");
    let mut child = env.std_mx().args(["import", file.to_str().unwrap()]).spawn().expect("spawn import");
    // Wait until at least one chunk is committed, then kill without warning.
    let started = Instant::now();
    loop {
        let n = committed_rows(&db);
        if n > 0 {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the import finished ({status}) before it could be killed; raise RECORDS");
        }
        assert!(started.elapsed() < Duration::from_secs(300), "the import committed nothing in 5 minutes");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("SIGKILL the import");
    child.wait().unwrap();

    // The store opens cleanly and says so.
    let doctor = env.json(&["doctor"]);
    assert_eq!(doctor["ok"], true, "{doctor}");
    // It holds a complete prefix: records 0..n and nothing else.
    let stored = env.export();
    let n = stored.len();
    assert!(n > 0 && n < RECORDS, "a part-way prefix: {n} of {RECORDS}");
    let ids: HashSet<String> = stored.iter().map(|m| m["externalId"].as_str().unwrap().to_owned()).collect();
    let expected: HashSet<String> = (0..n).map(|i| format!("rec-{i:06}")).collect();
    assert_eq!(ids, expected, "exactly the first {n} records");
    // The prefix is searchable, its last record included (the index catches up with what SQLite committed).
    for i in [0, n / 2, n - 1] {
        let hits = env.json(&["memories", "search", &word(i), "--project", "crash-test"]);
        assert_eq!(hits[0]["memory"]["externalId"], format!("rec-{i:06}"), "record {i} is found");
    }

    // Re-running finishes the job without duplicates.
    let summary = env.json(&["import", file.to_str().unwrap()]);
    assert_eq!(summary["imported"], RECORDS - n);
    assert_eq!(summary["skipped"], n);
    let stored = env.export();
    assert_eq!(stored.len(), RECORDS);
    let unique: HashSet<&str> = stored.iter().map(|m| m["externalId"].as_str().unwrap()).collect();
    assert_eq!(unique.len(), RECORDS, "no duplicates");
    let hits = env.json(&["memories", "search", &word(RECORDS - 1), "--project", "crash-test"]);
    assert_eq!(hits[0]["memory"]["externalId"], format!("rec-{:06}", RECORDS - 1));
}
