//! `mx plugins list | install FILE.wasm | remove NAME`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use mx_plugin_host::types::Manifest;
use mx_plugin_host::{ContractVersion, NoServices};
use serde::Serialize;

use crate::output::{self, Context};
use crate::plugins::{self, Source};

#[derive(Debug, clap::Subcommand)]
pub enum PluginsCommand {
    /// List the built-in and installed adapters, with the contract version each was built against. Read from the
    /// components themselves: no plugin code runs.
    List,
    /// Install an adapter from a WebAssembly component (or a core module built with the mx-plugin SDK, which is
    /// wrapped as a component). It is checked by loading it and reading its manifest.
    Install {
        /// The .wasm file.
        file: PathBuf,
    },
    /// Remove an installed adapter by name (built-in adapters cannot be removed).
    Remove {
        /// The plugin name from `mx plugins list`.
        name: String,
    },
}

/// One row of `mx plugins list`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PluginRow {
    name: String,
    assistant: String,
    version: String,
    /// The `mx:adapter` contract version the plugin was built against.
    contract: String,
    source: String,
    events: Vec<String>,
    description: String,
}

pub fn run(ctx: &Context, cmd: PluginsCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        PluginsCommand::List => list(ctx),
        PluginsCommand::Install { file } => install(&file),
        PluginsCommand::Remove { name } => remove(&name),
    }
}

fn list(ctx: &Context) -> anyhow::Result<ExitCode> {
    let mut sources: Vec<(String, Source)> =
        mx_builtin_plugins::BUILTIN.iter().map(|b| (b.assistant.to_owned(), Source::Builtin(b.component))).collect();
    for path in plugins::installed_files() {
        let origin = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        sources.push((origin, Source::Installed(path)));
    }
    // Only a plugin installed before manifests were recorded in components needs running; the host is made for it.
    let mut host = None;
    let mut rows = Vec::new();
    for (origin, source) in sources {
        let row = match describe(&origin, &source, &mut host) {
            Ok((contract, m)) => PluginRow {
                name: m.name,
                assistant: m.assistant,
                version: m.version,
                contract: contract.to_string(),
                source: source.label(),
                events: m.events,
                description: m.description,
            },
            Err(err) => PluginRow {
                name: origin,
                assistant: String::new(),
                version: String::new(),
                contract: String::new(),
                source: source.label(),
                events: Vec::new(),
                description: format!("broken: {err:#}"),
            },
        };
        rows.push(row);
    }
    let mut out = output::stdout();
    if ctx.format.is_structured() {
        output::write_structured(&mut out, ctx.format, &rows)?;
    } else {
        let mut table = output::table(&["NAME", "VERSION", "CONTRACT", "SOURCE", "DESCRIPTION"]);
        for row in &rows {
            // The assistant is shown only where it differs from the name (usually they are the same word).
            let name = if row.assistant.is_empty() || row.assistant == row.name {
                row.name.clone()
            } else {
                format!("{} (for {})", row.name, row.assistant)
            };
            table.add_row(vec![
                name,
                row.version.clone(),
                row.contract.clone(),
                source_kind(&row.source).to_owned(),
                row.description.clone(),
            ]);
        }
        output::write_table(&mut out, &table)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A plugin's contract version and manifest, from its custom sections.
fn describe(
    origin: &str,
    source: &Source,
    host: &mut Option<mx_plugin_host::PluginHost>,
) -> anyhow::Result<(ContractVersion, Manifest)> {
    let component = mx_plugin_host::componentize(&source.bytes()?).map_err(anyhow::Error::msg)?;
    let inspection = mx_plugin_host::inspect(&component).map_err(anyhow::Error::msg)?;
    if let (Some(contract), Some(manifest)) = (inspection.contract, inspection.manifest) {
        return Ok((contract, manifest));
    }
    let host = match host {
        Some(host) => host,
        None => host.insert(plugins::host(Arc::new(NoServices))?),
    };
    let plugin = host.load(origin, &component)?;
    Ok((plugin.contract(), plugin.manifest().clone()))
}

fn source_kind(source: &str) -> &str {
    if source == "built-in" { "built-in" } else { "installed" }
}

fn install(file: &std::path::Path) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let component = mx_plugin_host::componentize(&bytes)
        .map_err(|err| anyhow::anyhow!("{} is not an mx adapter: {err}", file.display()))?;
    let host = plugins::host(Arc::new(NoServices))?;
    let origin = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let plugin = host.load(&origin, &component)?;
    // A plugin built without the SDK's manifest section gets one, so `mx plugins list` never has to run it.
    let component = match mx_plugin_host::inspect(&component) {
        Ok(inspection) if inspection.manifest.is_some() => component,
        _ => mx_plugin_host::with_manifest_section(&component, plugin.manifest()),
    };
    let dir = plugins::installed_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let target = dir.join(format!("{}.wasm", plugin.name()));
    let tmp = target.with_extension("wasm.tmp");
    std::fs::write(&tmp, &component).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &target).with_context(|| format!("cannot write {}", target.display()))?;
    let m = plugin.manifest();
    let mut out = output::stdout();
    writeln!(
        out,
        "installed {} {} for {} (contract {}) at {}",
        m.name,
        m.version,
        m.assistant,
        plugin.contract(),
        target.display()
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn remove(name: &str) -> anyhow::Result<ExitCode> {
    let target = plugins::installed_dir().join(format!("{name}.wasm"));
    if !target.is_file() {
        if mx_builtin_plugins::find(name).is_some() {
            return Err(crate::error::usage(format!("`{name}` is built into mx and cannot be removed")));
        }
        return Err(crate::error::usage(format!("no installed plugin named `{name}`; see `mx plugins list`")));
    }
    std::fs::remove_file(&target).with_context(|| format!("cannot remove {}", target.display()))?;
    let mut out = output::stdout();
    writeln!(out, "removed {name}")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
