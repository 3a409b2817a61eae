//! What every command shares: the invocation [`Context`] (output format, project, colors, the store) and the
//! renderers for memories in each `--format`.
//!
//! How other command modules use it:
//! ```ignore
//! fn run(ctx: &Context, args: Args) -> …            // main builds the context from the global flags
//! let store = ctx.open_store()?;                     // Store::open(Store::default_home()), error says what to do
//! let scope = ctx.scope(all_projects);               // detected project (or --project) plus global memories
//! let mut out = crate::output::stdout();             // buffered; write with `writeln!(out, …)?`, then `out.flush()?`
//! match ctx.format { Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &value)?, … }
//! ```
//! Errors: return them; `main` renders each once (see [`crate::error`]). Never `println!`: it panics on a closed pipe.
//!
//! Default format: `--format` (or `MX_FORMAT`) wins; else `MX_PROFILE=ai` → json, `MX_PROFILE=human` → table; else an
//! assistant's environment (Claude Code, Cursor, Copilot CLI, Codex, Gemini CLI, Cline, opencode, Augment) → json;
//! else table. A table written to a pipe is the same table without colors: humans pipe into `less` and `grep`,
//! programs ask for `--format json` explicitly. Colors only when stdout is a terminal and `NO_COLOR` is unset.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::OnceLock;

use anyhow::Context as _;
use jiff::Timestamp;
use mx_core::Memory;
use mx_store::{Scope, Store};
use serde::Serialize;

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// JSON (camelCase fields), for programs and assistants.
    Json,
    /// YAML, same fields as JSON.
    Yaml,
    /// Compact text for assistants: one memory per line, every field that matters, no decoration.
    Llm,
}

impl Format {
    pub fn is_structured(self) -> bool {
        matches!(self, Format::Json | Format::Yaml)
    }
}

/// Environment variables that assistants set in the shells they run commands in. Sources: the vercel/detect-agent
/// list (Cursor, Codex, Gemini CLI, Cline, opencode, Augment, Copilot) and the assistants' docs (`CLAUDECODE`,
/// `GITHUB_COPILOT_CLI`). Windsurf sets no variable of its own that we could confirm; its users set `MX_PROFILE=ai`.
pub const ASSISTANT_ENV_VARS: &[&str] = &[
    "CLAUDECODE",
    "CURSOR_TRACE_ID",
    "CURSOR_AGENT",
    "GITHUB_COPILOT_CLI",
    "COPILOT_MODEL",
    "CODEX_SANDBOX",
    "CODEX_THREAD_ID",
    "CODEX_CI",
    "CODEX_SANDBOX_NETWORK_DISABLED",
    "GEMINI_CLI",
    "CLINE_ACTIVE",
    "OPENCODE",
    "AUGMENT_AGENT",
];

/// Chooses the default format from the environment (see the module docs). `env` reads a variable.
pub fn default_format(env: impl Fn(&str) -> Option<String>) -> Format {
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    match env("MX_PROFILE").map(|v| v.to_ascii_lowercase()).as_deref() {
        Some("ai") => return Format::Json,
        Some("human") => return Format::Table,
        _ => {}
    }
    if ASSISTANT_ENV_VARS.iter().any(|v| set(v)) { Format::Json } else { Format::Table }
}

/// `NO_COLOR` (any non-empty value) and `TERM=dumb` turn colors off.
pub fn color_allowed_by_env() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::env::var("TERM").as_deref() != Ok("dumb")
}

/// Everything a command needs to know about this invocation. Built once by `main` from the global flags.
#[derive(Debug, Clone)]
pub struct Context {
    pub format: Format,
    /// The format typed as `--format` on this command line (not `MX_FORMAT`, not a default): `mx export`, which only
    /// writes JSONL, refuses another one typed there but ignores an environment set for every command.
    pub format_flag: Option<Format>,
    /// True when colors may be written to stdout.
    pub color: bool,
    pub stdin_is_terminal: bool,
    pub stdout_is_terminal: bool,
    pub stderr_is_terminal: bool,
    /// The working directory (the project is detected from it).
    pub cwd: PathBuf,
    project_override: Option<String>,
    project: OnceLock<Option<String>>,
}

impl Context {
    /// The context of this invocation from the global flags (`None`: defaults from the environment). `main` builds it
    /// once and passes it to the command.
    pub fn new(format: Option<Format>, project: Option<String>) -> Context {
        let stdout_is_terminal = io::stdout().is_terminal();
        Context {
            format: format.unwrap_or_else(|| default_format(|k| std::env::var(k).ok())),
            format_flag: None,
            color: stdout_is_terminal && color_allowed_by_env(),
            stdin_is_terminal: io::stdin().is_terminal(),
            stdout_is_terminal,
            stderr_is_terminal: io::stderr().is_terminal(),
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            project_override: project.filter(|p| !p.trim().is_empty()),
            project: OnceLock::new(),
        }
    }

