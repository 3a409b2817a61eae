//! Two contract versions side by side: a plugin built against the frozen 0.1.0 (plain wit-bindgen, no recorded
//! version) and one built against 0.2.0 with the SDK load into the same host and run. What the host receives
//! from either is the same checked, normalised core request; what each gets back is its own version's shape.

use std::sync::{Arc, Mutex};

use mx_builtin_plugins::test_plugins::{CONTRACT_V0_1_0, CONTRACT_V0_2_0};
use mx_plugin_host::types::{Event, Scope, SetupRequest};
use mx_plugin_host::{
    ContractVersion, DigestQuery, Digested, Found, HostServices, Limits, PluginHost, PluginHostConfig, SearchQuery,
    ServiceError,
};

/// Answers every search with two memories and records what the host asked for.
#[derive(Default)]
struct Recorder {
    searches: Mutex<Vec<SearchQuery>>,
    digests: Mutex<Vec<DigestQuery>>,
}

fn memory(id: &str, content: &str) -> mx_core::Memory {
    serde_json::from_value(serde_json::json!({
        "id": id, "content": content, "kind": "decision", "topics": ["auth-flow", "api"],
        "conversationId": "conv_1", "createdAt": "2026-01-02T03:04:05Z", "updatedAt": "2026-01-02T03:04:05Z",
    }))
    .expect("a memory")
}

impl HostServices for Recorder {
    fn search(&self, query: &SearchQuery) -> Result<Vec<Found>, ServiceError> {
        self.searches.lock().expect("lock").push(query.clone());
        Ok(vec![
            Found { memory: memory("01JAAAAAAAAAAAAAAAAAAAAAAA", "Tokens rotate hourly"), score: 2.0 },
            Found { memory: memory("01JBBBBBBBBBBBBBBBBBBBBBBB", "The API gateway checks scopes"), score: 1.0 },
        ])
    }

    fn digest(&self, query: &DigestQuery) -> Result<Digested, ServiceError> {
        self.digests.lock().expect("lock").push(query.clone());
        Ok(Digested {
            text: "## Decisions\n- Tokens rotate hourly".to_owned(),
            memories: vec![memory("01JAAAAAAAAAAAAAAAAAAAAAAA", "Tokens rotate hourly")],
        })
    }
}

fn host(limits: Limits, services: Arc<Recorder>) -> PluginHost {
    let mut config = PluginHostConfig::new(std::env::temp_dir(), services);
    config.limits = limits;
    PluginHost::new(config).expect("host")
}

fn event(name: &str) -> Event {
    Event { name: name.to_owned(), payload: String::new(), cwd: "/".to_owned() }
}

fn output(host: &PluginHost, plugin: &mx_plugin_host::Plugin, name: &str) -> String {
    host.handle_event(plugin, &event(name)).expect(name).output.unwrap_or_default()
}

#[test]
fn the_version_and_manifest_are_read_without_running_the_plugin() {
    let new = mx_plugin_host::inspect(CONTRACT_V0_2_0).expect("inspect 0.2.0");
    assert_eq!(new.contract, Some(ContractVersion::V0_2_0), "recorded by the SDK");
    let manifest = new.manifest.expect("the SDK writes the manifest section");
    assert_eq!((manifest.name.as_str(), manifest.version.as_str()), ("contract-new", "2.0.0"));
    assert_eq!(manifest.events, ["search", "bad-search", "limits"]);

    let old = mx_plugin_host::inspect(CONTRACT_V0_1_0).expect("inspect 0.1.0");
    assert_eq!(old.contract, Some(ContractVersion::V0_1_0), "from the host interface it imports");
    assert!(old.manifest.is_none(), "built without the SDK: no manifest section");

    // `mx plugins install` records the manifest of such a plugin; it then reads like any other.
    let host = host(Limits::default(), Arc::default());
    let plugin = host.load("old.wasm", CONTRACT_V0_1_0).expect("load 0.1.0");
    let stamped = mx_plugin_host::with_manifest_section(CONTRACT_V0_1_0, plugin.manifest());
    let stamped = mx_plugin_host::inspect(&stamped).expect("inspect stamped");
    assert_eq!(stamped.contract, Some(ContractVersion::V0_1_0));
    // The generated record has no PartialEq: compare what it prints.
    assert_eq!(format!("{:?}", stamped.manifest.as_ref()), format!("{:?}", Some(plugin.manifest())));
    assert_eq!(
        host.load("old.wasm", &mx_plugin_host::with_manifest_section(CONTRACT_V0_1_0, plugin.manifest()))
            .expect("a stamped component still loads")
            .name(),
        "contract-old"
    );
}

