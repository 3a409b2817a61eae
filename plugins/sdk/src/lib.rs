//! # mx-plugin: write an mx adapter in a few dozen lines
//!
//! An adapter connects an AI coding assistant to mx. It is a WebAssembly component implementing the
//! `mx:adapter@0.2.0` contract (`plugins/wit/v0.2.0/adapter.wit`); this crate hides the bindings: implement
//! [`Adapter`] on a type and call [`export_adapter!`], which also records the contract version and the manifest
//! in the component (custom sections `mx:contract` and `mx:manifest`) so mx reads them without running it.
//!
//! ```ignore
//! use mx_plugin::{Adapter, Edit, Event, EventResponse, Manifest, SetupRequest, export_adapter, host};
//!
//! struct Example;
//!
//! impl Adapter for Example {
//!     const MANIFEST: Manifest = Manifest::new("example", "example", env!("CARGO_PKG_VERSION"))
//!         .description("Injects the project digest at session start")
//!         .events(&["session-start"]);
//!
//!     fn setup(request: SetupRequest) -> Result<Vec<Edit>, String> {
//!         Ok(vec![Edit::upsert_block(
//!             "AGENTS.md",
//!             "mx",
//!             &format!("Save what you learn with `{} memories create`.", request.mx_command),
//!         )])
//!     }
//!
//!     fn handle_event(event: Event) -> Result<EventResponse, String> {
//!         match event.name.as_str() {
//!             "session-start" => {
//!                 let digest = host::digest(&mx_plugin::DigestRequest::default())?;
//!                 Ok(EventResponse::output(digest.text))
//!             }
//!             other => Err(format!("unknown event `{other}`")),
//!         }
//!     }
//! }
//!
//! export_adapter!(Example);
//! ```
//!
//! Build with `cargo build --release --target wasm32-unknown-unknown` and install the `.wasm` with
//! `mx plugins install` (it is wrapped as a component on install). See PLUGINS.md.

#![forbid(unsafe_op_in_unsafe_fn)]

mod edit;
pub mod host;
mod manifest;
mod types;

pub use serde_json;

pub use manifest::Manifest;
pub use types::*;

/// The contract version this SDK builds against, recorded in every component's `mx:contract` section.
pub const CONTRACT_VERSION: &str = "0.2.0";

/// A result whose error is a message for the user.
pub type Result<T, E = String> = core::result::Result<T, E>;

/// An mx adapter. Only [`Adapter::manifest`] is required; the other methods default to doing nothing.
///
/// Methods take no `self`: the host creates a fresh instance for every call, so an adapter keeps no state
/// between calls (save what must last as memories).
pub trait Adapter {
    /// Describes the adapter and declares the only files it may read and write. A constant, so that it is
    /// written into the component and mx can read it without running the plugin.
    const MANIFEST: Manifest;

    /// The edits that wire the assistant to mx (`mx setup <assistant>`). Return the same edits every time:
    /// the host makes them idempotent and undoes them for `mx setup --remove`.
    fn setup(request: SetupRequest) -> Result<Vec<Edit>> {
        let _ = request;
        Ok(Vec::new())
    }

    /// The edits that refresh the assistant's static context file (`mx sync <assistant>`), typically an
    /// [`Edit::upsert_block`] with `request.context` (what [`Adapter::render_context`] made of the project's
    /// digest). The default is none: the assistant has no such file.
    fn sync(request: SyncRequest) -> Result<Vec<Edit>> {
        let _ = request;
        Ok(Vec::new())
    }

    /// Reacts to an assistant event (`mx hook <assistant> <event>`).
    fn handle_event(event: Event) -> Result<EventResponse> {
        let _ = event;
        Ok(EventResponse::none())
    }

    /// The text of the assistant's static context file for the project's digest (`mx sync` passes it to
    /// [`Adapter::sync`]). Must not call the host. The default is the digest's Markdown under a heading, or
    /// nothing when the digest is empty.
    fn render_context(digest: Digest) -> String {
        if digest.text.trim().is_empty() {
            String::new()
        } else {
            format!("# Project memory (mx)\n\n{}\n", digest.text.trim_end())
        }
    }
}

