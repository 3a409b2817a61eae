//! The cross-front-end bad-input table (`tests/bad-inputs.json` at the repository root) through the CLI and through
//! the MCP server, both as real `mx` processes on one store. Each row must fail with the code INVALID_INPUT (exit 2
//! on the command line) and a message carrying the shared `field: problem`. The Node and Python suites read the same
//! table.

mod cli_support;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Stdio};

use cli_support::{Env, assert_error};
use serde_json::{Value, json};

fn table() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/bad-inputs.json");
    let text = std::fs::read_to_string(path).expect("the bad-input table is readable");
    let table: Value = serde_json::from_str(&text).expect("the bad-input table is JSON");
    table["cases"].as_array().expect("the table has cases").clone()
}

fn text<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key].as_str().unwrap_or_else(|| panic!("case {case} lacks {key}"))
}

#[test]
fn the_cli_refuses_every_bad_input_with_the_shared_message() {
    let env = Env::new();
    for case in table() {
        let args: Vec<&str> =
            case["cli"].as_array().expect("cli args").iter().map(|a| a.as_str().expect("string arg")).collect();
        let out = env.run(&args);
        assert_error(&out, 2, text(&case, "message"));
    }
    // Nothing was stored by the refused creates.
    let listed = env.run(&["memories", "list", "--format", "json"]);
    assert_eq!(String::from_utf8_lossy(&listed.stdout).trim(), "[]");
}

/// `mx mcp` as an assistant starts it: newline-delimited JSON-RPC on stdin/stdout.
struct McpProcess {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: u64,
}

impl McpProcess {
    fn start(env: &Env) -> Self {
        let mut child = env
            .std_mx()
            .args(["mcp"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("mx mcp starts");
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut server = McpProcess { child, stdin, stdout, next_id: 0 };
        let init = json!({
            "protocolVersion": "2025-06-18",
            "capabilities": {},
            "clientInfo": { "name": "bad-inputs-test", "version": "0" },
        });
        server.request("initialize", init);
        server.send(&json!({ "jsonrpc": "2.0", "method": "notifications/initialized" }));
        server
    }

    fn send(&mut self, message: &Value) {
        writeln!(self.stdin, "{message}").expect("write to mx mcp");
        self.stdin.flush().expect("flush to mx mcp");
    }

    /// Sends a request and returns its `result`, skipping any notification the server sends meanwhile.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let mut line = String::new();
            let read = self.stdout.read_line(&mut line).expect("read from mx mcp");
            assert!(read > 0, "mx mcp closed stdout while {method} was pending");
            let message: Value = serde_json::from_str(&line).expect("mx mcp writes JSON lines");
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{method} failed at the protocol level: {message}");
                return message["result"].clone();
            }
        }
    }
}

impl Drop for McpProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_mcp_server_refuses_every_bad_input_with_the_shared_message() {
    let env = Env::new();
    let mut server = McpProcess::start(&env);
    for case in table() {
        let call = &case["mcp"];
        let result =
            server.request("tools/call", json!({ "name": call["tool"], "arguments": call["arguments"].clone() }));
        let name = text(&case, "name");
        assert_eq!(result["isError"], json!(true), "{name}: {result}");
        let error = &result["structuredContent"]["error"];
        assert_eq!(error["code"], json!("INVALID_INPUT"), "{name}: {result}");
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.contains(text(&case, "message")), "{name}: {message:?}");
        assert!(message.starts_with(&format!("{}: ", text(&case, "field"))), "{name} names the field: {message:?}");
    }
}
