//! Many `mx` processes at once (issue 3): 8 writers × 200 memories while readers search. Afterwards every memory is
//! stored exactly once and found by search, and no writer or reader saw an error.

mod cli_support;

use std::collections::HashMap;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use cli_support::Env;
use serde_json::Value;

const WRITERS: usize = 8;
const PER_WRITER: usize = 200;
/// Two writers save one memory per process (the hook/assistant pattern: 400 processes); the other six send small
/// `--stdin-jsonl` batches (the bulk pattern). All contend for the same database and index at once.
const BATCH: usize = 10;
const SINGLE_WRITERS: usize = 2;
/// Every memory carries this word, so one search can return all of them.
const PROBE: &str = "concurrencyprobe";

/// A token made of letters only, unique per memory, that the analyser keeps whole.
fn token(writer: usize, i: usize) -> String {
    let mut n = writer * PER_WRITER + i;
    let mut s = String::from("uniq");
    for _ in 0..4 {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    s
}

fn content(writer: usize, i: usize) -> String {
    format!("Writer {writer} note {i}: {PROBE} {} about the cache invalidation plan.", token(writer, i))
}

#[test]
fn eight_writers_and_readers_lose_nothing() {
    let env = Env::new();
    // Create the store first so the writers race on writes, not on creating the schema.
    env.ok(&["doctor"]);
    let done = AtomicBool::new(false);
    let errors = std::sync::Mutex::new(Vec::<String>::new());
    thread::scope(|s| {
        let mut writers = Vec::new();
        for w in 0..WRITERS {
            let env = &env;
            let errors = &errors;
            writers.push(s.spawn(move || {
                if w < SINGLE_WRITERS {
                    for i in 0..PER_WRITER {
                        let out = env
                            .std_mx()
                            .args(["memories", "create", "--format", "json", "--topics", "load-test"])
                            .args(["--conversation-id", &format!("conv_writer_{w}"), "--content", &content(w, i)])
                            .output()
                            .expect("spawn writer");
                        if !out.status.success() {
                            errors
                                .lock()
                                .unwrap()
                                .push(format!("writer {w} #{i}: {}", String::from_utf8_lossy(&out.stderr)));
                        }
                    }
                } else {
                    for start in (0..PER_WRITER).step_by(BATCH) {
                        let lines: Vec<String> = (start..start + BATCH)
                            .map(|i| {
                                serde_json::json!({
                                    "content": content(w, i),
                                    "topics": ["load-test"],
                                    "conversationId": format!("conv_writer_{w}"),
                                })
                                .to_string()
                            })
                            .collect();
                        let mut child = env
                            .std_mx()
                            .args(["memories", "create", "--stdin-jsonl"])
                            .stdin(Stdio::piped())
                            .stdout(Stdio::piped())
                            .stderr(Stdio::piped())
                            .spawn()
                            .expect("spawn batch writer");
                        {
                            use std::io::Write;
                            let mut stdin = child.stdin.take().expect("stdin");
                            stdin.write_all(lines.join("\n").as_bytes()).expect("write batch");
                        }
                        let out = child.wait_with_output().expect("batch writer finishes");
                        let all_ok = String::from_utf8_lossy(&out.stdout)
                            .lines()
                            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                            .filter(|r| r["ok"] == true)
                            .count()
                            == BATCH;
                        if !out.status.success() || !all_ok {
                            errors.lock().unwrap().push(format!(
                                "batch writer {w} @{start}: {} {}",
                                String::from_utf8_lossy(&out.stdout),
                                String::from_utf8_lossy(&out.stderr)
                            ));
                        }
                    }
                }
            }));
        }
        for r in 0..2 {
            let env = &env;
            let errors = &errors;
            let done = &done;
            s.spawn(move || {
                let mut searches = 0;
                while !done.load(Ordering::Relaxed) || searches == 0 {
                    let out = env
                        .std_mx()
                        .args(["memories", "search", "cache invalidation plan", "--format", "json", "--limit", "5"])
                        .output()
                        .expect("spawn reader");
                    if !out.status.success() {
                        errors.lock().unwrap().push(format!("reader {r}: {}", String::from_utf8_lossy(&out.stderr)));
                    }
                    searches += 1;
                }
            });
        }
        for w in writers {
            w.join().expect("writer thread");
        }
        done.store(true, Ordering::Relaxed);
    });
    let errors = errors.into_inner().unwrap();
    assert!(errors.is_empty(), "{} processes saw errors, first: {:?}", errors.len(), errors.first());

    // Stored exactly once.
    let all = env.export();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for m in &all {
        *counts.entry(m["content"].as_str().unwrap().to_owned()).or_default() += 1;
    }
    assert_eq!(all.len(), WRITERS * PER_WRITER);
    for w in 0..WRITERS {
        for i in 0..PER_WRITER {
            assert_eq!(counts.get(&content(w, i)), Some(&1), "writer {w} memory {i}");
        }
    }
    // Found by search: one query that every memory matches returns all of them (lexical ranking only, because the
    // full ranking rightly folds these near-identical sentences together as near-duplicates)…
    let hits = env.json(&["memories", "search", PROBE, "--limit", "5000", "--bm25-only"]);
    assert_eq!(hits.as_array().unwrap().len(), WRITERS * PER_WRITER, "every memory is in the index");
    // …and a sample of unique words each finds exactly its memory.
    for (w, i) in [(0, 0), (1, 199), (3, 57), (6, 123), (7, 0), (7, 199)] {
        let hits = env.json(&["memories", "search", &token(w, i)]);
        assert_eq!(hits[0]["memory"]["content"], content(w, i).as_str(), "{}", token(w, i));
    }
}
