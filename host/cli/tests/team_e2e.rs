//! Team sync end to end: a real PostgreSQL, real `mx serve` processes and the real `mx` CLI with separate data
//! homes. Needs a database, so the tests are ignored in the plain Rust suite; scripts/test.d/70-team.sh starts a
//! throwaway cluster (scripts/pg-cluster), sets MX_TEST_DATABASE_URL and runs them with `--include-ignored`.

mod cli_support;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};

use cli_support::Env;
use serde_json::Value;

const NEEDS_PG: &str = "needs PostgreSQL: run by scripts/test.d/70-team.sh";

fn database_url() -> String {
    std::env::var("MX_TEST_DATABASE_URL").expect("MX_TEST_DATABASE_URL names the test database (scripts/pg-cluster)")
}

/// Runs SQL through psql and returns its unaligned output.
fn psql(sql: &str) -> String {
    let psql = std::env::var("MX_TEST_PSQL").unwrap_or_else(|_| "psql".to_owned());
    let out = Command::new(psql).args([&database_url(), "-tAc", sql]).output().expect("psql runs");
    assert!(out.status.success(), "psql failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8").trim().to_owned()
}

fn team_count(team: &str) -> i64 {
    psql(&format!(
        "SELECT count(*) FROM memories m JOIN teams t ON t.id = m.team_id WHERE t.name = '{team}' AND NOT m.deleted"
    ))
    .parse()
    .expect("a count")
}

/// A unique team name per test run: tests share one database.
fn team_name(label: &str) -> String {
    format!("{label}-{}-{}", std::process::id(), rand_suffix())
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64 % 1_000_000_007)
}

/// An `mx serve` process on a free port; killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mx"))
            .args(["serve", "--listen", "127.0.0.1:0", "--rate-limit", "10000"])
            .env("MX_DATABASE_URL", database_url())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("mx serve starts");
        let stdout = child.stdout.take().expect("piped");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("mx serve prints its address");
        let url = line.trim().rsplit(' ').next().expect("an address").to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "unexpected first line: {line}");
        Server { child, url }
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn create_key(team: &str, user: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mx"))
        .args(["serve", "key", "create", "--team", team, "--user", user])
        .env("MX_DATABASE_URL", database_url())
        .output()
        .expect("mx serve key create runs");
    assert!(out.status.success(), "key create failed: {}", String::from_utf8_lossy(&out.stderr));
    let key = String::from_utf8(out.stdout).expect("UTF-8").trim().to_owned();
    assert!(key.starts_with("mxk_"), "{key}");
    key
}

/// A machine: its own data home, logged in to `server` with `key`.
fn machine(server: &Server, key: &str) -> Env {
    let env = Env::new();
    login(&env, &server.url, key);
    env
}

