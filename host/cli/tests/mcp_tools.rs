//! The MCP server driven in-process by rmcp's own client over a duplex pipe: every tool, its happy path and its error
//! paths, against a real store in a temporary home.

mod cli_support;
#[allow(dead_code)]
#[path = "../src/mcp/mod.rs"]
mod mcp;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use cli_support::{commit_all, git};
use mcp::MxServer;
use mx_store::Store;
use rmcp::model::{CallToolRequestParams, CallToolResult};
use rmcp::service::RunningService;
use rmcp::{RoleClient, ServiceExt};
use serde_json::{Value, json};

const PROJECT: &str = "github.com/acme/shop";

type Client = RunningService<RoleClient, ()>;

/// Starts a server on its own store handle (as a separate `mx mcp` process would have) and connects a client to it.
async fn connect(home: &Path, project: Option<&str>) -> Client {
    connect_in(home, project, &std::env::current_dir().expect("a working directory")).await
}

/// [`connect`] for a server whose working directory is `worktree` (`mx mcp --root`): code anchors are read there.
async fn connect_in(home: &Path, project: Option<&str>, worktree: &Path) -> Client {
    let store = Store::open(home).expect("the store opens in a temp dir");
    // As `mx mcp` does: code anchors are read against the directory the server runs in.
    store.set_worktree(worktree);
    let server = MxServer::new(Arc::new(store), project.map(str::to_owned));
    let (server_io, client_io) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        if let Ok(running) = server.serve(server_io).await {
            let _ = running.waiting().await;
        }
    });
    ().serve(client_io).await.expect("the client completes the handshake")
}

/// The result of a tool call that reached the tool (protocol errors fail the test).
async fn call(client: &Client, tool: &str, args: Value) -> CallToolResult {
    let Value::Object(map) = args else { panic!("tool arguments must be an object") };
    client
        .call_tool(CallToolRequestParams::new(tool.to_owned()).with_arguments(map))
        .await
        .unwrap_or_else(|e| panic!("{tool} failed at the protocol level: {e}"))
}

fn text(result: &CallToolResult) -> String {
    result.content.iter().filter_map(|c| c.as_text().map(|t| t.text.clone())).collect::<Vec<_>>().join("\n")
}

fn structured(result: &CallToolResult) -> &Value {
    result.structured_content.as_ref().expect("every result carries structured content")
}

/// Calls a tool that must succeed and returns its structured content.
async fn ok(client: &Client, tool: &str, args: Value) -> (String, Value) {
    let result = call(client, tool, args).await;
    assert_eq!(result.is_error, Some(false), "{tool} failed: {}", text(&result));
    (text(&result), structured(&result).clone())
}

/// Calls a tool that must fail with a tool error and returns its one-line message.
async fn fails(client: &Client, tool: &str, args: Value) -> String {
    let result = call(client, tool, args).await;
    assert_eq!(result.is_error, Some(true), "{tool} should have failed, got: {}", text(&result));
    let message = text(&result);
    assert!(!message.trim().is_empty() && !message.contains('\n'), "one line expected: {message:?}");
    message
}

async fn create(client: &Client, args: Value) -> Value {
    ok(client, "create_memory", args).await.1
}

#[tokio::test]
async fn tools_are_listed_with_described_schemas() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;
    let tools = client.list_all_tools().await.expect("tools/list");
    let names: BTreeSet<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    let expected = [
        "build_context",
        "create_memory",
        "delete_memory",
        "get_memory",
        "list_conversations",
        "list_stale_memories",
        "list_topics",
        "reanchor_memory",
        "recall",
        "search_memories",
        "update_memory",
    ];
    assert_eq!(names, expected.into_iter().collect());
    for tool in &tools {
        assert!(tool.description.as_deref().is_some_and(|d| d.len() > 40), "{} needs a description", tool.name);
        let properties = tool.input_schema.get("properties").and_then(Value::as_object);
        for (field, schema) in properties.into_iter().flatten() {
            assert!(
                schema.get("description").and_then(Value::as_str).is_some_and(|d| !d.is_empty()),
                "{}.{field} has no description",
                tool.name
            );
            assert!(!field.contains('_'), "{}.{field} should be camelCase", tool.name);
        }
    }
    let create = tools.iter().find(|t| t.name == "create_memory").expect("create_memory");
    assert_eq!(create.input_schema.get("required"), Some(&json!(["content"])));
    let schema: Vec<Value> = tools
        .iter()
        .map(|t| json!({ "name": t.name, "description": t.description, "inputSchema": *t.input_schema }))
        .collect();
    insta::assert_json_snapshot!("tools_list", schema);
    client.cancel().await.expect("clean shutdown");
}

