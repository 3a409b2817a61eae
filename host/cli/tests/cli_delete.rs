//! Deleting a named memory: deleting its newest version says which older version is current again (and how to
//! delete them all); `--all-versions` deletes the name with every version, leaving nothing to come back.

mod cli_support;

use cli_support::{Env, stderr};
use insta::assert_snapshot;

fn three_versions(env: &Env) -> Vec<String> {
    ["Deploy with fly v1", "Deploy with fly v2", "Deploy with fly v3"]
        .iter()
        .map(|text| env.create(text, &["--name", "deploy-process", "--kind", "convention"]))
        .collect()
}

#[test]
fn deleting_the_newest_version_says_the_previous_one_is_current_again() {
    let env = Env::new();
    let ids = three_versions(&env);
    let run = env.run(&["memories", "delete", "--yes", "deploy-process"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = format!("{}{}", String::from_utf8_lossy(&run.stdout), stderr(&run));
    env.settings().bind(|| assert_snapshot!("delete_newest_version", out));
    assert_eq!(env.json(&["memories", "get", "deploy-process"])["id"], ids[1].as_str());

    let json = env.json(&["memories", "delete", "--yes", "deploy-process"]);
    assert_eq!(json["deleted"], serde_json::json!([ids[1]]));
    assert_eq!(json["restored"], serde_json::json!([ids[0]]), "JSON names the version that came back");
}

#[test]
fn all_versions_deletes_the_name_and_nothing_comes_back() {
    let env = Env::new();
    let ids = three_versions(&env);
    let keep = env.create("Payments go through Stripe", &[]);
    let out = env.ok(&["memories", "delete", "--yes", "--all-versions", "deploy-process"]);
    env.settings().bind(|| assert_snapshot!("delete_all_versions", out));

    let missing = env.run(&["memories", "get", "deploy-process"]);
    assert_eq!(missing.status.code(), Some(1), "the name is gone: {}", stderr(&missing));
    let left: Vec<String> = env.export().iter().filter_map(|m| m["id"].as_str().map(str::to_owned)).collect();
    assert_eq!(left, [keep]);
    // Each version's history still ends with its deletion.
    for id in &ids {
        let history = env.ok(&["memories", "history", id, "--format", "json"]);
        assert!(history.contains("\"delete\""), "history of {id}: {history}");
    }
}

#[test]
fn all_versions_from_an_old_version_or_twice_the_same_name_deletes_each_once() {
    let env = Env::new();
    let ids = three_versions(&env);
    let json = env.json(&["memories", "delete", "--yes", "--all-versions", &ids[0], "deploy-process"]);
    assert_eq!(json["deleted"], serde_json::json!([ids[2], ids[1], ids[0]]));
    assert_eq!(json["restored"], serde_json::json!([]));
}
