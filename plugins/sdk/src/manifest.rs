//! The manifest as a constant, so the export macro can write it into the component's `mx:manifest` custom section
//! at compile time: mx reads what a plugin is, and what it may touch, without running it.

use crate::bindings::mx::adapter::types::Manifest as WitManifest;

/// What an adapter is, and the only files it may touch. Build it in a `const` with the builder methods:
///
/// ```ignore
/// const MANIFEST: Manifest = Manifest::new("claude-code", "claude-code", env!("CARGO_PKG_VERSION"))
///     .description("Claude Code: MCP server, rules and hooks")
///     .events(&["session-start", "stop"])
///     .reads(&["~/.claude/projects/**/*.jsonl"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Manifest {
    /// The plugin's unique name, kebab-case; `mx plugins remove NAME` uses it.
    pub name: &'static str,
    /// The `<assistant>` of `mx setup <assistant>` and `mx hook <assistant> <event>`; usually equal to `name`.
    pub assistant: &'static str,
    /// The adapter's own version (semver).
    pub version: &'static str,
    /// One line shown by `mx plugins list`.
    pub description: &'static str,
    /// The event names `handle_event` understands.
    pub events: &'static [&'static str],
    /// Glob patterns of files the plugin may read through [`crate::host::read_file`].
    pub reads: &'static [&'static str],
    /// Glob patterns of configuration files outside the project that `setup` may edit.
    pub writes: &'static [&'static str],
}

impl Manifest {
    /// A manifest with no events, reads or writes; add them with the builder methods.
    pub const fn new(name: &'static str, assistant: &'static str, version: &'static str) -> Self {
        Self { name, assistant, version, description: "", events: &[], reads: &[], writes: &[] }
    }

    /// The one-line description shown by `mx plugins list`.
    pub const fn description(mut self, description: &'static str) -> Self {
        self.description = description;
        self
    }

    /// The events `handle_event` understands.
    pub const fn events(mut self, events: &'static [&'static str]) -> Self {
        self.events = events;
        self
    }

    /// Glob patterns of files the plugin may read (e.g. `~/.claude/projects/**/*.jsonl`).
    pub const fn reads(mut self, patterns: &'static [&'static str]) -> Self {
        self.reads = patterns;
        self
    }

    /// Glob patterns of configuration files outside the project that `setup` may edit.
    pub const fn writes(mut self, patterns: &'static [&'static str]) -> Self {
        self.writes = patterns;
        self
    }

    pub(crate) fn to_wit(self) -> WitManifest {
        let strings = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect();
        WitManifest {
            name: self.name.to_owned(),
            assistant: self.assistant.to_owned(),
            version: self.version.to_owned(),
            description: self.description.to_owned(),
            events: strings(self.events),
            reads: strings(self.reads),
            writes: strings(self.writes),
        }
    }
}

/// The length of [`encode`]'s output.
pub const fn encoded_len(manifest: &Manifest) -> usize {
    let mut nothing: [u8; 0] = [];
    write_manifest(manifest, &mut nothing)
}

/// The manifest as JSON bytes, `N` being [`encoded_len`]: `{"name":…,"assistant":…,…,"writes":[…]}`.
pub const fn encode<const N: usize>(manifest: &Manifest) -> [u8; N] {
    let mut out = [0u8; N];
    write_manifest(manifest, &mut out);
    out
}

/// Writes as much of the JSON as fits in `out` and returns its full length (a `const fn` cannot allocate, so the
/// same code measures with an empty buffer and then fills one of the right size).
const fn write_manifest(m: &Manifest, out: &mut [u8]) -> usize {
    let mut pos = raw(out, 0, "{\"name\":");
    pos = string(out, pos, m.name);
    pos = raw(out, pos, ",\"assistant\":");
    pos = string(out, pos, m.assistant);
    pos = raw(out, pos, ",\"version\":");
    pos = string(out, pos, m.version);
    pos = raw(out, pos, ",\"description\":");
    pos = string(out, pos, m.description);
    pos = raw(out, pos, ",\"events\":");
    pos = list(out, pos, m.events);
    pos = raw(out, pos, ",\"reads\":");
    pos = list(out, pos, m.reads);
    pos = raw(out, pos, ",\"writes\":");
    pos = list(out, pos, m.writes);
    byte(out, pos, b'}')
}

const fn byte(out: &mut [u8], pos: usize, b: u8) -> usize {
    if pos < out.len() {
        out[pos] = b;
    }
    pos + 1
}

const fn raw(out: &mut [u8], mut pos: usize, text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        pos = byte(out, pos, bytes[i]);
        i += 1;
    }
    pos
}

/// A JSON string: quotes, backslashes and control characters escaped; other UTF-8 bytes copied as they are.
const fn string(out: &mut [u8], mut pos: usize, text: &str) -> usize {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    pos = byte(out, pos, b'"');
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' || b == b'\\' {
            pos = byte(out, pos, b'\\');
            pos = byte(out, pos, b);
        } else if b < 0x20 {
            pos = raw(out, pos, "\\u00");
            pos = byte(out, pos, HEX[(b >> 4) as usize]);
            pos = byte(out, pos, HEX[(b & 0xf) as usize]);
        } else {
            pos = byte(out, pos, b);
        }
        i += 1;
    }
    byte(out, pos, b'"')
}

const fn list(out: &mut [u8], mut pos: usize, items: &[&str]) -> usize {
    pos = byte(out, pos, b'[');
    let mut i = 0;
    while i < items.len() {
        if i > 0 {
            pos = byte(out, pos, b',');
        }
        pos = string(out, pos, items[i]);
        i += 1;
    }
    byte(out, pos, b']')
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUOTED: Manifest = Manifest::new("odd", "odd", "1.0.0")
        .description("says \"hi\"\\ on\tone line")
        .events(&["a", "b"])
        .writes(&["~/.odd.json"]);

    #[test]
    fn the_const_encoding_is_the_json_of_the_manifest() {
        const LEN: usize = encoded_len(&QUOTED);
        let bytes: [u8; LEN] = encode(&QUOTED);
        let value: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
        assert_eq!(
            value,
            serde_json::json!({
                "name": "odd", "assistant": "odd", "version": "1.0.0", "description": "says \"hi\"\\ on\tone line",
                "events": ["a", "b"], "reads": [], "writes": ["~/.odd.json"],
            })
        );
    }
}
