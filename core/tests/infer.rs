//! Kind inference on memories written the way assistants and developers write them.
//!
//! Each case is a realistic memory and the kind a reader would file it under. Every case is asserted; a failure
//! lists all the cases that went wrong, with the rule that fired, so a rule change shows its whole effect at once.

use mx_core::Kind::{self, *};
use mx_core::infer::infer_kind;

const SEED_PROGRESS: &str = "End of session. Implemented idempotency key pattern on all Stripe calls — using UUID v4 \
keyed on (userId, action, timestamp). Added Redis store for processed keys (24hr TTL). Next: write integration tests. \
Known issue: Redis connection pool config needs revisiting for high-load scenarios.";

const CASES: &[(&str, Kind)] = &[
    // ── the examples of the issue
    (SEED_PROGRESS, Progress),
    ("We use a Result type pattern, not exceptions, in the payment processor", Decision),
    // ── decision
    (
        "Decided to keep SQLite as the system of record and treat the tantivy index as derived; it can always be rebuilt.",
        Decision,
    ),
    (
        "Going with Postgres advisory locks for the job scheduler — we already run Postgres and it avoids adding Redis.",
        Decision,
    ),
    ("Chose zod over yup for request validation because it infers TypeScript types from the schema.", Decision),
    ("Use pnpm instead of npm in this monorepo; workspaces and the lockfile are much faster.", Decision),
    (
        "We went with server-sent events rather than websockets for the notifications feed since it's one-way traffic.",
        Decision,
    ),
    (
        "Decision: API versioning via URL prefix (/v1, /v2), not headers. Easier to route at the load balancer.",
        Decision,
    ),
    ("Settled on 15-minute access tokens with rotating refresh tokens stored in an HttpOnly cookie.", Decision),
    ("Switched from moment.js to date-fns to cut 60 KB from the bundle.", Decision),
    (
        "Picked tokio's current-thread runtime for the CLI; the multi-thread one added 8 ms to startup for nothing.",
        Decision,
    ),
    ("The team opted for feature flags via LaunchDarkly in favour of long-lived release branches.", Decision),
    // ── ruled-out
    (
        "Tried caching the rendered markdown in localStorage but it didn't work: Safari private mode throws on setItem.",
        RuledOut,
    ),
    (
        "Ruled out GraphQL for the public API — clients are mostly curl scripts and the N+1 risk isn't worth it.",
        RuledOut,
    ),
    ("Rejected Kafka for the event bus: too much ops overhead for 200 events/minute.", RuledOut),
    (
        "Abandoned the pure-CSS approach to the sticky table header; position: sticky doesn't work inside overflow containers.",
        RuledOut,
    ),
    ("Decided against using an ORM for the reporting queries; the generated SQL was unreadable and slow.", RuledOut),
    (
        "Attempted to run the e2e suite in parallel with 4 workers; it failed because the tests share one database.",
        RuledOut,
    ),
    ("Server components for the dashboard are not an option yet — our auth library needs the browser.", RuledOut),
    ("Experimented with SIMD JSON parsing, too complex for a 3% win. Dead end for now.", RuledOut),
    // ── constraint
    (
        "Card numbers must never be logged or stored; we are PCI-DSS scoped only for the tokenization service.",
        Constraint,
    ),
    ("The mobile app must support iOS 15, so no APIs newer than that in the shared Swift package.", Constraint),
    ("Lambda payloads are limited to 6 MB; anything larger has to go through S3 presigned URLs.", Constraint),
    ("Only TLS 1.2 and above is allowed by the client's security policy.", Constraint),
    ("Customer data must not leave the EU region (GDPR contract with Acme).", Constraint),
    ("The public API cannot break existing clients: additive changes only until v3.", Constraint),
    ("Node 18 is required in production; the base image is pinned by the platform team.", Constraint),
    ("Rate limit on the GitHub API is 5000 requests/hour per token; the sync job must stay under that.", Constraint),
    // ── convention
    ("Convention: React components in PascalCase files, hooks in camelCase starting with use.", Convention),
    (
        "Always put database migrations in db/migrations with a timestamp prefix, e.g. 20240105_add_orders.sql.",
        Convention,
    ),
    ("Naming: feature branches are feat/<ticket>-<slug>, fixes are fix/<ticket>-<slug>.", Convention),
    ("We prefer early returns over nested ifs in handlers; keeps the happy path unindented.", Convention),
    ("Error messages in the CLI are lowercase and have no trailing period, like rustc's.", Convention),
    ("Style: tests live next to the code as foo.test.ts, not in a separate __tests__ folder.", Convention),
    (
        "Commit messages follow Conventional Commits (feat:, fix:, chore:) so the changelog can be generated.",
        Convention,
    ),
    ("In this repo env vars are SCREAMING_SNAKE_CASE and always prefixed with APP_.", Convention),
    // ── debugging
    (
        "Root cause of the flaky checkout test: the mock clock wasn't reset between tests, so the coupon expired mid-run.",
        Debugging,
    ),
    ("The bug was an off-by-one in the pagination cursor — we fetched limit+1 rows but sliced limit-1.", Debugging),
    (
        "Fixed by awaiting the transaction commit before publishing the event; the consumer was reading stale rows.",
        Debugging,
    ),
    (
        "Stack trace pointed at serde's deserializer, but it was caused by a BOM at the start of the uploaded CSV.",
        Debugging,
    ),
    ("Memory leak in the websocket server turned out to be listeners never removed on disconnect.", Debugging),
    (
        "Bisected the perf regression to commit 4e1f2a9: the new logger formats every debug line even when disabled.",
        Debugging,
    ),
    (
        "500s on /api/orders were caused by a connection pool exhausted by an un-awaited query in the retry path.",
        Debugging,
    ),
    ("Segfault in the image resizer came from libvips 8.14; upgrading to 8.15 fixed it.", Debugging),
    // ── gotcha
    ("Gotcha: Date.parse treats '2024-03-01' as UTC but '2024/03/01' as local time.", Gotcha),
    ("Watch out — the staging and prod Stripe webhooks share one endpoint secret name but different values.", Gotcha),
    ("Beware: jest's fake timers don't advance promises; use await jest.runAllTimersAsync().", Gotcha),
    ("Careful with `cargo test -- --test-threads=1` in CI, it hides the data race in the cache tests.", Gotcha),
    ("Known issue: the PDF export cuts off tables wider than A4; users have to switch to landscape.", Gotcha),
    ("Surprisingly, Array.prototype.sort on numbers sorts them as strings unless you pass a comparator.", Gotcha),
    ("The docker-compose healthcheck silently passes when curl is missing from the image.", Gotcha),
    ("Heads up: `git mv` on macOS won't change case-only renames without core.ignorecase=false.", Gotcha),
    // ── progress
    ("Next: wire the retry queue into the webhook handler and add metrics.", Progress),
    ("WIP: migrating the billing pages to the new design system, 6 of 11 done.", Progress),
    ("Status: auth refactor merged, search endpoint in progress, deploy script untouched.", Progress),
    ("Blocked on the security review for the new OAuth scopes; pinged the platform team.", Progress),
    ("Done: CSV import with validation and error report. Remaining: large-file streaming.", Progress),
    ("Implemented the export command and its JSONL format. Still need to write the import side.", Progress),
    ("TODO: add pagination to the admin user list before the beta.", Progress),
    ("Wrapping up for today — finished the onboarding emails, started on the Slack integration.", Progress),
    // ── note: none of the above
    ("The staging database is on db-staging-2.internal, port 5433.", Note),
    ("Maria owns the payments service; Tom is the contact for the data warehouse.", Note),
    ("Useful article on tantivy's segment merging: https://fulmicoton.com/posts/behold-tantivy-part2/", Note),
    ("The repo has three crates: core, store and cli.", Note),
];