#[tokio::test]
async fn initialize_returns_short_instructions_about_what_and_when_to_save() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;
    let info = client.peer_info().expect("server info after initialize");
    let instructions = info.instructions.clone().expect("instructions");
    let words = instructions.split_whitespace().count();
    assert!((150..=250).contains(&words), "instructions should stay short, got {words} words");
    for must in ["recall", "build_context", "decision", "ruled-out", "NEW", "compacted", "secrets"] {
        assert!(instructions.contains(must), "instructions should mention {must}");
    }
    assert_eq!(info.server_info.as_ref().map(|s| s.name.as_str()), Some("mx"));
}

#[tokio::test]
async fn create_with_new_starts_a_conversation_that_later_memories_join() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;
    let (text, first) = ok(
        &client,
        "create_memory",
        json!({
            "content": "Decided to retry Stripe webhooks with exponential backoff and jitter instead of a fixed 5s delay, \
                        because fixed delays caused thundering herds after outages.",
            "conversationId": "NEW",
            "topics": ["Payments", "webhooks"],
            "kind": "decision",
            "files": ["./src/payments/webhook.rs"],
            "importance": 0.8
        }),
    )
    .await;
    let conversation = first["conversationId"].as_str().expect("conversationId").to_owned();
    assert!(conversation.starts_with("conv_"), "{conversation}");
    assert_eq!(first["conversationStarted"], json!(true));
    assert!(text.contains(&conversation) && text.contains("new conversation"), "{text}");
    let memory = &first["memory"];
    assert_eq!(memory["source"], json!("mcp"));
    assert_eq!(memory["kind"], json!("decision"));
    assert_eq!(memory["project"], json!(PROJECT));
    assert_eq!(memory["topics"], json!(["payments", "webhooks"]));
    assert_eq!(memory["files"], json!(["src/payments/webhook.rs"]));
    // File anchors carry the commit of the server's working directory (null outside git), as the CLI's do.
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--verify", "-q", "HEAD"])
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned());
    assert_eq!(memory["commit"].as_str().map(str::to_owned), head);
    assert_eq!(first["id"], memory["id"]);

    let second = create(
        &client,
        json!({ "content": "Ruled out SQS for webhook retries: no per-message delay over 15 minutes.",
                "conversationId": conversation, "kind": "ruled-out" }),
    )
    .await;
    assert_eq!(second["conversationId"], json!(conversation));
    assert_eq!(second["conversationStarted"], json!(false));

    let (listed, conversations) = ok(&client, "list_conversations", json!({})).await;
    assert!(listed.contains(&conversation), "{listed}");
    let entry = conversations["conversations"]
        .as_array()
        .and_then(|list| list.iter().find(|c| c["id"] == json!(conversation)))
        .expect("the conversation is listed");
    assert_eq!(entry["memories"], json!(2));
}

#[tokio::test]
async fn kind_is_inferred_when_absent() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;
    let created = create(
        &client,
        json!({ "content": "Root cause of the flaky checkout test: the clock mock leaked between tests.",
                "conversationId": "NEW" }),
    )
    .await;
    assert_eq!(created["memory"]["kind"], json!("debugging"));
    assert_eq!(created["memory"]["kindInferred"], json!(true));
}

