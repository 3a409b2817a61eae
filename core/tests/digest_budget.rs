//! Property: a digest never exceeds its token budget, for any memories, question, format and budget. The
//! memories are the digest fixture's (real ids, conversations, times) with contents, topics, kinds and
//! importance drawn by proptest: empty, huge, multi-line, markdown, non-Latin, control characters.

use jiff::Timestamp;
use mx_core::digest::{DigestFormat, DigestOptions, digest, where_things_stand};
use mx_core::rank::{QueryContext, RankingMode};
use mx_core::search::Query;
use mx_core::tokens::estimate;
use mx_core::{Kind, Memory, bm25};
use proptest::prelude::*;

fn now() -> Timestamp {
    "2026-11-26T09:00:00Z".parse().expect("valid timestamp")
}

fn fixture() -> Vec<Memory> {
    serde_json::from_str(include_str!("fixtures/memories.json")).expect("fixture parses")
}

/// Text the way assistants write it, and the way fuzzers do.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{0,40}",
        "(payments|auth|flaky ci|refund|webhook|jwt|retry)( [a-z]{1,9}){0,30}[.!?]?",
        "[\\PC\\n\\t#*`>|-]{0,400}",
        ("[a-zA-Z ]{1,20}", 1usize..60).prop_map(|(s, n)| s.repeat(n)),
        Just(String::new()),
    ]
}

#[derive(Debug, Clone)]
struct Edit {
    content: String,
    topics: Vec<String>,
    kind: usize,
    importance: f64,
}

fn edit() -> impl Strategy<Value = Edit> {
    (text(), prop::collection::vec("[a-z][a-z0-9-]{0,20}", 0..4), 0..Kind::ALL.len(), 0.0..=1.0f64)
        .prop_map(|(content, topics, kind, importance)| Edit { content, topics, kind, importance })
}

fn format() -> impl Strategy<Value = DigestFormat> {
    prop_oneof![
        Just(DigestFormat::Structured),
        Just(DigestFormat::Narrative),
        Just(DigestFormat::Timeline),
        Just(DigestFormat::StatusReport),
        Just(DigestFormat::Json),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_digest_never_exceeds_its_budget(
        edits in prop::collection::vec(edit(), 0..40),
        question in prop::option::of(text()),
        format in format(),
        budget in prop_oneof![1usize..200, 200usize..4_000, 4_000usize..20_000],
        show_sources in any::<bool>(),
    ) {
        let mut memories = fixture();
        memories.truncate(edits.len());
        for (memory, edit) in memories.iter_mut().zip(&edits) {
            memory.content = edit.content.clone();
            memory.topics = edit.topics.clone();
            memory.kind = Kind::ALL[edit.kind];
            memory.importance = edit.importance;
        }
        let ranked = match &question {
            Some(q) => {
                let mut ctx = QueryContext::new(now());
                ctx.project = Some("github.com/acme/shop".to_owned());
                let query = Query::parse(q, now(), RankingMode::Full, |term| bm25::occurs(&memories, term));
                query.rank(bm25::candidates_for(memories, &query), ctx)
            }
            None => where_things_stand(memories, now()),
        };
        let mut opts = DigestOptions::new(now());
        opts.format = format;
        opts.max_tokens = budget;
        opts.query = question;
        opts.show_sources = show_sources;
        let d = digest(&ranked, &opts);

        prop_assert_eq!(d.tokens, estimate(&d.text));
        prop_assert!(d.tokens <= budget, "{} tokens over a budget of {}:\n{}", d.tokens, budget, d.text);
        prop_assert!(d.included.len() + d.omitted <= ranked.len());
        if format == DigestFormat::Json && !d.text.is_empty() {
            let parsed: Result<serde_json::Value, _> = serde_json::from_str(&d.text);
            prop_assert!(parsed.is_ok(), "the json digest does not parse: {}", d.text);
        }
    }
}
