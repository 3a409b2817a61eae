//! `mx memories …`: create, list, get, update, delete, search, digest (recall), status, recap, build-context,
//! history, stats.

use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::process::ExitCode;

use jiff::{SignedDuration, Timestamp};
use mx_core::digest::{DEFAULT_MAX_TOKENS, Digest, DigestFormat};
use mx_core::model::{MemoryPatch, NewMemory};
use mx_core::rank::{Ranked, RankingMode};
use mx_core::{Kind, Memory, MemoryType, Role, Source};
use mx_store::{ContextRequest, Created, DigestRequest, ListRequest, SearchRequest, Sort, StatsGroup, StoreError};
use serde::Serialize;

use super::shared::{ContentArgs, FilterArgs, git_head, parse_date, parse_kind};
use crate::error::{EXIT_ERROR, EXIT_USAGE, Exit, usage};
use crate::output::{self, Context, Format, Style, paint, write_structured, write_table};

#[derive(Debug, clap::Subcommand)]
pub enum MemoriesCommand {
    /// Save a memory (or many with --stdin-jsonl).
    Create(CreateArgs),
    /// List memories, newest first.
    List(ListArgs),
    /// Show memories by id, unique id prefix (6+ characters) or name.
    Get(GetArgs),
    /// Change a memory's content, topics, kind or importance (a named memory gets a new version).
    Update(UpdateArgs),
    /// Delete memories (asks first on a terminal; needs --yes otherwise).
    Delete(DeleteArgs),
    /// Search memories, best first.
    Search(SearchArgs),
    /// A ranked, token-budgeted digest of what matters (no query = where things stand).
    #[command(visible_alias = "recall")]
    Digest(DigestArgs),
    /// Where the work stands: done, in progress, blocked, next.
    Status(StatusArgs),
    /// Recent memories as they were saved, grouped by conversation (default: the last 24h).
    Recap(RecapArgs),
    /// A briefing before work: active work, relevant decisions and constraints, gotchas touching the files.
    BuildContext(BuildContextArgs),
    /// Every version and change of a memory.
    History(HistoryArgs),
    /// How many memories, by day, week, month or topic.
    Stats(StatsArgs),
}

pub fn run(cmd: MemoriesCommand) -> anyhow::Result<ExitCode> {
    let ctx = Context::get();
    match cmd {
        MemoriesCommand::Create(a) if a.stdin_jsonl => create_batch(ctx, &a),
        MemoriesCommand::Create(a) => create(ctx, &a),
        MemoriesCommand::List(a) => list(ctx, &a),
        MemoriesCommand::Get(a) => get(ctx, &a),
        MemoriesCommand::Update(a) => update(ctx, &a),
        MemoriesCommand::Delete(a) => delete(ctx, &a),
        MemoriesCommand::Search(a) => search(ctx, &a),
        MemoriesCommand::Digest(a) => digest(ctx, &a),
        MemoriesCommand::Status(a) => status(ctx, &a),
        MemoriesCommand::Recap(a) => recap(ctx, &a),
        MemoriesCommand::BuildContext(a) => build_context(ctx, &a),
        MemoriesCommand::History(a) => history(ctx, &a),
        MemoriesCommand::Stats(a) => stats(ctx, &a),
    }
}

fn parse_memory_type(s: &str) -> Result<MemoryType, String> {
    s.parse::<MemoryType>().map_err(|e| format!("{}; {}", e.problem, e.hint))
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse::<Role>().map_err(|e| format!("{}; {}", e.problem, e.hint))
}

fn parse_digest_format(s: &str) -> Result<DigestFormat, String> {
    s.parse::<DigestFormat>().map_err(|e| format!("{}; {}", e.problem, e.hint))
}

fn now_or(arg: Option<Timestamp>) -> Timestamp {
    arg.unwrap_or_else(Timestamp::now)
}