#[test]
fn infers_the_expected_kind_for_every_realistic_memory() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|(text, expected)| {
            let got = infer_kind(text);
            (got.kind != *expected)
                .then(|| format!("expected {expected}, got {} via {}\n    {text}", got.kind, got.rule))
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} cases wrong:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}

#[test]
fn covers_every_kind_with_enough_cases() {
    assert!(CASES.len() >= 60, "only {} cases", CASES.len());
    for kind in Kind::ALL {
        let n = CASES.iter().filter(|(_, k)| *k == kind).count();
        assert!(n >= 4, "{kind} has only {n} cases");
    }
}

#[test]
fn the_rule_names_the_cue_that_fired() {
    assert_eq!(infer_kind("Decided to use Postgres.").rule, "\"decided\" → decision");
    assert_eq!(infer_kind("Root cause: the cache key ignored the locale.").rule, "\"root cause\" → debugging");
    assert_eq!(
        infer_kind("We use a Result type pattern, not exceptions, in the payment processor").rule,
        "\"we use X, not Y\" → decision (4 vs debugging 1)"
    );
    assert_eq!(infer_kind("The repo has three crates.").rule, "no rule matched → note");
    assert_eq!(infer_kind("Added a README.").rule, "only weak cues (\"added\") → note");
}

#[test]
fn the_seed_session_summary_is_progress_despite_its_known_issue() {
    let inference = infer_kind(SEED_PROGRESS);
    assert_eq!(inference.kind, Progress);
    assert!(inference.rule.starts_with("\"end of session\" + \"next:\""), "{}", inference.rule);
    assert!(inference.rule.contains("vs gotcha 3"), "{}", inference.rule);
}

#[test]
fn cues_respect_word_boundaries_and_case() {
    // "trapezoid" is not "trap", "mustard" is not "must", "nevertheless" is not "never".
    assert_eq!(infer_kind("The trapezoid rule integrates mustard sales; nevertheless fine.").kind, Note);
    assert_eq!(infer_kind("ROOT CAUSE: DNS TTL of 0 on the internal resolver.").kind, Debugging);
}

#[test]
fn a_memory_with_cues_of_several_kinds_goes_to_the_strongest() {
    // A decision that mentions what it replaced stays a decision.
    assert_eq!(infer_kind("Decided to use argon2id instead of bcrypt; bcrypt truncates at 72 bytes.").kind, Decision);
    // One known issue inside a debugging story: the story wins.
    assert_eq!(
        infer_kind("Root cause of the timeouts: DNS lookups on every request. Fixed by caching the resolver. Known issue: cache never expires.").kind,
        Debugging
    );
}
