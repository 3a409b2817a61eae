//! `mx memories create`: save a memory from flags, or many from `--stdin-jsonl` (one result line per input line).

use std::io::{Read, Write};
use std::process::ExitCode;

use mx_core::model::NewMemory;
use mx_core::{Kind, Memory, MemoryType, Role, Source};
use mx_store::Created;
use serde::Serialize;

use crate::commands::shared::{ContentArgs, git_head};
use crate::error::{EXIT_ERROR, EXIT_USAGE, Exit, usage};
use crate::output::{self, Context, Format, Style, paint, write_structured};

#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    /// Conversation to add to; NEW starts one and prints its id
    #[arg(long, value_name = "ID|NEW")]
    pub conversation_id: Option<String>,
    /// Topics, comma-separated (normalised to kebab-case)
    #[arg(long, value_delimiter = ',', value_name = "TOPICS")]
    pub topics: Vec<String>,
    /// decision, ruled-out, constraint, convention, debugging, gotcha, progress, note [default: inferred from text]
    #[arg(long)]
    pub kind: Option<String>,
    /// Optional label kept for users of other memory tools: episodic (what happened), semantic (a fact that holds) or
    /// procedural (how to do something)
    #[arg(long, value_parser = parse_memory_type)]
    pub memory_type: Option<MemoryType>,
    /// A kebab-case handle; creating or updating a named memory again makes a new version
    #[arg(long)]
    pub name: Option<String>,
    /// 0 to 1 [default: 0.5]
    #[arg(long)]
    pub importance: Option<f64>,
    /// user, assistant or system [default: assistant]
    #[arg(long, value_parser = parse_role)]
    pub role: Option<Role>,
    /// Id (or unique prefix) of the memory this one replaces
    #[arg(long, value_name = "ID")]
    pub supersedes: Option<String>,
    /// A file the memory is about (repeatable); the git HEAD is recorded with it
    #[arg(long = "file", value_name = "PATH")]
    pub files: Vec<String>,
    /// Store as a global memory (applies to every project)
    #[arg(long)]
    pub global: bool,
    /// Keep it on this machine: never synced to a team server, even in a shared project
    #[arg(long)]
    pub private: bool,
    /// Read one JSON object per line from stdin (camelCase create fields) and print one result line for each
    #[arg(long, conflicts_with_all = ["content", "content_file"])]
    pub stdin_jsonl: bool,
}

impl CreateArgs {
    /// `--kind`, read by core's parser: a wrong kind gets the message MCP and the bindings give.
    fn kind(&self) -> anyhow::Result<Option<Kind>> {
        Ok(self.kind.as_deref().map(str::parse::<Kind>).transpose().map_err(mx_core::Error::from)?)
    }

    fn to_new_memory(&self, ctx: &Context, content: String) -> anyhow::Result<NewMemory> {
        let mut new = NewMemory::default();
        new.content = content;
        new.kind = self.kind()?;
        new.topics = self.topics.clone();
        new.conversation_id = self.conversation_id.clone();
        new.global = self.global;
        new.private = self.private;
        if !self.global {
            new.project = ctx.project().map(str::to_owned);
        }
        new.name = self.name.clone();
        new.importance = self.importance;
        new.role = self.role;
        new.source = Some(Source::Cli);
        new.memory_type = self.memory_type;
        new.files = self.files.clone();
        if !self.files.is_empty() {
            new.commit = git_head(&ctx.cwd);
        }
        new.supersedes = self.supersedes.clone();
        Ok(new)
    }
}

/// What `create` prints in json/yaml.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CreatedView<'a> {
    id: &'a str,
    conversation_id: &'a str,
    conversation_started: bool,
    kind: Kind,
    kind_inferred: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    inferred_rule: Option<&'a str>,
    redactions: Vec<&'static str>,
    memory: &'a Memory,
}

fn created_view(c: &Created) -> CreatedView<'_> {
    CreatedView {
        id: c.memory.id.as_str(),
        conversation_id: c.memory.conversation_id.as_str(),
        conversation_started: c.conversation_started,
        kind: c.memory.kind,
        kind_inferred: c.inferred.is_some(),
        inferred_rule: c.inferred.as_ref().map(|i| i.rule.as_str()),
        redactions: c.redactions.iter().map(|f| f.kind).collect(),
        memory: &c.memory,
    }
}

