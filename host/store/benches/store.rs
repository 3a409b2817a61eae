//! Search, digest and import on a generated store of 100,000 realistic memories (50 projects, two years, eight
//! kinds, varied topics and lengths). Run: `cargo bench -p mx-store --bench store`.
//!
//! The store is generated once under `target/mx-bench/store-100k` and reused by later runs.

#![allow(clippy::field_reassign_with_default)]

use std::path::PathBuf;
use std::sync::OnceLock;

use jiff::Timestamp;
use mx_core::Kind;
use mx_core::digest::DigestFormat;
use mx_store::{DigestRequest, Filter, ImportRecord, Scope, SearchRequest, Store};

const MEMORIES: usize = 100_000;
const PROJECTS: usize = 50;

fn main() {
    divan::main();
}

/// xorshift64*: deterministic data without pulling randomness into the benchmark.
struct Gen(u64);
impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const TOPICS: &[&str] = &[
    "payments",
    "stripe",
    "checkout",
    "auth",
    "oauth",
    "sessions",
    "database",
    "postgres",
    "migrations",
    "caching",
    "redis",
    "search",
    "indexing",
    "api",
    "graphql",
    "rest",
    "frontend",
    "react",
    "css",
    "accessibility",
    "testing",
    "ci",
    "deploy",
    "kubernetes",
    "docker",
    "observability",
    "logging",
    "metrics",
    "performance",
    "security",
    "secrets",
    "billing",
    "invoices",
    "emails",
    "notifications",
    "webhooks",
    "queues",
    "kafka",
    "cron",
    "backups",
    "mobile",
    "ios",
    "android",
    "i18n",
    "feature-flags",
    "onboarding",
    "admin",
    "reporting",
    "exports",
    "imports",
];
const SUBJECTS: &[&str] = &[
    "the Stripe webhook handler",
    "OrderService.processRefund",
    "the checkout flow",
    "src/payments/processor.rs",
    "the session cookie",
    "user_accounts migration",
    "the Redis cache layer",
    "the GraphQL gateway",
    "the nightly export job",
    "InvoiceRenderer",
    "the Kafka consumer group",
    "the login rate limiter",
    "api/v2/orders endpoint",
    "the React cart component",
    "the Dockerfile",
    "the CI pipeline",
    "the search indexer",
    "config/feature_flags.yaml",
    "the email templates",
    "PaymentIntent confirmation",
];
const TEMPLATES: &[(Kind, &str)] = &[
    (
        Kind::Decision,
        "Decided to move {s} to a queue-based design instead of synchronous calls, because retries were hiding failures.",
    ),
    (Kind::Decision, "We chose idempotency keys for {s}; duplicates were charging customers twice."),
    (Kind::RuledOut, "Tried caching inside {s} but it didn't work: invalidation raced with writes. Ruled out."),
    (Kind::Constraint, "{s} must never log card numbers or tokens; PCI scope depends on it."),
    (Kind::Convention, "Errors in {s} are returned as Result values with typed variants, never panics."),
    (Kind::Debugging, "Root cause of the flaky failure in {s}: a DST transition in the fixture clock."),
    (Kind::Gotcha, "Gotcha: {s} silently truncates payloads above 64 KiB; split batches first."),
    (Kind::Progress, "End of session. Implemented pagination for {s}. Next: add tests for the empty page and deploy."),
    (Kind::Note, "Benchmarked {s}: p95 went from 180 ms to 40 ms after the index change."),
];
const FILLER: &[&str] = &[
    "The previous approach leaked connections under load.",
    "See the incident notes from the Tuesday outage.",
    "This also affects the mobile clients that pin the old API version.",
    "Measured on staging with production-like traffic.",
    "The team agreed in the architecture review.",
    "Keep an eye on the memory usage of the worker pods.",
];

