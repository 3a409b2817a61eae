//! The question reader: time words, intent and the analyser, on any text. Properties: every token's byte offsets lie
//! inside the text on character boundaries; the temporal window is never empty or inverted; the stripped query is no
//! longer than the question.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mx_core::{analyze, intent, temporal};

/// 2026-11-25T12:00:00Z: a fixed "now", so a finding reproduces.
const NOW_MS: i64 = 1_795_694_400_000;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let cues = temporal::parse(text, NOW_MS);
    if let Some((from, to)) = cues.window {
        assert!(from < to, "empty or inverted window {from}..{to} for {text:?}");
    }
    assert!(cues.stripped.len() <= text.len(), "stripping time words made the query longer: {text:?}");
    let _ = intent::kinds_asked(text);
    let _ = intent::question_focus(text);
    let mut weighted = analyze::weighted_query_terms(text);
    intent::discount_meta_words(&mut weighted);
    assert!(weighted.iter().all(|(_, w)| w.is_finite() && *w >= 0.0), "weights: {weighted:?}");
    let _ = analyze::query_terms(text);
    for token in analyze::analyze(text).iter().chain(analyze::analyze_query(text).iter()) {
        assert!(token.offset_from <= token.offset_to && token.offset_to <= text.len(), "{token:?} in {text:?}");
        assert!(text.is_char_boundary(token.offset_from) && text.is_char_boundary(token.offset_to), "{token:?}");
        assert!(!token.text.is_empty(), "empty term from {text:?}");
    }
});