pub(super) fn create(ctx: &Context, args: &CreateArgs) -> anyhow::Result<ExitCode> {
    let content = args.content.read()?.ok_or_else(|| {
        usage("no content given; pass --content TEXT, --content-file PATH, or --content-file - to read stdin")
    })?;
    let new = args.to_new_memory(ctx, content)?;
    let store = ctx.open_store()?;
    let created = store.create(new)?;
    crate::team::after_write(&store);
    let mut out = output::stdout();
    let view = created_view(&created);
    // An id that was typed but never used before starts a conversation too; saying which makes a typo visible.
    let typed = args.conversation_id.as_deref().filter(|c| !mx_core::id::is_new(c));
    let started = if typed.is_some() { "new conversation: no memory had this id yet" } else { "new conversation" };
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &view)?,
        Format::Llm => {
            let mut line = format!("created {} conv={}", view.id, view.conversation_id);
            if view.conversation_started {
                line.push_str(&format!(" ({started})"));
            }
            line.push_str(&format!(" kind={}", view.kind));
            if view.kind_inferred {
                line.push_str(" (inferred)");
            }
            // As `update` says it: the same name again is a new version, and the old one is no longer current.
            if let Some(prev) = &created.memory.supersedes {
                line.push_str(&format!(" supersedes={prev} (new version)"));
            }
            if !view.redactions.is_empty() {
                line.push_str(&format!(" redacted={}", view.redactions.join(",")));
            }
            writeln!(out, "{line}")?;
        }
        Format::Table => {
            let c = ctx.color;
            writeln!(out, "{} {}", paint("created", Style::Ok, c), paint(view.id, Style::Id, c))?;
            let started = if view.conversation_started { format!(" ({started})") } else { String::new() };
            writeln!(out, "  conversation  {}{started}", view.conversation_id)?;
            // As `update` says it: the same name again is a new version, and the old one is no longer current.
            if let Some(prev) = &created.memory.supersedes {
                writeln!(out, "  new version   supersedes {prev}")?;
            }
            match view.inferred_rule {
                Some(rule) => writeln!(out, "  kind          {} (inferred: {rule}; pass --kind to choose)", view.kind)?,
                None => writeln!(out, "  kind          {}", view.kind)?,
            }
            if !view.redactions.is_empty() {
                let n = view.redactions.len();
                let what = if n == 1 { "secret" } else { "secrets" };
                writeln!(out, "  redacted      {n} {what} before storing: {}", view.redactions.join(", "))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One result line of `--stdin-jsonl`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct BatchLine {
    line: usize,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conversation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<Kind>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    redactions: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// The error's exit-code class, for callers that retry: `invalid-input` or `error`.
    #[serde(skip_serializing_if = "Option::is_none")]
    error_code: Option<&'static str>,
}

impl BatchLine {
    fn failed(line: usize, error: String, code: u8) -> Self {
        let error_code = Some(if code == EXIT_USAGE { "INVALID_INPUT" } else { "ERROR" });
        BatchLine {
            line,
            ok: false,
            id: None,
            conversation_id: None,
            kind: None,
            redactions: vec![],
            error: Some(error),
            error_code,
        }
    }
}

/// Batch create: every input line gets one output line (JSONL, whatever `--format`), blank lines are skipped, good
/// lines are stored even when others fail, and the exit code is 2 (only bad input) or 1 (a store error) if any failed.
pub(super) fn create_batch(ctx: &Context, args: &CreateArgs) -> anyhow::Result<ExitCode> {
    let default_kind = args.kind()?;
    let mut input = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut input)
        .map_err(|e| usage(format!("cannot read stdin: {e}; pipe JSON lines into --stdin-jsonl")))?;
    let mut results: Vec<Option<BatchLine>> = Vec::new();
    let mut pending: Vec<(usize, NewMemory)> = Vec::new();
    for (index, raw) in input.split(|b| *b == b'\n').enumerate() {
        let line_no = index + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = std::str::from_utf8(raw)
            .map_err(|e| format!("line is not valid UTF-8 (bad byte at offset {}); send UTF-8", e.valid_up_to()))
            .and_then(|text| {
                serde_json::from_str::<NewMemory>(text).map_err(|e| {
                    format!("not a valid memory object: {e}; send one JSON object per line with camelCase fields")
                })
            });
        match parsed {
            Ok(mut new) => {
                // Flags given on the command line are defaults for every line.
                if new.conversation_id.is_none() {
                    new.conversation_id = args.conversation_id.clone();
                }
                if new.topics.is_empty() {
                    new.topics = args.topics.clone();
                }
                new.kind = new.kind.or(default_kind);
                new.global |= args.global;
                if new.project.is_none() && !new.global {
                    new.project = ctx.project().map(str::to_owned);
                }
                new.source = new.source.or(Some(Source::Cli));
                results.push(None);
                pending.push((line_no, new));
            }
            Err(message) => results.push(Some(BatchLine::failed(line_no, message, EXIT_USAGE))),
        }
    }
    let store = ctx.open_store()?;
    let (lines, items): (Vec<usize>, Vec<NewMemory>) = pending.into_iter().unzip();
    let outcomes = store.create_batch(items);
    crate::team::after_write(&store);
    let mut outcomes = lines.into_iter().zip(outcomes);
    let mut worst = 0u8;
    let mut out = output::stdout();
    for slot in results {
        let line = match slot {
            Some(failed) => failed,
            None => match outcomes.next() {
                Some((line, Ok(created))) => BatchLine {
                    line,
                    ok: true,
                    id: Some(created.memory.id.to_string()),
                    conversation_id: Some(created.memory.conversation_id.to_string()),
                    kind: Some(created.memory.kind),
                    redactions: created.redactions.iter().map(|f| f.kind).collect(),
                    error: None,
                    error_code: None,
                },
                Some((line, Err(e))) => {
                    let e = anyhow::Error::from(e);
                    BatchLine::failed(line, crate::error::message(&e), crate::error::exit_code(&e))
                }
                None => anyhow::bail!("the store returned fewer results than lines; please report this bug"),
            },
        };
        if !line.ok {
            let code = if line.error_code == Some("INVALID_INPUT") { EXIT_USAGE } else { EXIT_ERROR };
            // A store error outranks bad input: retrying may help.
            worst = if worst == EXIT_ERROR || code == EXIT_ERROR { EXIT_ERROR } else { code };
        }
        serde_json::to_writer(&mut out, &line).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    if worst != 0 {
        return Err(Exit(worst).into());
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_memory_type(s: &str) -> Result<MemoryType, String> {
    s.parse::<MemoryType>().map_err(|e| format!("{}; {}", e.problem, e.hint))
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse::<Role>().map_err(|e| format!("{}; {}", e.problem, e.hint))
}
