//! The adapter plugins embedded in the `mx` binary.
//!
//! `build.rs` builds every crate of the plugin workspace (`plugins/Cargo.toml`) for wasm32-unknown-unknown and
//! wraps it as a component. A crate named `mx-adapter-<assistant>` becomes a built-in adapter for `<assistant>`;
//! adding one is adding its directory to the `members` of `plugins/Cargo.toml`. Crates named `test-plugin-<name>`
//! (the documented example adapter in `plugins/example` among them) are built for tests only, in [`test_plugins`]:
//! they are not shipped as adapters, so `mx setup example` never writes an example's files into a real project.

/// A built-in adapter: the assistant it serves (from its crate name) and the component bytes.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// The `<assistant>` of `mx setup <assistant>` and `mx hook <assistant> <event>`.
    pub assistant: &'static str,
    /// A WebAssembly component implementing `mx:adapter@0.1.0`.
    pub component: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/plugins.rs"));

/// The built-in adapter for `assistant`, if there is one.
pub fn find(assistant: &str) -> Option<&'static Builtin> {
    BUILTIN.iter().find(|builtin| builtin.assistant == assistant)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_is_a_component_named_by_its_crate() {
        assert!(find("claude-code").is_some(), "the real adapters are built in");
        assert!(find("example").is_none(), "the example adapter is for tests and docs, not shipped");
        assert_eq!(&test_plugins::EXAMPLE[..4], b"\0asm", "the example is still built, for tests");
        for builtin in BUILTIN {
            // The component-model preamble: magic, then version 0x0d with layer 1 (core modules have layer 0).
            assert_eq!(&builtin.component[..4], b"\0asm", "{}", builtin.assistant);
            assert_eq!(&builtin.component[6..8], &[1, 0], "{} is not a component", builtin.assistant);
        }
    }
}
