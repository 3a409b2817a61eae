//! Reading a plugin without running it: its contract version and manifest come from custom sections of the
//! component (`mx:contract`, `mx:manifest`, written by the mx-plugin SDK's `export_adapter!`), so `mx plugins list`
//! never instantiates a plugin and loading one skips its `manifest` call.
//!
//! A component without `mx:contract` (built before contract versions were recorded, or without the SDK) is
//! versioned by the `mx:adapter/host@X.Y.Z` interface it imports.

use serde::Deserialize;
use wasmparser::{Parser, Payload};

use crate::types::Manifest;
use crate::wit::ContractVersion;

/// The custom section holding the contract version, e.g. `0.2.0`.
pub const CONTRACT_SECTION: &str = "mx:contract";
/// The custom section holding the manifest as JSON (the WIT record's fields, kebab-case).
pub const MANIFEST_SECTION: &str = "mx:manifest";
const HOST_INTERFACE: &str = "mx:adapter/host@";

/// What a component says about itself before it runs.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// `None` when the component neither records a version nor imports the host: the loader tries each version.
    pub contract: Option<ContractVersion>,
    /// `None` for a component without an `mx:manifest` section: its `manifest` export must be called.
    pub manifest: Option<Manifest>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct ManifestJson {
    name: String,
    assistant: String,
    version: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    events: Vec<String>,
    #[serde(default)]
    reads: Vec<String>,
    #[serde(default)]
    writes: Vec<String>,
}

/// Reads the contract version and manifest of a component (not a core module: wrap it first).
pub fn inspect(component: &[u8]) -> Result<Inspection, String> {
    let mut recorded: Option<String> = None;
    let mut imported: Option<String> = None;
    let mut manifest: Option<&[u8]> = None;
    for payload in Parser::new(0).parse_all(component) {
        match payload.map_err(|err| format!("not a valid component: {err}"))? {
            // Sections of the core module inside the component are visited too: that is where the SDK's land.
            Payload::CustomSection(section) if section.name() == CONTRACT_SECTION => {
                recorded = Some(String::from_utf8_lossy(section.data()).into_owned());
            }
            Payload::CustomSection(section) if section.name() == MANIFEST_SECTION => {
                manifest = Some(section.data());
            }
            Payload::ComponentImportSection(imports) => {
                for import in imports {
                    let import = import.map_err(|err| format!("not a valid component: {err}"))?;
                    if let Some(version) = import.name.name.strip_prefix(HOST_INTERFACE) {
                        imported = Some(version.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    let contract = match recorded.as_ref().or(imported.as_ref()) {
        Some(version) => Some(ContractVersion::parse(version).ok_or_else(|| {
            let known: Vec<&str> = ContractVersion::ALL.iter().map(|v| v.as_str()).collect();
            format!("it was built against mx:adapter@{}; this mx speaks {}", version.trim(), known.join(", "))
        })?),
        // Importing nothing from the host is allowed (a plugin that only wires files).
        None => None,
    };
    if let (Some(recorded), Some(imported)) = (&recorded, &imported)
        && recorded.trim() != imported
    {
        return Err(format!("it records contract {recorded} but imports mx:adapter/host@{imported}"));
    }
    let manifest = manifest
        .map(|bytes| {
            let m: ManifestJson = serde_json::from_slice(bytes)
                .map_err(|err| format!("its `{MANIFEST_SECTION}` section is not a manifest: {err}"))?;
            Ok::<_, String>(Manifest {
                name: m.name,
                assistant: m.assistant,
                version: m.version,
                description: m.description,
                events: m.events,
                reads: m.reads,
                writes: m.writes,
            })
        })
        .transpose()?;
    Ok(Inspection { contract, manifest })
}

/// `component` with an `mx:manifest` custom section appended (for a plugin built without the SDK, at install).
pub fn with_manifest_section(component: &[u8], manifest: &Manifest) -> Vec<u8> {
    let json = serde_json::json!({
        "name": manifest.name,
        "assistant": manifest.assistant,
        "version": manifest.version,
        "description": manifest.description,
        "events": manifest.events,
        "reads": manifest.reads,
        "writes": manifest.writes,
    })
    .to_string();
    let mut body = Vec::new();
    leb128(&mut body, MANIFEST_SECTION.len());
    body.extend_from_slice(MANIFEST_SECTION.as_bytes());
    body.extend_from_slice(json.as_bytes());
    let mut out = component.to_vec();
    // A custom section (id 0) may follow any section of a component; appending leaves the rest byte for byte.
    out.push(0);
    leb128(&mut out, body.len());
    out.extend_from_slice(&body);
    out
}

/// Unsigned LEB128, the binary format's integer encoding.
fn leb128(out: &mut Vec<u8>, mut value: usize) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}