    /// This context for work in another directory: the project is detected from `cwd` (unless `--project` or
    /// `MX_PROJECT` names one). A hook runs wherever the assistant spawned it, so it scopes to the directory the
    /// assistant says it is working in.
    pub fn in_dir(&self, cwd: PathBuf) -> Context {
        Context { cwd, project: OnceLock::new(), ..self.clone() }
    }

    /// The project of this invocation: `--project` (or `MX_PROJECT`), else the git identity of the working directory.
    /// Detected lazily: commands that don't need it don't pay for it.
    pub fn project(&self) -> Option<&str> {
        self.project.get_or_init(|| mx_store::resolve_project(self.project_override.as_deref(), &self.cwd)).as_deref()
    }

    /// The project for work in another directory (`mx mcp --root`): `--project` and `MX_PROJECT` still win.
    pub fn project_in(&self, dir: &std::path::Path) -> Option<String> {
        mx_store::resolve_project(self.project_override.as_deref(), dir)
    }

    /// What reads cover: every project with `all_projects`, else this project plus global memories.
    pub fn scope(&self, all_projects: bool) -> Scope {
        if all_projects {
            return Scope::AllProjects;
        }
        match self.project() {
            Some(p) => Scope::Project(p.to_owned()),
            None => Scope::GlobalOnly,
        }
    }

    /// Opens the store at `$MX_HOME` (or the platform data dir), reading code anchors against the working directory.
    pub fn open_store(&self) -> anyhow::Result<Store> {
        self.open_store_in(&self.cwd)
    }

    /// [`Context::open_store`] for work in another directory (`mx mcp --root`).
    pub fn open_store_in(&self, worktree: &std::path::Path) -> anyhow::Result<Store> {
        let store = Store::open(Store::default_home())?;
        store.set_worktree(worktree);
        Ok(store)
    }
}

/// Buffered stdout. Write with `writeln!`, finish with `flush()`; a closed pipe surfaces as an `io::Error` that
/// `main` turns into a quiet exit 0.
pub fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

