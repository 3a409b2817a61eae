//! The five digest formats. Each selects in rank order against a [`Budget`] priced line by line, then renders its
//! groups in the format's order.

use std::fmt::Write as _;

use serde::Serialize;

use super::text::{self, Body, Label, Shortened};
use super::{DigestFormat, DigestOptions};
use crate::model::{Kind, Memory};
use crate::rank::Ranked;
use crate::tokens::estimate;

/// A shortened first sentence keeps at least this many words, or the memory is left out.
const MIN_WORDS: usize = 5;
/// A sub-bullet ("Next: …") cut shorter than this many words is dropped instead.
const MIN_SUB_WORDS: usize = 4;
/// One memory may take at most this share of the budget (but at least [`MIN_ITEM_CAP`] tokens), so a long session
/// summary does not crowd out everything else.
const ITEM_SHARE: usize = 6;
const MIN_ITEM_CAP: usize = 48;
/// Below this many remaining tokens nothing useful fits; selection stops.
const MIN_USEFUL: usize = 8;

pub(super) struct Rendered {
    pub text: String,
    /// Indices into the ranked slice, in render order.
    pub included: Vec<usize>,
}

pub(super) fn render(ranked: &[Ranked], opts: &DigestOptions, budget: usize) -> Rendered {
    let mut b = Budget { left: budget, cap: (budget / ITEM_SHARE).max(MIN_ITEM_CAP) };
    let title = title(opts);
    match opts.format {
        DigestFormat::Structured => structured(ranked, opts, &title, &mut b),
        DigestFormat::Narrative => narrative(ranked, opts, &title, &mut b),
        DigestFormat::Timeline => timeline(ranked, opts, &title, &mut b),
        DigestFormat::StatusReport => status_report(ranked, opts, &title, &mut b),
        DigestFormat::Json => json(ranked, opts, &mut b),
    }
}

fn title(opts: &DigestOptions) -> String {
    match opts.query.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => text::one_line(q),
        None => "where things stand".to_owned(),
    }
}

/// Tokens left, and the most one memory may take.
struct Budget {
    left: usize,
    cap: usize,
}

impl Budget {
    /// Takes `cost` if it fits.
    fn take(&mut self, cost: usize) -> bool {
        if cost <= self.left {
            self.left -= cost;
            true
        } else {
            false
        }
    }

    /// What one memory may spend once `fixed` tokens (headers, metadata) are paid.
    fn allowance(&self, fixed: usize) -> Option<usize> {
        (fixed < self.left).then(|| (self.left - fixed).min(self.cap))
    }
}

/// Price of a line of text including its line break.
fn line_cost(line: &str) -> usize {
    estimate(line) + 1
}

fn date(m: &Memory) -> String {
    let s = m.created_at.to_string();
    s.get(..10).unwrap_or(&s).to_owned()
}

/// `(short id, date, conversation)`: what every bullet carries, plus the stale mark when the anchored code moved.
fn meta(m: &Memory) -> String {
    format!("({}, {}, {}){}", m.id.short(), date(m), m.conversation_id, stale_suffix(m))
}

/// The mark of a memory whose anchored code moved ("src/x.rs changed since, 3 commits"), if any.
fn stale_mark(m: &Memory) -> Option<&str> {
    m.stale.as_ref().filter(|s| s.is_stale).map(|s| s.mark.as_str())
}

/// ` [stale: …]` after a memory's metadata, or nothing: the reader sees that the claim may no longer hold.
fn stale_suffix(m: &Memory) -> String {
    stale_mark(m).map(|mark| format!(" [stale: {mark}]")).unwrap_or_default()
}

/// The sources line of `show_sources`: its label costs once, each full id once.
struct Sources {
    on: bool,
    opened: bool,
    ids: Vec<String>,
}

