//! `mx export` and `mx import`: JSONL, lossless, idempotent by id.
//!
//! Import reads two shapes, line by line: mx's own export (a full memory: `id`, `kind`, `state`, `createdAt`,
//! `updatedAt`, …) and foreign records such as the eval datasets' memories.jsonl (`id`, `project`, `conversationId`,
//! `content`, `createdAt`, `role`, `topics`), whose `id` is kept as the memory's external id. Every line is checked
//! before anything is written: a file with a bad line is probably the wrong file, so nothing is imported and the
//! message names the line. The records then go to the store in chunks, each committed on its own, so an import that
//! is killed part-way leaves a complete prefix, and running it again finishes the rest (ids already present are
//! skipped).

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use mx_core::Memory;
use mx_store::{ImportRecord, ImportReport};
use serde::Serialize;

use crate::error::usage;
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

pub fn run_export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let ctx = Context::get();
    let store = ctx.open_store()?;
    let count = match &args.output {
        Some(path) => {
            let file = File::create(path)
                .map_err(|e| usage(format!("cannot write {}: {e}; choose a writable path", path.display())))?;
            let mut w = BufWriter::new(file);
            let n = store.export(&mut |m: &Memory| write_line(&mut w, m))?;
            w.flush()?;
            let _ = writeln!(std::io::stderr(), "exported {n} memories to {}", path.display());
            n
        }
        None => {
            let mut out = output::stdout();
            let n = store.export(&mut |m: &Memory| write_line(&mut out, m))?;
            out.flush()?;
            n
        }
    };
    let _ = count;
    Ok(ExitCode::SUCCESS)
}

fn write_line(w: &mut dyn Write, m: &Memory) -> std::io::Result<()> {
    serde_json::to_writer(&mut *w, m).map_err(std::io::Error::from)?;
    w.write_all(b"\n")
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct ImportSummary {
    lines: usize,
    imported: usize,
    skipped: usize,
    redacted: usize,
}

pub fn run_import(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let ctx = Context::get();
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
    for (index, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = index + 1;
        let text = std::str::from_utf8(raw).map_err(|e| {
            usage(format!(
                "{what} line {line} is not valid UTF-8 (bad byte at offset {}); nothing was imported; convert the file to UTF-8",
                e.valid_up_to()
            ))
        })?;
        let record = ImportRecord::from_json_line(text, default_project.as_deref())
            .map_err(|e| usage(format!("{what} line {line}: {e}; nothing was imported; fix or remove the line")))?;
        records.push(record);
    }
    let store = ctx.open_store()?;
    let total = records.len() as u64;
    let bar = output::progress_bar(ctx, total, "importing");
    let mut summary = ImportSummary { lines: records.len(), ..Default::default() };
    // One call: the store commits SQLite in batches itself (a killed import leaves a complete prefix) and indexes
    // alongside with one tantivy writer; calling it per chunk cost a writer, a commit and a merge per chunk.
    let report: ImportReport = store.import(records, &mut |n, _| bar.set_position(n))?;
    summary.imported = report.imported;
    summary.skipped = report.skipped;
    summary.redacted = report.redacted;
    bar.finish_and_clear();
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &summary)?,
        _ => writeln!(
            out,
            "imported {} memories ({} already present, {} with secrets redacted) from {what}",
            summary.imported, summary.skipped, summary.redacted
        )?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
