//! `mx hook <assistant> <event>`: the assistant's hook entry point. Fails open: whatever goes wrong, the
//! assistant sees exit 0 and no output, and the error goes to `$MX_HOME/logs/hook.log`.

use std::io::{IsTerminal as _, Read as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use mx_plugin_host::types::Event;

use crate::output::Context;
use crate::plugins::{self, StoreServices, usage};

#[derive(Debug, clap::Args)]
pub struct HookArgs {
    /// The assistant whose hook this is (e.g. claude-code).
    pub assistant: String,
    /// The event (e.g. session-start, pre-compact, stop, session-end).
    pub event: String,
    /// The commit `mx hook git post-commit` records (default: HEAD); the hook `mx setup git` writes passes it.
    #[arg(long, value_name = "ID")]
    pub commit: Option<String>,
}

/// Hook payloads are small JSON documents; a larger stdin is cut rather than read forever.
const MAX_PAYLOAD: u64 = 4 << 20;

pub fn run(ctx: &Context, args: HookArgs) -> anyhow::Result<ExitCode> {
    if args.assistant == "git" && args.event == "post-commit" {
        return Ok(super::git_hook::post_commit(ctx, args.commit.as_deref()));
    }
    match handle(ctx, &args) {
        Ok(code) => Ok(code),
        Err(err) => {
            plugins::append_log("hook.log", &format!("{} {}: {err:#}", args.assistant, args.event));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn handle(ctx: &Context, args: &HookArgs) -> anyhow::Result<ExitCode> {
    let mut payload = String::new();
    if !std::io::stdin().is_terminal() {
        std::io::stdin().take(MAX_PAYLOAD).read_to_string(&mut payload).context("cannot read the hook payload")?;
    }
    let scoped = payload_dir(&payload).map(|dir| ctx.in_dir(dir));
    let ctx = scoped.as_ref().unwrap_or(ctx);
    let services = Arc::new(StoreServices::new(ctx));
    let host = plugins::host(services.clone())?;
    let (plugin, _) = plugins::load_for(&host, &args.assistant)?;
    let event = Event { name: args.event.clone(), payload, cwd: ctx.cwd.display().to_string() };
    if args.event == "session-start"
        && let Ok(store) = services.store()
        && let Err(err) = crate::team::pull_if_stale(store)
    {
        // Fail open: the digest comes from what is already here.
        plugins::append_log("hook.log", &format!("{} {}: team pull skipped: {err:#}", args.assistant, args.event));
    }
    let response = host.handle_event(&plugin, &event)?;

    if !response.drafts.is_empty() {
        let store = services.store().map_err(|err| anyhow::anyhow!(err))?;
        for draft in response.drafts {
            let mut new = draft.into_new_memory(&args.assistant);
            new.project = ctx.project().map(str::to_owned);
            // One bad draft must not lose the others.
            if let Err(err) = store.create(new) {
                plugins::append_log(
                    "hook.log",
                    &format!("{} {}: a draft was not saved: {err}", args.assistant, args.event),
                );
            }
        }
        crate::team::after_write(store);
    }
    let injected = services.take_digested();
    let printed = response.output.as_deref().is_some_and(|text| !text.trim().is_empty());
    if let Err(err) = track_usage(&services, &args.assistant, &args.event, &event.payload, printed, &injected) {
        // Usage is bookkeeping: the assistant gets its context whatever happens to it.
        plugins::append_log("hook.log", &format!("{} {}: usage not recorded: {err:#}", args.assistant, args.event));
    }
    if let Some(text) = response.output {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
    Ok(ExitCode::from(response.exit_code.unwrap_or(0)))
}

/// Records what this hook injected (when it printed anything) and, at a capture event, which injected memories the
/// session's transcript shows used.
fn track_usage(
    services: &StoreServices,
    assistant: &str,
    event: &str,
    payload: &str,
    printed: bool,
    injected: &[mx_core::Memory],
) -> anyhow::Result<()> {
    let capture = usage::CAPTURE_EVENTS.contains(&event);
    if !capture && (injected.is_empty() || !printed) {
        return Ok(());
    }
    let Ok(payload) = serde_json::from_str::<serde_json::Value>(payload) else { return Ok(()) };
    let store = services.store().map_err(|err| anyhow::anyhow!(err))?;
    if printed && !injected.is_empty() {
        usage::record_injected(store, assistant, event, &payload, injected)?;
    }
    if capture {
        usage::check_used(store, assistant, &payload)?;
    }
    Ok(())
}

/// The directory the assistant says it works in: `cwd` (Claude Code, Codex) or the first of `workspace_roots`
/// (Cursor), when it is an existing directory. The hook process itself may run anywhere (a user-level hook starts
/// in the home directory), so this decides the project, not the process's own working directory.
fn payload_dir(payload: &str) -> Option<PathBuf> {
    let value: serde_json::Value = serde_json::from_str(payload).ok()?;
    let dir = value["cwd"].as_str().or_else(|| value["workspace_roots"][0].as_str())?;
    let path = PathBuf::from(dir.trim());
    (path.is_absolute() && path.is_dir()).then_some(path)
}
