use super::*;

struct Project {
    _dir: tempfile::TempDir,
    home: PathBuf,
    root: PathBuf,
    policy: PathPolicy,
}

fn project() -> Project {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home").canonicalize().unwrap_or_else(|_| {
        std::fs::create_dir_all(dir.path().join("home")).expect("home");
        dir.path().join("home").canonicalize().expect("home")
    });
    let root = home.join("app");
    std::fs::create_dir_all(&root).expect("root");
    let policy = PathPolicy::new(&home, Some(&root), &[], &["~/.tool/config.toml".to_owned()]).expect("policy");
    Project { _dir: dir, home, root, policy }
}

fn json(path: &str, keys: &[&str], value: &str, mode: MergeMode) -> Edit {
    Edit {
        path: path.to_owned(),
        change: Change::JsonMerge(Merge {
            key_path: keys.iter().map(|k| (*k).to_owned()).collect(),
            value: value.to_owned(),
            mode,
        }),
    }
}

fn toml(path: &str, keys: &[&str], value: &str, mode: MergeMode) -> Edit {
    match json(path, keys, value, mode) {
        Edit { path, change: Change::JsonMerge(merge) } => Edit { path, change: Change::TomlMerge(merge) },
        other => other,
    }
}

fn block(path: &str, id: &str, content: &str) -> Edit {
    Edit {
        path: path.to_owned(),
        change: Change::UpsertBlock(Block { marker_id: id.to_owned(), content: content.to_owned() }),
    }
}

/// Plans and applies; returns the changes.
fn run(p: &Project, edits: &[Edit], mode: SetupMode) -> Vec<FileChange> {
    let changes = plan("test", edits, &p.policy, mode).expect("plan");
    apply(&changes, &p.home.join("backups")).expect("apply");
    changes
}

const USER_SETTINGS: &str = r#"{
  // my own settings
  "theme": "dark",
  "mcpServers": {
    "other": { "command": "other-server" }
  },
  "hooks": {
    "SessionStart": [
      { "matcher": "", "hooks": [{ "type": "command", "command": "echo hi" }] }
    ]
  }
}
"#;

