//! Digests over a realistic fixture: 35 memories of a shop's repository across five conversations (a payments
//! feature with Stripe idempotency, an auth migration, a flaky-CI hunt, repository conventions, an old search
//! performance push), every kind, and a superseded decision. "Now" is fixed.

use jiff::Timestamp;
use mx_core::Memory;
use mx_core::bm25;
use mx_core::digest::{Digest, DigestFormat, DigestOptions, digest, where_things_stand};
use mx_core::rank::{QueryContext, RankingMode, rank};
use mx_core::search::Query;
use mx_core::tokens::estimate;

const PROJECT: &str = "github.com/acme/shop";

fn now() -> Timestamp {
    "2026-11-26T09:00:00Z".parse().expect("valid timestamp")
}

fn fixture() -> Vec<Memory> {
    serde_json::from_str(include_str!("fixtures/memories.json")).expect("fixture parses")
}

fn by_key<'a>(memories: &'a [Memory], key: &str) -> &'a Memory {
    memories.iter().find(|m| m.external_id.as_deref() == Some(key)).expect("fixture key exists")
}

/// The whole pipeline a plain-list caller (wasm, tests) runs: read the question, BM25 candidates, rank, digest —
/// what `mx memories digest --query` does over the store ([`mx_core::search`]).
fn run(query: Option<&str>, format: DigestFormat, max_tokens: usize) -> Digest {
    let ranked = match query {
        Some(q) => search(q),
        None => where_things_stand(fixture(), now()),
    };
    let mut opts = DigestOptions::new(now());
    opts.format = format;
    opts.max_tokens = max_tokens;
    opts.query = query.map(str::to_owned);
    digest(&ranked, &opts)
}

/// The fixture ranked for a question, as `mx memories search` ranks it ([`mx_core::search`]).
fn search(q: &str) -> Vec<mx_core::rank::Ranked> {
    let mut ctx = QueryContext::new(now());
    ctx.project = Some(PROJECT.to_owned());
    let memories = fixture();
    let query = Query::parse(q, now(), RankingMode::Full, |term| bm25::occurs(&memories, term));
    query.rank(bm25::candidates_for(memories, &query), ctx)
}

/// The lines of one `## ` section of a markdown digest.
fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    let mut lines = text.lines().skip_while(|l| *l != heading);
    if lines.next().is_none() {
        return Vec::new();
    }
    lines.take_while(|l| !l.starts_with("## ")).filter(|l| !l.is_empty()).collect()
}

#[test]
fn seed_progress_stands_with_its_next_step_and_known_issue() {
    let d = run(Some("payments feature"), DigestFormat::Structured, 1_500);
    let memories = fixture();
    let seed = by_key(&memories, "pay-progress-2");
    let standing = section(&d.text, "## Where things stand");
    let seed_at = standing
        .iter()
        .position(|l| l.contains(seed.id.short()))
        .unwrap_or_else(|| panic!("seed missing from Where things stand:\n{}", d.text));
    assert!(standing[seed_at].starts_with("- Implemented idempotency key pattern on all Stripe calls"), "{}", d.text);
    assert!(
        standing[seed_at].ends_with(&format!("({}, 2025-11-25, conv_feature_payments)", seed.id.short()))
            || standing[seed_at].ends_with(&format!("({}, 2026-11-25, conv_feature_payments)", seed.id.short()))
    );
    assert_eq!(standing[seed_at + 1], "  - Next: write integration tests.");
    assert_eq!(
        standing[seed_at + 2],
        "  - Known issue: Redis connection pool config needs revisiting for high-load scenarios."
    );
    let decision = by_key(&memories, "pay-result");
    let decisions = section(&d.text, "## Decisions");
    assert!(
        decisions
            .iter()
            .any(|l| l.starts_with("- We use a Result type pattern, not exceptions, in the payment processor.")
                && l.contains(decision.id.short())),
        "{}",
        d.text
    );
}

