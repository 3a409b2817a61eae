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

use jiff::Timestamp;
use mx_core::model::NewMemory;
use mx_core::{Kind, Memory, Role, Source};
use mx_store::{ImportRecord, ImportReport};
use serde::{Deserialize, Serialize};

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

/// A record in the eval datasets' format (../shared/eval/README.md) or any similar foreign source.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ForeignRecord {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    project: Option<String>,
    #[serde(default)]
    conversation_id: Option<String>,
    content: String,
    #[serde(default)]
    created_at: Option<Timestamp>,
    #[serde(default)]
    role: Option<Role>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    kind: Option<Kind>,
    #[serde(default)]
    importance: Option<f64>,
    #[serde(default)]
    name: Option<String>,
}

/// Decides the shape of one line: a full mx memory when it parses as one, else a foreign record.
pub(crate) fn parse_record(text: &str, default_project: Option<&str>) -> Result<ImportRecord, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let is_mx_export = value.get("updatedAt").is_some() && value.get("kind").is_some();
    if is_mx_export {
        return serde_json::from_value::<Memory>(value)
            .map(|m| ImportRecord::Memory(Box::new(m)))
            .map_err(|e| format!("not a valid mx memory: {e}"));
    }
    let r: ForeignRecord =
        serde_json::from_value(value).map_err(|e| format!("not a memory record: {e}"))?;
    let mut new = NewMemory::default();
    new.content = r.content;
    new.kind = r.kind;
    new.topics = r.topics;
    new.conversation_id = r.conversation_id;
    new.project = r.project.or_else(|| default_project.map(str::to_owned));
    new.role = r.role;
    new.importance = r.importance;
    new.name = r.name;
    new.source = Some(Source::Import);
    new.created_at = r.created_at;
    new.external_id = r.id;
    Ok(ImportRecord::Foreign(Box::new(new)))
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
        let record = parse_record(text, default_project.as_deref())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eval_dataset_lines_are_foreign_records() {
        let line = r#"{"id":"S01-m1","project":"ecommerce-api","conversationId":"S01","content":"Use FastAPI","createdAt":"2026-01-10T09:00:00Z","role":"user","topics":["ecommerce-api"]}"#;
        let ImportRecord::Foreign(new) = parse_record(line, None).unwrap() else { panic!("expected foreign") };
        assert_eq!(new.external_id.as_deref(), Some("S01-m1"));
        assert_eq!(new.project.as_deref(), Some("ecommerce-api"));
        assert_eq!(new.source, Some(Source::Import));
        assert_eq!(new.created_at.unwrap().to_string(), "2026-01-10T09:00:00Z");
    }

    #[test]
    fn bad_lines_say_why() {
        assert!(parse_record("{not json", None).unwrap_err().starts_with("not valid JSON"));
        assert!(parse_record(r#"{"id":"x"}"#, None).unwrap_err().contains("content"));
    }
}