/// Writes a value as pretty JSON or YAML (with a trailing newline).
pub fn write_structured<T: Serialize + ?Sized>(out: &mut dyn Write, format: Format, value: &T) -> anyhow::Result<()> {
    match format {
        Format::Yaml => {
            let text = serde_yaml_ng::to_string(value).context("cannot render YAML")?;
            out.write_all(text.as_bytes())?;
        }
        _ => {
            serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// A few text styles; kept tiny on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Error,
    Ok,
    Id,
    Dim,
    Heading,
}

/// Wraps `text` in ANSI style codes when `enabled`.
pub fn paint(text: &str, style: Style, enabled: bool) -> String {
    if !enabled {
        return text.to_owned();
    }
    use anstyle::{AnsiColor, Effects};
    let s = match style {
        Style::Error => AnsiColor::Red.on_default().effects(Effects::BOLD),
        Style::Ok => AnsiColor::Green.on_default(),
        Style::Id => AnsiColor::Cyan.on_default(),
        Style::Dim => anstyle::Style::new().effects(Effects::DIMMED),
        Style::Heading => anstyle::Style::new().effects(Effects::BOLD),
    };
    format!("{}{text}{}", s.render(), s.render_reset())
}

/// Collapses whitespace (newlines included) and cuts at `max` characters with an ellipsis.
pub fn one_line(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// `2026-11-25 10:04` (UTC): short enough for tables, exact enough to tell sessions apart.
pub fn short_time(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%d %H:%M").to_string()
}

/// `2026-11-25`.
pub fn short_date(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%d").to_string()
}

/// A borderless table with a header row: aligned, greppable, no decoration.
pub fn table(headers: &[&str]) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::NOTHING);
    t.set_header(headers.iter().map(comfy_table::Cell::new));
    t
}

/// Writes a table without the cell padding at both ends of each line, so columns start at the margin and neither
/// snapshots nor `grep` see trailing spaces.
pub fn write_table(out: &mut dyn Write, table: &comfy_table::Table) -> io::Result<()> {
    for line in table.lines() {
        let line = line.strip_prefix(' ').unwrap_or(&line).trim_end().to_owned();
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Width of the content column in memory tables.
pub const CONTENT_PREVIEW_CHARS: usize = 72;

/// A table of memories: short id, time, kind, topics, a one-line preview of the content.
pub fn memories_table(memories: &[Memory]) -> comfy_table::Table {
    let mut t = table(&["ID", "CREATED", "KIND", "TOPICS", "CONTENT"]);
    for m in memories {
        t.add_row(vec![
            m.id.short().to_owned(),
            short_time(m.created_at),
            kind_label(m),
            one_line(&m.topics.join(","), 30),
            one_line(&m.content, CONTENT_PREVIEW_CHARS),
        ]);
    }
    t
}

/// `decision`, with markers for superseded memories and memories whose anchored code moved.
pub fn kind_label(m: &Memory) -> String {
    let mut label = m.kind.to_string();
    if !m.is_current() {
        label.push_str(" (superseded)");
    }
    if stale_mark(m).is_some() {
        label.push_str(" (stale)");
    }
    label
}

/// The mark of a memory whose anchored code moved ("src/x.rs changed since, 3 commits").
pub fn stale_mark(m: &Memory) -> Option<&str> {
    m.stale.as_ref().filter(|s| s.is_stale).map(|s| s.mark.as_str())
}

/// One memory as one compact line for assistants:
/// `01jf5c2a9x3k 2026-11-25 decision [payments,stripe] conv=conv_feature_payments: <content on one line>`.
pub fn memory_llm_line(m: &Memory) -> String {
    let mut line = format!("{} {} {}", m.id.short(), short_date(m.created_at), m.kind);
    if !m.is_current() {
        line.push_str(" superseded");
    }
    if !m.topics.is_empty() {
        line.push_str(&format!(" [{}]", m.topics.join(",")));
    }
    line.push_str(&format!(" conv={}", m.conversation_id));
    if let Some(name) = &m.name {
        line.push_str(&format!(" name={name}"));
    }
    if !m.files.is_empty() {
        line.push_str(&format!(" files={}", m.files.join(",")));
    }
    if let Some(mark) = stale_mark(m) {
        line.push_str(&format!(" stale=\"{mark}\""));
    }
    line.push_str(": ");
    line.push_str(&one_line(&m.content, usize::MAX));
    line
}

/// A memory in full, as `key  value` lines followed by the content.
pub fn memory_detail(m: &Memory, color: bool) -> String {
    let mut rows: Vec<(&str, String)> = vec![
        ("id", paint(m.id.as_str(), Style::Id, color)),
        ("kind", if m.kind_inferred { format!("{} (inferred)", m.kind) } else { m.kind.to_string() }),
        ("state", format!("{:?}", m.state).to_lowercase()),
        ("topics", m.topics.join(", ")),
        ("conversation", m.conversation_id.to_string()),
        ("project", m.project.clone().unwrap_or_else(|| "(global)".into())),
    ];
    if let Some(name) = &m.name {
        rows.push(("name", name.clone()));
    }
    rows.push(("importance", format!("{}", m.importance)));
    rows.push(("role", m.role.as_str().to_owned()));
    rows.push(("source", m.source.to_string()));
    if let Some(t) = m.memory_type {
        rows.push(("memory type", t.as_str().to_owned()));
    }
    if !m.files.is_empty() {
        rows.push(("files", m.files.join(", ")));
    }
    if let Some(c) = &m.commit {
        rows.push(("commit", c.clone()));
    }
    if let Some(s) = &m.stale {
        let marks: Vec<String> = s.anchors.iter().map(mx_core::staleness::AnchorStatus::mark).collect();
        rows.push(("code", marks.join("; ")));
    }
    if let Some(s) = &m.supersedes {
        rows.push(("supersedes", s.to_string()));
    }
    if let Some(s) = &m.superseded_by {
        rows.push(("superseded by", s.to_string()));
    }
    if let Some(x) = &m.external_id {
        rows.push(("external id", x.clone()));
    }
    rows.push(("created", m.created_at.to_string()));
    rows.push(("updated", m.updated_at.to_string()));
    let mut text = String::new();
    for (k, v) in rows {
        let key = paint(&format!("{k:<13}"), Style::Dim, color);
        text.push_str(&format!("{key} {v}\n").replace(" \n", "\n"));
    }
    text.push('\n');
    text.push_str(&m.content);
    text.push('\n');
    text
}

/// A progress bar on stderr for long work (import, rebuild); hidden when stderr is not a terminal, so pipes and
/// logs stay quiet.
pub fn progress_bar(ctx: &Context, total: u64, what: &str) -> indicatif::ProgressBar {
    if !ctx.stderr_is_terminal {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    let style = indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(what.to_owned());
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn default_format_follows_profile_then_assistant_env() {
        assert_eq!(default_format(env(&[])), Format::Table);
        assert_eq!(default_format(env(&[("CLAUDECODE", "1")])), Format::Json);
        assert_eq!(default_format(env(&[("CURSOR_TRACE_ID", "abc")])), Format::Json);
        assert_eq!(default_format(env(&[("MX_PROFILE", "ai")])), Format::Json);
        assert_eq!(default_format(env(&[("MX_PROFILE", "human"), ("CLAUDECODE", "1")])), Format::Table);
        assert_eq!(default_format(env(&[("CLAUDECODE", "")])), Format::Table);
    }

    #[test]
    fn one_line_folds_and_cuts() {
        assert_eq!(one_line("a\n  b\tc", 10), "a b c");
        assert_eq!(one_line("abcdefghij", 5), "abcd…");
    }
}