#[tokio::test]
async fn search_finds_memories_and_applies_filters() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;
    let retry = create(
        &client,
        json!({ "content": "Webhook retries use exponential backoff with jitter; the cap is 10 minutes.",
                "conversationId": "NEW", "topics": ["webhooks"], "kind": "decision" }),
    )
    .await;
    create(
        &client,
        json!({ "content": "Invoices are rendered with Typst, not wkhtmltopdf, to avoid a headless browser.",
                "conversationId": "NEW", "topics": ["invoices"], "kind": "decision" }),
    )
    .await;
    create(
        &client,
        json!({ "content": "Webhook handlers must be idempotent: Stripe may deliver an event twice.",
                "conversationId": "NEW", "topics": ["webhooks"], "kind": "constraint" }),
    )
    .await;

    let (text, found) = ok(&client, "search_memories", json!({ "query": "webhook retries backoff" })).await;
    let ids: Vec<&str> =
        found["results"].as_array().expect("results").iter().filter_map(|r| r["memory"]["id"].as_str()).collect();
    let retry_id = retry["id"].as_str().expect("id");
    assert_eq!(ids.first().copied(), Some(retry_id), "{text}");
    assert!(text.contains(retry_id), "{text}");
    assert_eq!(found["count"], json!(ids.len()));

    let (_, constraints) =
        ok(&client, "search_memories", json!({ "query": "webhook", "kind": "constraint", "limit": 5 })).await;
    let kinds: Vec<&Value> =
        constraints["results"].as_array().expect("results").iter().map(|r| &r["memory"]["kind"]).collect();
    assert_eq!(kinds, [&json!("constraint")]);

    let (_, invoices) = ok(&client, "search_memories", json!({ "query": "rendered", "topics": ["Invoices"] })).await;
    assert_eq!(invoices["count"], json!(1));

    let (none_text, none) = ok(&client, "search_memories", json!({ "query": "kubernetes helm chart" })).await;
    assert_eq!(none["count"], json!(0));
    assert!(none_text.starts_with("No memories match"), "{none_text}");
}

#[tokio::test]
async fn get_accepts_id_prefix_and_name() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;
    let created = create(
        &client,
        json!({ "content": "Money amounts are integers in minor units; never floats.",
                "conversationId": "NEW", "name": "money-representation", "kind": "convention" }),
    )
    .await;
    let id = created["id"].as_str().expect("id").to_owned();

    let (text, by_prefix) = ok(&client, "get_memory", json!({ "id": &id[..10] })).await;
    assert_eq!(by_prefix["memory"]["id"], json!(id));
    assert!(text.contains("never floats") && text.contains(&id), "{text}");

    let (_, by_name) = ok(&client, "get_memory", json!({ "id": "money-representation" })).await;
    assert_eq!(by_name["memory"]["id"], json!(id));

    let (_, by_upper) = ok(&client, "get_memory", json!({ "id": id.to_uppercase() })).await;
    assert_eq!(by_upper["memory"]["id"], json!(id));
}

#[tokio::test]
async fn update_changes_fields_and_versions_named_memories() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;
    let plain = create(
        &client,
        json!({ "content": "The API rate limit is 100 requests per minute.", "conversationId": "NEW", "kind": "constraint" }),
    )
    .await;
    let plain_id = plain["id"].as_str().expect("id").to_owned();
    let (text, updated) = ok(
        &client,
        "update_memory",
        json!({ "id": plain_id, "content": "The API rate limit is 300 requests per minute since the v2 plan.",
                "topics": ["api", "limits"], "importance": 0.9 }),
    )
    .await;
    assert!(text.contains("300 requests"), "{text}");
    assert_eq!(updated["memory"]["topics"], json!(["api", "limits"]));
    assert_eq!(updated["memory"]["importance"], json!(0.9));
    let (_, fetched) = ok(&client, "get_memory", json!({ "id": plain_id })).await;
    assert!(fetched["memory"]["content"].as_str().is_some_and(|c| c.contains("300 requests")));

    let named = create(
        &client,
        json!({ "content": "Deploys go out on Tuesdays.", "conversationId": "NEW", "name": "deploy-day",
                "kind": "convention" }),
    )
    .await;
    let (_, versioned) =
        ok(&client, "update_memory", json!({ "id": "deploy-day", "content": "Deploys go out on Thursdays." })).await;
    assert_eq!(versioned["previous"], named["id"]);
    assert_ne!(versioned["memory"]["id"], named["id"]);
    let (_, current) = ok(&client, "get_memory", json!({ "id": "deploy-day" })).await;
    assert_eq!(current["memory"]["content"], json!("Deploys go out on Thursdays."));

    let nothing = fails(&client, "update_memory", json!({ "id": plain_id })).await;
    assert!(nothing.contains("changes nothing"), "{nothing}");
}

