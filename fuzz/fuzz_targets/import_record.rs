//! Import records (`mx import`, `mx eval`, the Node and Python packages' import): one JSONL line of mx's own export
//! (a memory, a relationship, a usage record) or another tool's record. Properties: no line panics the reader or
//! its validation; a line that reads as one of mx's own records and validates exports back (the line `mx export`
//! writes for it) to the same record, so export → import → export is lossless for whatever import accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mx_store::{ImportRecord, RelationshipLine, UsageLine};

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else { return };
    let Ok(record) = ImportRecord::from_json_line(line, Some("fuzz-project")) else { return };
    if record.validate().is_err() {
        return;
    }
    let exported = match &record {
        ImportRecord::Memory(memory) => serde_json::to_string(memory),
        ImportRecord::Relationship(relationship) => {
            serde_json::to_string(&RelationshipLine { relationship: relationship.clone() })
        }
        ImportRecord::Usage(usage) => serde_json::to_string(&UsageLine { usage: usage.clone() }),
        // A foreign record becomes a memory only once stored (ids, times, the project's defaults).
        ImportRecord::Foreign(new) => {
            assert!(!new.content.trim().is_empty(), "validated foreign record with empty content: {line:?}");
            return;
        }
    }
    .expect("a record that was read serialises");
    let again = ImportRecord::from_json_line(&exported, Some("fuzz-project"))
        .unwrap_or_else(|err| panic!("the export of {line:?} does not read back: {err}\nexported: {exported}"));
    assert_eq!(again, record, "export of {line:?} reads back differently\nexported: {exported}");
});
