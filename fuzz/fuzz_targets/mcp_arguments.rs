//! The MCP tools' arguments: the parameter structs every tool call is deserialised into, and the checks of period,
//! kinds, limit and budget strings. Properties: no panic; a period that parses lies in the past; a limit or budget
//! that passes is within its documented range; a kinds list that parses has no duplicates.
#![no_main]

// The `mx` crate is a binary; these two modules are its MCP argument surface and depend only on serde, schemars,
// jiff, mx-core and the store's re-export of mx-core's input rules, so they are compiled here as they are.
#[allow(dead_code)]
#[path = "../../host/cli/src/mcp/input.rs"]
mod input;
#[allow(dead_code)]
#[path = "../../host/cli/src/mcp/params.rs"]
mod params;

use jiff::Timestamp;
use libfuzzer_sys::fuzz_target;

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let now = Timestamp::from_second(1_795_694_400).expect("valid");

    if let Some(p) = parse::<params::CreateMemoryParams>(text) {
        let _ = mx_core::model::validate_content(&p.content);
        if let Some(kind) = &p.kind {
            let _ = input::kinds(kind);
        }
    }
    if let Some(p) = parse::<params::SearchMemoriesParams>(text) {
        let _ = input::limit(p.limit, 10).map(|n| assert!((1..=input::MAX_LIMIT).contains(&n)));
    }
    let _ = parse::<params::MemoryRefParams>(text);
    let _ = parse::<params::UpdateMemoryParams>(text);
    if let Some(p) = parse::<params::RecallParams>(text) {
        if let Ok(Some(n)) = input::max_tokens(p.max_tokens) {
            assert!((input::MIN_MAX_TOKENS..=mx_core::input::MAX_MAX_TOKENS).contains(&n));
        }
    }
    let _ = parse::<params::BuildContextParams>(text);
    let _ = parse::<params::ListConversationsParams>(text);
    let _ = parse::<params::ListTopicsParams>(text);

    // The raw strings, as an assistant may send any of them.
    if let Ok(since) = input::since(text, now) {
        assert!(since < now, "period {text:?} is not in the past: {since}");
    }
    if let Ok(kinds) = input::kinds(text) {
        for (i, kind) in kinds.iter().enumerate() {
            assert!(!kinds[..i].contains(kind), "duplicate kinds from {text:?}");
        }
    }
});
