//! The two checks every write runs: secret redaction and kind inference. `cargo bench -p mx-core --bench redact_infer`.
//!
//! Inputs: the seed memory (a typical memory, ~300 bytes), the positive redaction corpus (~9 KB, ~80
//! secrets), and ~50 KB of prose (the content limit) with no secret.
//!
//! `first_call_in_fresh_process` measures what a one-shot `mx memories create` pays: this bench binary starts itself
//! with `MX_BENCH_FIRST_CALL=<what>`, makes that one call and exits, so the regexes are compiled from nothing each
//! time. Subtract the `none` row (the process alone) to get the cost of the first call.

use std::process::Command;

use divan::Bencher;
use mx_core::infer::infer_kind;
use mx_core::redact::redact;

const FIRST_CALL_VAR: &str = "MX_BENCH_FIRST_CALL";

fn main() {
    match std::env::var(FIRST_CALL_VAR).as_deref() {
        Err(_) => divan::main(),
        Ok("infer") => drop(divan::black_box(infer_kind(SEED))),
        Ok("redact") => drop(divan::black_box(redact(SEED))),
        Ok("both") => drop(divan::black_box((redact(SEED), infer_kind(SEED)))),
        Ok("redact-secrets-9k") => drop(divan::black_box(redact(&inputs()[1].1))),
        Ok(_) => {}
    }
}

const SEED: &str = "End of session. Implemented idempotency key pattern on all Stripe calls — using UUID v4 keyed on \
(userId, action, timestamp). Added Redis store for processed keys (24hr TTL). Next: write integration tests. Known \
issue: Redis connection pool config needs revisiting for high-load scenarios.";

fn inputs() -> [(&'static str, String); 3] {
    let corpus = include_str!("../tests/fixtures/redact/positives.txt").replace(['«', '»'], "");
    let prose = vec![SEED; 160].join("\n");
    [("seed", SEED.to_owned()), ("secrets-9k", corpus), ("prose-47k", prose)]
}

#[divan::bench(args = ["seed", "secrets-9k", "prose-47k"])]
fn redact_text(bencher: Bencher, name: &str) {
    let text = inputs().into_iter().find(|(n, _)| *n == name).map(|(_, t)| t).unwrap_or_default();
    bencher.bench(|| redact(divan::black_box(&text)));
}

#[divan::bench(args = ["seed", "secrets-9k", "prose-47k"])]
fn infer_text(bencher: Bencher, name: &str) {
    let text = inputs().into_iter().find(|(n, _)| *n == name).map(|(_, t)| t).unwrap_or_default();
    bencher.bench(|| infer_kind(divan::black_box(&text)));
}

#[divan::bench(args = ["none", "infer", "redact", "both", "redact-secrets-9k"], sample_count = 30, sample_size = 1)]
fn first_call_in_fresh_process(bencher: Bencher, what: &str) {
    let Ok(exe) = std::env::current_exe() else { return };
    bencher.bench(|| Command::new(&exe).env(FIRST_CALL_VAR, what).status().map(|s| s.success()));
}