#[tokio::test]
async fn delete_removes_a_memory() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;
    let created = create(
        &client,
        json!({ "content": "Saved by mistake: a note about lunch.", "conversationId": "NEW", "kind": "note" }),
    )
    .await;
    let id = created["id"].as_str().expect("id").to_owned();
    let (text, deleted) = ok(&client, "delete_memory", json!({ "id": id })).await;
    assert!(text.contains(&id), "{text}");
    assert_eq!(deleted["deleted"]["id"], json!(id));
    let gone = fails(&client, "get_memory", json!({ "id": id })).await;
    assert!(gone.contains(&id), "{gone}");
    let again = call(&client, "delete_memory", json!({ "id": id })).await;
    assert_eq!(again.is_error, Some(true));
    assert_eq!(structured(&again)["error"]["code"], json!("NOT_FOUND"));
}

#[tokio::test]
async fn recall_and_build_context_contain_what_was_saved() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;
    let decision = create(
        &client,
        json!({ "content": "Decided to keep sessions in Redis rather than Postgres: sub-millisecond reads matter for auth.",
                "conversationId": "NEW", "topics": ["auth", "sessions"], "kind": "decision",
                "files": ["src/auth/session.rs"] }),
    )
    .await;
    create(
        &client,
        json!({ "content": "Next: migrate the remember-me cookie to the new session store; login works already.",
                "conversationId": "NEW", "topics": ["auth"], "kind": "progress" }),
    )
    .await;

    let (digest, structured) = ok(&client, "recall", json!({ "query": "where are sessions stored" })).await;
    assert!(digest.contains("sessions in Redis"), "{digest}");
    let id = decision["id"].as_str().expect("id");
    assert!(structured["included"].as_array().is_some_and(|ids| ids.contains(&json!(id))), "{structured}");
    assert_eq!(structured["format"], json!("structured"));

    let (standing, _) = ok(&client, "recall", json!({})).await;
    assert!(standing.contains("remember-me cookie"), "{standing}");

    let (as_json, json_digest) = ok(
        &client,
        "recall",
        json!({ "query": "sessions", "format": "json", "maxTokens": 400, "topics": ["auth"], "recent": "7d" }),
    )
    .await;
    assert_eq!(json_digest["format"], json!("json"));
    assert!(as_json.contains("Redis"), "{as_json}");

    let (briefing, _) =
        ok(&client, "build_context", json!({ "context": "add session expiry", "files": ["src/auth/session.rs"] }))
            .await;
    assert!(briefing.contains("sessions in Redis"), "{briefing}");
}

#[tokio::test]
async fn recall_and_build_context_leave_out_a_fact_a_newer_memory_replaced() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;
    let old = "The billing client polls the charge status every 5 seconds until it settles.";
    let new = "Replaced polling: the billing client now gets the charge status from the charge.settled webhook.";
    create(&client, json!({ "content": old, "conversationId": "NEW", "topics": ["billing"], "kind": "decision" }))
        .await;
    // Replacement is by time: the newer memory must be written later than the old one.
    std::thread::sleep(std::time::Duration::from_millis(5));
    create(&client, json!({ "content": new, "conversationId": "NEW", "topics": ["billing"], "kind": "decision" }))
        .await;

    // Search still finds both (it is a search, not context)...
    let (found, _) = ok(&client, "search_memories", json!({ "query": "billing client charge status" })).await;
    assert!(found.contains("polls the charge status") && found.contains("Replaced polling"), "{found}");
    // ...but what recall and build_context hand the assistant as current holds only the newer fact.
    for (tool, args) in [
        ("recall", json!({ "query": "how does the billing client learn the charge status" })),
        ("recall", json!({})),
        ("build_context", json!({ "context": "update the billing client for the new charge flow" })),
    ] {
        let (text, _) = ok(&client, tool, args.clone()).await;
        assert!(text.contains("Replaced polling"), "{tool} {args}: {text}");
        assert!(!text.contains("polls the charge status"), "{tool} {args} injected the replaced fact: {text}");
    }
}

