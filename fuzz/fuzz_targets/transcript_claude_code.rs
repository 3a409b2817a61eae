//! Claude Code transcripts (JSONL written by the assistant, possibly torn mid-line). Property: every memory a capture
//! drafts from any transcript is one the store accepts (content, topics, files, importance), read from the start or
//! from a marker.
#![no_main]

#[allow(dead_code)]
#[path = "../../plugins/claude-code/src/transcript.rs"]
mod transcript;

use adapter_common::capture::{Assistant, drafts};
use libfuzzer_sys::fuzz_target;

const ASSISTANT: Assistant =
    Assistant { name: "Claude Code", topic: "claude-code", files_heading: "Files created or edited" };

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let session = transcript::read(text, "/home/dev/shop", None);
    let resumed = session.through.clone().map(|marker| transcript::read(text, "/home/dev/shop", Some(&marker)));
    for session in std::iter::once(session).chain(resumed) {
        if session.is_empty() {
            continue;
        }
        for draft in drafts(&session, "conv_claude_fuzz", &ASSISTANT) {
            mx_fuzz::assert_storable(&draft.content, &draft.topics, &draft.files, draft.importance);
        }
    }
});