impl Sources {
    fn new(opts: &DigestOptions) -> Self {
        Self { on: opts.show_sources, opened: false, ids: Vec::new() }
    }
    fn cost(&self, m: &Memory) -> usize {
        if !self.on { 0 } else { estimate(m.id.as_str()) + if self.opened { 0 } else { line_cost("Sources:") } }
    }
    fn add(&mut self, m: &Memory) {
        if self.on {
            self.opened = true;
            self.ids.push(m.id.to_string());
        }
    }
    fn render(&self, out: &mut String) {
        if self.on && !self.ids.is_empty() {
            let _ = writeln!(out, "\nSources: {}", self.ids.join(" "));
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// structured

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Section {
    WhereThingsStand,
    Decisions,
    RuledOut,
    Constraints,
    Conventions,
    Gotchas,
    Debugging,
    Other,
}

impl Section {
    const ALL: [Section; 8] = [
        Section::WhereThingsStand,
        Section::Decisions,
        Section::RuledOut,
        Section::Constraints,
        Section::Conventions,
        Section::Gotchas,
        Section::Debugging,
        Section::Other,
    ];

    fn heading(self) -> &'static str {
        match self {
            Section::WhereThingsStand => "## Where things stand",
            Section::Decisions => "## Decisions",
            Section::RuledOut => "## Ruled out",
            Section::Constraints => "## Constraints",
            Section::Conventions => "## Conventions",
            Section::Gotchas => "## Gotchas and known issues",
            Section::Debugging => "## Debugging history",
            Section::Other => "## Other",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Section::WhereThingsStand => "where-things-stand",
            Section::Decisions => "decisions",
            Section::RuledOut => "ruled-out",
            Section::Constraints => "constraints",
            Section::Conventions => "conventions",
            Section::Gotchas => "gotchas",
            Section::Debugging => "debugging",
            Section::Other => "other",
        }
    }
}

/// The open items of a progress memory: what comes next, what blocks it, and its in-progress state. Known issues
/// count as blockers.
const OPEN: [Label; 3] = [Label::Next, Label::Blocked, Label::Status];

fn open_kind(label: Label) -> Label {
    if label == Label::KnownIssue { Label::Blocked } else { label }
}

/// The open-item labels of `ranked[i]` that a newer progress memory of its conversation in the set restates. A
/// later note supersedes only what it restates: "In progress: the approval UI" replaces the earlier state, not the
/// earlier "Blocked: waiting on finance" or "Next: …". The in-progress state is always the newest note's.
fn restated(ranked: &[Ranked], i: usize) -> Vec<Label> {
    let r = &ranked[i].memory;
    let mut out = Vec::new();
    for o in ranked.iter().map(|o| &o.memory) {
        if o.kind == Kind::Progress
            && o.conversation_id == r.conversation_id
            && (o.created_at, &o.id) > (r.created_at, &r.id)
        {
            // The state of the work is whatever the newest note says; only next steps and blockers carry over.
            if !out.contains(&Label::Status) {
                out.push(Label::Status);
            }
            for s in text::sentences(&text::one_line(&o.content)) {
                let l = open_kind(text::label(s));
                if OPEN.contains(&l) && !out.contains(&l) {
                    out.push(l);
                }
            }
        }
    }
    out
}

/// For each ranked memory, whether it tells where things stand: the newest progress memory of its conversation in
/// the set, or an older one with open items no newer one restates.
pub(crate) fn newest_progress(ranked: &[Ranked]) -> Vec<bool> {
    (0..ranked.len())
        .map(|i| {
            let m = &ranked[i].memory;
            if m.kind != Kind::Progress {
                return false;
            }
            let restated = restated(ranked, i);
            let newest = !ranked.iter().any(|o| {
                o.memory.kind == Kind::Progress
                    && o.memory.conversation_id == m.conversation_id
                    && (o.memory.created_at, &o.memory.id) > (m.created_at, &m.id)
            });
            newest
                || text::sentences(&text::one_line(&m.content)).iter().any(|s| {
                    let l = open_kind(text::label(s));
                    matches!(l, Label::Next | Label::Blocked) && !restated.contains(&l)
                })
        })
        .collect()
}

fn section_of(m: &Memory, newest_progress: bool) -> Section {
    match m.kind {
        Kind::Progress if newest_progress => Section::WhereThingsStand,
        Kind::Decision => Section::Decisions,
        Kind::RuledOut => Section::RuledOut,
        Kind::Constraint => Section::Constraints,
        Kind::Convention => Section::Conventions,
        Kind::Gotcha => Section::Gotchas,
        Kind::Debugging => Section::Debugging,
        Kind::Progress | Kind::Note => Section::Other,
    }
}

struct Bullet {
    index: usize,
    body: String,
    subs: Vec<String>,
}

/// A memory as a bullet with sub-bullets, shortened to fit `allowed` tokens beyond the fixed costs. The main text
/// gives way first; the sub-bullets (next steps, known issues, blockers) are cut only when the main text is down to
/// its shortest form, and dropped last.
fn fit_bullet(main: &Body, subs: &[Body], allowed: usize) -> Option<(Shortened, Vec<Shortened>)> {
    // Each sub-bullet line costs its "-", its indentation and its line break.
    let sub_fixed = estimate("  -") + 1;
    let subs_full: usize = subs.iter().map(|s| s.full_cost() + sub_fixed).sum();
    if subs_full <= allowed
        && let Some(m) = main.fit(allowed - subs_full, MIN_WORDS)
    {
        let subs = subs.iter().filter_map(|s| s.fit(usize::MAX, 0)).collect();
        return Some((m, subs));
    }
    // Main text at its shortest, the sub-bullets share what is left.
    let shortest_main = main.shortest(MIN_WORDS);
    if shortest_main.cost > allowed {
        return None;
    }
    let mut left = allowed - shortest_main.cost;
    let mut out = Vec::new();
    for s in subs {
        if left <= sub_fixed {
            break;
        }
        let share = left - sub_fixed;
        if let Some(fitted) = s.fit(share, MIN_SUB_WORDS) {
            left -= fitted.cost + sub_fixed;
            out.push(fitted);
        }
    }
    Some((shortest_main, out))
}

fn structured(ranked: &[Ranked], opts: &DigestOptions, title: &str, b: &mut Budget) -> Rendered {
    let header = format!("# Project memory — {title}");
    if !b.take(line_cost(&header)) {
        return Rendered { text: String::new(), included: Vec::new() };
    }
    let newest = newest_progress(ranked);
    let mut sections: Vec<Vec<Bullet>> = (0..Section::ALL.len()).map(|_| Vec::new()).collect();
    let mut sources = Sources::new(opts);
    // Where things stand is what a digest is for: the newest progress of each conversation is taken first (in rank
    // order), then everything else in rank order.
    let order = (0..ranked.len()).filter(|&i| newest[i]).chain((0..ranked.len()).filter(|&i| !newest[i]));
    for i in order {
        if b.left < MIN_USEFUL {
            break;
        }
        let m = &ranked[i].memory;
        let section = section_of(m, newest[i]);
        let slot = section as usize;
        let heading = if sections[slot].is_empty() { line_cost(section.heading()) } else { 0 };
        let meta = meta(m);
        let fixed = heading + estimate("-") + estimate(&meta) + 1 + sources.cost(m);
        let Some(allowed) = b.allowance(fixed) else {
            continue;
        };
        let (main, subs) = if section == Section::WhereThingsStand {
            let line = text::one_line(&m.content);
            let sentences = text::sentences(&line);
            let note = text::progress_note(&sentences);
            if note.main.is_empty() {
                // Nothing but next steps and issues: they are the bullet itself.
                (Body::new(&sentences), Vec::new())
            } else {
                let subs = note.next.iter().chain(&note.blocked).chain(&note.known_issues).map(|s| Body::new(&[*s]));
                (Body::new(&note.main), subs.collect())
            }
        } else {
            (Body::from_text(&m.content), Vec::new())
        };
        let Some((body, subs)) = fit_bullet(&main, &subs, allowed) else {
            continue;
        };
        let cost = fixed + body.cost + subs.iter().map(|s| s.cost + estimate("  -") + 1).sum::<usize>();
        if !b.take(cost) {
            continue;
        }
        sources.add(m);
        sections[slot].push(Bullet { index: i, body: body.text, subs: subs.into_iter().map(|s| s.text).collect() });
    }

    let mut out = String::new();
    let _ = writeln!(out, "{header}");
    let mut included = Vec::new();
    for (slot, bullets) in sections.iter().enumerate() {
        if bullets.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", Section::ALL[slot].heading());
        for bullet in bullets {
            let m = &ranked[bullet.index].memory;
            let _ = writeln!(out, "- {} {}", bullet.body, meta(m));
            for sub in &bullet.subs {
                let _ = writeln!(out, "  - {sub}");
            }
            included.push(bullet.index);
        }
    }
    sources.render(&mut out);
    Rendered { text: out, included }
}

// ---------------------------------------------------------------------------------------------------------------
// narrative

fn narrative(ranked: &[Ranked], opts: &DigestOptions, title: &str, b: &mut Budget) -> Rendered {
    let header = format!("# Project memory — {title}");
    if !b.take(line_cost(&header)) {
        return Rendered { text: String::new(), included: Vec::new() };
    }
    // Conversations in first-selected order while selecting; rendered by time afterwards.
    let mut conversations: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    let mut sources = Sources::new(opts);
    for (i, r) in ranked.iter().enumerate() {
        if b.left < MIN_USEFUL {
            break;
        }
        let m = &r.memory;
        let conv = m.conversation_id.as_str();
        let pos = conversations.iter().position(|(c, _)| c == conv);
        // A new conversation costs its heading line; each memory is a paragraph of its own (one line).
        let opening = if pos.is_none() { line_cost(&format!("## {conv}")) } else { 0 };
        let lead = fragment_lead(m);
        let fixed = opening + estimate(&lead) + 1 + sources.cost(m);
        let Some(allowed) = b.allowance(fixed) else {
            continue;
        };
        let Some(body) = Body::from_text(&m.content).fit(allowed, MIN_WORDS) else {
            continue;
        };
        if !b.take(fixed + body.cost) {
            continue;
        }
        sources.add(m);
        let fragment = format!("{lead} {}", body.text);
        match pos {
            Some(p) => conversations[p].1.push((i, fragment)),
            None => conversations.push((conv.to_owned(), vec![(i, fragment)])),
        }
    }
    let time = |i: &usize| (ranked[*i].memory.created_at, ranked[*i].memory.id.clone());
    for (_, fragments) in &mut conversations {
        fragments.sort_by_key(|(i, _)| time(i));
    }
    conversations.sort_by_key(|(_, fragments)| fragments.first().map(|(i, _)| time(i)));

    let mut out = String::new();
    let _ = writeln!(out, "{header}");
    let mut included = Vec::new();
    for (conv, fragments) in &conversations {
        let _ = writeln!(out, "\n## {conv}");
        for (_, paragraph) in fragments {
            let _ = writeln!(out, "\n{paragraph}");
        }
        included.extend(fragments.iter().map(|(i, _)| *i));
    }
    sources.render(&mut out);
    Rendered { text: out, included }
}

/// "On 2026-11-25 (decision, 01jd2x3y4z5a):" — what opens each memory of a narrative paragraph.
fn fragment_lead(m: &Memory) -> String {
    format!("On {} ({}, {}){}:", date(m), m.kind, m.id.short(), stale_suffix(m))
}

// ---------------------------------------------------------------------------------------------------------------
// timeline

fn timeline(ranked: &[Ranked], opts: &DigestOptions, title: &str, b: &mut Budget) -> Rendered {
    let header = format!("# Timeline — {title}");
    if !b.take(line_cost(&header)) {
        return Rendered { text: String::new(), included: Vec::new() };
    }
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut sources = Sources::new(opts);
    for (i, r) in ranked.iter().enumerate() {
        if b.left < MIN_USEFUL {
            break;
        }
        let m = &r.memory;
        let lead = format!("- {} {}:", date(m), m.kind);
        let tail = format!("({}, {}){}", m.id.short(), m.conversation_id, stale_suffix(m));
        let fixed = estimate(&lead) + estimate(&tail) + 1 + sources.cost(m);
        let Some(allowed) = b.allowance(fixed) else {
            continue;
        };
        let Some(body) = Body::from_text(&m.content).fit(allowed, MIN_WORDS) else {
            continue;
        };
        if !b.take(fixed + body.cost) {
            continue;
        }
        sources.add(m);
        lines.push((i, format!("{lead} {} {tail}", body.text)));
    }
    // Newest last.
    lines.sort_by(|(a, _), (b, _)| {
        let (a, b) = (&ranked[*a].memory, &ranked[*b].memory);
        a.created_at.cmp(&b.created_at).then_with(|| a.id.cmp(&b.id))
    });
    let mut out = String::new();
    let _ = writeln!(out, "{header}\n");
    for (_, line) in &lines {
        let _ = writeln!(out, "{line}");
    }
    sources.render(&mut out);
    Rendered { text: out, included: lines.iter().map(|(i, _)| *i).collect() }
}

// ---------------------------------------------------------------------------------------------------------------
// status-report

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Done,
    InProgress,
    Blocked,
    Next,
}

impl Status {
    const ORDER: [Status; 4] = [Status::Done, Status::InProgress, Status::Blocked, Status::Next];
    fn heading(self) -> &'static str {
        match self {
            Status::Done => "## Done",
            Status::InProgress => "## In progress",
            Status::Blocked => "## Blocked",
            Status::Next => "## Next",
        }
    }
}

