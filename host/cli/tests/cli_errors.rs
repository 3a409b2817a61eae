//! Usage errors as a new user meets them: one line each, naming what is missing or wrong, pointing to the help of
//! the command actually typed, exit 2. Every command with a required argument is covered, so a clap upgrade or a
//! new argument that loses the name shows up as a snapshot change.

mod cli_support;

use cli_support::{Env, stderr};
use insta::assert_snapshot;

/// Runs each command line and renders `$ mx …` / the exit code / stderr, for one snapshot per group.
fn transcript(env: &Env, commands: &[&[&str]]) -> String {
    let mut out = String::new();
    for args in commands {
        let run = env.run(args);
        out.push_str(&format!("$ mx {}\n[exit {}] {}", args.join(" "), run.status.code().unwrap_or(-1), stderr(&run)));
    }
    out
}

#[test]
fn every_missing_required_argument_is_named_with_the_commands_own_help() {
    let env = Env::new();
    let out = transcript(
        &env,
        &[
            &["memories", "get"],
            &["memories", "update"],
            &["memories", "delete"],
            &["memories", "history"],
            &["conversations", "show"],
            &["relationships", "list"],
            &["relationships", "create"],
            &["relationships", "create", "01aaaaaa"],
            &["relationships", "delete"],
            &["import"],
            &["setup"],
            &["sync"],
            &["hook"],
            &["hook", "claude-code"],
            &["completions"],
            &["plugins", "install"],
            &["plugins", "remove"],
        ],
    );
    assert_snapshot!("missing_arguments", out);
}

#[test]
fn wrong_values_and_stray_arguments_say_what_to_type_instead() {
    let env = Env::new();
    let out = transcript(
        &env,
        &[
            &["memories", "create", "Use pnpm"],
            &["relationships", "create", "01aaaaaa", "fixes", "01bbbbbb"],
            &["memories", "create", "--content", "x", "--kind", "idea"],
            &["memories", "lst"],
            &["memories", "list", "--limt", "3"],
        ],
    );
    assert_snapshot!("wrong_values", out);
}

#[test]
fn an_empty_project_digest_and_status_say_why_they_are_empty() {
    let env = Env::new();
    let out = transcript(
        &env,
        &[&["memories", "digest"], &["memories", "status"], &["memories", "digest", "--query", "payments"]],
    );
    assert_snapshot!("empty_project_hints", out);
}

#[test]
fn id_prefixes_report_every_match_and_the_minimum_length() {
    let env = Env::new();
    // Seven records made in the same millisecond share their first 10 id characters (the creation time).
    let lines: String = (1..=7)
        .map(|i| {
            format!("{{\"id\":\"seven-{i}\",\"content\":\"memory {i}\",\"createdAt\":\"2026-01-05T10:00:00Z\"}}\n")
        })
        .collect();
    let file = env.cwd.path().join("seven.jsonl");
    std::fs::write(&file, lines).expect("write the import file");
    env.ok(&["import", "seven.jsonl"]);
    let first = env.export()[0]["id"].as_str().expect("an exported id").to_owned();
    let out = transcript(
        &env,
        &[
            &["memories", "get", &first[..10]],
            &["memories", "history", &first[..6]],
            &["memories", "get", &first[..5]],
            &["memories", "delete", "--yes", &first[..3]],
        ],
    );
    env.settings().bind(|| assert_snapshot!("id_prefixes", out));
}
