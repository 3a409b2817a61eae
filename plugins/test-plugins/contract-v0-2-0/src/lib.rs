//! A plugin built against contract 0.2.0 with the SDK, next to `contract-v0-1-0`: the same events, answered with
//! what 0.2.0 adds.
//! - `search`: the topics `Auth Flow` and `API` (normalised, all must match), one line per hit;
//! - `bad-search`: 40 topics; prints the typed `invalid` error (field and message);
//! - `limits`: prints the limits the host says this call runs under;
//! - `sync` places the text the host had `render_context` make, untouched.

use mx_plugin::{
    Adapter, Digest, Edit, Event, EventResponse, HostError, Manifest, SearchRequest, SetupRequest, SyncRequest,
    export_adapter, host,
};

struct ContractNew;

fn search(topics: Vec<String>) -> Result<Vec<mx_plugin::MemoryHit>, HostError> {
    let mut request = SearchRequest::default();
    request.topics = topics;
    host::search(&request)
}

impl Adapter for ContractNew {
    const MANIFEST: Manifest = Manifest::new("contract-new", "contract-new", "2.0.0")
        .description("Test plugin built against contract 0.2.0")
        .events(&["search", "bad-search", "limits"]);

    fn setup(_request: SetupRequest) -> Result<Vec<Edit>, String> {
        Ok(vec![Edit::upsert_block("AGENTS.md", "contract-test", "new setup")])
    }

    fn handle_event(event: Event) -> Result<EventResponse, String> {
        let output = match event.name.as_str() {
            "search" => match search(vec!["Auth Flow".to_owned(), "API".to_owned()]) {
                Ok(hits) => hits.iter().map(|hit| format!("{}\n", hit.content)).collect(),
                Err(err) => format!("error: {}", err.message()),
            },
            "bad-search" => match search((0..40).map(|i| format!("topic-{i}")).collect()) {
                Ok(hits) => format!("{} hits", hits.len()),
                Err(HostError::Invalid(input)) => format!("invalid {}: {}", input.field, input.message),
                Err(err) => format!("other error: {}", err.message()),
            },
            "limits" => {
                let limits = host::limits();
                format!(
                    "deadline-ms={} memory-bytes={} read-bytes={} max-search-hits={} sync-max-tokens={}",
                    limits.deadline_ms,
                    limits.memory_bytes,
                    limits.read_bytes,
                    limits.max_search_hits,
                    limits.sync_max_tokens
                )
            }
            other => return Err(format!("unknown event `{other}`")),
        };
        Ok(EventResponse::output(output))
    }

    fn render_context(digest: Digest) -> String {
        format!("new: {} ({} memories)", digest.text, digest.memories.len())
    }

    fn sync(request: SyncRequest) -> Result<Vec<Edit>, String> {
        Ok(vec![Edit::upsert_block("AGENTS.md", "contract-test", &request.context)])
    }
}

export_adapter!(ContractNew);
