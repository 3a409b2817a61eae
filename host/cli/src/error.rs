//! Errors at the edge of the binary: every failure becomes ONE line on stderr (`error: <what is wrong>; <what to
//! do>`) and a documented exit code. Libraries return typed errors; this is the only place they are rendered.
//!
//! Exit codes (documented in README.md, "Errors and exit codes"): 0 ok, 1 error, 2 invalid input or usage, 3 auth, 4 network, 5 server, 6 degraded result.
//! A broken pipe (`mx memories list | head -1`) is not an error: exit 0, nothing printed.
//!
//! For other command modules: return `anyhow::Result<ExitCode>`; use [`usage`] for bad input the store cannot see
//! (flags that contradict, unreadable stdin) and [`Exit`] when the output is already printed and only the code
//! remains (e.g. a batch where some lines failed). `main` calls [`report`] once.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use mx_store::{ErrorCode, StoreError};

/// Everything went well.
#[allow(dead_code)] // part of the documented table; used by sync and degraded reads
pub const EXIT_OK: u8 = 0;
/// Something failed (not found, store unavailable, internal error).
pub const EXIT_ERROR: u8 = 1;
/// Invalid input or usage: bad flags, bad values, ambiguous id prefix.
pub const EXIT_USAGE: u8 = 2;
/// Authentication failed (team sync).
pub const EXIT_AUTH: u8 = 3;
/// Network failure (team sync).
pub const EXIT_NETWORK: u8 = 4;
/// A server answered with an error (team sync).
pub const EXIT_SERVER: u8 = 5;
/// The command ran but the result is degraded: `mx doctor` when mx works but a check failed.
pub const EXIT_DEGRADED: u8 = 6;

/// Bad input that only the CLI can see (contradicting flags, missing content, stdin that is not UTF-8): exit 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Builds a [`UsageError`] as an `anyhow::Error`. Write the message as `<what is wrong>; <what to do>`.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// The output was already printed; only the exit code is left to return (no message).
#[derive(Debug, thiserror::Error)]
#[error("exit with code {0}")]
pub struct Exit(pub u8);

/// The exit code for an error, looking through the whole cause chain.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<Exit>() {
            return e.0;
        }
        if cause.downcast_ref::<UsageError>().is_some() || cause.downcast_ref::<clap::Error>().is_some() {
            return EXIT_USAGE;
        }
        if let Some(e) = cause.downcast_ref::<crate::team::TeamError>() {
            return match e {
                crate::team::TeamError::Auth(_) => EXIT_AUTH,
                crate::team::TeamError::Network { .. } => EXIT_NETWORK,
                crate::team::TeamError::Server { .. } => EXIT_SERVER,
                crate::team::TeamError::NotLoggedIn => EXIT_AUTH,
            };
        }
        if let Some(e) = cause.downcast_ref::<mx_server::ServerError>() {
            return match e {
                mx_server::ServerError::Config(_) | mx_server::ServerError::Invalid(_) => EXIT_USAGE,
                _ => EXIT_SERVER,
            };
        }
        if let Some(e) = cause.downcast_ref::<StoreError>() {
            return store_code(e.code());
        }
        if let Some(e) = cause.downcast_ref::<mx_core::Error>() {
            return match e {
                mx_core::Error::NotFound(_) => EXIT_ERROR,
                mx_core::Error::Invalid(_) | mx_core::Error::AmbiguousId { .. } => EXIT_USAGE,
            };
        }
        if cause.downcast_ref::<mx_core::ValidationError>().is_some() {
            return EXIT_USAGE;
        }
    }
    EXIT_ERROR
}

fn store_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::InvalidInput | ErrorCode::AmbiguousId => EXIT_USAGE,
        ErrorCode::NotFound | ErrorCode::StoreUnavailable | ErrorCode::Internal => EXIT_ERROR,
        #[allow(unreachable_patterns)] // the store may add codes; they are errors until mapped here
        _ => EXIT_ERROR,
    }
}

/// True when the error is (caused by) writing to a closed pipe: the reader went away, which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

/// The one-line message for an error: the cause chain joined, newlines folded so it stays one line.
pub fn message(err: &anyhow::Error) -> String {
    let text = format!("{err:#}");
    let mut line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.starts_with("error: ") {
        line.drain(..7);
    }
    if let Some(hint) = cli_hint(err) {
        line.push_str("; ");
        line.push_str(hint);
    }
    line
}

/// What to do, in terms of `mx` commands, for errors whose library message cannot know the front end (a Python or
/// MCP user must not be told to run a CLI command, so core and the store leave these out).
fn cli_hint(err: &anyhow::Error) -> Option<&'static str> {
    for cause in err.chain() {
        let core = cause.downcast_ref::<mx_core::Error>().or(match cause.downcast_ref::<StoreError>() {
            Some(StoreError::Core(e)) => Some(e),
            _ => None,
        });
        match core {
            Some(mx_core::Error::NotFound(_)) => return Some("list ids with `mx memories list`"),
            Some(mx_core::Error::Invalid(v)) if v.field == "conversationId" => {
                return Some("`mx conversations list` shows them");
            }
            _ => {}
        }
        if let Some(StoreError::Index(_)) = cause.downcast_ref::<StoreError>() {
            return Some("`mx index rebuild` does it now");
        }
    }
    None
}

