//! `mx export` and `mx import`: JSONL, lossless, idempotent by id.
//!
//! Import reads two shapes, line by line: mx's own export (a full memory: `id`, `kind`, `state`, `createdAt`,
//! `updatedAt`, …) and foreign records such as the eval datasets' memories.jsonl (`id`, `project`, `conversationId`,
//! `content`, `createdAt`, `role`, `topics`), whose `id` is kept as the memory's external id. Every line is checked
//! before anything is written; real datasets hold a few bad records (an empty turn, one too long), so those are
//! reported on stderr by line and field, the good ones are imported, and the exit code is 2, as `memories create
//! --stdin-jsonl` does. A file where no line is valid is probably the wrong file: nothing is imported. The records then go to the store in chunks, each committed on its own, so an import that
//! is killed part-way leaves a complete prefix, and running it again finishes the rest (ids already present are
//! skipped).

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use mx_core::Memory;
use mx_store::{ImportRecord, ImportReport, Relationship, RelationshipLine, Usage, UsageLine};
use serde::Serialize;

use crate::error::{EXIT_USAGE, Exit, usage};
use crate::output::{self, Context, Format, write_structured};

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Write to this file instead of stdout
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A JSONL file, or - for stdin
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
}

pub fn run_export(ctx: &Context, args: ExportArgs) -> anyhow::Result<ExitCode> {
    // Export is JSONL whatever the format; a table asked for on the command line would otherwise be JSONL silently.
    if let Some(format) = ctx.format_flag.filter(|f| *f != Format::Json) {
        let name = clap::ValueEnum::to_possible_value(&format).map(|v| v.get_name().to_owned()).unwrap_or_default();
        return Err(usage(format!(
            "`mx export` writes JSONL only, not --format {name}; drop --format (or pass --format json)"
        )));
    }
    let store = ctx.open_store()?;
    let count = match &args.output {
        Some(path) => {
            let file = File::create(path)
                .map_err(|e| usage(format!("cannot write {}: {e}; choose a writable path", path.display())))?;
            let mut w = BufWriter::new(file);
            let n = store.export(&mut |m: &Memory| write_line(&mut w, m))?;
            let r = store.export_relationships(&mut |r: &Relationship| write_line(&mut w, &line(r)))?;
            store.export_usage(&mut |u: &Usage| write_line(&mut w, &UsageLine { usage: u.clone() }))?;
            w.flush()?;
            let _ = writeln!(std::io::stderr(), "exported {n} memories and {r} relationships to {}", path.display());
            n
        }
        None => {
            let mut out = output::stdout();
            let n = store.export(&mut |m: &Memory| write_line(&mut out, m))?;
            store.export_relationships(&mut |r: &Relationship| write_line(&mut out, &line(r)))?;
            store.export_usage(&mut |u: &Usage| write_line(&mut out, &UsageLine { usage: u.clone() }))?;
            out.flush()?;
            n
        }
    };
    let _ = count;
    Ok(ExitCode::SUCCESS)
}

fn line(r: &Relationship) -> RelationshipLine {
    RelationshipLine { relationship: r.clone() }
}

fn write_line(w: &mut dyn Write, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *w, value).map_err(std::io::Error::from)?;
    w.write_all(b"\n")
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct ImportSummary {
    lines: usize,
    imported: usize,
    skipped: usize,
    redacted: usize,
    relationships: usize,
    /// Usage records (which memories were injected into which assistant session, and used).
    usage: usize,
    /// Lines left out because they are not a valid record (each reported on stderr).
    invalid: usize,
}

pub fn run_import(ctx: &Context, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let (bytes, what) = if args.file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| usage(format!("cannot read stdin: {e}; pass a file instead")))?;
        (buf, "stdin".to_owned())
    } else {
        let bytes = std::fs::read(&args.file)
            .map_err(|e| usage(format!("cannot read {}: {e}; check the path", args.file.display())))?;
        (bytes, args.file.display().to_string())
    };
    let default_project = ctx.project().map(str::to_owned);
    let mut records = Vec::new();
    let mut rejected: Vec<(usize, String)> = Vec::new();
    for (index, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = index + 1;
        let record = std::str::from_utf8(raw)
            .map_err(|e| format!("not valid UTF-8 (bad byte at offset {})", e.valid_up_to()))
            .and_then(|text| ImportRecord::from_json_line(text, default_project.as_deref()))
            .and_then(|record| record.validate().map(|()| record));
        match record {
            Ok(record) => records.push(record),
            Err(message) => rejected.push((line, message)),
        }
    }
    // A file where no line is valid is probably the wrong file: one error naming the first bad line, nothing stored.
    if records.is_empty()
        && let Some((line, message)) = rejected.first()
    {
        return Err(usage(format!(
            "{what} line {line}: {message}; no line is a valid record ({} bad), nothing was imported; fix the file \
             or pass an `mx export` or an eval dataset's memories.jsonl",
            rejected.len()
        )));
    }
    for (line, message) in &rejected {
        let _ = writeln!(std::io::stderr(), "error: {what} line {line}: {message}; skipped");
    }
    let store = ctx.open_store()?;
    let total = records.len() as u64;
    let bar = output::progress_bar(ctx, total, "importing");
    let mut summary =
        ImportSummary { lines: records.len() + rejected.len(), invalid: rejected.len(), ..Default::default() };
    // One call: the store commits SQLite in batches itself (a killed import leaves a complete prefix) and indexes
    // alongside with one tantivy writer; calling it per chunk cost a writer, a commit and a merge per chunk.
    let report: ImportReport = store.import(records, &mut |n, _| bar.set_position(n))?;
    summary.imported = report.imported;
    summary.skipped = report.skipped;
    summary.redacted = report.redacted;
    summary.relationships = report.relationships;
    summary.usage = report.usage;
    bar.finish_and_clear();
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &summary)?,
        _ => {
            write!(
                out,
                "imported {} memories ({} already present, {} with secrets redacted) from {what}",
                summary.imported, summary.skipped, summary.redacted
            )?;
            if summary.relationships > 0 {
                write!(out, " and {} relationships", summary.relationships)?;
            }
            if summary.usage > 0 {
                write!(out, " and {} usage records", summary.usage)?;
            }
            if summary.invalid > 0 {
                let lines: Vec<String> = rejected.iter().map(|(line, _)| line.to_string()).collect();
                write!(out, "; {} invalid lines skipped ({})", summary.invalid, lines.join(", "))?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    if rejected.is_empty() { Ok(ExitCode::SUCCESS) } else { Err(Exit(EXIT_USAGE).into()) }
}