fn generate() -> Vec<ImportRecord> {
    let mut g = Gen(0x9e37_79b9_7f4a_7c15);
    let start: Timestamp = "2024-01-01T00:00:00Z".parse().expect("valid timestamp");
    let two_years_ms = 2 * 365 * 24 * 3600 * 1000_i64;
    (0..MEMORIES)
        .map(|i| {
            let (kind, template) = TEMPLATES[(g.next() % TEMPLATES.len() as u64) as usize];
            let mut content = template.replace("{s}", g.pick(SUBJECTS));
            for _ in 0..(g.next() % 5) {
                content.push(' ');
                content.push_str(g.pick(FILLER));
            }
            let mut n = mx_core::NewMemory::default();
            n.content = content;
            n.kind = Some(kind);
            n.topics = (0..1 + g.next() % 3).map(|_| g.pick(TOPICS).to_owned()).collect();
            n.project = Some(format!("github.com/acme/project-{:02}", g.next() % PROJECTS as u64));
            n.conversation_id = Some(format!("conv_{}", i / 10));
            n.importance = Some((g.next() % 100) as f64 / 100.0);
            n.created_at =
                Some(start + jiff::SignedDuration::from_millis((i as i64) * (two_years_ms / MEMORIES as i64)));
            n.external_id = Some(format!("gen-{i}"));
            ImportRecord::Foreign(Box::new(n))
        })
        .collect()
}

fn bench_home() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("mx-bench/store-100k")
}

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let home = bench_home();
        let store = Store::open(&home).expect("open bench store");
        let all = Filter { scope: Scope::AllProjects, ..Default::default() };
        let have =
            store.stats(&all, mx_store::StatsGroup::Month).expect("stats").iter().map(|r| r.memories).sum::<usize>();
        if have < MEMORIES {
            let t = std::time::Instant::now();
            let report = store.import(generate(), &mut |_, _| {}).expect("import");
            let secs = t.elapsed().as_secs_f64();
            eprintln!(
                "generated store: {} imported in {secs:.2}s = {:.0} memories/s",
                report.imported,
                report.imported as f64 / secs
            );
        }
        store
    })
}

fn project_filter() -> Filter {
    Filter { scope: Scope::Project("github.com/acme/project-07".into()), ..Default::default() }
}

#[divan::bench(args = ["stripe webhook idempotency", "flaky DST fixture clock", "OrderService processRefund", "the"])]
fn search(bencher: divan::Bencher, query: &str) {
    let store = store();
    bencher.bench(|| {
        let mut req = SearchRequest::new(query);
        req.filter = project_filter();
        req.limit = 10;
        store.search(&req).expect("search")
    });
}

#[divan::bench]
fn digest_with_query(bencher: divan::Bencher) {
    let store = store();
    bencher.bench(|| {
        let mut req = DigestRequest::default();
        req.query = Some("payments checkout decisions".into());
        req.filter = project_filter();
        store.digest(&req).expect("digest")
    });
}

#[divan::bench]
fn digest_where_things_stand(bencher: divan::Bencher) {
    let store = store();
    bencher.bench(|| {
        let mut req = DigestRequest::default();
        req.filter = project_filter();
        req.format = DigestFormat::Structured;
        store.digest(&req).expect("digest")
    });
}

/// Whole import of the 100,000 generated memories into a fresh store (SQLite + index), once.
#[divan::bench(sample_count = 1, sample_size = 1)]
fn import_100k(bencher: divan::Bencher) {
    let records = generate();
    let dir = bench_home().with_file_name("import-scratch");
    let _ = std::fs::remove_dir_all(&dir);
    let store = Store::open(&dir).expect("open");
    bencher.bench_local(move || {
        let t = std::time::Instant::now();
        let report = store.import(records.clone(), &mut |_, _| {}).expect("import");
        eprintln!("import: {:.0} memories/s", report.imported as f64 / t.elapsed().as_secs_f64());
    });
}

/// One `create` on the 100k store as a process would do it: open the store, write to SQLite, index right away.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn open_and_create(bencher: divan::Bencher) {
    let home = bench_home();
    let _ = store();
    bencher.bench(|| {
        let store = Store::open(&home).expect("open");
        let mut n = mx_core::NewMemory::default();
        n.content = "Decided to keep the retry budget at three attempts for the payment gateway".into();
        n.project = Some("github.com/acme/project-07".into());
        n.conversation_id = Some("conv_bench".into());
        store.create(n).expect("create")
    });
}

/// A search as a fresh process does it: open the store, load the index, query.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn open_and_search(bencher: divan::Bencher) {
    let home = bench_home();
    let _ = store();
    bencher.bench(|| {
        let store = Store::open(&home).expect("open");
        let mut req = SearchRequest::new("stripe webhook idempotency");
        req.filter = project_filter();
        store.search(&req).expect("search")
    });
}