#[test]
fn a_0_1_0_plugin_and_a_0_2_0_plugin_run_side_by_side() {
    let services = Arc::new(Recorder::default());
    let limits = Limits { max_search_hits: 50, sync_max_tokens: 900, ..Limits::default() };
    let host = host(limits, Arc::clone(&services));
    let old = host.load("old.wasm", CONTRACT_V0_1_0).expect("load 0.1.0");
    let new = host.load("new.wasm", CONTRACT_V0_2_0).expect("load 0.2.0");
    assert_eq!((old.name(), old.contract()), ("contract-old", ContractVersion::V0_1_0));
    assert_eq!((new.name(), new.contract()), ("contract-new", ContractVersion::V0_2_0));

    // Search: topics reach the store normalised, as all-must-match, from either version.
    let hits = "Tokens rotate hourly\nThe API gateway checks scopes\n";
    assert_eq!(output(&host, &old, "search"), hits);
    assert_eq!(output(&host, &new, "search"), hits);
    let searches = services.searches.lock().expect("lock").clone();
    assert_eq!(searches.len(), 2);
    for search in &searches {
        assert_eq!(search.all_topics, ["auth-flow", "api"]);
        assert_eq!(search.limit, 10);
    }

    // A malformed request is refused before the store sees it, as `invalid` naming the field.
    assert_eq!(output(&host, &new, "bad-search"), "invalid topics: must be at most 32 topics (got \"40 topics\")");
    assert_eq!(
        output(&host, &old, "bad-search"),
        "invalid: topics: must be at most 32 topics (got \"40 topics\")",
        "0.1.0's invalid carries a message: the field is folded into it"
    );
    assert_eq!(services.searches.lock().expect("lock").len(), 2);

    // 0.2.0 plugins see the limits the user configured.
    assert_eq!(
        output(&host, &new, "limits"),
        "deadline-ms=2000 memory-bytes=67108864 read-bytes=8388608 max-search-hits=50 sync-max-tokens=900"
    );

    // `mx sync`: 0.2.0 renders the host's digest through render-context; 0.1.0 asks for its own digest.
    let request =
        SetupRequest { project_root: "/project".to_owned(), scope: Scope::Project, mx_command: "mx".to_owned() };
    let content = |edits: Vec<mx_plugin_host::types::Edit>| match &edits[..] {
        [edit] => match &edit.change {
            mx_plugin_host::types::Change::UpsertBlock(block) => block.content.clone(),
            other => panic!("unexpected change {other:?}"),
        },
        other => panic!("unexpected edits {other:?}"),
    };
    assert_eq!(
        content(host.sync(&new, &request).expect("sync 0.2.0")),
        "new: ## Decisions\n- Tokens rotate hourly (1 memories)"
    );
    assert_eq!(
        content(host.sync(&old, &request).expect("sync 0.1.0")),
        "old sync: ## Decisions\n- Tokens rotate hourly"
    );
    let budgets: Vec<Option<usize>> =
        services.digests.lock().expect("lock").iter().map(|digest| digest.max_tokens).collect();
    assert_eq!(budgets, [Some(900), Some(300)], "the host's sync budget, then the 0.1.0 plugin's own");
}
