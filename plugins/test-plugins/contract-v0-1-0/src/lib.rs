//! A plugin built against contract 0.1.0 (`plugins/wit/v0.1.0`) without the SDK: it stands for every plugin
//! compiled before 0.2.0 existed, and proves the host still loads and runs it.
//! - `search`: asks the host for memories with the topics `Auth Flow` and `API` (normalised, all must match) and
//!   prints one line per hit;
//! - `bad-search`: asks with 40 topics and prints the host's error (0.1.0's `invalid` is a bare message);
//! - `sync` asks the host for its own digest, as 0.1.0 plugins do.

wit_bindgen::generate!({
    path: "../../wit/v0.1.0",
    world: "mx:adapter/adapter@0.1.0",
});

use mx::adapter::host;
// The world's own types (Edit, Event, Manifest, …) are generated at the crate root.
use mx::adapter::types::{Block, Change, DigestFormat, DigestRequest, HostError, SearchRequest};

struct ContractOld;

fn search(topics: Vec<String>) -> Result<Vec<mx::adapter::types::MemoryHit>, HostError> {
    host::search(&SearchRequest { query: String::new(), limit: 10, topics, kinds: Vec::new(), conversation_id: None })
}

impl Guest for ContractOld {
    fn manifest() -> Manifest {
        Manifest {
            name: "contract-old".to_owned(),
            assistant: "contract-old".to_owned(),
            version: "1.0.0".to_owned(),
            description: "Test plugin built against contract 0.1.0".to_owned(),
            events: vec!["search".to_owned(), "bad-search".to_owned()],
            reads: Vec::new(),
            writes: Vec::new(),
        }
    }

    fn setup(_request: SetupRequest) -> Result<Vec<Edit>, String> {
        Ok(vec![block("old setup")])
    }

    fn handle_event(event: Event) -> Result<EventResponse, String> {
        let output = match event.name.as_str() {
            "search" => match search(vec!["Auth Flow".to_owned(), "API".to_owned()]) {
                Ok(hits) => hits.iter().map(|hit| format!("{}\n", hit.content)).collect(),
                Err(err) => format!("error: {err:?}"),
            },
            "bad-search" => match search((0..40).map(|i| format!("topic-{i}")).collect()) {
                Ok(hits) => format!("{} hits", hits.len()),
                Err(HostError::Invalid(message)) => format!("invalid: {message}"),
                Err(err) => format!("other error: {err:?}"),
            },
            other => return Err(format!("unknown event `{other}`")),
        };
        Ok(EventResponse { drafts: Vec::new(), output: Some(output), exit_code: None })
    }

    fn render_context(digest: MemoryDigest) -> String {
        format!("old: {}", digest.text)
    }

    fn sync(_request: SetupRequest) -> Result<Vec<Edit>, String> {
        let request = DigestRequest {
            query: None,
            max_tokens: Some(300),
            format: DigestFormat::Structured,
            conversation_id: None,
        };
        let digest = host::digest(&request).map_err(|err| format!("{err:?}"))?;
        Ok(vec![block(&format!("old sync: {}", digest.text))])
    }
}

fn block(content: &str) -> Edit {
    Edit {
        path: "AGENTS.md".to_owned(),
        change: Change::UpsertBlock(Block { marker_id: "contract-test".to_owned(), content: content.to_owned() }),
    }
}

export!(ContractOld);