#[test]
fn json_merge_keeps_comments_and_other_keys_and_is_idempotent_and_reversible() {
    let p = project();
    let settings = p.root.join(".tool/settings.json");
    std::fs::create_dir_all(settings.parent().expect("parent")).expect("dir");
    std::fs::write(&settings, USER_SETTINGS).expect("write");
    let edits = [
        json(".tool/settings.json", &["mcpServers", "mx"], r#"{"command":"mx","args":["mcp"]}"#, MergeMode::Set),
        json(
            ".tool/settings.json",
            &["hooks", "SessionStart"],
            r#"[{"matcher":"","hooks":[{"type":"command","command":"mx hook tool session-start"}]}]"#,
            MergeMode::AppendUnique,
        ),
    ];

    let first = run(&p, &edits, SetupMode::Install);
    assert_eq!(first.len(), 1);
    let installed = std::fs::read_to_string(&settings).expect("read");
    insta::assert_snapshot!("json_installed", installed);
    insta::assert_snapshot!("json_installed_diff", first[0].unified_diff(".tool/settings.json"));

    let second = plan("test", &edits, &p.policy, SetupMode::Install).expect("plan");
    assert!(second.iter().all(FileChange::is_noop), "a second setup changes nothing");

    run(&p, &edits, SetupMode::Remove);
    assert_eq!(std::fs::read_to_string(&settings).expect("read"), USER_SETTINGS, "remove restores the file");
    assert_eq!(std::fs::read_dir(p.home.join("backups")).expect("backups").count(), 2, "one backup per change");
}

#[test]
fn json_merge_creates_a_missing_file_and_remove_deletes_what_it_created() {
    let p = project();
    let edits = [json(".mcp.json", &["mcpServers", "mx"], r#"{"command":"mx","args":["mcp"]}"#, MergeMode::Set)];
    run(&p, &edits, SetupMode::Install);
    insta::assert_snapshot!("json_created", std::fs::read_to_string(p.root.join(".mcp.json")).expect("read"));
    run(&p, &edits, SetupMode::Remove);
    assert!(!p.root.join(".mcp.json").exists(), "a file left as a bare {{}} is removed");
}

#[test]
fn json_deep_merge_keeps_the_users_keys() {
    let p = project();
    std::fs::write(p.root.join("s.json"), "{\n  \"a\": { \"keep\": 1, \"x\": 0 }\n}\n").expect("write");
    let edits = [json("s.json", &["a"], r#"{"x":2,"y":{"z":true}}"#, MergeMode::DeepMerge)];
    run(&p, &edits, SetupMode::Install);
    let merged: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p.root.join("s.json")).expect("read")).expect("json");
    assert_eq!(merged, serde_json::json!({"a": {"keep": 1, "x": 2, "y": {"z": true}}}));
    assert!(plan("test", &edits, &p.policy, SetupMode::Install).expect("plan").iter().all(FileChange::is_noop));
}

#[test]
fn a_json_file_that_does_not_parse_is_an_edit_error_not_a_rewrite() {
    let p = project();
    std::fs::write(p.root.join("bad.json"), "{ not json").expect("write");
    let err = plan("test", &[json("bad.json", &["k"], "1", MergeMode::Set)], &p.policy, SetupMode::Install)
        .expect_err("must fail");
    assert!(matches!(err, PluginError::Edit { .. }), "{err}");
}

const CODEX_CONFIG: &str = r#"# Codex settings
model = "o4-mini"   # keep this comment

[mcp_servers.other]
command = "other"
"#;

#[test]
fn toml_merge_preserves_formatting_and_reverses() {
    let p = project();
    let config = p.home.join(".tool/config.toml");
    std::fs::create_dir_all(config.parent().expect("parent")).expect("dir");
    std::fs::write(&config, CODEX_CONFIG).expect("write");
    let edits =
        [toml("~/.tool/config.toml", &["mcp_servers", "mx"], r#"{"command":"mx","args":["mcp"]}"#, MergeMode::Set)];
    run(&p, &edits, SetupMode::Install);
    insta::assert_snapshot!("toml_installed", std::fs::read_to_string(&config).expect("read"));
    assert!(plan("test", &edits, &p.policy, SetupMode::Install).expect("plan").iter().all(FileChange::is_noop));
    run(&p, &edits, SetupMode::Remove);
    assert_eq!(std::fs::read_to_string(&config).expect("read"), CODEX_CONFIG);
}

#[test]
fn blocks_are_upserted_between_markers_and_everything_else_is_kept_byte_for_byte() {
    let p = project();
    let original = "# My project\n\nSome rules.\n";
    std::fs::write(p.root.join("AGENTS.md"), original).expect("write");
    run(&p, &[block("AGENTS.md", "memory", "Use mx.\n")], SetupMode::Install);
    let installed = std::fs::read_to_string(p.root.join("AGENTS.md")).expect("read");
    assert_eq!(installed, "# My project\n\nSome rules.\n\n<!-- mx:begin memory -->\nUse mx.\n<!-- mx:end memory -->\n");

    // A changed block replaces the old one in place; the user's text after it stays.
    std::fs::write(p.root.join("AGENTS.md"), format!("{installed}\nMore of mine.\n")).expect("write");
    run(&p, &[block("AGENTS.md", "memory", "Use mx, v2.")], SetupMode::Install);
    assert_eq!(
        std::fs::read_to_string(p.root.join("AGENTS.md")).expect("read"),
        "# My project\n\nSome rules.\n\n<!-- mx:begin memory -->\nUse mx, v2.\n<!-- mx:end memory -->\n\nMore of mine.\n"
    );
    run(&p, &[block("AGENTS.md", "memory", "Use mx, v2.")], SetupMode::Remove);
    assert_eq!(
        std::fs::read_to_string(p.root.join("AGENTS.md")).expect("read"),
        "# My project\n\nSome rules.\n\n\nMore of mine.\n"
    );
}

#[test]
fn block_markers_follow_the_file_type_and_an_mx_only_file_is_removed() {
    let p = project();
    let edits = [block("hooks.sh", "mx", "mx hook x y")];
    run(&p, &edits, SetupMode::Install);
    assert_eq!(
        std::fs::read_to_string(p.root.join("hooks.sh")).expect("read"),
        "# mx:begin mx\nmx hook x y\n# mx:end mx\n"
    );
    run(&p, &edits, SetupMode::Remove);
    assert!(!p.root.join("hooks.sh").exists());
}

#[test]
fn create_file_never_overwrites() {
    let p = project();
    std::fs::write(p.root.join("mine.md"), "mine").expect("write");
    let edits = [
        Edit { path: "mine.md".to_owned(), change: Change::CreateFile("theirs".to_owned()) },
        Edit { path: "new.md".to_owned(), change: Change::CreateFile("new".to_owned()) },
    ];
    run(&p, &edits, SetupMode::Install);
    assert_eq!(std::fs::read_to_string(p.root.join("mine.md")).expect("read"), "mine");
    assert_eq!(std::fs::read_to_string(p.root.join("new.md")).expect("read"), "new");
    run(&p, &edits, SetupMode::Remove);
    assert!(p.root.join("mine.md").exists());
    assert!(!p.root.join("new.md").exists());
}

#[test]
fn one_escaping_path_refuses_the_whole_setup() {
    let p = project();
    let edits = [block("AGENTS.md", "ok", "fine"), block("../../.bashrc", "owned", "curl | sh")];
    let err = plan("evil", &edits, &p.policy, SetupMode::Install).expect_err("denied");
    assert!(
        matches!(&err, PluginError::Denied { plugin, path, .. } if plugin == "evil" && path == "../../.bashrc"),
        "{err}"
    );
    assert!(!p.root.join("AGENTS.md").exists(), "nothing was written");
}

/// Install then remove with the ledger, as `mx setup` does.
fn run_with_ledger(p: &Project, edits: &[Edit], mode: SetupMode, ledger: &mut Ledger) {
    let changes = plan_with("test", edits, &p.policy, mode, ledger).expect("plan");
    apply(&changes, &p.home.join("backups")).expect("apply");
    match mode {
        SetupMode::Install => ledger.record(&changes),
        SetupMode::Remove => ledger.forget(&changes),
    }
}

#[test]
fn remove_keeps_the_empty_containers_and_files_the_user_had() {
    let p = project();
    let settings = p.root.join("settings.json");
    let before = "{\n  \"theme\": \"dark\",\n  \"hooks\": {}\n}\n";
    std::fs::write(&settings, before).expect("write");
    std::fs::write(p.root.join("empty.json"), "{}\n").expect("write");
    let edits = [
        json(
            "settings.json",
            &["hooks", "SessionStart"],
            r#"[{"hooks":[{"type":"command","command":"mx hook x"}]}]"#,
            MergeMode::AppendUnique,
        ),
        json("empty.json", &["mcpServers", "mx"], r#"{"command":"mx"}"#, MergeMode::Set),
    ];
    let mut ledger = Ledger::default();
    run_with_ledger(&p, &edits, SetupMode::Install, &mut ledger);
    assert!(std::fs::read_to_string(&settings).expect("read").contains("mx hook x"));
    // A second install records nothing new and changes nothing.
    assert!(
        plan_with("test", &edits, &p.policy, SetupMode::Install, &ledger)
            .expect("plan")
            .iter()
            .all(FileChange::is_noop)
    );
    run_with_ledger(&p, &edits, SetupMode::Remove, &mut ledger);
    assert_eq!(std::fs::read_to_string(&settings).expect("read"), before, "the user's empty hooks object stays");
    assert_eq!(std::fs::read_to_string(p.root.join("empty.json")).expect("read"), "{}\n", "the user's {{}} file stays");
    assert_eq!(ledger, Ledger::default(), "removal forgets the records");
}

#[test]
fn remove_takes_out_the_directories_mx_made_unless_something_else_moved_in() {
    let p = project();
    let edits = [
        block(".tool/rules/mx.md", "rules", "Save decisions."),
        block(".other/rules/mx.md", "rules", "Save decisions."),
    ];
    let mut ledger = Ledger::default();
    run_with_ledger(&p, &edits, SetupMode::Install, &mut ledger);
    std::fs::write(p.root.join(".other/rules/mine.md"), "my own rule").expect("write");
    run_with_ledger(&p, &edits, SetupMode::Remove, &mut ledger);
    assert!(!p.root.join(".tool").exists(), "both directories mx made are gone");
    assert!(p.root.join(".other/rules/mine.md").exists(), "a directory the user put a file in stays");
    assert!(!p.root.join(".other/rules/mx.md").exists());
}

#[test]
fn remove_with_a_record_still_takes_out_what_mx_created() {
    let p = project();
    let settings = p.root.join("settings.json");
    std::fs::write(&settings, "{\n  \"theme\": \"dark\"\n}\n").expect("write");
    let edits =
        [json("settings.json", &["hooks", "SessionStart"], r#"[{"command":"mx hook x"}]"#, MergeMode::AppendUnique)];
    let mut ledger = Ledger::default();
    run_with_ledger(&p, &edits, SetupMode::Install, &mut ledger);
    run_with_ledger(&p, &edits, SetupMode::Remove, &mut ledger);
    assert_eq!(std::fs::read_to_string(&settings).expect("read"), "{\n  \"theme\": \"dark\"\n}\n");
}

#[test]
fn toml_remove_keeps_an_empty_table_the_user_had() {
    let p = project();
    let config = p.home.join(".tool/config.toml");
    std::fs::create_dir_all(config.parent().expect("parent")).expect("dir");
    let before = "model = \"o4\"\n\n[mcp_servers]\n";
    std::fs::write(&config, before).expect("write");
    let edits =
        [toml("~/.tool/config.toml", &["mcp_servers", "mx"], r#"{"command":"mx","args":["mcp"]}"#, MergeMode::Set)];
    let mut ledger = Ledger::default();
    run_with_ledger(&p, &edits, SetupMode::Install, &mut ledger);
    assert!(std::fs::read_to_string(&config).expect("read").contains("[mcp_servers.mx]"));
    run_with_ledger(&p, &edits, SetupMode::Remove, &mut ledger);
    assert_eq!(std::fs::read_to_string(&config).expect("read"), before);
}

#[test]
fn the_ledger_survives_a_round_trip_and_a_missing_file_is_empty() {
    let p = project();
    let path = p.home.join("mx/setup-ledger.json");
    assert_eq!(Ledger::load(&path).expect("missing is empty"), Ledger::default());
    let mut ledger = Ledger::default();
    let edits = [json(".mcp.json", &["mcpServers", "mx"], r#"{"command":"mx"}"#, MergeMode::Set)];
    let changes = plan_with("test", &edits, &p.policy, SetupMode::Install, &ledger).expect("plan");
    ledger.record(&changes);
    ledger.save(&path).expect("save");
    assert_eq!(Ledger::load(&path).expect("load"), ledger);
    std::fs::write(&path, "not json").expect("write");
    assert!(Ledger::load(&path).expect_err("corrupt").to_string().contains("delete it"));
}

/// The edits `mx setup claude-code` proposes for `.claude/settings.json`: one hook group appended per event.
fn claude_like_hooks(path: &str) -> Vec<Edit> {
    ["SessionStart", "PreCompact", "Stop"]
        .iter()
        .map(|event| {
            json(
                path,
                &["hooks", event],
                &format!(
                    r#"[{{"hooks":[{{"type":"command","command":"mx hook claude-code {event}","timeout":10}}]}}]"#
                ),
                MergeMode::AppendUnique,
            )
        })
        .collect()
}

/// Setup then `--remove` on a file the user had: the file comes back byte for byte, whatever its layout.
fn assert_round_trip_is_exact(original: &str) {
    let p = project();
    let settings = p.root.join(".claude/settings.json");
    std::fs::create_dir_all(settings.parent().expect("parent")).expect("dir");
    std::fs::write(&settings, original).expect("write");
    let edits = claude_like_hooks(".claude/settings.json");
    let mut ledger = Ledger::default();
    run_with_ledger(&p, &edits, SetupMode::Install, &mut ledger);
    assert!(std::fs::read_to_string(&settings).expect("read").contains("mx hook claude-code Stop"));
    run_with_ledger(&p, &edits, SetupMode::Remove, &mut ledger);
    assert_eq!(std::fs::read_to_string(&settings).expect("read"), original);
}

#[test]
fn setup_then_remove_restores_a_one_line_settings_file_byte_for_byte() {
    assert_round_trip_is_exact(r#"{"permissions": {"allow": ["Bash(cargo test:*)"], "deny": []}}"#);
    assert_round_trip_is_exact("{\"permissions\": {\"allow\": [\"Read\"]}}\n");
}

#[test]
fn setup_then_remove_restores_a_commented_jsonc_settings_file_byte_for_byte() {
    assert_round_trip_is_exact(
        "// Team settings: keep in sync with CONTRIBUTING.md\n{\n    \"permissions\": { \"allow\": [\"Read\"] }, // reviewed\n    /* hooks we rely on */\n    \"hooks\": { \"PostToolUse\": [{ \"matcher\": \"Edit|Write\", \"hooks\": [] }] } // formatter\n}\n",
    );
}

#[test]
fn remove_after_the_user_edited_the_file_keeps_their_edit() {
    let p = project();
    let settings = p.root.join("settings.json");
    std::fs::write(&settings, r#"{"theme": "dark"}"#).expect("write");
    let edits = claude_like_hooks("settings.json");
    let mut ledger = Ledger::default();
    run_with_ledger(&p, &edits, SetupMode::Install, &mut ledger);
    let edited = std::fs::read_to_string(&settings).expect("read").replace("\"dark\"", "\"light\"");
    std::fs::write(&settings, edited).expect("write");
    run_with_ledger(&p, &edits, SetupMode::Remove, &mut ledger);
    let after = std::fs::read_to_string(&settings).expect("read");
    assert!(after.contains("\"light\"") && !after.contains("mx hook"), "{after}");
}

/// Properties over generated files: whatever a user's file holds, setup then `--remove` gives back its exact
/// bytes, and a second setup changes nothing.
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            "\\PC{0,16}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                prop::collection::btree_map("[a-zA-Z_][a-zA-Z0-9_ -]{0,10}", inner, 0..4)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// A settings object: the user's keys, maybe hooks of their own under the events mx uses, in one of the
    /// layouts people write (one line, pretty, with comments).
    fn settings() -> impl Strategy<Value = String> {
        let hooks = prop::option::of(prop::collection::btree_map(
            prop_oneof![Just("Stop"), Just("SessionStart"), Just("PostToolUse")],
            prop::collection::vec(json_value(), 0..3),
            0..3,
        ));
        (prop::collection::btree_map("[a-zA-Z_][a-zA-Z0-9_]{0,10}", json_value(), 0..5), hooks, 0..4u8).prop_map(
            |(keys, hooks, layout)| {
                let mut object: serde_json::Map<String, serde_json::Value> = keys.into_iter().collect();
                if let Some(hooks) = hooks {
                    let hooks = hooks.into_iter().map(|(k, v)| (k.to_owned(), serde_json::Value::from(v))).collect();
                    object.insert("hooks".to_owned(), serde_json::Value::Object(hooks));
                }
                let value = serde_json::Value::Object(object);
                let compact = serde_json::to_string(&value).expect("serialises");
                let pretty = serde_json::to_string_pretty(&value).expect("serialises");
                match layout {
                    0 => compact,
                    1 => format!("{pretty}\n"),
                    2 => format!("// the team's settings\n{pretty}\n"),
                    _ => format!("{compact} /* trailing */"),
                }
            },
        )
    }

    fn toml_document() -> impl Strategy<Value = String> {
        let value = prop_oneof![
            any::<i64>().prop_map(|n| n.to_string()),
            any::<bool>().prop_map(|b| b.to_string()),
            "[a-zA-Z0-9 _.-]{0,16}".prop_map(|s| format!("\"{s}\"")),
        ];
        let table = prop::collection::btree_map("[a-z][a-z0-9_]{0,8}", value.clone(), 0..4);
        (
            prop::collection::btree_map("[a-z][a-z0-9_]{0,8}", value, 0..4),
            prop::collection::btree_map("[a-z][a-z0-9_]{0,8}", table, 0..3),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(top, tables, comment, servers)| {
                let mut text = if comment { "# my tool's config\n".to_owned() } else { String::new() };
                for (k, v) in &top {
                    text.push_str(&format!("{k} = {v}\n"));
                }
                if servers {
                    text.push_str("\n[mcp_servers.other]\ncommand = \"other\" # mine\n");
                }
                for (name, entries) in &tables {
                    text.push_str(&format!("\n[t_{name}]\n"));
                    for (k, v) in entries {
                        text.push_str(&format!("{k} = {v}\n"));
                    }
                }
                text
            })
    }

    fn install_then_remove(p: &Project, file: &Path, edits: &[Edit], original: &str) -> Result<(), TestCaseError> {
        std::fs::create_dir_all(file.parent().expect("parent")).expect("dir");
        std::fs::write(file, original).expect("write");
        let mut ledger = Ledger::default();
        run_with_ledger(p, edits, SetupMode::Install, &mut ledger);
        let installed = std::fs::read_to_string(file).expect("read");
        prop_assert!(
            plan_with("test", edits, &p.policy, SetupMode::Install, &ledger)
                .expect("plan")
                .iter()
                .all(FileChange::is_noop),
            "a second setup changed\n{installed}"
        );
        run_with_ledger(p, edits, SetupMode::Remove, &mut ledger);
        let after = std::fs::read_to_string(file).unwrap_or_default();
        prop_assert_eq!(after, original, "installed:\n{}", installed);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn json_settings_come_back_byte_for_byte(original in settings()) {
            let p = project();
            install_then_remove(&p, &p.root.join(".claude/settings.json"), &claude_like_hooks(".claude/settings.json"), &original)?;
        }

        #[test]
        fn toml_configs_come_back_byte_for_byte(original in toml_document()) {
            let p = project();
            let edits = [toml("~/.tool/config.toml", &["mcp_servers", "mx"], r#"{"command":"mx","args":["mcp"]}"#, MergeMode::Set)];
            install_then_remove(&p, &p.home.join(".tool/config.toml"), &edits, &original)?;
        }

        #[test]
        fn text_around_a_block_comes_back_byte_for_byte(original in "[^\\x00]{1,300}", content in "[^\\x00]{0,80}") {
            prop_assume!(!original.contains("mx:") && !content.contains("mx:"));
            let p = project();
            install_then_remove(&p, &p.root.join("AGENTS.md"), &[block("AGENTS.md", "memory", &content)], &original)?;
        }
    }
}