#[tokio::test]
async fn topics_are_listed_with_counts() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;
    for (content, topics) in [
        ("Search uses BM25 with a code-aware analyser.", json!(["search"])),
        ("The search index is derived from SQLite and rebuilt when stale.", json!(["search", "storage"])),
    ] {
        create(&client, json!({ "content": content, "conversationId": "NEW", "topics": topics })).await;
    }
    let (text, topics) = ok(&client, "list_topics", json!({})).await;
    assert!(text.contains("search (2 memories"), "{text}");
    let storage = topics["topics"]
        .as_array()
        .and_then(|list| list.iter().find(|t| t["topic"] == json!("storage")))
        .expect("storage is listed");
    assert_eq!(storage["memories"], json!(1));
}

#[tokio::test]
async fn bad_input_is_a_tool_error_and_the_server_keeps_serving() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;

    let missing = fails(&client, "create_memory", json!({ "conversationId": "NEW" })).await;
    assert!(missing.contains("content"), "{missing}");

    let too_long = fails(&client, "create_memory", json!({ "content": "x".repeat(50_001) })).await;
    assert!(too_long.contains("content") && too_long.contains("50000"), "{too_long}");

    let empty = fails(&client, "create_memory", json!({ "content": "   " })).await;
    assert!(empty.contains("content"), "{empty}");

    let wrong_type = fails(&client, "create_memory", json!({ "content": "ok", "importance": "high" })).await;
    assert!(wrong_type.contains("importance") || wrong_type.contains("invalid type"), "{wrong_type}");

    let out_of_range = fails(&client, "create_memory", json!({ "content": "ok", "importance": 3 })).await;
    assert!(out_of_range.contains("importance"), "{out_of_range}");

    let bad_kind = fails(&client, "create_memory", json!({ "content": "ok", "kind": "wish" })).await;
    assert!(bad_kind.contains("kind"), "{bad_kind}");

    let misspelt = fails(&client, "create_memory", json!({ "content": "ok", "conversation_id": "NEW" })).await;
    assert!(misspelt.contains("conversation_id"), "{misspelt}");

    let unknown = call(&client, "get_memory", json!({ "id": "01jzzzzzzzzzzzzzzzzzzzzzzz" })).await;
    assert_eq!(unknown.is_error, Some(true));
    assert_eq!(structured(&unknown)["error"]["code"], json!("NOT_FOUND"));

    let short = fails(&client, "get_memory", json!({ "id": "01j" })).await;
    assert!(short.contains("id"), "{short}");

    let no_id = fails(&client, "delete_memory", json!({})).await;
    assert!(no_id.contains("id"), "{no_id}");

    let empty_query = fails(&client, "search_memories", json!({ "query": "  " })).await;
    assert!(empty_query.contains("query"), "{empty_query}");

    let bad_recent = fails(&client, "search_memories", json!({ "query": "x", "recent": "last week" })).await;
    assert!(bad_recent.contains("recent"), "{bad_recent}");

    let big_limit = fails(&client, "search_memories", json!({ "query": "x", "limit": 5000 })).await;
    assert!(big_limit.contains("limit"), "{big_limit}");

    let negative_limit = fails(&client, "list_conversations", json!({ "limit": -1 })).await;
    assert!(negative_limit.contains("limit") || negative_limit.contains("invalid value"), "{negative_limit}");

    let bad_format = fails(&client, "recall", json!({ "format": "haiku" })).await;
    assert!(bad_format.contains("format"), "{bad_format}");

    let tiny_budget = fails(&client, "recall", json!({ "maxTokens": 1 })).await;
    assert!(tiny_budget.contains("maxTokens"), "{tiny_budget}");

    let bad_supersedes =
        fails(&client, "create_memory", json!({ "content": "new rule", "supersedes": "01jzzzzzzzzzzzzzzzzzzzzzzz" }))
            .await;
    assert!(bad_supersedes.contains("01jzzzzzzzzzzzzzzzzzzzzzzz"), "{bad_supersedes}");

    // An unknown tool is a protocol error, not a crash.
    let no_such_tool = client.call_tool(CallToolRequestParams::new("drop_database")).await;
    assert!(no_such_tool.is_err());

    // Still serving.
    let fine = create(&client, json!({ "content": "Still alive after bad input.", "conversationId": "NEW" })).await;
    assert_eq!(fine["memory"]["content"], json!("Still alive after bad input."));
}