/// Prints the error (unless it is a broken pipe or a bare [`Exit`]) and returns the exit code. Call once, in `main`.
pub fn report(err: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(err) {
        return ExitCode::SUCCESS;
    }
    let code = exit_code(err);
    if err.downcast_ref::<Exit>().is_none() {
        let color = io::stderr().is_terminal() && crate::output::color_allowed_by_env();
        let prefix = crate::output::paint("error:", crate::output::Style::Error, color);
        // A failed write to stderr leaves nothing else to do: the exit code still says what happened.
        let _ = io::Write::write_all(&mut io::stderr(), format!("{prefix} {}\n", message(err)).as_bytes());
    }
    ExitCode::from(code)
}

/// Renders a clap parse error. `--help` and `--version` print normally (exit 0); usage errors become one line
/// (exit 2): clap's own message plus where to read more.
pub fn report_clap(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // Help on a closed pipe is not an error either.
            let _ = err.print();
            if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            let color = io::stderr().is_terminal() && crate::output::color_allowed_by_env();
            let prefix = crate::output::paint("error:", crate::output::Style::Error, color);
            let _ = io::Write::write_all(&mut io::stderr(), format!("{prefix} {}\n", clap_message(err)).as_bytes());
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// One line for a clap usage error: what is wrong, naming the argument, and what to do, pointing to the help of the
/// command that was typed (read from clap's usage line) rather than a generic `mx <command>`.
pub fn clap_message(err: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let strings = |kind: ContextKind| match err.get(kind) {
        Some(ContextValue::Strings(values)) => values.clone(),
        Some(ContextValue::String(value)) => vec![value.clone()],
        _ => Vec::new(),
    };
    let command = match err.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => command_path(&usage.to_string()),
        _ => None,
    }
    .unwrap_or_else(|| "mx <command>".to_owned());
    let help = format!("see `{command} --help`");
    match err.kind() {
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(ContextKind::InvalidArg);
            if missing.is_empty() {
                return format!("`{command}` is missing a required argument; {help}");
            }
            let names = match missing.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => missing.join(""),
            };
            format!("`{command}` needs {names}; {help}")
        }
        ErrorKind::InvalidValue if !strings(ContextKind::ValidValue).is_empty() => {
            let value = strings(ContextKind::InvalidValue).join("");
            let arg = strings(ContextKind::InvalidArg).join("");
            format!("invalid value '{value}' for '{arg}'; use one of {}", strings(ContextKind::ValidValue).join(", "))
        }
        ErrorKind::UnknownArgument
            if command == "mx memories create"
                && strings(ContextKind::InvalidArg).iter().all(|arg| !arg.starts_with('-')) =>
        {
            let text = strings(ContextKind::InvalidArg).join(" ");
            format!(
                "unexpected argument '{text}'; give the memory's text with --content \"…\" (or --content-file PATH, \
                 - for stdin)"
            )
        }
        _ => {
            let rendered = err.render().to_string();
            let mut lines = rendered.lines().map(str::trim).filter(|l| !l.is_empty());
            let first = lines.next().unwrap_or("invalid command line");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            // clap sometimes adds a useful `tip:` line (a similar flag exists); keep it on the same line.
            let tip = lines.find_map(|l| l.strip_prefix("tip: ")).map(|t| format!("; {t}")).unwrap_or_default();
            // Our own value parsers already say what to do; clap's generic errors get a pointer to the help.
            let what_to_do = if first.contains("; ") || !tip.is_empty() { String::new() } else { format!("; {help}") };
            format!("{first}{tip}{what_to_do}")
        }
    }
}

/// `mx memories get` from clap's `Usage: mx memories get [OPTIONS] <ID>`: the words before the first placeholder.
fn command_path(usage: &str) -> Option<String> {
    let line = usage.lines().map(str::trim).find(|l| !l.is_empty())?;
    let line = line.strip_prefix("Usage:").unwrap_or(line).trim();
    let words: Vec<&str> =
        line.split_whitespace().take_while(|w| !w.starts_with(['[', '<', '-', '{']) && !w.contains('|')).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_the_cause_chain() {
        let nf: anyhow::Error = StoreError::Core(mx_core::Error::NotFound("01abcd".into())).into();
        assert_eq!(exit_code(&nf), EXIT_ERROR);
        let amb: anyhow::Error =
            StoreError::Core(mx_core::Error::AmbiguousId { prefix: "01abcd".into(), count: 2, matches: vec![] }).into();
        assert_eq!(exit_code(&amb), EXIT_USAGE);
        assert_eq!(exit_code(&usage("bad flag; fix it").context("reading args")), EXIT_USAGE);
        let pipe: anyhow::Error = io::Error::new(io::ErrorKind::BrokenPipe, "closed").into();
        assert!(is_broken_pipe(&pipe.context("writing the list")));
        assert_eq!(exit_code(&Exit(EXIT_DEGRADED).into()), EXIT_DEGRADED);
    }

    #[test]
    fn messages_are_one_line() {
        let e = anyhow::anyhow!("first\nsecond").context("outer");
        assert_eq!(message(&e), "outer: first second");
    }
}
