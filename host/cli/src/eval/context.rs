//! `mx eval context`: what an assistant actually receives from mx's hooks, measured against what its task needs.
//!
//! A dataset (format: eval/README.md) is memories.jsonl — the retrieval sets' format, plus an optional
//! `replacedBy` naming the later memory that replaced a fact — and tasks.jsonl: a prompt, the files it touches, the
//! time it is asked and the memories it needs. The memories are imported into a fresh temporary store; then, for
//! each task, the assistant's real adapter runs its hooks through the plugin host exactly as `mx hook <assistant>
//! <event>` does (session start, then the prompt), with the store's reads scoped to the task's project and its clock
//! set to the task's time. The ids in what the hooks print are matched back to memories. Needed ids are read only to
//! score the output.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use jiff::Timestamp;
use mx_core::model::{Memory, State};
use mx_plugin_host::types::Event;
use mx_store::{Scope, Store};
use serde::{Deserialize, Serialize};

use super::metrics::percentiles;
use super::{load_memories, read_jsonl, round2};
use crate::plugins::{self, StoreServices, View};

/// One line of tasks.jsonl.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Task {
    pub id: String,
    pub project: String,
    pub prompt: String,
    pub asked_at: Timestamp,
    /// Repository-relative paths the task touches, given to adapters whose assistant names them in its payload.
    #[serde(default)]
    pub files: Vec<String>,
    /// The memories the assistant needs for this task (gold).
    pub needed_ids: Vec<String>,
    /// Memories that are fine to inject for this task although not needed (they do not lower precision).
    #[serde(default)]
    pub acceptable_ids: Vec<String>,
    #[serde(default = "untyped", rename = "type")]
    pub kind: String,
}

fn untyped() -> String {
    "untyped".into()
}

/// The eval-only fields of a memories.jsonl line (the store never sees them).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MemoryGold {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    project: Option<String>,
    #[serde(default)]
    created_at: Option<Timestamp>,
    /// The later memory that replaced this fact: from that memory's time on, this one is not current.
    #[serde(default)]
    replaced_by: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ContextOptions {
    pub dataset: PathBuf,
    /// The adapter whose hooks run (`claude-code`, `cursor`, …).
    pub assistant: String,
    pub limit_tasks: Option<usize>,
    /// The prompt gate to run with; `None` = the fitted one.
    pub gate: Option<mx_core::gate::PromptGate>,
}

/// What one hook printed, as the eval reads it.
#[derive(Debug, Default, Serialize)]
pub struct Injection {
    /// Dataset ids of the memories found in the output, in order of appearance.
    pub ids: Vec<String>,
    /// Estimated tokens of the injected text.
    pub tokens: usize,
    /// The hook's wall time, in milliseconds.
    pub ms: f64,
    /// The injected text itself (JSON report only).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct TaskReport {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub prompt: String,
    pub asked_at: Timestamp,
    pub needed: Vec<String>,
    /// Needed memories neither hook injected.
    pub missed: Vec<String>,
    /// Share of the needed memories injected by session start or the prompt hook.
    pub recall: f64,
    /// Share of the prompt hook's memories that are needed or acceptable; `None` when it injected none.
    pub prompt_precision: Option<f64>,
    /// Memories injected although a later memory had replaced them, or the store holds them superseded.
    pub superseded_injected: Vec<String>,
    pub session_start: Injection,
    pub prompt_hook: Injection,
}

#[derive(Debug, Serialize)]
pub struct Overall {
    pub tasks: usize,
    /// Needed memories injected / needed memories, over all tasks.
    pub recall: f64,
    /// Mean of the per-task recall.
    pub mean_task_recall: f64,
    /// Mean per-prompt precision over the prompts that injected something.
    pub prompt_precision: f64,
    /// Prompts that injected nothing (their precision is undefined).
    pub prompts_silent: usize,
    pub mean_tokens: f64,
    /// The largest session start + prompt of any task.
    pub max_tokens: usize,
    pub superseded_injected: usize,
    pub hook_ms_p50: f64,
}

#[derive(Debug, Serialize)]
pub struct ContextReport {
    pub dataset: String,
    pub assistant: String,
    pub memories: usize,
    pub overall: Overall,
    pub tasks: Vec<TaskReport>,
}

/// What a context dataset folder holds.
const CONTEXT_FILES: &str = "memories.jsonl and tasks.jsonl (see eval/README.md in the mx repository)";