// ---------------------------------------------------------------------------------------------------------------
// create

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
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<Kind>,
    /// episodic, semantic or procedural
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
    /// Read one JSON object per line from stdin (camelCase create fields) and print one result line for each
    #[arg(long, conflicts_with_all = ["content", "content_file"])]
    pub stdin_jsonl: bool,
}

impl CreateArgs {
    fn to_new_memory(&self, ctx: &Context, content: String) -> NewMemory {
        let mut new = NewMemory::default();
        new.content = content;
        new.kind = self.kind;
        new.topics = self.topics.clone();
        new.conversation_id = self.conversation_id.clone();
        new.global = self.global;
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
        new
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

fn create(ctx: &Context, args: &CreateArgs) -> anyhow::Result<ExitCode> {
    let content = args.content.read()?.ok_or_else(|| {
        usage("no content given; pass --content TEXT, --content-file PATH, or --content-file - to read stdin")
    })?;
    let new = args.to_new_memory(ctx, content);
    let store = ctx.open_store()?;
    let created = store.create(new)?;
    let mut out = output::stdout();
    let view = created_view(&created);
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &view)?,
        Format::Llm => {
            let mut line = format!("created {} conv={}", view.id, view.conversation_id);
            if view.conversation_started {
                line.push_str(" (new conversation)");
            }
            line.push_str(&format!(" kind={}", view.kind));
            if view.kind_inferred {
                line.push_str(" (inferred)");
            }
            if !view.redactions.is_empty() {
                line.push_str(&format!(" redacted={}", view.redactions.join(",")));
            }
            writeln!(out, "{line}")?;
        }
        Format::Table => {
            let c = ctx.color;
            writeln!(out, "{} {}", paint("created", Style::Ok, c), paint(view.id, Style::Id, c))?;
            let started = if view.conversation_started { " (new conversation)" } else { "" };
            writeln!(out, "  conversation  {}{started}", view.conversation_id)?;
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
fn create_batch(ctx: &Context, args: &CreateArgs) -> anyhow::Result<ExitCode> {
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
                new.kind = new.kind.or(args.kind);
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

// ---------------------------------------------------------------------------------------------------------------
// list / get

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortArg {
    Newest,
    Oldest,
    Importance,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// The N newest (same as --limit N --sort newest)
    #[arg(long, value_name = "N", conflicts_with_all = ["limit", "sort"])]
    pub last: Option<usize>,
    /// Order
    #[arg(long, value_enum, default_value_t = SortArg::Newest)]
    pub sort: SortArg,
    /// Include memories that newer ones superseded
    #[arg(long)]
    pub include_superseded: bool,
}

fn list(ctx: &Context, args: &ListArgs) -> anyhow::Result<ExitCode> {
    let now = Timestamp::now();
    let mut req = ListRequest::default();
    req.filter = args.filter.to_filter(ctx, now)?;
    req.filter.include_superseded = args.include_superseded;
    req.sort = match args.sort {
        SortArg::Newest => Sort::Newest,
        SortArg::Oldest => Sort::Oldest,
        SortArg::Importance => Sort::Importance,
    };
    req.limit = Some(args.last.unwrap_or(args.limit));
    if args.last.is_some() {
        req.sort = Sort::Newest;
    }
    let memories = ctx.open_store()?.list(&req)?;
    let mut out = output::stdout();
    write_memories(&mut out, ctx, &memories, "no memories match; save one with `mx memories create`")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Writes a list of memories in the context's format; `empty` is said (on stderr) when there are none.
pub fn write_memories(out: &mut dyn Write, ctx: &Context, memories: &[Memory], empty: &str) -> anyhow::Result<()> {
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(out, ctx.format, memories)?,
        Format::Llm => {
            for m in memories {
                writeln!(out, "{}", output::memory_llm_line(m))?;
            }
        }
        Format::Table => {
            if memories.is_empty() {
                eprintln_hint(ctx, empty);
            } else {
                write_table(out, &output::memories_table(memories))?;
            }
        }
    }
    Ok(())
}

/// A hint for people on stderr (never for programs: stdout stays clean).
fn eprintln_hint(ctx: &Context, text: &str) {
    let _ = writeln!(std::io::stderr(), "{}", paint(text, Style::Dim, ctx.stderr_is_terminal && ctx.color));
}

#[derive(Debug, clap::Args)]
pub struct GetArgs {
    /// Ids, unique prefixes (6+ characters) or names
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Also show the memory's relationships
    #[arg(long)]
    pub related: bool,
    /// Also show the rest of the memory's conversation
    #[arg(long)]
    pub conversation: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct GetView {
    #[serde(flatten)]
    memory: Memory,
    #[serde(skip_serializing_if = "Option::is_none")]
    relationships: Option<Vec<mx_store::Relationship>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conversation: Option<Vec<Memory>>,
}

fn get(ctx: &Context, args: &GetArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.open_store()?;
    let mut views = Vec::new();
    for id in &args.ids {
        let memory = store.get(id)?;
        let relationships = if args.related { Some(store.relationships(memory.id.as_str())?) } else { None };
        let conversation = if args.conversation {
            let mut req = ListRequest::default();
            req.filter.scope = mx_store::Scope::AllProjects;
            req.filter.conversation_id = Some(memory.conversation_id.to_string());
            req.filter.include_superseded = true;
            req.sort = Sort::Oldest;
            Some(store.list(&req)?)
        } else {
            None
        };
        views.push(GetView { memory, relationships, conversation });
    }
    let mut out = output::stdout();
    match ctx.format {
        // One id → one object; several → an array.
        Format::Json | Format::Yaml if views.len() == 1 => write_structured(&mut out, ctx.format, &views[0])?,
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &views)?,
        Format::Llm => {
            for v in &views {
                writeln!(out, "{}", output::memory_llm_line(&v.memory))?;
                for r in v.relationships.iter().flatten() {
                    writeln!(out, "  {} {} {}", r.from.short(), relation_name(r.kind), r.to.short())?;
                }
                for m in v.conversation.iter().flatten() {
                    writeln!(out, "  {}", output::memory_llm_line(m))?;
                }
            }
        }
        Format::Table => {
            for (i, v) in views.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                out.write_all(output::memory_detail(&v.memory, ctx.color).as_bytes())?;
                if let Some(rels) = &v.relationships {
                    writeln!(out, "\n{}", paint("relationships", Style::Heading, ctx.color))?;
                    if rels.is_empty() {
                        writeln!(out, "  (none)")?;
                    }
                    for r in rels {
                        writeln!(out, "  {} {} {}", r.from.short(), relation_name(r.kind), r.to.short())?;
                    }
                }
                if let Some(conv) = &v.conversation {
                    let heading = format!("conversation {}", v.memory.conversation_id);
                    writeln!(out, "\n{}", paint(&heading, Style::Heading, ctx.color))?;
                    write_table(&mut out, &output::memories_table(conv))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn relation_name(kind: mx_store::RelationKind) -> &'static str {
    use mx_store::RelationKind as R;
    match kind {
        R::Supersedes => "supersedes",
        R::Follows => "follows",
        R::Resolves => "resolves",
        R::Contradicts => "contradicts",
        R::References => "references",
    }
}

// ---------------------------------------------------------------------------------------------------------------
// update / delete

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// Id, unique prefix or name
    pub id: String,
    #[command(flatten)]
    pub content: ContentArgs,
    /// Replace the topics (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "TOPICS")]
    pub topics: Option<Vec<String>>,
    /// New kind
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<Kind>,
    /// New importance, 0 to 1
    #[arg(long)]
    pub importance: Option<f64>,
    /// Replace the anchored files (repeatable)
    #[arg(long = "file", value_name = "PATH")]
    pub files: Vec<String>,
}

fn update(ctx: &Context, args: &UpdateArgs) -> anyhow::Result<ExitCode> {
    let mut patch = MemoryPatch::default();
    patch.content = args.content.read()?;
    patch.topics = args.topics.clone();
    patch.kind = args.kind;
    patch.importance = args.importance;
    if !args.files.is_empty() {
        patch.files = Some(args.files.clone());
    }
    if patch.is_empty() {
        return Err(usage(
            "nothing to update; pass --content, --content-file, --topics, --kind, --importance or --file",
        ));
    }
    let updated = ctx.open_store()?.update(&args.id, patch)?;
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &updated)?,
        Format::Llm | Format::Table => {
            let id = paint(updated.memory.id.as_str(), Style::Id, ctx.color && ctx.format == Format::Table);
            match &updated.previous {
                Some(prev) => writeln!(out, "updated: new version {id} supersedes {prev}")?,
                None => writeln!(out, "updated {id}")?,
            }
            if !updated.redactions.is_empty() {
                let kinds: Vec<&str> = updated.redactions.iter().map(|f| f.kind).collect();
                writeln!(out, "  redacted {} before storing: {}", kinds.len(), kinds.join(", "))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// Ids, unique prefixes or names
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Don't ask (required when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

fn delete(ctx: &Context, args: &DeleteArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.open_store()?;
    // Resolve every id first: a typo in the third id must not leave the first two deleted.
    let memories: Vec<Memory> = args.ids.iter().map(|id| store.get(id)).collect::<Result<_, StoreError>>()?;
    if !args.yes {
        if !(ctx.stdin_is_terminal && ctx.stderr_is_terminal) {
            return Err(usage(format!(
                "refusing to delete {} without confirmation; pass --yes",
                plural(memories.len(), "memory", "memories")
            )));
        }
        let mut err = std::io::stderr();
        for m in &memories {
            writeln!(err, "  {}  {}", m.id.short(), output::one_line(&m.content, 70))?;
        }
        write!(err, "Delete {}? [y/N] ", plural(memories.len(), "memory", "memories"))?;
        err.flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            writeln!(err, "nothing deleted")?;
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    }
    let mut deleted = Vec::new();
    for m in &memories {
        deleted.push(store.delete(m.id.as_str())?);
    }
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => {
            let ids: Vec<&str> = deleted.iter().map(|m| m.id.as_str()).collect();
            write_structured(&mut out, ctx.format, &serde_json::json!({ "deleted": ids }))?;
        }
        _ => {
            for m in &deleted {
                writeln!(out, "deleted {}", m.id)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

// ---------------------------------------------------------------------------------------------------------------
// search

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SearchGroup {
    Conversation,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for
    #[arg(value_name = "QUERY", conflicts_with = "query_flag")]
    pub query: Option<String>,
    /// What to look for (same as the argument)
    #[arg(long = "query", id = "query_flag", value_name = "QUERY")]
    pub query_flag: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many results
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Show each result's score breakdown
    #[arg(long)]
    pub explain: bool,
    /// Include memories that newer ones superseded
    #[arg(long)]
    pub include_superseded: bool,
    /// Group results
    #[arg(long, value_enum)]
    pub group_by: Option<SearchGroup>,
    /// Rank with lexical relevance only (the eval's baseline)
    #[arg(long, hide = true)]
    pub bm25_only: bool,
    /// "Now" for recency (RFC 3339 or YYYY-MM-DD); for reproducible runs
    #[arg(long, value_parser = parse_date, hide = true)]
    pub now: Option<Timestamp>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ConversationGroup<'a> {
    conversation_id: String,
    results: Vec<&'a Ranked>,
}

fn search(ctx: &Context, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let query = args
        .query
        .clone()
        .or_else(|| args.query_flag.clone())
        .filter(|q| !q.trim().is_empty())
        .ok_or_else(|| usage("no query given; pass it as an argument: mx memories search \"payment retries\""))?;
    let now = now_or(args.now);
    let mut filter = args.filter.to_filter(ctx, now)?;
    filter.include_superseded = args.include_superseded;
    let req = SearchRequest {
        query,
        conversation_id: filter.conversation_id.clone(),
        filter,
        limit: args.limit,
        now: args.now,
        mode: if args.bm25_only { RankingMode::Bm25 } else { RankingMode::Full },
    };
    let results = ctx.open_store()?.search(&req)?;
    let mut out = output::stdout();
    let groups: Option<Vec<ConversationGroup<'_>>> = args.group_by.map(|_| group_by_conversation(&results));
    match (ctx.format, &groups) {
        (Format::Json | Format::Yaml, Some(g)) => write_structured(&mut out, ctx.format, g)?,
        (Format::Json | Format::Yaml, None) => write_structured(&mut out, ctx.format, &results)?,
        (Format::Llm, _) => {
            for r in &results {
                let mut line = format!("{:.3} {}", r.score, output::memory_llm_line(&r.memory));
                if args.explain {
                    line.push_str(&format!(" | {}", explain_text(&r.breakdown)));
                }
                writeln!(out, "{line}")?;
            }
        }
        (Format::Table, _) if results.is_empty() => {
            eprintln_hint(ctx, "no memories match; try other words or --all-projects");
        }
        (Format::Table, Some(g)) => {
            for (i, group) in g.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(
                    out,
                    "{}",
                    paint(&format!("conversation {}", group.conversation_id), Style::Heading, ctx.color)
                )?;
                write_table(&mut out, &ranked_table(&group.results, args.explain))?;
            }
        }
        (Format::Table, None) => {
            let refs: Vec<&Ranked> = results.iter().collect();
            write_table(&mut out, &ranked_table(&refs, args.explain))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn group_by_conversation(results: &[Ranked]) -> Vec<ConversationGroup<'_>> {
    let mut groups: Vec<ConversationGroup<'_>> = Vec::new();
    for r in results {
        let conv = r.memory.conversation_id.as_str();
        match groups.iter_mut().find(|g| g.conversation_id == conv) {
            Some(g) => g.results.push(r),
            None => groups.push(ConversationGroup { conversation_id: conv.to_owned(), results: vec![r] }),
        }
    }
    groups
}

fn explain_text(b: &mx_core::rank::ScoreBreakdown) -> String {
    format!(
        "lexical={:.3} topic={:.3} conversation={:.3} project={:.3} kind={:.3} importance={:.3} recency={:.3} total={:.3}",
        b.lexical, b.topic, b.conversation, b.project, b.kind, b.importance, b.recency, b.total
    )
}

fn ranked_table(results: &[&Ranked], explain: bool) -> comfy_table::Table {
    let mut headers = vec!["ID", "SCORE"];
    if explain {
        headers.extend(["LEXICAL", "TOPIC", "CONV", "PROJECT", "KIND+", "IMPORT", "RECENCY"]);
    }
    headers.extend(["KIND", "CREATED", "CONTENT"]);
    let mut t = output::table(&headers);
    for r in results {
        let mut row = vec![r.memory.id.short().to_owned(), format!("{:.3}", r.score)];
        if explain {
            let b = &r.breakdown;
            for v in [b.lexical, b.topic, b.conversation, b.project, b.kind, b.importance, b.recency] {
                row.push(format!("{v:.3}"));
            }
        }
        row.push(output::kind_label(&r.memory));
        row.push(output::short_date(r.memory.created_at));
        row.push(output::one_line(&r.memory.content, if explain { 40 } else { output::CONTENT_PREVIEW_CHARS }));
        t.add_row(row);
    }
    t
}

// ---------------------------------------------------------------------------------------------------------------
// digest / status / build-context

#[derive(Debug, clap::Args)]
pub struct DigestArgs {
    /// What the digest is about [default: where things stand]
    #[arg(long)]
    pub query: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// structured, narrative, timeline, status-report or json
    #[arg(long, value_parser = parse_digest_format, default_value = "structured")]
    pub digest_format: DigestFormat,
    /// Token budget
    #[arg(long, default_value_t = DEFAULT_MAX_TOKENS)]
    pub max_tokens: usize,
    /// List the full ids of the memories used
    #[arg(long)]
    pub show_sources: bool,
    /// "Now" for recency (RFC 3339 or YYYY-MM-DD); for reproducible runs
    #[arg(long, value_parser = parse_date, hide = true)]
    pub now: Option<Timestamp>,
}

fn digest(ctx: &Context, args: &DigestArgs) -> anyhow::Result<ExitCode> {
    let now = now_or(args.now);
    let req = DigestRequest {
        query: args.query.clone().filter(|q| !q.trim().is_empty()),
        filter: args.filter.to_filter(ctx, now)?,
        format: args.digest_format,
        max_tokens: args.max_tokens,
        show_sources: args.show_sources,
        now: args.now,
    };
    let d = ctx.open_store()?.digest(&req)?;
    write_digest(ctx, &d)
}

/// Writes a digest: its text for people and assistants, the whole structure for json/yaml.
pub fn write_digest(ctx: &Context, d: &Digest) -> anyhow::Result<ExitCode> {
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, d)?,
        Format::Table | Format::Llm => {
            if d.included.is_empty() && d.text.trim().is_empty() {
                writeln!(out, "Nothing remembered here yet. Save what matters with `mx memories create`.")?;
            } else {
                out.write_all(d.text.as_bytes())?;
                if !d.text.ends_with('\n') {
                    writeln!(out)?;
                }
            }
            if ctx.format == Format::Table && ctx.stderr_is_terminal {
                let note = format!(
                    "~{} tokens, {} used, {} left out",
                    d.tokens,
                    plural(d.included.len(), "memory", "memories"),
                    d.omitted
                );
                eprintln_hint(ctx, &note);
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Token budget
    #[arg(long, default_value_t = DEFAULT_MAX_TOKENS)]
    pub max_tokens: usize,
    /// List the full ids of the memories used
    #[arg(long)]
    pub show_sources: bool,
}

fn status(ctx: &Context, args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let req = DigestRequest {
        query: None,
        filter: args.filter.to_filter(ctx, Timestamp::now())?,
        format: DigestFormat::StatusReport,
        max_tokens: args.max_tokens,
        show_sources: args.show_sources,
        now: None,
    };
    let d = ctx.open_store()?.digest(&req)?;
    write_digest(ctx, &d)
}

#[derive(Debug, clap::Args)]
pub struct BuildContextArgs {
    /// What you are about to work on
    #[arg(long, value_name = "TEXT")]
    pub context: Option<String>,
    /// Files you are about to touch (comma-separated or repeated)
    #[arg(long, value_delimiter = ',', value_name = "PATHS")]
    pub files: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Token budget
    #[arg(long)]
    pub max_tokens: Option<usize>,
}

fn build_context(ctx: &Context, args: &BuildContextArgs) -> anyhow::Result<ExitCode> {
    let mut req = ContextRequest::default();
    req.context = args.context.clone().filter(|c| !c.trim().is_empty());
    req.files = args.files.clone();
    req.filter = args.filter.to_filter(ctx, Timestamp::now())?;
    req.max_tokens = args.max_tokens;
    let d = ctx.open_store()?.build_context(&req)?;
    write_digest(ctx, &d)
}

// ---------------------------------------------------------------------------------------------------------------
// recap / history / stats

#[derive(Debug, clap::Args)]
pub struct RecapArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many memories
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct RecapGroup {
    conversation_id: String,
    memories: Vec<Memory>,
}

fn recap(ctx: &Context, args: &RecapArgs) -> anyhow::Result<ExitCode> {
    let mut filter_args = args.filter.clone();
    if filter_args.recent.is_none() && filter_args.after.is_none() && filter_args.before.is_none() {
        filter_args.recent = Some(SignedDuration::from_hours(24));
    }
    let mut req = ListRequest::default();
    req.filter = filter_args.to_filter(ctx, Timestamp::now())?;
    req.sort = Sort::Oldest;
    req.limit = Some(args.limit);
    let memories = ctx.open_store()?.list(&req)?;
    // Conversations in order of their latest memory, memories in time order inside each.
    let mut groups: BTreeMap<String, Vec<Memory>> = BTreeMap::new();
    for m in memories {
        groups.entry(m.conversation_id.to_string()).or_default().push(m);
    }
    let mut groups: Vec<RecapGroup> =
        groups.into_iter().map(|(conversation_id, memories)| RecapGroup { conversation_id, memories }).collect();
    groups.sort_by_key(|g| g.memories.last().map(|m| m.created_at));
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &groups)?,
        Format::Llm | Format::Table => {
            if groups.is_empty() {
                writeln!(out, "Nothing saved in this window. Widen it with --recent 7d.")?;
            }
            for (i, g) in groups.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                let heading = format!("## {} ({})", g.conversation_id, plural(g.memories.len(), "memory", "memories"));
                writeln!(out, "{}", paint(&heading, Style::Heading, ctx.color && ctx.format == Format::Table))?;
                for m in &g.memories {
                    writeln!(
                        out,
                        "- {} {} [{}] {}",
                        output::short_time(m.created_at),
                        m.id.short(),
                        m.kind,
                        output::one_line(&m.content, if ctx.format == Format::Llm { usize::MAX } else { 200 })
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Id, unique prefix or name
    pub id: String,
}

fn history(ctx: &Context, args: &HistoryArgs) -> anyhow::Result<ExitCode> {
    let entries = ctx.open_store()?.history(&args.id)?;
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &entries)?,
        Format::Llm => {
            for e in &entries {
                writeln!(out, "#{} {} {}: {}", e.seq, e.at, e.action, output::memory_llm_line(&e.memory))?;
            }
        }
        Format::Table => {
            let mut t = output::table(&["SEQ", "AT", "ACTION", "ID", "STATE", "CONTENT"]);
            for e in &entries {
                t.add_row(vec![
                    e.seq.to_string(),
                    output::short_time(e.at),
                    e.action.clone(),
                    e.memory.id.short().to_owned(),
                    format!("{:?}", e.memory.state).to_lowercase(),
                    output::one_line(&e.memory.content, 60),
                ]);
            }
            write_table(&mut out, &t)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsGroupArg {
    Day,
    Week,
    Month,
    Topic,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// How to group
    #[arg(long, value_enum, default_value_t = StatsGroupArg::Month)]
    pub group_by: StatsGroupArg,
}

fn stats(ctx: &Context, args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let filter = args.filter.to_filter(ctx, Timestamp::now())?;
    let group = match args.group_by {
        StatsGroupArg::Day => StatsGroup::Day,
        StatsGroupArg::Week => StatsGroup::Week,
        StatsGroupArg::Month => StatsGroup::Month,
        StatsGroupArg::Topic => StatsGroup::Topic,
    };
    let rows = ctx.open_store()?.stats(&filter, group)?;
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &rows)?,
        Format::Llm => {
            for r in &rows {
                writeln!(out, "{} {}", r.key, r.memories)?;
            }
        }
        Format::Table => {
            let heading = match args.group_by {
                StatsGroupArg::Day => "DAY",
                StatsGroupArg::Week => "WEEK",
                StatsGroupArg::Month => "MONTH",
                StatsGroupArg::Topic => "TOPIC",
            };
            let mut t = output::table(&[heading, "MEMORIES"]);
            for r in &rows {
                t.add_row(vec![r.key.clone(), r.memories.to_string()]);
            }
            let total: usize = rows.iter().map(|r| r.memories).sum();
            if args.group_by != StatsGroupArg::Topic {
                t.add_row(vec!["total".to_owned(), total.to_string()]);
            }
            write_table(&mut out, &t)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