fn login(env: &Env, url: &str, key: &str) {
    let out = env
        .mx()
        .args(["auth", "login", "--server", url, "--api-key-stdin"])
        .write_stdin(format!("{key}\n"))
        .output()
        .expect("mx runs");
    assert!(out.status.success(), "login failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// Points a logged-in machine at another server with the same key (what a load balancer would do).
fn use_server(env: &Env, url: &str) {
    let path = env.home.path().join("credentials.json");
    let mut creds: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("credentials")).expect("JSON");
    creds["server"] = Value::String(url.to_owned());
    std::fs::write(&path, creds.to_string()).expect("write");
}

fn sync(env: &Env) -> Value {
    env.json(&["team", "sync"])
}

fn search_contents(env: &Env, query: &str) -> Vec<String> {
    let v = env.json(&["memories", "search", query, "--project", "acme-api"]);
    v.as_array()
        .or_else(|| v["results"].as_array())
        .expect("search prints a list")
        .iter()
        .filter_map(|r| r["memory"]["content"].as_str().or_else(|| r["content"].as_str()).map(str::to_owned))
        .collect()
}

#[test]
#[ignore = "needs PostgreSQL: run by scripts/test.d/70-team.sh"]
fn a_memory_its_update_and_its_delete_travel_between_two_machines_through_two_servers() {
    let _ = NEEDS_PG;
    let team = team_name("travel");
    let (s1, s2) = (Server::start(), Server::start());
    let a = machine(&s1, &create_key(&team, "alice"));
    let b = machine(&s2, &create_key(&team, "bob"));

    let id = a.create(
        "We chose PostgreSQL for the team server because teams already run it",
        &["--project", "acme-api", "--kind", "decision"],
    );
    sync(&b);
    assert_eq!(
        search_contents(&b, "postgresql team server"),
        ["We chose PostgreSQL for the team server because teams already run it"]
    );

    a.ok(&[
        "memories",
        "update",
        &id,
        "--content",
        "We chose PostgreSQL 15 for the team server: teams already run and back it up",
    ]);
    sync(&b);
    let got = b.json(&["memories", "get", &id]);
    let content = got["content"].as_str().or_else(|| got["memory"]["content"].as_str()).expect("content");
    assert!(content.starts_with("We chose PostgreSQL 15"), "{got}");

    a.ok(&["memories", "delete", &id, "--yes"]);
    sync(&b);
    let out = b.run(&["memories", "get", &id]);
    assert!(!out.status.success(), "the delete did not travel");
    assert_eq!(team_count(&team), 0);
}

#[test]
#[ignore = "needs PostgreSQL: run by scripts/test.d/70-team.sh"]
fn eight_clients_pushing_200_memories_each_through_two_servers_all_end_with_1600() {
    let team = team_name("eight");
    let servers = [Server::start(), Server::start()];
    let key = create_key(&team, "ci");
    let clients: Vec<Env> = (0..8).map(|i| machine(&servers[i % 2], &key)).collect();
    std::thread::scope(|scope| {
        for (i, env) in clients.iter().enumerate() {
            scope.spawn(move || {
                let lines: String = (0..200)
                    .map(|n| format!("{{\"content\":\"client {i} memory {n}: the retry budget is 300 ms\",\"project\":\"acme-api\"}}\n"))
                    .collect();
                let out = env
                    .mx()
                    .args(["memories", "create", "--stdin-jsonl", "--format", "json"])
                    .write_stdin(lines)
                    .output()
                    .expect("mx runs");
                assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                sync(env);
            });
        }
    });
    for env in &clients {
        sync(env);
        let all = env.json(&["memories", "list", "--all-projects", "--limit", "5000"]);
        let all = all.as_array().expect("a list");
        let mut ids: Vec<&str> = all.iter().filter_map(|m| m["id"].as_str()).collect();
        assert_eq!(ids.len(), 1600);
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 1600, "duplicates");
    }
    assert_eq!(team_count(&team), 1600);
}