/// Exports a type implementing [`Adapter`] as the plugin's implementation of `mx:adapter`.
/// Call it once, at the top level of a `cdylib` crate.
#[macro_export]
macro_rules! export_adapter {
    ($adapter:ty) => {
        const _: () = {
            struct __MxAdapterExport;

            impl $crate::__private::Guest for __MxAdapterExport {
                fn manifest() -> $crate::__private::WitManifest {
                    $crate::__private::install_panic_hook();
                    $crate::__private::to_wit(<$adapter as $crate::Adapter>::MANIFEST)
                }

                fn setup(
                    request: $crate::SetupRequest,
                ) -> ::core::result::Result<$crate::__private::Vec<$crate::Edit>, $crate::__private::String> {
                    $crate::__private::install_panic_hook();
                    <$adapter as $crate::Adapter>::setup(request)
                }

                fn handle_event(
                    event: $crate::Event,
                ) -> ::core::result::Result<$crate::EventResponse, $crate::__private::String> {
                    $crate::__private::install_panic_hook();
                    <$adapter as $crate::Adapter>::handle_event(event)
                }

                fn sync(
                    request: $crate::SyncRequest,
                ) -> ::core::result::Result<$crate::__private::Vec<$crate::Edit>, $crate::__private::String> {
                    $crate::__private::install_panic_hook();
                    <$adapter as $crate::Adapter>::sync(request)
                }

                fn render_context(digest: $crate::Digest) -> $crate::__private::String {
                    $crate::__private::install_panic_hook();
                    <$adapter as $crate::Adapter>::render_context(digest)
                }
            }

    $crate::__private::export!(__MxAdapterExport with_types_in $crate::__private::bindings);

            // Read by mx without running the plugin (`mx plugins list`, loading). `#[used]` keeps the statics
            // although no code refers to them; the linker copies custom sections into the module as they are.
            #[unsafe(link_section = "mx:contract")]
            #[used]
            static __MX_CONTRACT: [u8; $crate::CONTRACT_VERSION.len()] =
                $crate::__private::version_bytes::<{ $crate::CONTRACT_VERSION.len() }>();

            #[unsafe(link_section = "mx:manifest")]
            #[used]
            static __MX_MANIFEST: [u8; $crate::__private::encoded_len(&<$adapter as $crate::Adapter>::MANIFEST)] =
                $crate::__private::encode(&<$adapter as $crate::Adapter>::MANIFEST);
        };
    };
}

/// Implementation details used by [`export_adapter!`]; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use crate::bindings::Guest;
    pub use crate::bindings::export;
    pub use crate::bindings::mx::adapter::types::Manifest as WitManifest;
    pub use crate::manifest::{encode, encoded_len};

    pub fn to_wit(manifest: crate::Manifest) -> WitManifest {
        manifest.to_wit()
    }

    /// [`crate::CONTRACT_VERSION`] as an array, for the `mx:contract` section.
    pub const fn version_bytes<const N: usize>() -> [u8; N] {
        let mut out = [0u8; N];
        let bytes = crate::CONTRACT_VERSION.as_bytes();
        let mut i = 0;
        while i < N {
            out[i] = bytes[i];
            i += 1;
        }
        out
    }
    pub use std::string::String;
    pub use std::vec::Vec;

    pub use crate::bindings;
    pub use wit_bindgen;

    /// A panic in a plugin ends as an `unreachable` trap, which loses the message; send it to the host's log
    /// first so the user sees why.
    pub fn install_panic_hook() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            std::panic::set_hook(Box::new(|info| {
                crate::host::log(crate::LogLevel::Error, &format!("plugin panicked: {info}"));
            }));
        });
    }
}

extern crate self as mx_plugin;

#[doc(hidden)]
pub mod bindings {
    wit_bindgen::generate!({
        path: "../wit/v0.2.0",
        world: "mx:adapter/adapter@0.2.0",
        pub_export_macro: true,
        export_macro_name: "export",
        default_bindings_module: "mx_plugin::__private::bindings",
        runtime_path: "mx_plugin::__private::wit_bindgen::rt",
    });
}