#[tokio::test]
async fn an_ambiguous_prefix_is_a_tool_error_listing_the_matches() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;
    // Ids start with 10 time characters; memories made within ~17 minutes share their first 6.
    let mut ids: Vec<String> = Vec::new();
    let prefix = loop {
        let created =
            create(&client, json!({ "content": format!("memory number {}", ids.len()), "conversationId": "NEW" }))
                .await;
        ids.push(created["id"].as_str().expect("id").to_owned());
        let last = &ids[ids.len() - 1];
        let shared = ids[..ids.len() - 1].iter().map(|id| common_prefix(id, last)).max().unwrap_or(0);
        if shared >= 6 {
            break last[..shared.min(25)].to_owned();
        }
        assert!(ids.len() < 5, "ids never shared a 6-character prefix: {ids:?}");
    };
    let message = fails(&client, "get_memory", json!({ "id": prefix })).await;
    assert!(message.contains("ambiguous"), "{message}");
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[tokio::test]
async fn memories_are_scoped_to_the_servers_project() {
    let home = tempfile::tempdir().expect("temp dir");
    let shop = connect(home.path(), Some(PROJECT)).await;
    let blog = connect(home.path(), Some("github.com/acme/blog")).await;
    create(&shop, json!({ "content": "Checkout totals are computed server-side only.", "conversationId": "NEW" }))
        .await;
    create(
        &blog,
        json!({ "content": "Blog posts are rendered at build time; totals of views come from analytics.",
                "conversationId": "NEW" }),
    )
    .await;
    create(
        &blog,
        json!({ "content": "Global rule: totals are never cached across users.", "conversationId": "NEW", "global": true }),
    )
    .await;
    let (_, from_shop) = ok(&shop, "search_memories", json!({ "query": "totals" })).await;
    let contents: BTreeSet<&str> = from_shop["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["memory"]["content"].as_str())
        .collect();
    assert!(contents.contains("Checkout totals are computed server-side only."), "{contents:?}");
    assert!(contents.contains("Global rule: totals are never cached across users."), "{contents:?}");
    assert!(!contents.iter().any(|c| c.starts_with("Blog posts")), "{contents:?}");
}

/// Several servers (one per assistant window) writing at once to one store lose nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_servers_on_one_store_lose_no_writes() {
    const SERVERS: usize = 3;
    const PER_SERVER: usize = 15;
    let home = tempfile::tempdir().expect("temp dir");
    let mut tasks = Vec::new();
    for s in 0..SERVERS {
        let client = Arc::new(connect(home.path(), Some(PROJECT)).await);
        for i in 0..PER_SERVER {
            let client = Arc::clone(&client);
            tasks.push(tokio::spawn(async move {
                let content = format!("parallel write {s}-{i}: server {s} saved item {i} about sharding");
                create(
                    &client,
                    json!({ "content": content, "conversationId": format!("conv_window_{s}"), "topics": ["sharding"] }),
                )
                .await["id"]
                    .as_str()
                    .map(str::to_owned)
            }));
        }
    }
    let mut ids = BTreeSet::new();
    for task in tasks {
        ids.insert(task.await.expect("task").expect("id"));
    }
    assert_eq!(ids.len(), SERVERS * PER_SERVER);

    // A fresh server (its own store handle) sees every write: each id resolves, and the counts add up. (Search is
    // not the check: ranking folds these near-identical texts together on purpose.)
    let reader = connect(home.path(), Some(PROJECT)).await;
    for id in &ids {
        let (_, got) = ok(&reader, "get_memory", json!({ "id": id })).await;
        assert_eq!(got["memory"]["id"], json!(id));
    }
    let (_, topics) = ok(&reader, "list_topics", json!({})).await;
    assert_eq!(topics["topics"][0]["topic"], json!("sharding"));
    assert_eq!(topics["topics"][0]["memories"], json!(SERVERS * PER_SERVER));
    let (_, conversations) = ok(&reader, "list_conversations", json!({})).await;
    let per_window: BTreeSet<(String, u64)> = conversations["conversations"]
        .as_array()
        .expect("conversations")
        .iter()
        .filter_map(|c| Some((c["id"].as_str()?.to_owned(), c["memories"].as_u64()?)))
        .collect();
    let expected: BTreeSet<(String, u64)> =
        (0..SERVERS).map(|s| (format!("conv_window_{s}"), PER_SERVER as u64)).collect();
    assert_eq!(per_window, expected);
}