pub fn load_tasks(dataset: &Path) -> anyhow::Result<Vec<Task>> {
    read_jsonl(&dataset.join("tasks.jsonl"), CONTEXT_FILES, |l| serde_json::from_str(l).map_err(|e| e.to_string()))
}

fn load_gold(dataset: &Path) -> anyhow::Result<Vec<MemoryGold>> {
    read_jsonl(&dataset.join("memories.jsonl"), CONTEXT_FILES, |l| serde_json::from_str(l).map_err(|e| e.to_string()))
}

/// Refuses a dataset whose tasks name memories that do not exist, live in another project or come after the task.
fn check(tasks: &[Task], gold: &[MemoryGold]) -> anyhow::Result<()> {
    let by_id: HashMap<&str, &MemoryGold> = gold.iter().filter_map(|g| Some((g.id.as_deref()?, g))).collect();
    for g in gold {
        if let Some(by) = &g.replaced_by
            && !by_id.contains_key(by.as_str())
        {
            anyhow::bail!(
                "memory {} is replacedBy {by}, which is not in memories.jsonl; fix the dataset",
                g.id.as_deref().unwrap_or("?")
            );
        }
    }
    for t in tasks {
        for id in t.needed_ids.iter().chain(&t.acceptable_ids) {
            let Some(g) = by_id.get(id.as_str()) else {
                anyhow::bail!("task {} names memory {id}, which is not in memories.jsonl; fix the dataset", t.id);
            };
            if g.project.as_deref() != Some(t.project.as_str()) {
                anyhow::bail!("task {} names memory {id} of another project; fix the dataset", t.id);
            }
            if g.created_at.is_some_and(|at| at > t.asked_at) {
                anyhow::bail!("task {} names memory {id}, written after the task is asked; fix the dataset", t.id);
            }
        }
    }
    Ok(())
}

/// The hook payloads an assistant sends, as close to the real ones as the eval can make them.
fn payloads(assistant: &str, task: &Task, cwd: &str) -> (String, String) {
    let session = format!("eval-{}", task.id);
    let start = serde_json::json!({
        "session_id": session, "transcript_path": "", "cwd": cwd,
        "hook_event_name": "SessionStart", "source": "startup",
    });
    let mut prompt = serde_json::json!({
        "session_id": session, "transcript_path": "", "cwd": cwd,
        "hook_event_name": "UserPromptSubmit", "prompt": task.prompt,
    });
    // Cursor names the files attached to a prompt; Claude Code's prompt payload carries none.
    if assistant == "cursor" {
        prompt["attachments"] = task.files.iter().map(|f| serde_json::json!({"type": "file", "filePath": f})).collect();
    }
    (start.to_string(), prompt.to_string())
}

