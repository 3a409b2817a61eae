//! Tool-call round trip of the MCP server on a 100,000-memory store, server already running.
//!
//! `cargo bench -p mx --bench mcp_roundtrip` builds `mx` with the bench (release) profile, generates the store once
//! into `target/tmp/bench-mcp-100k` (reused while its marker file exists), starts `mx mcp` as a child process on
//! stdio, and times `search_memories` and `recall` calls from rmcp's client: request written to the server's stdin
//! to the response parsed from its stdout. Prints p50/p95/p99 per tool.
//!
//! Knobs: `MX_BENCH_MEMORIES` (default 100000), `MX_BENCH_CALLS` (default 300 per tool).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use mx_core::{Kind, NewMemory};
use mx_store::{ImportRecord, Store};
use rmcp::ServiceExt;
use rmcp::model::CallToolRequestParams;
use serde_json::{Value, json};

const PROJECT: &str = "github.com/acme/shop";
const IMPORT_CHUNK: usize = 10_000;

const TOPICS: &[&str] = &[
    "payments",
    "auth",
    "sessions",
    "webhooks",
    "billing",
    "invoices",
    "search",
    "caching",
    "deploy",
    "ci",
    "database",
    "migrations",
    "api",
    "rate-limits",
    "logging",
    "metrics",
    "frontend",
    "mobile",
    "email",
    "queues",
    "storage",
    "security",
    "onboarding",
    "pricing",
    "reports",
    "exports",
    "imports",
    "notifications",
    "i18n",
    "accessibility",
];

const WORDS: &[&str] = &[
    "retry",
    "backoff",
    "jitter",
    "timeout",
    "idempotent",
    "transaction",
    "rollback",
    "index",
    "query",
    "latency",
    "throughput",
    "cache",
    "eviction",
    "ttl",
    "redis",
    "postgres",
    "sqlite",
    "kafka",
    "queue",
    "worker",
    "cron",
    "schema",
    "migration",
    "column",
    "foreign",
    "key",
    "constraint",
    "token",
    "jwt",
    "cookie",
    "session",
    "oauth",
    "refresh",
    "expiry",
    "webhook",
    "signature",
    "stripe",
    "invoice",
    "refund",
    "currency",
    "cents",
    "rounding",
    "decimal",
    "float",
    "tax",
    "vat",
    "locale",
    "timezone",
    "utc",
    "parser",
    "serializer",
    "json",
    "protobuf",
    "grpc",
    "rest",
    "graphql",
    "pagination",
    "cursor",
    "offset",
    "limit",
    "batch",
    "bulk",
    "stream",
    "buffer",
    "flush",
    "lock",
    "mutex",
    "deadlock",
    "race",
    "atomic",
    "snapshot",
    "replica",
    "failover",
    "shard",
    "partition",
    "tenant",
    "feature-flag",
    "rollout",
    "canary",
    "deploy",
    "container",
    "kubernetes",
    "helm",
    "terraform",
    "bucket",
    "s3",
    "cdn",
    "thumbnail",
    "upload",
    "multipart",
    "checksum",
    "hash",
    "bcrypt",
    "argon2",
    "secret",
    "vault",
    "audit",
    "PaymentProcessor",
    "SessionStore",
    "InvoiceRenderer",
    "RateLimiter",
    "WebhookHandler",
    "RetryPolicy",
    "src/payments/stripe.rs",
    "src/auth/session.rs",
    "src/billing/invoice.rs",
    "src/api/limits.rs",
    "handle_webhook",
    "compute_total",
    "refresh_token",
    "render_pdf",
    "enqueue_job",
    "parse_amount",
];

const OPENERS: &[(&str, Kind)] = &[
    ("Decided to use", Kind::Decision),
    ("We chose", Kind::Decision),
    ("Ruled out", Kind::RuledOut),
    ("Tried and abandoned", Kind::RuledOut),
    ("Constraint: never", Kind::Constraint),
    ("Must always", Kind::Constraint),
    ("Convention: name", Kind::Convention),
    ("Root cause of the bug was", Kind::Debugging),
    ("Gotcha:", Kind::Gotcha),
    ("Progress: finished", Kind::Progress),
    ("Note about", Kind::Note),
];

const QUERIES: &[&str] = &[
    "why do webhooks retry with backoff",
    "session cookie expiry",
    "PaymentProcessor refund",
    "how are invoice totals rounded",
    "rate limit per tenant",
    "postgres migration lock",
    "redis cache eviction ttl",
    "stripe signature verification",
    "src/auth/session.rs",
    "deadlock in worker queue",
    "currency cents decimal",
    "kubernetes canary rollout",
    "render_pdf thumbnail",
    "oauth refresh token",
    "batch import checksum",
    "feature-flag rollout",
];