/// The readable half of the results is what most assistants actually read: a change to it is a reviewed change.
#[tokio::test]
async fn readable_results_snapshot() {
    let home = tempfile::tempdir().expect("temp dir");
    let client = connect(home.path(), Some(PROJECT)).await;
    let mut transcript = String::new();
    let mut record = |tool: &str, result: &CallToolResult| {
        let marker = if result.is_error == Some(true) { " (isError)" } else { "" };
        transcript.push_str(&format!("### {tool}{marker}\n{}\n\n", text(result)));
    };
    let created = call(
        &client,
        "create_memory",
        json!({ "content": "Decided to paginate the orders API with opaque cursors instead of offsets: offsets skip rows under concurrent inserts.",
                "conversationId": "NEW", "topics": ["api", "pagination"], "kind": "decision", "name": "orders-pagination",
                "files": ["src/api/orders.rs"] }),
    )
    .await;
    record("create_memory", &created);
    let conversation = structured(&created)["conversationId"].clone();
    let inferred = call(
        &client,
        "create_memory",
        json!({ "content": "Next: add cursor support to the refunds endpoint.", "conversationId": conversation, "topics": ["api"] }),
    )
    .await;
    record("create_memory", &inferred);
    record("search_memories", &call(&client, "search_memories", json!({ "query": "cursor pagination" })).await);
    record("get_memory", &call(&client, "get_memory", json!({ "id": "orders-pagination" })).await);
    record(
        "update_memory",
        &call(&client, "update_memory", json!({ "id": "orders-pagination", "importance": 0.9 })).await,
    );
    record("list_conversations", &call(&client, "list_conversations", json!({})).await);
    record("list_topics", &call(&client, "list_topics", json!({})).await);
    record("get_memory", &call(&client, "get_memory", json!({ "id": "no-such-memory" })).await);
    record("create_memory", &call(&client, "create_memory", json!({ "content": "ok", "kind": "wish" })).await);
    insta::with_settings!({ filters => vec![
        (r"conv_[0-9a-z]{26}", "[CONV]"),
        (r"\b[0-9a-hjkmnp-tv-z]{26}\b", "[ID]"),
        (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", "[TIME]"),
        (r"\d{4}-\d{2}-\d{2}", "[DATE]"),
    ]}, {
        insta::assert_snapshot!("readable_results", transcript);
    });
}

/// Memories saved over MCP in a real repository, then the code moves (an edit in two commits, a rename, a deletion):
/// every result that carries a memory carries its `stale` field, the readable text says what moved, the assistant can
/// list what moved and re-anchor what still holds.
#[tokio::test]
async fn results_carry_staleness_and_the_assistant_can_reanchor() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let repo = tmp.path().join("shop");
    std::fs::create_dir_all(repo.join("src")).expect("mkdir");
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["remote", "add", "origin", "https://github.com/acme/shop.git"]);
    let file = |name: &str, text: &str| std::fs::write(repo.join(name), text).expect("write");
    file("src/pool.rs", "pool size 10\nretry 3\n");
    file("src/old.rs", &"the old module\n".repeat(20));
    file("src/gone.rs", "gone\n");
    file("src/auth.rs", "signed cookies\n");
    commit_all(&repo, "Initial shop");
    let first = git(&repo, &["rev-parse", "HEAD"]);

    let client = connect_in(&tmp.path().join("home"), Some(PROJECT), &repo).await;
    let mut ids = std::collections::BTreeMap::new();
    for (name, kind, content, anchor) in [
        ("pool", "gotcha", "The connection pool in src/pool.rs caps at 10 connections", "src/pool.rs"),
        ("old", "progress", "Halfway through splitting the old module into parts", "src/old.rs"),
        ("gone", "gotcha", "The gone module swallows connection errors", "src/gone.rs"),
        ("auth", "decision", "Sessions are signed cookies, decided over JWT for the connection layer", "src/auth.rs"),
    ] {
        let created = create(
            &client,
            json!({ "content": content, "conversationId": "NEW", "kind": kind, "topics": ["pool"], "files": [anchor] }),
        )
        .await;
        assert_eq!(created["memory"]["commit"], json!(first), "{name} is stamped with the server's HEAD");
        ids.insert(name, created["id"].as_str().expect("id").to_owned());
    }

    file("src/pool.rs", "pool size 20\nretry 3\n");
    commit_all(&repo, "Pool: raise the cap");
    file("src/pool.rs", "pool size 20\nretry 5\n");
    commit_all(&repo, "Pool: more retries");
    git(&repo, &["mv", "src/old.rs", "src/new.rs"]);
    git(&repo, &["rm", "-q", "src/gone.rs"]);
    commit_all(&repo, "Rename old, remove gone");

    let (text, got) = ok(&client, "get_memory", json!({ "id": ids["pool"] })).await;
    assert_eq!(
        got["memory"]["stale"],
        json!({ "isStale": true, "mark": "src/pool.rs changed since, 2 commits",
                "anchors": [{ "file": "src/pool.rs", "state": "changed", "commits": 2 }] })
    );
    assert!(text.contains("stale: src/pool.rs changed since, 2 commits"), "{text}");
    let (_, auth) = ok(&client, "get_memory", json!({ "id": ids["auth"] })).await;
    assert_eq!(auth["memory"]["stale"]["isStale"], json!(false));
    assert_eq!(auth["memory"]["stale"]["anchors"][0]["state"], json!("unchanged"));

    let (_, found) = ok(&client, "search_memories", json!({ "query": "connection" })).await;
    let marks: std::collections::BTreeMap<String, Value> = found["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| (r["memory"]["id"].as_str().unwrap_or_default().to_owned(), r["memory"]["stale"]["mark"].clone()))
        .collect();
    assert_eq!(marks[&ids["pool"]], json!("src/pool.rs changed since, 2 commits"));
    assert_eq!(marks[&ids["gone"]], json!("src/gone.rs deleted"));
    assert_eq!(marks[&ids["auth"]], json!(""));

    let (listed, stale) = ok(&client, "list_stale_memories", json!({})).await;
    let stale_ids: std::collections::BTreeSet<&str> =
        stale["memories"].as_array().expect("memories").iter().filter_map(|m| m["id"].as_str()).collect();
    let expected: std::collections::BTreeSet<&str> = ["pool", "old", "gone"].iter().map(|n| ids[n].as_str()).collect();
    assert_eq!(stale_ids, expected);
    assert_eq!(stale["count"], json!(3));

    let (reanchored, done) = ok(&client, "reanchor_memory", json!({ "id": ids["old"] })).await;
    assert_eq!(done["memory"]["files"], json!(["src/new.rs"]));
    assert_eq!(done["memory"]["stale"]["isStale"], json!(false));
    assert_eq!(done["previousCommit"], json!(first));
    let (_, after) = ok(&client, "list_stale_memories", json!({})).await;
    assert_eq!(after["count"], json!(2));

    let (recalled, _) = ok(&client, "recall", json!({})).await;
    assert!(recalled.contains("[stale: src/gone.rs deleted]"), "{recalled}");
    let (briefing, _) = ok(&client, "build_context", json!({ "files": ["src/pool.rs"] })).await;
    assert!(briefing.contains("src/pool.rs changed since, 2 commits"), "{briefing}");

    let (json_digest, _) = ok(&client, "recall", json!({ "format": "json" })).await;
    assert!(json_digest.contains(r#""stale":"src/pool.rs changed since, 2 commits""#), "{json_digest}");
    let transcript = format!(
        "### list_stale_memories\n{listed}\n\n### reanchor_memory\n{reanchored}\n\n### recall\n{recalled}\n\n\
         ### build_context\n{briefing}\n\n### recall (json)\n{json_digest}\n\n### get_memory (structured stale)\n{}\n",
        serde_json::to_string_pretty(&got["memory"]["stale"]).unwrap_or_default(),
    );
    insta::with_settings!({ filters => vec![
        (r"conv_[0-9a-z]{26}", "[CONV]"),
        (r"\b[0-9a-hjkmnp-tv-z]{26}\b", "[ID]"),
        (r"\b01[0-9a-hjkmnp-tv-z]{10}\b", "[SHORT]"),
        (r#""score":[0-9.]+"#, r#""score":[SCORE]"#),
        (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", "[TIME]"),
        (r"\d{4}-\d{2}-\d{2}", "[DATE]"),
    ]}, {
        insta::assert_snapshot!("stale_results", transcript);
    });
}
