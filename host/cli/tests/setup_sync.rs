//! `mx sync <assistant>` end to end: the project-memory block in the assistant's static context file is
//! created from the project's digest, left alone when nothing changed, refreshed when memories change, and
//! removed byte for byte; the user's own instructions around it are kept.

mod adapters_support;

use adapters_support::{changed, env, read, snapshot_files, write};

const INSTRUCTIONS: &str = "# Copilot instructions\n\nUse TypeScript strict mode. Prefer small pure functions.\n";

#[test]
fn copilot_sync_refreshes_the_project_memory_block() {
    let env = env();
    let file = env.project.join(".github/copilot-instructions.md");
    write(&file, INSTRUCTIONS);
    env.stdout(&[
        "memories",
        "create",
        "--kind",
        "decision",
        "--topics",
        "payments",
        "--content",
        "Webhook events are deduplicated on the Stripe event id in processed_events, not in memory.",
    ]);
    env.stdout(&[
        "memories",
        "create",
        "--kind",
        "progress",
        "--content",
        "Idempotent webhooks done. Next: backfill the last 3 days.",
    ]);
    let before = snapshot_files(&[&env.home]);

    let dry = env.stdout(&["sync", "copilot", "--dry-run"]);
    assert_eq!(snapshot_files(&[&env.home]), before, "--dry-run wrote something");
    insta::with_settings!({ filters => vec![
        (r"\b01[0-9a-z]{6,24}\b", "[ID]"),
        (r"conv_[0-9a-z]+", "[CONV]"),
        (r"\d{4}-\d{2}-\d{2}", "[DATE]"),
    ]}, {
        insta::assert_snapshot!("sync_copilot_dry_run", env.filtered(&dry));
    });

    env.stdout(&["sync", "copilot"]);
    let synced = read(&file);
    assert!(synced.starts_with(INSTRUCTIONS), "the user's instructions changed: {synced}");
    assert!(
        synced.contains("<!-- mx:begin mx-project-memory -->") && synced.contains("<!-- mx:end mx-project-memory -->")
    );
    assert!(synced.contains("deduplicated on the Stripe event id"), "{synced}");
    assert!(synced.contains("backfill the last 3 days"), "{synced}");

    assert!(
        env.stdout(&["sync", "copilot", "--dry-run"]).contains("up to date"),
        "a second sync would change the file"
    );
    let unchanged = snapshot_files(&[&env.home]);
    env.stdout(&["sync", "copilot"]);
    assert_eq!(snapshot_files(&[&env.home]), unchanged);

    env.stdout(&[
        "memories",
        "create",
        "--kind",
        "constraint",
        "--content",
        "Refunds over 500 EUR need a second approver.",
    ]);
    env.stdout(&["sync", "copilot"]);
    let refreshed = read(&file);
    assert!(refreshed.contains("second approver"), "{refreshed}");
    assert_eq!(refreshed.matches("<!-- mx:begin mx-project-memory -->").count(), 1);

    env.stdout(&["sync", "copilot", "--remove"]);
    assert_eq!(changed(&before, &snapshot_files(&[&env.home])), Vec::<std::path::PathBuf>::new());
}

#[test]
fn sync_writes_each_assistants_own_context_file() {
    let env = env();
    env.stdout(&[
        "memories",
        "create",
        "--kind",
        "convention",
        "--content",
        "Money is always integer cents, never floats.",
    ]);
    for (assistant, file) in [("claude-code", "CLAUDE.md"), ("codex", "AGENTS.md")] {
        env.stdout(&["sync", assistant]);
        let text = read(&env.project.join(file));
        assert!(text.contains("integer cents"), "{assistant}: {text}");
        env.stdout(&["sync", assistant, "--remove"]);
        assert!(!env.project.join(file).exists(), "{assistant}: the file mx created was left behind");
    }
}