/// Deterministic xorshift: the same store on every machine, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

fn synthetic_memory(i: usize, rng: &mut Rng, base_ms: i64) -> NewMemory {
    let (opener, kind) = *rng.pick(OPENERS);
    let words = 12 + (rng.next() % 28) as usize;
    let mut content = String::from(opener);
    for _ in 0..words {
        content.push(' ');
        let word: &&str = rng.pick(WORDS);
        content.push_str(word);
    }
    content.push_str(&format!(" (case {i})."));
    let mut new = NewMemory::default();
    new.content = content;
    new.kind = Some(kind);
    new.topics = vec![(*rng.pick(TOPICS)).to_owned(), (*rng.pick(TOPICS)).to_owned()];
    new.conversation_id = Some(format!("conv_bench_{}", i / 50));
    new.project = Some(PROJECT.to_owned());
    new.external_id = Some(format!("bench-{i}"));
    // Spread over the last ~year, one memory every ~5 minutes.
    let at_ms = base_ms - ((i as i64) * 300_000);
    new.created_at = jiff::Timestamp::from_millisecond(at_ms).ok();
    new
}

fn ensure_store(home: &Path, count: usize) -> anyhow::Result<()> {
    let marker = home.join(format!(".bench-complete-{count}"));
    if marker.exists() {
        eprintln!("reusing the {count}-memory store at {}", home.display());
        return Ok(());
    }
    if home.exists() {
        std::fs::remove_dir_all(home)?;
    }
    std::fs::create_dir_all(home)?;
    let store = Store::open(home)?;
    let started = Instant::now();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let base_ms = jiff::Timestamp::now().as_millisecond();
    let mut done = 0;
    while done < count {
        let n = IMPORT_CHUNK.min(count - done);
        let records: Vec<ImportRecord> =
            (done..done + n).map(|i| ImportRecord::Foreign(Box::new(synthetic_memory(i, &mut rng, base_ms)))).collect();
        store.import(records, &mut |_, _| {})?;
        done += n;
        eprintln!("generated {done}/{count} memories ({:.0?})", started.elapsed());
    }
    store.rebuild_index(&mut |_, _| {})?;
    std::fs::write(&marker, b"")?;
    eprintln!("store ready in {:.1?}", started.elapsed());
    Ok(())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; this harness has no filters.
    let memories = env_usize("MX_BENCH_MEMORIES", 100_000);
    let calls = env_usize("MX_BENCH_CALLS", 300);
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-mcp-{memories}"));
    ensure_store(&home, memories)?;

    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_mx"))
        .arg("mcp")
        .env("MX_HOME", &home)
        .env("MX_PROJECT", PROJECT)
        .current_dir(&home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()?;
    let (Some(stdout), Some(stdin)) = (child.stdout.take(), child.stdin.take()) else {
        anyhow::bail!("the server's stdio pipes are missing");
    };
    let client = ().serve((stdout, stdin)).await?;

    // Each tool with the arguments it takes for a query.
    type Arguments = fn(&str) -> Value;
    let tools: [(&str, Arguments); 2] =
        [("search_memories", |q| json!({ "query": q, "limit": 10 })), ("recall", |q| json!({ "query": q }))];
    println!("mx mcp round trip, {memories} memories, {calls} calls per tool, server already running");
    for (tool, args) in tools {
        // Warm-up: the first calls open index readers and fill the page cache.
        for q in QUERIES {
            call(&client, tool, args(q)).await?;
        }
        let mut times = Vec::with_capacity(calls);
        for i in 0..calls {
            let q = QUERIES[i % QUERIES.len()];
            let started = Instant::now();
            call(&client, tool, args(q)).await?;
            times.push(started.elapsed());
        }
        times.sort();
        println!(
            "{tool:<16} p50 {:>8.2?}  p95 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}",
            percentile(&times, 50.0),
            percentile(&times, 95.0),
            percentile(&times, 99.0),
            times[times.len() - 1]
        );
    }
    client.cancel().await?;
    let _ = child.wait().await;
    Ok(())
}

async fn call(
    client: &rmcp::service::RunningService<rmcp::RoleClient, ()>,
    tool: &str,
    args: Value,
) -> anyhow::Result<()> {
    let Value::Object(map) = args else { anyhow::bail!("arguments must be an object") };
    let result = client.call_tool(CallToolRequestParams::new(tool.to_owned()).with_arguments(map)).await?;
    if result.is_error == Some(true) {
        anyhow::bail!("{tool} failed: {:?}", result.content);
    }
    Ok(())
}
