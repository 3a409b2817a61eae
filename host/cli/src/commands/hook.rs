//! `mx hook <assistant> <event>`: the assistant's hook entry point. Fails open: whatever goes wrong, the
//! assistant sees exit 0 and no output, and the error goes to `$MX_HOME/logs/hook.log`.

use std::io::{IsTerminal as _, Read as _, Write as _};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use mx_plugin_host::types::Event;

use crate::output::Context;
use crate::plugins::{self, StoreServices};

#[derive(Debug, clap::Args)]
pub struct HookArgs {
    /// The assistant whose hook this is (e.g. claude-code).
    pub assistant: String,
    /// The event (e.g. session-start, pre-compact, stop, session-end).
    pub event: String,
}

/// Hook payloads are small JSON documents; a larger stdin is cut rather than read forever.
const MAX_PAYLOAD: u64 = 4 << 20;

pub fn run(args: HookArgs) -> anyhow::Result<ExitCode> {
    match handle(&args) {
        Ok(code) => Ok(code),
        Err(err) => {
            plugins::append_log("hook.log", &format!("{} {}: {err:#}", args.assistant, args.event));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn handle(args: &HookArgs) -> anyhow::Result<ExitCode> {
    let ctx = Context::get();
    let mut payload = String::new();
    if !std::io::stdin().is_terminal() {
        std::io::stdin().take(MAX_PAYLOAD).read_to_string(&mut payload).context("cannot read the hook payload")?;
    }
    let services = Arc::new(StoreServices::default());
    let host = plugins::host(services.clone())?;
    let (plugin, _) = plugins::load_for(&host, &args.assistant)?;
    let event = Event { name: args.event.clone(), payload, cwd: ctx.cwd.display().to_string() };
    let response = host.handle_event(&plugin, &event)?;

    if !response.drafts.is_empty() {
        let store = services.store().map_err(|err| anyhow::anyhow!(err))?;
        for draft in response.drafts {
            let mut new = mx_core::NewMemory::default();
            new.content = draft.content;
            new.kind = draft.kind.map(plugins::draft_kind);
            new.topics = draft.topics;
            new.conversation_id = draft.conversation_id;
            new.files = draft.files;
            new.importance = draft.importance.map(f64::from);
            new.project = ctx.project().map(str::to_owned);
            new.source = Some(mx_core::Source::Hook(args.assistant.clone()));
            new.role = Some(mx_core::Role::Assistant);
            // One bad draft must not lose the others.
            if let Err(err) = store.create(new) {
                plugins::append_log(
                    "hook.log",
                    &format!("{} {}: a draft was not saved: {err}", args.assistant, args.event),
                );
            }
        }
    }
    if let Some(text) = response.output {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
    Ok(ExitCode::from(response.exit_code.unwrap_or(0)))
}
