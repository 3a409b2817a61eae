//! What a new user hits in the first hour (issue 19, items 10-12): `recall` with a positional query, one JSON shape
//! for a digest, `export` refusing a table, a second `setup --remove`, a mistyped conversation id, a named memory
//! created again, score noise, `history`'s state column, and the help texts.

mod cli_support;

use cli_support::{Env, assert_error, seed_session, stderr, stdout};
use insta::assert_snapshot;

#[test]
fn digest_and_recall_take_the_query_as_an_argument_and_refuse_it_twice() {
    let env = Env::new();
    seed_session(&env);
    let flag = env.ok(&["memories", "digest", "--query", "payments feature"]);
    assert_eq!(env.ok(&["memories", "recall", "payments feature"]), flag, "recall takes the query positionally");
    assert_eq!(env.ok(&["memories", "digest", "payments feature"]), flag, "so does digest");
    assert_error(&env.run(&["memories", "recall", "payments", "--query", "refunds"]), 2, "cannot be used with");
}

#[test]
fn a_json_digest_has_one_shape_whichever_flag_asked_for_it() {
    let env = Env::new();
    seed_session(&env);
    let by_format = env.ok(&["memories", "digest", "refund approval", "--format", "json"]);
    let by_digest_format = env.ok(&["memories", "digest", "refund approval", "--digest-format", "json"]);
    assert_eq!(by_format, by_digest_format, "--format json and --digest-format json print the same document");
    let v: serde_json::Value = serde_json::from_str(&by_format).expect("JSON");
    assert!(v["memories"].as_array().is_some_and(|m| !m.is_empty()), "{v}");
    assert!(v["omitted"].is_u64() && v["tokens"].as_u64().is_some_and(|t| t > 0 && t <= 1500), "{v}");
    let yaml = env.ok(&["memories", "digest", "refund approval", "--format", "yaml"]);
    assert!(yaml.contains("memories:") && yaml.contains("tokens:"), "{yaml}");

    let mut settings = env.settings();
    settings.add_filter(r#""score": ?[0-9.]+"#, "\"score\":[SCORE]");
    settings.add_filter(r#""tokens": \d+"#, "\"tokens\": [TOKENS]");
    settings.bind(|| assert_snapshot!("digest_json_one_shape", by_format));
}

#[test]
fn export_refuses_a_format_it_does_not_write() {
    let env = Env::new();
    env.create("Refunds above 500 EUR need a second approver.", &[]);
    let out = env.run(&["export", "--format", "table"]);
    assert_error(&out, 2, "`mx export` writes JSONL only, not --format table");
    assert!(stdout(&out).is_empty(), "nothing written: {}", stdout(&out));
    assert_eq!(env.ok(&["export", "--format", "json"]).lines().count(), 1);
    // A format set for every command in the environment is not a request to this one.
    let out = env.mx().args(["export"]).env("MX_FORMAT", "table").output().expect("mx runs");
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_new_conversation_id_and_a_name_used_again_are_said() {
    let env = Env::new();
    let first = env.ok(&[
        "memories",
        "create",
        "--conversation-id",
        "conv_feature_paymnets",
        "--name",
        "retry-policy",
        "--kind",
        "decision",
        "--content",
        "Retry policy: 3 attempts, fixed 2s delay.",
    ]);
    let second = env.ok(&[
        "memories",
        "create",
        "--conversation-id",
        "conv_feature_paymnets",
        "--name",
        "retry-policy",
        "--kind",
        "decision",
        "--content",
        "Retry policy: 5 attempts, exponential backoff from 1s.",
    ]);
    let llm = env.ok(&[
        "memories",
        "create",
        "--name",
        "retry-policy",
        "--kind",
        "decision",
        "--content",
        "Retry policy: 6 attempts.",
        "--format",
        "llm",
    ]);
    let text = format!(
        "$ create (mistyped conversation id)\n{first}$ create again (same id, same name)\n{second}$ llm\n{llm}"
    );
    env.settings().bind(|| assert_snapshot!("create_new_conversation_and_new_version", text));
}

#[test]
fn scores_print_three_decimals_and_never_below_zero() {
    let env = Env::new();
    env.create("Retry policy: 3 attempts, fixed 2s delay.", &["--name", "retry-policy", "--kind", "decision"]);
    env.create("Retry policy: 5 attempts, exponential backoff.", &["--name", "retry-policy", "--kind", "decision"]);
    let results = env.json(&["memories", "search", "retry policy", "--include-superseded", "--explain"]);
    let results = results.as_array().expect("array");
    assert_eq!(results.len(), 2, "{results:?}");
    for r in results {
        for score in [&r["score"], &r["breakdown"]["total"], &r["breakdown"]["lexical"]] {
            let text = score.to_string();
            assert!(!text.starts_with('-'), "no negative score: {r}");
            assert!(text.split('.').nth(1).is_none_or(|d| d.len() <= 3), "three decimals at most: {text}");
        }
    }
    for args in [&["--format", "table"][..], &["--format", "llm"], &["--format", "table", "--explain"]] {
        let mut all = vec!["memories", "search", "retry policy", "--include-superseded"];
        all.extend_from_slice(args);
        let text = env.ok(&all);
        assert!(!text.contains(" -0.") && !text.contains(" -1."), "no negative score in {args:?}: {text}");
    }
}

#[test]
fn recent_takes_seconds() {
    let env = Env::new();
    env.create("Refunds above 500 EUR need a second approver.", &[]);
    assert!(env.ok(&["memories", "list", "--recent", "30s"]).contains("500 EUR"));
}

#[test]
fn help_lists_version_once_explains_memory_types_and_the_explain_columns() {
    let env = Env::new();
    assert!(env.ok(&["--help"]).contains("-V, --version"), "the top level has --version");
    for sub in [&["memories", "--help"][..], &["memories", "search", "--help"], &["export", "--help"]] {
        let help = env.ok(sub);
        assert!(!help.contains("--version"), "{sub:?} lists no --version: {help}");
        assert!(help.contains("Global options:"), "{sub:?} puts --format and --project under their own heading");
    }
    let create = env.ok(&["memories", "create", "--help"]);
    assert!(create.contains("episodic (what happened)") && create.contains("procedural"), "{create}");

    env.create("Retry policy: 3 attempts, fixed 2s delay.", &["--kind", "decision"]);
    let explained = env.ok(&["memories", "search", "retry policy", "--explain"]);
    let legend = explained.lines().last().unwrap_or_default();
    for column in ["LEXICAL", "TOPIC", "CONV", "PROJECT", "KIND+", "IMPORT", "RECENCY"] {
        assert!(legend.contains(column), "the legend explains {column}: {explained}");
    }
    let digest_help = env.ok(&["memories", "digest", "--help"]);
    assert_snapshot!("digest_help", digest_help);
}