/// The text a hook injects: the string values of a JSON output (Claude Code's `additionalContext`, Cursor's
/// `additional_context`), or the output as is.
fn injected_text(output: &str) -> String {
    fn strings(value: &serde_json::Value, out: &mut String) {
        match value {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            // Keys such as `hookEventName` name the envelope, not what the assistant reads.
            serde_json::Value::Object(map) => {
                map.iter().filter(|(key, _)| *key != "hookEventName").for_each(|(_, v)| strings(v, out))
            }
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(output) {
        Ok(value @ (serde_json::Value::Object(_) | serde_json::Value::Array(_))) => {
            let mut out = String::new();
            strings(&value, &mut out);
            out
        }
        _ => output.to_owned(),
    }
}

/// Memory ids (any prefix of 10+ characters, as hooks print them) found in `text`, in order of appearance.
fn ids_in(text: &str, ids: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| w.len() >= 10) {
        let word = word.to_ascii_lowercase();
        for (full, external) in ids {
            if full.to_ascii_lowercase().starts_with(&word) && !found.contains(external) {
                found.push(external.clone());
            }
        }
    }
    found
}

/// Runs every task. `progress(done, total, phase)` reports the import and the tasks.
pub fn run(opts: &ContextOptions, progress: &mut dyn FnMut(u64, u64, &str)) -> anyhow::Result<ContextReport> {
    let mut tasks = load_tasks(&opts.dataset)?;
    if let Some(n) = opts.limit_tasks {
        tasks.truncate(n);
    }
    let gold = load_gold(&opts.dataset)?;
    check(&tasks, &gold)?;
    let (records, skipped) = load_memories(&opts.dataset, CONTEXT_FILES)?;
    // The context sets are the repository's own and small: a bad memory there is a mistake to fix, not data to skip.
    if let Some(bad) = skipped.first() {
        anyhow::bail!(
            "{} line {}: {}; fix the dataset",
            opts.dataset.join("memories.jsonl").display(),
            bad.line,
            bad.reason
        );
    }
    let memories = records.len();

    let home = tempfile::Builder::new().prefix("mx-eval-").tempdir().context("cannot create a temporary store")?;
    let store = Arc::new(Store::open(home.path())?);
    let total = records.len() as u64;
    store.import(records, &mut |done, _| progress(done, total, "importing"))?;

    let mut all: Vec<Memory> = Vec::new();
    store.export(&mut |m| {
        all.push(m.clone());
        Ok(())
    })?;
    let external = |m: &Memory| m.external_id.clone().unwrap_or_else(|| m.id.to_string());
    let ids: Vec<(String, String)> = all.iter().map(|m| (m.id.to_string(), external(m))).collect();
    let created: HashMap<String, Timestamp> = all.iter().map(|m| (external(m), m.created_at)).collect();
    // When each memory stopped being current: the store's own supersession, or the dataset's `replacedBy`.
    let mut replaced_at: HashMap<String, Timestamp> = HashMap::new();
    let by_id: HashMap<String, &Memory> = all.iter().map(|m| (m.id.to_string(), m)).collect();
    for m in &all {
        if m.state == State::Superseded
            && let Some(newer) = m.superseded_by.as_ref().and_then(|id| by_id.get(id.as_str()))
        {
            replaced_at.insert(external(m), newer.created_at);
        }
    }
    for g in &gold {
        if let (Some(id), Some(by)) = (&g.id, &g.replaced_by)
            && let Some(at) = created.get(by)
        {
            replaced_at.insert(id.clone(), *at);
        }
    }

    let services = Arc::new(StoreServices::with_store(store.clone()));
    if let Some(gate) = opts.gate {
        services.set_gate(gate);
    }
    let host = plugins::host(services.clone())?;
    let (plugin, _) = plugins::load_for(&host, &opts.assistant)?;
    let handles_prompt = plugin.manifest().events.iter().any(|e| e == "user-prompt-submit");
    let cwd = home.path().display().to_string();

    let mut reports = Vec::with_capacity(tasks.len());
    let mut latencies = Vec::new();
    let total = tasks.len() as u64;
    for (i, task) in tasks.iter().enumerate() {
        services.set_view(View { scope: Scope::Project(task.project.clone()), now: task.asked_at });
        let (start_payload, prompt_payload) = payloads(&opts.assistant, task, &cwd);
        let mut run_hook = |name: &str, payload: String| -> anyhow::Result<Injection> {
            let event = Event { name: name.to_owned(), payload, cwd: cwd.clone() };
            let t = Instant::now();
            let response = host.handle_event(&plugin, &event).with_context(|| format!("task {}: {name}", task.id))?;
            let ms = t.elapsed().as_secs_f64() * 1_000.0;
            latencies.push(ms);
            let text = response.output.as_deref().map(injected_text).unwrap_or_default();
            Ok(Injection { ids: ids_in(&text, &ids), tokens: mx_core::tokens::estimate(&text), ms: round2(ms), text })
        };
        let session_start = run_hook("session-start", start_payload)?;
        let prompt =
            if handles_prompt { run_hook("user-prompt-submit", prompt_payload)? } else { Injection::default() };
        reports.push(score_task(task, session_start, prompt, &replaced_at));
        progress(i as u64 + 1, total, "tasks");
    }

    let needed: usize = reports.iter().map(|r| r.needed.len()).sum();
    let found: usize = reports.iter().map(|r| r.needed.len() - r.missed.len()).sum();
    let precisions: Vec<f64> = reports.iter().filter_map(|r| r.prompt_precision).collect();
    let tokens: Vec<usize> = reports.iter().map(|r| r.session_start.tokens + r.prompt_hook.tokens).collect();
    let n = reports.len().max(1) as f64;
    let overall = Overall {
        tasks: reports.len(),
        recall: round3(if needed == 0 { 1.0 } else { found as f64 / needed as f64 }),
        mean_task_recall: round3(reports.iter().map(|r| r.recall).sum::<f64>() / n),
        prompt_precision: round3(if precisions.is_empty() {
            1.0
        } else {
            precisions.iter().sum::<f64>() / precisions.len() as f64
        }),
        prompts_silent: reports.len() - precisions.len(),
        mean_tokens: round2(tokens.iter().sum::<usize>() as f64 / n),
        max_tokens: tokens.iter().copied().max().unwrap_or(0),
        superseded_injected: reports.iter().map(|r| r.superseded_injected.len()).sum(),
        hook_ms_p50: round2(percentiles(latencies).0),
    };
    Ok(ContextReport {
        dataset: opts.dataset.display().to_string(),
        assistant: opts.assistant.clone(),
        memories,
        overall,
        tasks: reports,
    })
}

fn score_task(
    task: &Task,
    session_start: Injection,
    prompt: Injection,
    replaced_at: &HashMap<String, Timestamp>,
) -> TaskReport {
    let injected: HashSet<&str> = session_start.ids.iter().chain(&prompt.ids).map(String::as_str).collect();
    let missed: Vec<String> = task.needed_ids.iter().filter(|id| !injected.contains(id.as_str())).cloned().collect();
    let recall = if task.needed_ids.is_empty() {
        1.0
    } else {
        (task.needed_ids.len() - missed.len()) as f64 / task.needed_ids.len() as f64
    };
    let wanted: HashSet<&str> = task.needed_ids.iter().chain(&task.acceptable_ids).map(String::as_str).collect();
    let prompt_precision = (!prompt.ids.is_empty()).then(|| {
        round3(prompt.ids.iter().filter(|id| wanted.contains(id.as_str())).count() as f64 / prompt.ids.len() as f64)
    });
    let mut superseded_injected: Vec<String> = injected
        .iter()
        .filter(|id| replaced_at.get(**id).is_some_and(|at| *at <= task.asked_at))
        .map(|id| (*id).to_owned())
        .collect();
    superseded_injected.sort();
    TaskReport {
        id: task.id.clone(),
        kind: task.kind.clone(),
        prompt: task.prompt.clone(),
        asked_at: task.asked_at,
        needed: task.needed_ids.clone(),
        missed,
        recall: round3(recall),
        prompt_precision,
        superseded_injected,
        session_start,
        prompt_hook: prompt,
    }
}

fn round3(x: f64) -> f64 {
    (x * 1_000.0).round() / 1_000.0
}

/// Per task, then overall, as aligned tables.
pub fn render_table(report: &ContextReport) -> String {
    use std::fmt::Write as _;
    let o = &report.overall;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} memories, {} tasks, hooks of {}; hook p50 {:.2} ms\n",
        report.dataset, report.memories, o.tasks, report.assistant, o.hook_ms_p50
    );
    let mut table = crate::output::table(&[
        "task",
        "type",
        "recall",
        "start",
        "prompt",
        "precision",
        "tokens",
        "superseded",
        "missed",
    ]);
    for t in &report.tasks {
        table.add_row(vec![
            t.id.clone(),
            t.kind.clone(),
            format!("{:.3}", t.recall),
            t.session_start.ids.len().to_string(),
            t.prompt_hook.ids.len().to_string(),
            t.prompt_precision.map_or("-".to_owned(), |p| format!("{p:.3}")),
            (t.session_start.tokens + t.prompt_hook.tokens).to_string(),
            t.superseded_injected.join(" "),
            t.missed.join(" "),
        ]);
    }
    let _ = writeln!(out, "{table}\n");
    let _ = writeln!(
        out,
        "overall: recall {:.3} (mean per task {:.3}), prompt precision {:.3} ({} silent prompts), tokens mean {:.0} max {}, superseded injected {}",
        o.recall,
        o.mean_task_recall,
        o.prompt_precision,
        o.prompts_silent,
        o.mean_tokens,
        o.max_tokens,
        o.superseded_injected
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_by_their_printed_prefix() {
        let ids = vec![
            ("01JD8X2K4M9Q7R5T3V1W0YZABC".to_owned(), "a".to_owned()),
            ("01JD8X2K4MAB7R5T3V1W0YZABC".to_owned(), "b".to_owned()),
            ("01JE000000AA7R5T3V1W0YZABC".to_owned(), "c".to_owned()),
        ];
        let text = "- Use X (01JD8X2K4M9Q, 2026-01-02, conv_1)\n- [decision] Y (01je000000aa7r, 2026-02-01)";
        assert_eq!(ids_in(text, &ids), vec!["a", "c"]);
    }

    #[test]
    fn claude_code_output_is_read_through_its_json() {
        let out = r#"{"hookSpecificOutput":{"hookEventName":"SessionStart","additionalContext":"hello"}}"#;
        assert_eq!(injected_text(out).trim(), "hello");
        assert_eq!(injected_text("plain text"), "plain text");
    }
}
