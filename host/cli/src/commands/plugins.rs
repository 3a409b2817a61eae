//! `mx plugins list | install FILE.wasm | remove NAME`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use mx_plugin_host::NoServices;
use serde::Serialize;

use crate::output::{self, Context};
use crate::plugins::{self, Source};

#[derive(Debug, clap::Subcommand)]
pub enum PluginsCommand {
    /// List the built-in and installed adapters.
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
    source: String,
    events: Vec<String>,
    description: String,
}

pub fn run(cmd: PluginsCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        PluginsCommand::List => list(),
        PluginsCommand::Install { file } => install(&file),
        PluginsCommand::Remove { name } => remove(&name),
    }
}

fn list() -> anyhow::Result<ExitCode> {
    let host = plugins::host(Arc::new(NoServices))?;
    let mut rows = Vec::new();
    let mut sources: Vec<(String, Source)> =
        mx_builtin_plugins::BUILTIN.iter().map(|b| (b.assistant.to_owned(), Source::Builtin(b.component))).collect();
    for path in plugins::installed_files() {
        let origin = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        sources.push((origin, Source::Installed(path)));
    }
    for (origin, source) in sources {
        let row = match host.load(&origin, &source.bytes()?) {
            Ok(plugin) => {
                let m = plugin.manifest();
                PluginRow {
                    name: m.name.clone(),
                    assistant: m.assistant.clone(),
                    version: m.version.clone(),
                    source: source.label(),
                    events: m.events.clone(),
                    description: m.description.clone(),
                }
            }
            Err(err) => PluginRow {
                name: origin,
                assistant: String::new(),
                version: String::new(),
                source: source.label(),
                events: Vec::new(),
                description: format!("broken: {err}"),
            },
        };
        rows.push(row);
    }
    let ctx = Context::get();
    let mut out = output::stdout();
    if ctx.format.is_structured() {
        output::write_structured(&mut out, ctx.format, &rows)?;
    } else {
        for row in &rows {
            writeln!(
                out,
                "{:<14} {:<14} {:<8} {:<10} {}",
                row.name,
                row.assistant,
                row.version,
                source_kind(&row.source),
                row.description
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
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
    let dir = plugins::installed_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let target = dir.join(format!("{}.wasm", plugin.name()));
    let tmp = target.with_extension("wasm.tmp");
    std::fs::write(&tmp, &component).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &target).with_context(|| format!("cannot write {}", target.display()))?;
    let m = plugin.manifest();
    let mut out = output::stdout();
    writeln!(out, "installed {} {} for {} at {}", m.name, m.version, m.assistant, target.display())?;
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
