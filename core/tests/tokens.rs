//! The token estimator against a real BPE tokenizer: OpenAI's cl100k_base (bundled by tiktoken-rs, no network).
//! The estimator's promise (core/src/tokens.rs): never under-count by more than 10% on English and code.

use mx_core::tokens::estimate;

/// Realistic samples of what digests carry: prose, memory contents, code, identifiers, paths, JSON, markdown,
/// numbers, URLs, non-Latin text.
const SAMPLES: &[&str] = &[
    // English prose.
    "End of session. Implemented idempotency key pattern on all Stripe calls — using UUID v4 keyed on (userId, action, timestamp). Added Redis store for processed keys (24hr TTL). Next: write integration tests. Known issue: Redis connection pool config needs revisiting for high-load scenarios.",
    "We use a Result type pattern, not exceptions, in the payment processor. Errors are values; callers must handle them explicitly, which keeps retries and refunds visible in the type signatures.",
    "The flaky CI failure in the checkout tests was a race between the webhook handler and the order writer: the test asserted before the background job committed. Root cause confirmed by adding a deterministic clock.",
    "Tried mocking the Stripe SDK with nock, but it didn't work because the SDK uses its own HTTP agent with keep-alive; ruled out in favour of the official stripe-mock server running in Docker.",
    "Never log full card numbers or CVC codes, not even in debug builds; PCI DSS scope would grow to every log sink.",
    "Migrating authentication from session cookies to short-lived JWT access tokens with rotating refresh tokens. Half the routes are done; the admin panel still reads req.session directly.",
    "I think the main problem is that nobody wrote down why we chose Postgres advisory locks over Redis locks, so every new engineer proposes Redlock again.",
    "Conventions: branch names are type/short-description, commits follow Conventional Commits, and every PR that touches migrations needs a second reviewer from the platform team.",
    "Gotcha: the staging database is restored from production every Sunday at 03:00 UTC, which wipes any test accounts you created during the week.",
    "Because the payments service must stay PCI compliant, no third-party analytics scripts may be loaded on the checkout pages, including the marketing team's tag manager.",
    "Progress: 14 of 22 integration tests pass. Blocked on the sandbox account's webhook secret; asked finance for access on Tuesday. TODO: re-enable the refund tests once the secret arrives.",
    // Code.
    "fn process_payment(&self, req: &PaymentRequest) -> Result<Receipt, PaymentError> {\n    let key = IdempotencyKey::new(req.user_id, Action::Charge, req.timestamp);\n    self.stripe.charges().create(&req.to_params(), Some(&key))?;\n}",
    "export async function handleWebhook(req: Request): Promise<Response> {\n  const sig = req.headers.get('stripe-signature');\n  if (!sig) return new Response('missing signature', { status: 400 });\n  const event = stripe.webhooks.constructEvent(await req.text(), sig, WEBHOOK_SECRET);\n  return Response.json({ received: true });\n}",
    "def retry_with_backoff(fn, attempts=5, base_delay=0.2):\n    for attempt in range(attempts):\n        try:\n            return fn()\n        except TransientError as exc:\n            time.sleep(base_delay * 2 ** attempt)\n    raise RetryExhausted(attempts)",
    "SELECT o.id, o.total_cents, p.status FROM orders o JOIN payments p ON p.order_id = o.id WHERE p.created_at > now() - interval '24 hours' AND p.status IN ('failed', 'requires_action');",
    "redis.pool.max_connections = 64\nredis.pool.min_idle = 8\nredis.pool.connection_timeout_ms = 250\n[payments.stripe]\napi_version = \"2024-06-20\"",
    "use std::sync::{Arc, Mutex};\nlet processed: Arc<Mutex<HashMap<String, Instant>>> = Arc::new(Mutex::new(HashMap::new()));",
    // Identifiers, paths, ids, numbers.
    "src/payments/stripe.rs src/payments/idempotency.rs host/store/src/index.rs core/tests/fixtures/memories.json",
    "PaymentProcessor HTTPServer parseJSONResponse idempotency_key user.email std::sync::Arc MAX_CONTENT_CHARS",
    "01jd2x3y4z5a7b8c9d0e1f2g3h 2026-11-25T10:00:00Z 3f9a1c7e2b 550e8400-e29b-41d4-a716-446655440000",
    "Order 4421 failed at 12:41:07 with 502; retried 3 times over 1,250 ms; total $1,234.56 refunded on 2026-11-20.",
    "https://api.stripe.com/v1/payment_intents?limit=10&expand[]=data.customer postgres://app@db.internal:5432/payments",
    // Markdown digest shapes.
    "# Project memory — payments feature\n\n## Where things stand\n- Implemented idempotency keys on all Stripe calls (01jd2x3y4z5a, 2026-11-25, conv_feature_payments)\n  - Next: write integration tests.\n  - Known issue: Redis pool config needs revisiting.\n\n## Decisions\n- We use a Result type pattern, not exceptions (01jd1a2b3c4d, 2026-11-18, conv_feature_payments)\n",
    "{\"id\":\"01jd2x3y4z5a7b8c9d0e1f2g3h\",\"section\":\"decisions\",\"score\":1.234,\"kind\":\"decision\",\"date\":\"2026-11-18\",\"conversationId\":\"conv_feature_payments\",\"topics\":[\"payments\",\"errors\"]}",
    // Non-Latin and accented text.
    "Die Zahlungsabwicklung verwendet idempotente Schlüssel für alle Stripe-Aufrufe; größere Änderungen bitte zuerst im Team besprechen.",
    "決済処理では例外ではなく Result 型を使う。Stripe の呼び出しはすべて冪等キーを付ける。",
    "Платёжный модуль использует тип Result вместо исключений.",
    "Shipped 🎉 the refund flow ✅ — next up: dispute webhooks 🚧",
];

fn real_tokens(text: &str) -> usize {
    tiktoken_rs::cl100k_base_singleton().encode_ordinary(text).len()
}

#[test]
fn never_under_counts_by_more_than_ten_percent() {
    let mut report = String::new();
    let mut failures = Vec::new();
    let (mut est_sum, mut real_sum) = (0usize, 0usize);
    for sample in SAMPLES {
        let (est, real) = (estimate(sample), real_tokens(sample));
        est_sum += est;
        real_sum += real;
        let ratio = est as f64 / real as f64;
        report.push_str(&format!(
            "{ratio:5.2} est {est:4} real {real:4}  {}\n",
            sample.chars().take(60).collect::<String>()
        ));
        if (est as f64) < 0.9 * real as f64 {
            failures.push(format!("{est} < 0.9 × {real}: {sample:?}"));
        }
    }
    println!("{report}overall: est {est_sum} real {real_sum} ({:.2})", est_sum as f64 / real_sum as f64);
    assert!(failures.is_empty(), "the estimator under-counts:\n{}\n{report}", failures.join("\n"));
}

#[test]
fn overall_overcount_stays_modest() {
    // Over-counting wastes the user's budget: keep the whole corpus within 40% above the real count.
    let est: usize = SAMPLES.iter().map(|s| estimate(s)).sum();
    let real: usize = SAMPLES.iter().map(|s| real_tokens(s)).sum();
    assert!(est as f64 <= 1.4 * real as f64, "estimate {est} vs real {real}");
}

#[test]
fn long_documents_stay_within_bounds() {
    // Many memories joined, as a digest would: the per-sample bound holds for the whole too.
    let joined = SAMPLES.join("\n");
    let (est, real) = (estimate(&joined), real_tokens(&joined));
    assert!(est as f64 >= 0.9 * real as f64, "estimate {est} vs real {real}");
}
