//! The sandbox's limits, tested against real components built from plugins/ (the pattern of Spin's test
//! components): each misbehaviour is stopped with the right typed error, and the host keeps working.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mx_builtin_plugins::test_plugins::MISBEHAVING;
use mx_plugin_host::types::{Event, LogLevel, MemoryKind, Scope, SetupRequest};
use mx_plugin_host::{
    DigestQuery, Digested, Found, HostServices, Limits, PluginError, PluginHost, PluginHostConfig, SearchQuery,
    ServiceError, SetupMode,
};

/// Records plugin logs; answers digests with a fixed one.
#[derive(Default)]
struct FakeServices {
    logs: Mutex<Vec<(String, String)>>,
}

impl HostServices for FakeServices {
    fn search(&self, _query: &SearchQuery) -> Result<Vec<Found>, ServiceError> {
        Ok(Vec::new())
    }

    fn digest(&self, query: &DigestQuery) -> Result<Digested, ServiceError> {
        assert_eq!(query.format, mx_core::digest::DigestFormat::Structured);
        Ok(Digested { text: "## Decisions\n- Use SQLite.".to_owned(), memories: vec![] })
    }

    fn log(&self, plugin: &str, level: LogLevel, message: &str) {
        if let Ok(mut logs) = self.logs.lock() {
            logs.push((plugin.to_owned(), format!("{level:?}: {message}")));
        }
    }
}

fn host(home: &Path, services: Arc<FakeServices>) -> PluginHost {
    let mut config = PluginHostConfig::new(home.to_path_buf(), services);
    // Short limits keep the test quick; the defaults (2 s, 64 MiB) are tested by the CLI.
    config.limits = Limits { deadline: Duration::from_millis(300), memory_bytes: 16 << 20, ..Limits::default() };
    config.cache_dir = Some(home.join("cache"));
    PluginHost::new(config).expect("host")
}

fn event(name: &str, payload: &str) -> Event {
    Event { name: name.to_owned(), payload: payload.to_owned(), cwd: "/tmp".to_owned() }
}

#[test]
fn every_misbehaviour_is_stopped_with_its_own_error_and_the_host_carries_on() {
    let home = tempfile::tempdir().expect("tempdir");
    let services = Arc::new(FakeServices::default());
    let host = host(home.path(), Arc::clone(&services));
    let plugin = host.load("misbehaving.wasm", MISBEHAVING).expect("load");
    assert_eq!(plugin.name(), "misbehaving");
    let well_behaved = |host: &PluginHost| {
        let response = host.handle_event(&plugin, &event("well-behaved", "")).expect("the host still works");
        assert_eq!(response.output.as_deref(), Some("ok"));
    };

    let started = std::time::Instant::now();
    let err = host.handle_event(&plugin, &event("loop", "")).expect_err("loops forever");
    assert!(
        matches!(&err, PluginError::Timeout { plugin, limit } if plugin == "misbehaving" && *limit == Duration::from_millis(300)),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(10), "stopped near its deadline, not never");
    assert_eq!(err.to_string(), "plugin `misbehaving` ran longer than its 300 ms deadline and was stopped");
    well_behaved(&host);

    let err = host.handle_event(&plugin, &event("allocate", "")).expect_err("allocates without bound");
    assert!(
        matches!(&err, PluginError::OutOfMemory { plugin, limit_bytes } if plugin == "misbehaving" && *limit_bytes == 16 << 20),
        "{err}"
    );
    assert_eq!(err.to_string(), "plugin `misbehaving` exceeded its memory cap of 16 MiB and was stopped");
    well_behaved(&host);

    let err = host.handle_event(&plugin, &event("read-passwd", "")).expect_err("reads /etc/passwd");
    assert!(
        matches!(&err, PluginError::Denied { plugin, path, .. } if plugin == "misbehaving" && path == "/etc/passwd"),
        "{err}"
    );
    let logs = services.logs.lock().expect("logs").clone();
    assert!(
        logs.iter().any(|(plugin, line)| plugin == "misbehaving"
            && line.starts_with("LogLevel::Warn: read-file refused: denied: /etc/passwd")),
        "the plugin saw an error value: {logs:?}"
    );
    well_behaved(&host);

    let err = host.handle_event(&plugin, &event("trap", "")).expect_err("traps");
    assert!(
        matches!(&err, PluginError::Trap { plugin, message } if plugin == "misbehaving" && message.contains("unreachable")),
        "{err}"
    );
    well_behaved(&host);

    let project = home.path().join("project");
    std::fs::create_dir_all(&project).expect("project");
    let request = SetupRequest {
        project_root: project.display().to_string(),
        scope: Scope::Project,
        mx_command: "mx".to_owned(),
    };
    let edits = host.setup(&plugin, &request).expect("setup returns edits");
    let policy =
        mx_plugin_host::PathPolicy::new(home.path(), Some(&project), &[], &plugin.manifest().writes).expect("policy");
    let err = mx_plugin_host::edits::plan(plugin.name(), &edits, &policy, SetupMode::Install).expect_err("escapes");
    assert!(
        matches!(&err, PluginError::Denied { plugin, path, .. } if plugin == "misbehaving" && path == "../../.bashrc"),
        "{err}"
    );
    well_behaved(&host);
}

