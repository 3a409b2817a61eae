//! Fault injection against the real `mx` binary: the disk fills up, processes are killed with SIGKILL at random
//! points, index files are truncated, the data home turns read-only, and the index is rebuilt while writers and MCP
//! servers run. After each fault: a one-line error with exit code 1 (or success), nothing printed as saved is lost,
//! the store opens, and `mx doctor` is clean.
//!
//! The disk-full and read-only tests mount a small tmpfs as the data home, which needs root (CI runs as root); without
//! it they fail, saying so, rather than skip. The random points come from a seed printed on stderr; set
//! `MX_FAULT_SEED` to replay a run.

// The helpers below set up the faults; an unexpected failure of theirs is a test failure, as in a #[test] body.
#![allow(clippy::unwrap_used)]

mod cli_support;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cli_support::{Env, assert_error, stderr, stdout};
use serde_json::{Value, json};

/// A small xorshift generator: the test needs reproducible random points, not quality randomness.
struct Rng(u64);

impl Rng {
    fn from_env(test: &str) -> Rng {
        let seed = std::env::var("MX_FAULT_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
        });
        eprintln!("{test}: MX_FAULT_SEED={seed}");
        Rng(seed | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// A word no other memory contains, for searching one memory out of many.
fn unique_word(tag: &str, i: usize) -> String {
    let mut n = i;
    let mut s = format!("zq{tag}");
    for _ in 0..4 {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    s
}

/// The id `mx memories create` printed on its first line (`created <id>`), if it got that far.
fn printed_id(stdout: &str) -> Option<String> {
    stdout.lines().next()?.strip_prefix("created ").map(|id| id.trim().to_owned())
}

/// Every id in the store.
fn stored_ids(env: &Env) -> BTreeSet<String> {
    env.export().iter().filter_map(|m| m["id"].as_str().map(str::to_owned)).collect()
}

/// Searches for `word` across projects and returns the ids found.
fn found_by(env: &Env, word: &str) -> Vec<String> {
    let hits = env.json(&["memories", "search", word, "--all-projects"]);
    hits.as_array().into_iter().flatten().filter_map(|h| h["memory"]["id"].as_str().map(str::to_owned)).collect()
}

fn assert_doctor_clean(env: &Env) {
    let out = env.run(&["doctor"]);
    assert_eq!(out.status.code(), Some(0), "doctor is clean: {}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("all checks passed"), "{}", stdout(&out));
}

/// A tmpfs mounted over the env's data home for the life of the value.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Tmpfs {
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .unwrap_or_else(|e| panic!("this test needs `mount` (and root, as in CI) to mount a tmpfs: {e}"));
        assert!(
            out.status.success(),
            "this test needs root (as in CI) to mount a tmpfs at {}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        Tmpfs(dir.to_path_buf())
    }

    fn remount(&self, options: &str) {
        let out = Command::new("mount").args(["-o", &format!("remount,{options}")]).arg(&self.0).output().unwrap();
        assert!(out.status.success(), "remount {options}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Fills the file system at `dir` with one file until a write fails with "no space", then frees `leave` bytes of it.
fn fill(dir: &Path, leave: u64) -> PathBuf {
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    let chunk = vec![0x5a_u8; 16 * 1024];
    loop {
        match file.write(&chunk) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.raw_os_error() == Some(28) => break,
            Err(e) => panic!("filling the disk failed otherwise: {e}"),
        }
    }
    let _ = file.flush();
    let len = file.metadata().unwrap().len();
    file.set_len(len.saturating_sub(leave)).unwrap();
    path
}

fn import_file(dir: &Path, name: &str, records: usize, tag: &str) -> PathBuf {
    let path = dir.join(name);
    let mut f = std::fs::File::create(&path).unwrap();
    for i in 0..records {
        let line = json!({
            "id": format!("{name}-{i:04}"),
            "project": "fault-test",
            "conversationId": format!("S{}", i / 20),
            "content": format!("Record {i} of {name}: {} notes on the retry budget of the import pipeline.", unique_word(tag, i)),
            "createdAt": "2025-06-01T10:00:00Z",
        });
        writeln!(f, "{line}").unwrap();
    }
    path
}

#[test]
fn a_full_disk_fails_one_line_loses_nothing_and_mx_works_once_space_is_freed() {
    let env = Env::new();
    let _fs = Tmpfs::mount(env.home.path(), "6m");
    let mut saved: BTreeMap<String, String> = BTreeMap::new(); // id -> its unique word
    for i in 0..3 {
        let word = unique_word("before", i);
        saved.insert(env.create(&format!("Saved before the disk filled up: {word} is the cache key."), &[]), word);
    }
    let before = import_file(env.cwd.path(), "before.jsonl", 40, "imp");
    env.ok(&["import", before.to_str().unwrap()]);

    // The disk full to the last byte: create, import and an index commit (a rebuild) each fail with one line.
    let filler = fill(env.home.path(), 0);
    let out = env.run(&["memories", "create", "--content", "Written on a full disk: the shard map moved to etcd."]);
    assert_error(&out, 1, "disk holding the mx store is full");
    assert!(stderr(&out).contains("free some space"), "says what to do: {}", stderr(&out));
    let big = import_file(env.cwd.path(), "during.jsonl", 400, "during");
    assert_error(&env.run(&["import", big.to_str().unwrap()]), 1, "disk holding the mx store is full");
    assert_error(&env.run(&["index", "rebuild"]), 1, "disk holding the mx store is full");

    // Nearly full: the disk runs out at different points of a write (the SQLite log, the index segment, its
    // commit). Each attempt either saves and prints its id or fails with one line.
    let mut failures = 0;
    for (step, leave) in [4u64, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256].iter().enumerate() {
        std::fs::remove_file(&filler).unwrap();
        fill(env.home.path(), leave * 1024);
        let word = unique_word("nearly", step);
        let content = format!("Written on a nearly full disk, step {step}: {word}. {}", "Padding text. ".repeat(300));
        let out = env.run(&["memories", "create", "--content", &content]);
        match printed_id(&stdout(&out)) {
            Some(id) if out.status.success() => {
                saved.insert(id, word);
            }
            _ => {
                assert_error(&out, 1, "full");
                failures += 1;
            }
        }
        let part = import_file(env.cwd.path(), &format!("nearly-{step}.jsonl"), 60, &format!("n{step}"));
        let out = env.run(&["import", part.to_str().unwrap()]);
        if !out.status.success() {
            assert_error(&out, 1, "full");
            failures += 1;
        }
    }
    assert!(failures > 0, "the disk never ran out; make the tmpfs smaller");

    // Space freed: everything saved before is there and found, and mx writes again.
    std::fs::remove_file(env.home.path().join("filler")).unwrap();
    let ids = stored_ids(&env);
    for (id, word) in &saved {
        assert!(ids.contains(id), "{id} was printed as saved and is gone");
        assert!(found_by(&env, word).contains(id), "{id} is not found by its word {word}");
    }
    let imported = env
        .export()
        .iter()
        .filter(|m| m["externalId"].as_str().is_some_and(|e| e.starts_with("before.jsonl-")))
        .count();
    assert_eq!(imported, 40, "the import committed before the disk filled up is whole");
    let after = env.create("Written after space was freed: zqfreed names the new shard map.", &[]);
    assert!(found_by(&env, "zqfreed").contains(&after));
    env.ok(&["import", big.to_str().unwrap()]);
    assert!(!found_by(&env, &unique_word("during", 399)).is_empty(), "the retried import is searchable");
    assert_doctor_clean(&env);
}

#[test]
fn a_read_only_data_home_is_a_clear_error_with_exit_1() {
    let env = Env::new();
    let fs = Tmpfs::mount(env.home.path(), "8m");
    let id = env.create("Saved before the home turned read-only: the queue is SQS.", &[]);
    fs.remount("ro");
    for args in [
        vec!["memories", "create", "--content", "Written to a read-only home."],
        vec!["memories", "list"],
        vec!["memories", "search", "queue"],
    ] {
        let out = env.run(&args);
        assert_error(&out, 1, "cannot use the mx store at");
        assert!(stderr(&out).contains(&env.home.path().display().to_string()), "names the home: {}", stderr(&out));
    }
    fs.remount("rw");
    assert!(found_by(&env, "queue").contains(&id));
    assert_doctor_clean(&env);
}

#[test]
fn sigkill_at_random_points_of_create_and_import_loses_no_printed_id() {
    const KILLS: usize = 100;
    const RECORDS: usize = 50;
    let env = Env::new();
    env.ok(&["doctor"]);
    let mut rng = Rng::from_env("sigkill");
    let mut printed: BTreeMap<String, String> = BTreeMap::new();
    let mut finished_imports = Vec::new();
    let mut files = Vec::new();
    for round in 0..KILLS {
        let word = unique_word("kill", round);
        let (mut child, file) = if round % 2 == 0 {
            let content = format!("Round {round} before the kill: {word} names the flaky payment retry.");
            let child = env
                .std_mx()
                .args(["memories", "create", "--content", &content])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            (child, None)
        } else {
            let file = import_file(env.cwd.path(), &format!("kill-{round}.jsonl"), RECORDS, &format!("k{round}x"));
            let child = env
                .std_mx()
                .args(["import", file.to_str().unwrap(), "--format", "json"])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            (child, Some(file))
        };
        // Anywhere from before the store opens to after the process finished on its own (an import runs longer).
        let window = if round % 2 == 0 { 120_000 } else { 400_000 };
        std::thread::sleep(Duration::from_micros(rng.below(window)));
        let _ = child.kill();
        let _ = child.wait();
        let mut out = String::new();
        let _ = child.stdout.take().unwrap().read_to_string(&mut out);
        match file {
            None => {
                if let Some(id) = printed_id(&out) {
                    printed.insert(id, word);
                }
            }
            Some(file) => {
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                if serde_json::from_str::<Value>(&out).is_ok_and(|v| v["imported"] == RECORDS) {
                    finished_imports.push(name.clone());
                }
                files.push(name);
            }
        }
    }
    eprintln!("sigkill: {} creates and {} imports finished before their kill", printed.len(), finished_imports.len());

    assert_doctor_clean(&env);
    let stored = env.export();
    let ids: BTreeSet<&str> = stored.iter().filter_map(|m| m["id"].as_str()).collect();
    for (id, word) in &printed {
        assert!(ids.contains(id.as_str()), "{id} was printed and is gone");
        assert!(found_by(&env, word).contains(id), "{id} is not found by its word {word}");
    }
    // An import killed part-way holds a prefix of its file; one that printed its summary holds all of it.
    for name in &files {
        let mut kept: Vec<usize> = stored
            .iter()
            .filter_map(|m| m["externalId"].as_str()?.strip_prefix(&format!("{name}-"))?.parse().ok())
            .collect();
        kept.sort_unstable();
        assert_eq!(kept, (0..kept.len()).collect::<Vec<_>>(), "{name}: a prefix of the file");
        if finished_imports.contains(name) {
            assert_eq!(kept.len(), RECORDS, "{name} printed its summary");
        }
    }
    let created = env.create("Written after a hundred kills: zqsurvivor still takes writes.", &[]);
    assert!(found_by(&env, "zqsurvivor").contains(&created));
}

#[test]
fn truncated_and_emptied_index_files_heal_on_the_next_command() {
    let env = Env::new();
    let mut saved = Vec::new();
    for i in 0..12 {
        let word = unique_word("trunc", i);
        saved.push((env.create(&format!("Memory {i}: {word} marks the release checklist."), &[]), word));
    }
    let index = env.home.path().join("index");
    for cut in [0.5_f64, 0.0, 0.9] {
        let mut touched = 0;
        for entry in std::fs::read_dir(&index).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_file() && !name.ends_with(".lock") {
                let len = std::fs::metadata(&path).unwrap().len();
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(&path)
                    .unwrap()
                    .set_len((len as f64 * cut) as u64)
                    .unwrap();
                touched += 1;
            }
        }
        assert!(touched > 0, "the index directory had files to truncate");
        for (id, word) in &saved {
            assert!(found_by(&env, word).contains(id), "after truncating to {cut}: {word} finds {id}");
        }
        assert_doctor_clean(&env);
    }
}

/// One `mx mcp` process driven over stdio with newline-delimited JSON-RPC, as an assistant drives it.
struct McpServer {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    next_id: u64,
}

impl McpServer {
    fn start(env: &Env) -> McpServer {
        let mut child = env
            .std_mx()
            .arg("mcp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("mx mcp starts");
        let input = child.stdin.take().unwrap();
        let output = BufReader::new(child.stdout.take().unwrap());
        let mut server = McpServer { child, input, output, next_id: 1 };
        let init = server.request(
            "initialize",
            json!({"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "fault-test", "version": "0"}}),
        );
        assert!(init.get("result").is_some(), "initialize: {init}");
        server.send(&json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
        server
    }

    fn send(&mut self, message: &Value) {
        writeln!(self.input, "{message}").unwrap();
        self.input.flush().unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let mut line = String::new();
            assert!(self.output.read_line(&mut line).unwrap() > 0, "mx mcp closed its output");
            let Ok(message) = serde_json::from_str::<Value>(&line) else { continue };
            if message["id"] == id {
                return message;
            }
        }
    }

    /// Calls a tool; `Err` with the message when it failed.
    fn call(&mut self, tool: &str, arguments: Value) -> Result<Value, String> {
        let reply = self.request("tools/call", json!({"name": tool, "arguments": arguments}));
        match reply.get("result") {
            Some(result) if result["isError"] != true => Ok(result["structuredContent"].clone()),
            _ => Err(reply.to_string()),
        }
    }
}

impl Drop for McpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn index_rebuild_while_writers_and_mcp_servers_run_loses_nothing() {
    const PER_WRITER: usize = 12;
    let env = Arc::new(Env::new());
    env.ok(&["doctor"]);
    let saved: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let failed: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut workers = Vec::new();
    for w in 0..2 {
        let (env, saved, failed) = (Arc::clone(&env), Arc::clone(&saved), Arc::clone(&failed));
        workers.push(std::thread::spawn(move || {
            for i in 0..PER_WRITER {
                let word = unique_word(&format!("cli{w}x"), i);
                let out = env.run(&["memories", "create", "--content", &format!("CLI writer {w} item {i}: {word}.")]);
                match printed_id(&stdout(&out)) {
                    Some(id) if out.status.success() => saved.lock().unwrap().push((id, word)),
                    _ => failed.lock().unwrap().push(format!("create: {}", stderr(&out))),
                }
            }
        }));
    }
    for s in 0..2 {
        let (env, saved, failed) = (Arc::clone(&env), Arc::clone(&saved), Arc::clone(&failed));
        workers.push(std::thread::spawn(move || {
            let mut server = McpServer::start(&env);
            for i in 0..PER_WRITER {
                let word = unique_word(&format!("mcp{s}x"), i);
                match server.call("create_memory", json!({"content": format!("MCP server {s} item {i}: {word}.")})) {
                    Ok(v) => match v["id"].as_str() {
                        Some(id) => saved.lock().unwrap().push((id.to_owned(), word.clone())),
                        None => failed.lock().unwrap().push(format!("create_memory without id: {v}")),
                    },
                    Err(e) => failed.lock().unwrap().push(format!("create_memory: {e}")),
                }
                if let Err(e) = server.call("search_memories", json!({"query": word})) {
                    failed.lock().unwrap().push(format!("search_memories: {e}"));
                }
            }
        }));
    }
    let mut rebuilds = 0;
    while workers.iter().any(|w| !w.is_finished()) {
        let out = env.run(&["index", "rebuild"]);
        assert!(out.status.success(), "index rebuild under load failed: {}", stderr(&out));
        rebuilds += 1;
    }
    for w in workers {
        w.join().expect("worker thread");
    }
    assert!(rebuilds > 0);
    let failed = failed.lock().unwrap();
    assert!(failed.is_empty(), "{} calls failed during {rebuilds} rebuilds: {failed:?}", failed.len());
    let saved = saved.lock().unwrap();
    assert_eq!(saved.len(), 4 * PER_WRITER);
    let ids = stored_ids(&env);
    for (id, word) in saved.iter() {
        assert!(ids.contains(id), "{id} is gone");
        assert!(found_by(&env, word).contains(id), "{id} is not found by its word {word}");
    }
    assert_doctor_clean(&env);
}