/// Drops a leading label that the section heading already says ("Next:", "TODO:", "Done:") and capitalises.
fn strip_label(sentence: &str) -> String {
    let lower = sentence.to_lowercase();
    let labels = ["next step:", "next steps:", "next up:", "next:", "todo:", "to do:", "done:", "then:"];
    let rest = labels.iter().find(|l| lower.starts_with(*l)).map_or(sentence, |l| sentence[l.len()..].trim_start());
    let mut chars = rest.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn status_report(ranked: &[Ranked], opts: &DigestOptions, title: &str, b: &mut Budget) -> Rendered {
    let header = format!("# Status report — {title}");
    if !b.take(line_cost(&header)) {
        return Rendered { text: String::new(), included: Vec::new() };
    }
    let mut groups: Vec<Vec<(usize, String)>> = vec![Vec::new(); Status::ORDER.len()];
    let mut included: Vec<usize> = Vec::new();
    let mut sources = Sources::new(opts);
    for (i, r) in ranked.iter().enumerate() {
        if b.left < MIN_USEFUL {
            break;
        }
        let m = &r.memory;
        if m.kind != Kind::Progress {
            continue;
        }
        let line = text::one_line(&m.content);
        let sentences = text::sentences(&line);
        // Priority within a memory: what comes next and what blocks it, then its state, then what was done. Older
        // progress of a conversation keeps the open items a newer one does not restate, and what was done.
        let restated = restated(ranked, i);
        let mut items: Vec<(Status, String)> = Vec::new();
        for wanted in [Label::Next, Label::Blocked, Label::KnownIssue, Label::Status, Label::Done] {
            if wanted != Label::Done && restated.contains(&open_kind(wanted)) {
                continue;
            }
            for s in sentences.iter().filter(|s| text::label(s) == wanted) {
                let status = match wanted {
                    Label::Next => Status::Next,
                    Label::Blocked | Label::KnownIssue => Status::Blocked,
                    Label::Done => Status::Done,
                    _ => Status::InProgress,
                };
                items.push((status, strip_label(s)));
            }
        }
        let meta = meta(m);
        let mut took_any = false;
        for (status, sentence) in items {
            let slot = status as usize;
            let heading = if groups[slot].is_empty() { line_cost(status.heading()) } else { 0 };
            let fixed = heading + estimate("-") + estimate(&meta) + 1 + if took_any { 0 } else { sources.cost(m) };
            let Some(allowed) = b.allowance(fixed) else {
                continue;
            };
            let Some(body) = Body::new(&[sentence.as_str()]).fit(allowed, MIN_SUB_WORDS) else {
                continue;
            };
            if !b.take(fixed + body.cost) {
                continue;
            }
            if !took_any {
                sources.add(m);
                took_any = true;
            }
            groups[slot].push((i, body.text));
        }
        if took_any {
            included.push(i);
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "{header}");
    if groups.iter().all(Vec::is_empty) {
        let none = "No progress memories match.";
        if b.take(line_cost(none)) {
            let _ = writeln!(out, "\n{none}");
        }
    }
    for (slot, items) in groups.iter().enumerate() {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", Status::ORDER[slot].heading());
        for (i, body) in items {
            let _ = writeln!(out, "- {body} {}", meta(&ranked[*i].memory));
        }
    }
    sources.render(&mut out);
    Rendered { text: out, included }
}

// ---------------------------------------------------------------------------------------------------------------
// json

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonHead<'a> {
    format: &'static str,
    query: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonMemory<'a> {
    id: &'a str,
    section: &'static str,
    score: f64,
    kind: Kind,
    created_at: String,
    conversation_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    project: Option<&'a str>,
    topics: &'a [String],
    content: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    truncated: bool,
    /// The stale mark, when the memory's anchored code moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    stale: Option<&'a str>,
}

fn json(ranked: &[Ranked], opts: &DigestOptions, b: &mut Budget) -> Rendered {
    let query = opts.query.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let head = serde_json::to_string(&JsonHead { format: "json", query }).unwrap_or_else(|_| "{}".to_owned());
    // `{"format":"json","query":…,"memories":[` on the first line, one memory per line, `],"omitted":N}` last.
    let open = format!("{},\"memories\":[", &head[..head.len() - 1]);
    let close_worst = format!("],\"omitted\":{}}}", ranked.len());
    if !b.take(line_cost(&open) + line_cost(&close_worst)) {
        return Rendered { text: String::new(), included: Vec::new() };
    }
    let newest = newest_progress(ranked);
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (i, r) in ranked.iter().enumerate() {
        if b.left < MIN_USEFUL {
            break;
        }
        let m = &r.memory;
        let created_at = m.created_at.to_string();
        let entry = |content: &'_ str, truncated: bool| {
            let e = JsonMemory {
                id: m.id.as_str(),
                section: section_of(m, newest[i]).key(),
                score: (f64::from(r.score) * 1000.0).round() / 1000.0,
                kind: m.kind,
                created_at: created_at.clone(),
                conversation_id: m.conversation_id.as_str(),
                project: m.project.as_deref(),
                topics: &m.topics,
                content,
                truncated,
                stale: stale_mark(m),
            };
            // Serialising plain strings and numbers cannot fail.
            serde_json::to_string(&e).unwrap_or_default() + ","
        };
        let fixed = line_cost(&entry("", true));
        let Some(mut allowed) = b.allowance(fixed) else {
            continue;
        };
        let limit = fixed + allowed;
        let body = Body::from_text(&m.content);
        // Escaping can make the JSON line dearer than the text: price the real line, shrink and retry.
        let mut chosen = None;
        for _ in 0..4 {
            let Some(fit) = body.fit(allowed, MIN_WORDS) else {
                break;
            };
            let line = entry(&fit.text, fit.truncated);
            let cost = line_cost(&line);
            if cost <= limit {
                chosen = Some((line, cost));
                break;
            }
            allowed = allowed.saturating_sub(cost - limit);
        }
        let Some((line, cost)) = chosen else { continue };
        if b.take(cost) {
            lines.push((i, line));
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "{open}");
    for (k, (_, line)) in lines.iter().enumerate() {
        // The last object has no trailing comma.
        let line = if k + 1 == lines.len() { &line[..line.len() - 1] } else { line.as_str() };
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "],\"omitted\":{}}}", ranked.len() - lines.len());
    Rendered { text: out, included: lines.iter().map(|(i, _)| *i).collect() }
}