#[test]
#[ignore = "needs PostgreSQL: run by scripts/test.d/70-team.sh"]
fn a_server_killed_mid_push_then_the_retry_through_the_other_stores_everything_once() {
    let team = team_name("killed");
    let (mut s1, s2) = (Server::start(), Server::start());
    let key = create_key(&team, "ci");
    let a = Env::new();
    // Queue 3,000 memories before logging in, so that the first sync pushes them all in several requests.
    let lines: String = (0..3000)
        .map(|n| format!("{{\"content\":\"bulk memory {n} about the import pipeline\",\"project\":\"acme-api\"}}\n"))
        .collect();
    a.mx().args(["memories", "create", "--stdin-jsonl", "--format", "json"]).write_stdin(lines).assert().success();
    login(&a, &s1.url, &key);
    let mut push =
        a.std_mx().args(["team", "sync"]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("spawn");
    // Kill the server as soon as some of the push has landed.
    for _ in 0..2000 {
        if team_count(&team) > 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    s1.kill();
    let status = push.wait().expect("wait");
    let landed = team_count(&team);
    if status.success() {
        // The whole push beat the kill: nothing to retry, but the count must still be exact.
        assert_eq!(landed, 3000);
    } else {
        assert_eq!(status.code(), Some(4), "a dead server is a network failure");
    }
    use_server(&a, &s2.url);
    let report = sync(&a);
    assert_eq!(team_count(&team), 3000, "after {report}");
    let status = a.json(&["team", "status"]);
    assert_eq!(status["pending"], 0);
}

#[test]
#[ignore = "needs PostgreSQL: run by scripts/test.d/70-team.sh"]
fn with_the_server_stopped_create_succeeds_and_the_memory_syncs_later() {
    let team = team_name("offline");
    let mut s1 = Server::start();
    let key = create_key(&team, "ci");
    let a = machine(&s1, &key);
    let url = s1.url.clone();
    s1.kill();
    let started = std::time::Instant::now();
    let out = a.run(&[
        "memories",
        "create",
        "--content",
        "Offline decision: keep the queue in SQLite",
        "--project",
        "acme-api",
    ]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one note: {stderr}");
    assert!(stderr.contains("mx team sync"), "{stderr}");
    // Not a timing assertion on mx's speed: a create must not wait on TCP time-outs (tens of seconds).
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(a.json(&["team", "status"])["pending"], 1);
    let out = a.run(&["team", "sync"]);
    assert_eq!(out.status.code(), Some(4), "{}", String::from_utf8_lossy(&out.stderr));
    let s2 = Server::start();
    assert_ne!(url, s2.url);
    use_server(&a, &s2.url);
    sync(&a);
    assert_eq!(team_count(&team), 1);
}

#[test]
#[ignore = "needs PostgreSQL: run by scripts/test.d/70-team.sh"]
fn a_wrong_key_exits_3_and_another_teams_key_sees_nothing() {
    let team = team_name("ours");
    let other = team_name("theirs");
    let s = Server::start();
    let a = machine(&s, &create_key(&team, "alice"));
    a.create("Our billing API distinguishes recoverable errors", &["--project", "acme-api"]);
    sync(&a);

    let out = Env::new()
        .mx()
        .args(["auth", "login", "--server", &s.url, "--api-key-stdin"])
        .write_stdin("mxk_nosuchkey00_0000000000000000\n")
        .output()
        .expect("mx runs");
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("mx auth login"), "{stderr}");

    let c = machine(&s, &create_key(&other, "carol"));
    let report = sync(&c);
    assert_eq!(report["pulled"], 0);
    assert!(c.json(&["memories", "list", "--all-projects"]).as_array().expect("list").is_empty());
}

#[test]
#[ignore = "needs PostgreSQL: run by scripts/test.d/70-team.sh"]
fn global_unshared_and_private_memories_never_reach_postgresql() {
    let team = team_name("private");
    let s = Server::start();
    let a = machine(&s, &create_key(&team, "alice"));
    let global = a.create("My editor prefers tabs, globally", &["--global"]);
    a.ok(&["team", "unshare", "--project", "secret-project"]);
    let unshared = a.create("Secret project detail", &["--project", "secret-project"]);
    let shared = a.create("Shared project detail", &["--project", "acme-api"]);
    let private = a.create("My own reminder about the acme-api rollout", &["--project", "acme-api", "--private"]);
    let shown = a.json(&["memories", "get", &private]);
    assert_eq!(shown["private"], true, "{shown}");
    sync(&a);
    let ids = psql(&format!(
        "SELECT string_agg(m.id, ',') FROM memories m JOIN teams t ON t.id = m.team_id WHERE t.name = '{team}'"
    ));
    assert_eq!(ids, shared);
    assert!(!ids.contains(&global) && !ids.contains(&unshared) && !ids.contains(&private));
    let any = psql(&format!("SELECT count(*) FROM memories WHERE id IN ('{global}', '{unshared}', '{private}')"));
    assert_eq!(any, "0");
    // Still there, and still private, on the machine that wrote it.
    assert_eq!(a.json(&["memories", "get", &private])["private"], true);
}

#[test]
#[ignore = "needs PostgreSQL: run by scripts/test.d/70-team.sh"]
fn a_raw_http_client_cannot_store_a_pasted_secret() {
    let team = team_name("raw");
    let s = Server::start();
    let key = create_key(&team, "script");
    let id = "01jd0000000000000000000000";
    let token = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
    let body = serde_json::json!({ "changes": [{
        "id": id, "version": 1_733_000_000_000i64, "memory": {
            "id": id, "content": format!("deploy with {token} from CI"), "kind": "note",
            "conversationId": "conv_01jd0000000000000000000000", "project": "acme-api",
            "createdAt": "2024-12-01T00:00:00Z", "updatedAt": "2024-12-01T00:00:00Z"
        }
    }]});
    let out = Command::new("curl")
        .args(["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", &format!("{}/v1/push", s.url)])
        .args(["-H", &format!("Authorization: Bearer {key}"), "-H", "Content-Type: application/json", "-d"])
        .arg(body.to_string())
        .output()
        .expect("curl runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "200");
    let stored = psql(&format!("SELECT body->>'content' FROM memories WHERE id = '{id}'"));
    assert!(!stored.contains(token), "{stored}");
    assert!(stored.contains("[redacted"), "{stored}");

    // Unknown fields are refused, and so is a missing key.
    let mut bad = body.clone();
    bad["extra"] = Value::Bool(true);
    let out = Command::new("curl")
        .args(["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", &format!("{}/v1/push", s.url)])
        .args(["-H", &format!("Authorization: Bearer {key}"), "-H", "Content-Type: application/json", "-d"])
        .arg(bad.to_string())
        .output()
        .expect("curl runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "422");
    let mut stdin_writer = Command::new("curl")
        .args(["-sS", "-o", "/dev/null", "-w", "%{http_code}", &format!("{}/v1/whoami", s.url)])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("curl runs");
    let _ = stdin_writer.stdin.take().map(|mut w| w.flush());
    let out = stdin_writer.wait_with_output().expect("curl");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "401");
}
