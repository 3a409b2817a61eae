//! What context presents as current: the one rule every injection path applies (the assistants' hooks through the
//! plugin host, the MCP `recall` and `build_context` tools, `mx memories digest`), so none of them tells an assistant
//! an old fact as if it still held.
//!
//! Left out: a memory a newer one of the same set restates as changed ([`crate::replaced`]), and a progress note or
//! gotcha whose anchored code moved since ([`crate::staleness`]): where the work stood and traps in code are claims
//! about code that is no longer there. Stale decisions, constraints and conventions stay, carrying their mark (the
//! renderers print it), because they usually outlive an edit of the file they were made in.
//!
//! Who applies which: what a hook injects unasked gets [`current`]; what the assistant or a person asks for (MCP
//! `recall` and `build_context`, `mx memories digest`) gets [`not_replaced`] and keeps stale entries with their mark,
//! since the reader can check them (`list_stale_memories`, `reanchor_memory`).

use crate::model::{Kind, Memory};

/// Whether `memory` may be injected as current on its own (staleness; replacement needs the other memories).
pub fn presentable(memory: &Memory) -> bool {
    let stale = memory.stale.as_ref().is_some_and(|s| s.is_stale);
    !(stale && matches!(memory.kind, Kind::Progress | Kind::Gotcha))
}

/// `items` (in their order) without those a newer one of them replaces ([`crate::replaced`]): what every digest and
/// briefing leaves out, whoever reads it.
pub fn not_replaced<T>(items: Vec<T>, memory: impl Fn(&T) -> &Memory) -> Vec<T> {
    let replaced = crate::replaced::replaced(&items.iter().map(&memory).collect::<Vec<_>>());
    items.into_iter().filter(|item| !replaced.contains(memory(item).id.as_str())).collect()
}

/// `items` (in their order) without those that are not current: replaced by a newer one of them, or stale progress
/// and gotchas. `memory` reads the memory of an item (a [`Memory`], a ranked hit, a candidate).
pub fn current<T>(items: Vec<T>, memory: impl Fn(&T) -> &Memory) -> Vec<T> {
    let items = not_replaced(items, &memory);
    items.into_iter().filter(|item| presentable(memory(item))).collect()
}

/// The line a hook appends after its digest for the stale progress notes and gotchas [`current`] left out, so the
/// assistant knows they exist and why they were not presented: it can `get` one and check it against the code.
/// At most five are named (newest first as given); `None` when nothing was left out for staleness.
pub fn set_aside_note(left_out: &[&Memory]) -> Option<String> {
    const NAMED: usize = 5;
    let stale: Vec<&Memory> = left_out.iter().copied().filter(|m| !presentable(m)).collect();
    if stale.is_empty() {
        return None;
    }
    let named: Vec<String> = stale
        .iter()
        .take(NAMED)
        .map(|m| {
            let mark = m.stale.as_ref().map(|s| s.mark.as_str()).unwrap_or_default();
            format!("{} {} ({mark})", m.id.short(), m.kind.as_str())
        })
        .collect();
    let more = stale.len().saturating_sub(NAMED);
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    Some(format!("_Left out as possibly outdated, the code they describe changed since: {}{more}._", named.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staleness::Staleness;

    fn memory(id: u128, content: &str, kind: Kind, at: &str, stale: bool) -> Memory {
        let at: jiff::Timestamp = at.parse().expect("time");
        let mut m: Memory = serde_json::from_value(serde_json::json!({
            "id": crate::MemoryId::from_parts(at.as_millisecond() as u64, id).to_string(),
            "content": content,
            "kind": kind,
            "topics": ["billing"],
            "project": "shop",
            "conversationId": "c",
            "createdAt": at.to_string(),
            "updatedAt": at.to_string(),
        }))
        .expect("valid memory");
        if stale {
            m.stale =
                Some(Staleness { is_stale: true, mark: "src/a.rs changed since, 2 commits".into(), anchors: vec![] });
        }
        m
    }

    #[test]
    fn replaced_facts_and_stale_progress_or_gotchas_are_left_out_stale_decisions_stay() {
        let old = memory(
            1,
            "The billing client polls the charge status every 5 seconds.",
            Kind::Decision,
            "2026-08-01T10:00:00Z",
            false,
        );
        let new = memory(
            2,
            "Replaced polling: the billing client now gets the charge status from a webhook.",
            Kind::Decision,
            "2026-10-01T10:00:00Z",
            false,
        );
        let progress =
            memory(3, "Refunds: the ledger writer is half done.", Kind::Progress, "2026-10-02T10:00:00Z", true);
        let gotcha =
            memory(4, "The sandbox rejects amounts under 50 cents.", Kind::Gotcha, "2026-10-03T10:00:00Z", true);
        let decision = memory(5, "Amounts are integer cents everywhere.", Kind::Decision, "2026-10-04T10:00:00Z", true);
        let kept = current(vec![&old, &new, &progress, &gotcha, &decision], |m| m);
        let kept: Vec<&str> = kept.iter().map(|m| m.content.as_str()).collect();
        assert_eq!(kept, vec![new.content.as_str(), decision.content.as_str()]);

        let note = set_aside_note(&[&old, &progress, &gotcha, &decision]).expect("two were set aside");
        assert_eq!(note.matches("src/a.rs changed since, 2 commits").count(), 2, "{note}");
        assert!(note.contains(progress.id.short()) && note.contains(gotcha.id.short()), "{note}");
        assert!(!note.contains(decision.id.short()) && !note.contains(old.id.short()), "{note}");
        assert_eq!(set_aside_note(&[&old, &decision]), None);
    }
}
