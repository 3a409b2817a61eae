//! rank + structured digest over 200 candidates (the aim: under 1 ms), plus the pieces the wasm build adds
//! (in-memory BM25) and the analyser's throughput. `cargo bench -p mx-core --bench rank_digest`.

use divan::Bencher;
use jiff::Timestamp;
use mx_core::Memory;
use mx_core::bm25;
use mx_core::digest::{DigestFormat, DigestOptions, digest};
use mx_core::rank::{Candidate, QueryContext, RankingMode, rank};
use mx_core::search::Query;

fn main() {
    divan::main();
}

const QUERY: &str = "payments idempotency stripe";

fn now() -> Timestamp {
    "2026-11-26T09:00:00Z".parse().expect("valid timestamp")
}

/// 200 distinct memories: the 35 of the test fixture, each varied with its own sentence so that near-duplicate
/// suppression does not collapse them (it still compares every pair).
fn memories() -> Vec<Memory> {
    let base: Vec<Memory> =
        serde_json::from_str(include_str!("../tests/fixtures/memories.json")).expect("fixture parses");
    let words = ["checkout", "ledger", "refund", "invoice", "webhook", "session", "cache", "queue", "schema", "worker"];
    (0..200)
        .map(|i| {
            let mut m = base[i % base.len()].clone();
            m.id = mx_core::MemoryId::from_parts(m.id.unix_ms() + i as u64, i as u128 * 7919);
            m.content = format!(
                "{} Variant {i} touches the {} {} in module_{i} and {}Handler{i}.",
                m.content,
                words[i % words.len()],
                words[(i / 10) % words.len()],
                words[(i / 3) % words.len()],
            );
            m
        })
        .collect()
}

fn candidates() -> Vec<Candidate> {
    let ms = memories();
    let scores = bm25::score(&ms, QUERY);
    // The store hands over BM25 hits; give every memory a score so all 200 are ranked and digested.
    ms.into_iter().zip(scores).map(|(memory, s)| Candidate { memory, lexical: s + 0.1 }).collect()
}

fn context() -> QueryContext {
    let mut ctx = QueryContext::new(now());
    ctx.query = Some(QUERY.to_owned());
    ctx.project = Some("github.com/acme/shop".to_owned());
    ctx.conversation_id = Some("conv_feature_payments".to_owned());
    ctx
}

fn options(format: DigestFormat) -> DigestOptions {
    let mut opts = DigestOptions::new(now());
    opts.query = Some(QUERY.to_owned());
    opts.format = format;
    opts
}

/// The figure of BENCHMARKS.md: rank 200 candidates, then render the default structured digest (1,500 tokens).
#[divan::bench]
fn rank_and_structured_digest_200(bencher: Bencher) {
    let (cands, ctx, opts) = (candidates(), context(), options(DigestFormat::Structured));
    assert_eq!(cands.len(), 200);
    bencher.with_inputs(|| cands.clone()).bench_local_values(|c| {
        let ranked = rank(c, &ctx);
        digest(&ranked, &opts)
    });
}

#[divan::bench]
fn rank_200(bencher: Bencher) {
    let (cands, ctx) = (candidates(), context());
    bencher.with_inputs(|| cands.clone()).bench_local_values(|c| rank(c, &ctx));
}

/// The same without near-duplicate suppression, to show its share.
#[divan::bench]
fn rank_200_without_near_duplicates(bencher: Bencher) {
    let (cands, mut ctx) = (candidates(), context());
    ctx.weights.near_duplicate = 2.0;
    bencher.with_inputs(|| cands.clone()).bench_local_values(|c| rank(c, &ctx));
}

#[divan::bench(args = ["structured", "narrative", "timeline", "status-report", "json"])]
fn digest_200(bencher: Bencher, format: &str) {
    let ranked = rank(candidates(), &context());
    let opts = options(format.parse().expect("known format"));
    bencher.bench_local(|| digest(&ranked, &opts));
}

/// What the wasm build adds before ranking: BM25 over a plain list of 200 memories.
#[divan::bench]
fn bm25_200(bencher: Bencher) {
    let ms = memories();
    bencher.bench_local(|| bm25::score(&ms, QUERY));
}

/// What the wasm build's `rank()` does end to end since it runs `mx_core::search`: read the question, BM25 over the
/// plain list, conversation context, rank.
#[divan::bench]
fn search_pipeline_200(bencher: Bencher) {
    let ms = memories();
    let mut ctx = QueryContext::new(now());
    ctx.project = Some("github.com/acme/shop".to_owned());
    bencher.with_inputs(|| ms.clone()).bench_local_values(|ms| {
        let query = Query::parse(QUERY, now(), RankingMode::Full, |t| bm25::occurs(&ms, t));
        query.rank(bm25::candidates_for(ms, &query), ctx.clone())
    });
}

/// The analyser over one typical memory (what indexing pays per memory).
#[divan::bench]
fn analyze_one_memory(bencher: Bencher) {
    let text = memories()[8].content.clone();
    bencher.counter(divan::counter::BytesCount::of_str(&text)).bench_local(|| mx_core::analyze::analyze(&text));
}