#[test]
fn the_example_adapter_uses_the_host_services_and_reads_only_what_it_declares() {
    let home = tempfile::tempdir().expect("tempdir");
    let home_path = home.path().canonicalize().expect("home");
    let services = Arc::new(FakeServices::default());
    let host = host(&home_path, Arc::clone(&services));
    let plugin = host.load("example", mx_builtin_plugins::test_plugins::EXAMPLE).expect("load");
    assert_eq!(plugin.manifest().events, ["session-start", "session-end"]);

    let response = host.handle_event(&plugin, &event("session-start", "{}")).expect("session-start");
    assert_eq!(response.output.as_deref(), Some("# Project memory (mx)\n\n## Decisions\n- Use SQLite.\n"));

    let transcripts = home_path.join(".example/transcripts/p");
    std::fs::create_dir_all(&transcripts).expect("dir");
    std::fs::write(transcripts.join("s1.jsonl"), "{\"text\":\"hi\"}\n{\"summary\":\"Parser done; next: the CLI.\"}\n")
        .expect("transcript");
    let payload = serde_json::json!({ "transcript_path": transcripts.join("s1.jsonl") }).to_string();
    let response = host.handle_event(&plugin, &event("session-end", &payload)).expect("session-end");
    assert_eq!(response.drafts.len(), 1);
    assert_eq!(response.drafts[0].content, "Parser done; next: the CLI.");
    assert_eq!(response.drafts[0].kind, Some(MemoryKind::Progress));

    let payload = serde_json::json!({ "transcript_path": "/etc/passwd" }).to_string();
    let err = host.handle_event(&plugin, &event("session-end", &payload)).expect_err("undeclared path");
    assert!(matches!(err, PluginError::Denied { .. }), "{err}");

    let err = host.handle_event(&plugin, &event("no-such-event", "")).expect_err("unknown event");
    assert_eq!(err.to_string(), "plugin `example` failed: the example adapter does not handle `no-such-event`");
}

#[test]
fn a_core_module_or_garbage_is_refused_with_a_load_error() {
    let home = tempfile::tempdir().expect("tempdir");
    let host = host(home.path(), Arc::new(FakeServices::default()));
    let err = host.load("junk.wasm", b"not wasm at all").expect_err("junk");
    assert!(matches!(&err, PluginError::Load { plugin, .. } if plugin == "junk.wasm"), "{err}");
}

#[test]
fn a_cached_component_loads_from_disk() {
    let home = tempfile::tempdir().expect("tempdir");
    let services = Arc::new(FakeServices::default());
    let example = mx_builtin_plugins::test_plugins::EXAMPLE;
    {
        let host = host(home.path(), Arc::clone(&services));
        host.load("example", example).expect("first load compiles");
    }
    let cached: Vec<_> = std::fs::read_dir(home.path().join("cache")).expect("cache dir").collect();
    assert_eq!(cached.len(), 1, "one artifact per component and engine");
    let host = host(home.path(), services);
    let plugin = host.load("example", example).expect("second load uses the cache");
    assert_eq!(plugin.name(), "example");
}