#[test]
fn sections_come_in_design_order_and_older_progress_is_not_standing() {
    let d = run(Some("payments feature"), DigestFormat::Structured, 10_000);
    let order = [
        "## Where things stand",
        "## Decisions",
        "## Ruled out",
        "## Constraints",
        "## Conventions",
        "## Gotchas and known issues",
        "## Debugging history",
        "## Other",
    ];
    let positions: Vec<usize> = order.iter().filter_map(|h| d.text.find(&format!("\n{h}\n"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{}", d.text);
    let memories = fixture();
    let older = by_key(&memories, "pay-progress-1");
    assert!(!section(&d.text, "## Where things stand").iter().any(|l| l.contains(older.id.short())));
}

#[test]
fn every_bullet_carries_short_id_date_and_conversation() {
    let d = run(Some("payments feature"), DigestFormat::Structured, 1_500);
    let memories = fixture();
    for line in d.text.lines().filter(|l| l.starts_with("- ")) {
        let m = memories
            .iter()
            .find(|m| line.contains(&format!("({}, ", m.id.short())))
            .unwrap_or_else(|| panic!("bullet without a known short id: {line}"));
        let date = &m.created_at.to_string()[..10];
        assert!(line.ends_with(&format!("({}, {date}, {})", m.id.short(), m.conversation_id)), "{line}");
    }
}

#[test]
fn budget_is_never_exceeded_from_50_to_10000_tokens() {
    let formats = [
        DigestFormat::Structured,
        DigestFormat::Narrative,
        DigestFormat::Timeline,
        DigestFormat::StatusReport,
        DigestFormat::Json,
    ];
    let budgets: Vec<usize> =
        (50..=400).step_by(7).chain([500, 750, 1_000, 1_500, 2_000, 3_000, 5_000, 7_500, 10_000]).collect();
    for query in [Some("payments feature"), None, Some("auth jwt refresh tokens"), Some("flaky ci")] {
        for format in formats {
            let mut last_included = 0;
            for &budget in &budgets {
                let d = run(query, format, budget);
                assert_eq!(d.tokens, estimate(&d.text));
                assert!(d.tokens <= budget, "{format} {query:?} budget {budget}: {} tokens\n{}", d.tokens, d.text);
                // A JSON memory object carries ~80 tokens of fields before its content.
                if format != DigestFormat::StatusReport && (format != DigestFormat::Json || budget >= 200) {
                    assert!(!d.included.is_empty(), "{format} {query:?} budget {budget} included nothing");
                }
                if format == DigestFormat::Json {
                    let v: serde_json::Value = serde_json::from_str(&d.text).expect("json digest parses");
                    assert_eq!(v["memories"].as_array().map(Vec::len), Some(d.included.len()));
                    assert_eq!(v["omitted"].as_u64(), Some(d.omitted as u64));
                }
                // More budget never shows fewer memories.
                assert!(d.included.len() + 1 >= last_included, "{format} {query:?} {budget}");
                last_included = last_included.max(d.included.len());
            }
        }
    }
}

#[test]
fn a_large_budget_includes_everything_and_omits_nothing() {
    let d = run(Some("payments feature"), DigestFormat::Structured, 10_000);
    assert_eq!(d.omitted, 0);
    assert_eq!(d.included.len(), search("payments feature").len());
    assert!(!d.text.contains('…'), "nothing needs shortening at 10,000 tokens:\n{}", d.text);
}

#[test]
fn long_contents_are_shortened_sentence_wise() {
    let mut memories = fixture();
    let long = by_key(&memories, "pay-result").clone();
    let sentence = "The processor maps every Stripe error code to a PaymentError variant so callers can match on it.";
    let mut huge = long.clone();
    huge.content = format!("We use a Result type pattern in the payment processor. {}", [sentence; 400].join(" "));
    memories.retain(|m| m.id != long.id);
    memories.push(huge.clone());
    let mut ctx = QueryContext::new(now());
    ctx.query = Some("payment processor result".into());
    let ranked = rank(bm25::candidates(memories, Some("payment processor result")), &ctx);
    let mut opts = DigestOptions::new(now());
    opts.query = ctx.query.clone();
    opts.max_tokens = 400;
    let d = digest(&ranked, &opts);
    assert!(d.tokens <= 400);
    let line = d.text.lines().find(|l| l.contains(huge.id.short())).expect("the long memory is included, shortened");
    assert!(line.starts_with("- We use a Result type pattern in the payment processor."), "{line}");
    assert!(line.contains(" … ("), "shortened at a sentence boundary with an ellipsis: {line}");
    // Other memories still got room.
    assert!(d.included.len() > 3, "{}", d.text);
}

#[test]
fn where_things_stand_is_newest_progress_per_active_conversation_plus_standing_knowledge() {
    let memories = fixture();
    let ranked = where_things_stand(memories.clone(), now());
    let keys: Vec<&str> = ranked.iter().filter_map(|r| r.memory.external_id.as_deref()).collect();
    // Progress first, newest first: one per active conversation.
    assert_eq!(&keys[..3], ["pay-progress-2", "auth-progress-2", "ci-progress"]);
    // Stale progress and inactive conversations are out; so are superseded decisions, notes and debugging stories.
    for absent in
        ["pay-progress-1", "auth-progress-1", "search-progress", "auth-lock-redis", "pay-redis-store", "ci-root-cause"]
    {
        assert!(!keys.contains(&absent), "{absent} should not stand: {keys:?}");
    }
    assert!(keys.contains(&"auth-lock-pg"));
    // Decisions, constraints and conventions come before gotchas and ruled-out approaches.
    let first_secondary = ranked[3..]
        .iter()
        .position(|r| matches!(r.memory.kind, mx_core::Kind::Gotcha | mx_core::Kind::RuledOut))
        .expect("gotchas are included");
    assert!(ranked[3..3 + first_secondary].iter().all(|r| matches!(
        r.memory.kind,
        mx_core::Kind::Decision | mx_core::Kind::Constraint | mx_core::Kind::Convention
    )));
    let d = run(None, DigestFormat::Structured, 1_500);
    assert!(d.text.starts_with("# Project memory — where things stand\n"), "{}", d.text);
}

#[test]
fn show_sources_lists_full_ids_within_the_budget() {
    let mut ctx = QueryContext::new(now());
    ctx.query = Some("payments feature".into());
    let ranked = rank(bm25::candidates(fixture(), Some("payments feature")), &ctx);
    for budget in [60, 200, 1_500] {
        let mut opts = DigestOptions::new(now());
        opts.query = ctx.query.clone();
        opts.max_tokens = budget;
        opts.show_sources = true;
        let d = digest(&ranked, &opts);
        assert!(d.tokens <= budget);
        let sources = d.text.lines().find(|l| l.starts_with("Sources: ")).expect("sources line");
        assert_eq!(sources.trim_start_matches("Sources: ").split(' ').count(), d.included.len());
    }
}

#[test]
fn tiny_budgets_render_nothing_rather_than_overflow() {
    for budget in 0..12 {
        let d = run(Some("payments feature"), DigestFormat::Structured, budget);
        assert!(d.tokens <= budget, "{budget}: {}", d.text);
    }
    assert_eq!(run(Some("payments feature"), DigestFormat::Json, 0).text, "");
}

#[test]
fn formats_parse_and_print() {
    for f in ["structured", "narrative", "timeline", "status-report", "json"] {
        assert_eq!(f.parse::<DigestFormat>().expect("known format").to_string(), f);
    }
    assert_eq!("status_report".parse::<DigestFormat>().ok(), Some(DigestFormat::StatusReport));
    assert_eq!("prose".parse::<DigestFormat>().map_err(|e| e.field), Err("format"));
}

// Snapshots: every format, for a query and for "where things stand".

#[test]
fn snapshot_structured_payments() {
    insta::assert_snapshot!(run(Some("payments feature"), DigestFormat::Structured, 1_500).text);
}

#[test]
fn snapshot_structured_where_things_stand() {
    insta::assert_snapshot!(run(None, DigestFormat::Structured, 1_500).text);
}

#[test]
fn small_budgets_keep_where_things_stand_first() {
    for budget in [60, 100, 200] {
        let d = run(Some("payments feature"), DigestFormat::Structured, budget);
        let standing = section(&d.text, "## Where things stand");
        assert!(
            standing.first().is_some_and(|l| l.starts_with("- Implemented idempotency key pattern")),
            "{budget}:\n{}",
            d.text
        );
    }
}

#[test]
fn snapshot_structured_small_budget() {
    insta::assert_snapshot!(run(Some("payments feature"), DigestFormat::Structured, 200).text);
}

#[test]
fn snapshot_narrative_payments() {
    insta::assert_snapshot!(run(Some("payments feature"), DigestFormat::Narrative, 1_500).text);
}

#[test]
fn snapshot_timeline_auth() {
    insta::assert_snapshot!(run(Some("auth migration jwt"), DigestFormat::Timeline, 1_500).text);
}

#[test]
fn snapshot_status_report_where_things_stand() {
    insta::assert_snapshot!(run(None, DigestFormat::StatusReport, 1_500).text);
}

#[test]
fn snapshot_status_report_payments() {
    insta::assert_snapshot!(run(Some("payments feature progress"), DigestFormat::StatusReport, 1_500).text);
}

#[test]
fn snapshot_json_payments() {
    insta::assert_snapshot!(run(Some("payments feature"), DigestFormat::Json, 700).text);
}

/// A later progress note supersedes only what it restates: "In progress: refund approval UI" replaces the state of
/// the work, not the blocker and the next step the end-of-session note before it recorded.
#[test]
fn snapshot_status_keeps_open_items_a_later_note_does_not_restate() {
    let memory = |id: &str, content: &str, at: &str| -> Memory {
        serde_json::from_value(serde_json::json!({
            "id": id, "content": content, "kind": "progress", "topics": ["refunds"],
            "conversationId": "conv_refunds", "project": PROJECT, "importance": 0.5, "role": "assistant",
            "source": "cli", "files": [], "state": "current", "createdAt": at, "updatedAt": at,
        }))
        .expect("valid memory")
    };
    let memories = vec![
        memory(
            "01m8a00000aaaaaaaaaaaaaaaa",
            "End of session. Done: refund request API. Blocked: waiting on finance for the approval limits. \
             Next: refund approval flow.",
            "2026-11-20T17:00:00Z",
        ),
        memory("01m8b00000bbbbbbbbbbbbbbbb", "In progress: refund approval UI.", "2026-11-21T10:00:00Z"),
    ];
    let mut opts = DigestOptions::new(now());
    opts.format = DigestFormat::StatusReport;
    let d = digest(&where_things_stand(memories, now()), &opts);
    assert_eq!(d.omitted, 0, "{}", d.text);
    insta::assert_snapshot!(d.text);
}
