//! Cursor agent transcripts (JSONL of role/message entries). Property: every memory a capture drafts from any
//! transcript is one the store accepts, read from the start or from any entry number; a marker it writes reads back.
#![no_main]

#[allow(dead_code)]
#[path = "../../plugins/cursor/src/transcript.rs"]
mod transcript;

use adapter_common::capture::{Assistant, drafts};
use libfuzzer_sys::fuzz_target;

const ASSISTANT: Assistant = Assistant { name: "Cursor", topic: "cursor", files_heading: "Files mentioned" };

fuzz_target!(|data: &[u8]| {
    let Some((&after, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let session = transcript::read(text, "/home/dev/shop", usize::from(after % 8));
    if let Some(marker) = &session.through {
        assert!(transcript::parse_position(marker).is_some(), "marker `{marker}` does not read back");
    }
    if session.is_empty() {
        return;
    }
    for draft in drafts(&session, "conv_cursor_fuzz", &ASSISTANT) {
        mx_fuzz::assert_storable(&draft.content, &draft.topics, &draft.files, draft.importance);
    }
});
