//! Text helpers of the digest: sentence splitting, the labels of progress notes ("Next:", "Known issue:", …) and
//! sentence-wise shortening priced with the token estimator.

use crate::tokens::estimate;

/// Tokens of the marker that ends a shortened text.
const ELLIPSIS: &str = "…";

/// What a sentence of a progress memory says about the state of the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    /// "Next: …", "TODO: …", "Then …".
    Next,
    /// "Known issue: …", "Caveat: …".
    KnownIssue,
    /// "Blocked on …", "Waiting for …".
    Blocked,
    /// "Implemented …", "Added …", "Fixed …", "Done: …".
    Done,
    /// Anything else: the state of the work.
    Status,
    /// "End of session." and similar: says nothing about the work.
    Filler,
}

/// Classifies one sentence by its opening words (and "blocked on/by" anywhere).
pub(crate) fn label(sentence: &str) -> Label {
    let lower = sentence.trim_start_matches(['-', '*', ' ']).to_lowercase();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| lower.starts_with(p));
    if starts(&[
        "next:",
        "next step",
        "next up",
        "next,",
        "todo",
        "to do:",
        "to-do",
        "then:",
        "follow-up",
        "follow up:",
    ]) {
        Label::Next
    } else if starts(&["known issue", "known problem", "known bug", "open issue", "caveat", "issue:", "open question"])
    {
        Label::KnownIssue
    } else if starts(&["blocked", "blocker", "waiting on", "waiting for"])
        || lower.contains("blocked on")
        || lower.contains("blocked by")
    {
        Label::Blocked
    } else if starts(&[
        "done",
        "implemented",
        "added",
        "fixed",
        "finished",
        "completed",
        "shipped",
        "merged",
        "released",
        "deployed",
        "removed",
        "migrated",
        "refactored",
        "wrote",
        "landed",
    ]) {
        Label::Done
    } else if is_filler(&lower) {
        Label::Filler
    } else {
        Label::Status
    }
}

fn is_filler(lower: &str) -> bool {
    let core = lower.trim_end_matches(['.', ':', '!', ' ']);
    matches!(
        core,
        "end of session"
            | "session end"
            | "session summary"
            | "summary"
            | "status"
            | "status update"
            | "progress"
            | "wrapping up"
            | "end of day"
    )
}

/// Collapses every run of whitespace (line breaks included) to one space: a bullet is one line.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Splits one-line text into sentences: after `.`, `!` or `?` followed by a space and not ending a common
/// abbreviation (`e.g.`, `i.e.`, `etc.`, `vs.`). Decimals and versions (`0.3`, `v1.2`) have no space and stay whole.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    for i in 0..bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            let before = &text[start..=i];
            let last_word = before.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
            if matches!(last_word.as_str(), "e.g." | "i.e." | "etc." | "vs." | "cf." | "approx.") {
                continue;
            }
            let s = text[start..=i].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i + 1;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// A text prepared for shortening: its sentences with their token costs (sentences join with one space, so the
/// estimate of a prefix is at most the sum of its sentences' estimates).
#[derive(Debug, Clone)]
pub(crate) struct Body {
    sentences: Vec<String>,
    costs: Vec<usize>,
}

/// A body rendered at some length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shortened {
    pub text: String,
    /// Upper bound of `estimate(text)`.
    pub cost: usize,
    pub truncated: bool,
}

impl Body {
    pub fn new<S: AsRef<str>>(sentences: &[S]) -> Self {
        let sentences: Vec<String> = sentences.iter().map(|s| s.as_ref().to_owned()).collect();
        let costs = sentences.iter().map(|s| estimate(s)).collect();
        Self { sentences, costs }
    }

    pub fn from_text(text: &str) -> Self {
        let line = one_line(text);
        Self::new(&sentences(&line))
    }

    pub fn full_cost(&self) -> usize {
        self.costs.iter().sum()
    }

    /// The shortest acceptable form: the first `min_words` words of the first sentence and `…` (or the whole body
    /// when it is that short).
    pub fn shortest(&self, min_words: usize) -> Shortened {
        let Some(first) = self.sentences.first() else {
            return Shortened { text: String::new(), cost: 0, truncated: false };
        };
        let words: Vec<&str> = first.split(' ').collect();
        if self.sentences.len() == 1 && words.len() <= min_words {
            return Shortened { text: first.clone(), cost: self.costs[0], truncated: false };
        }
        let take = min_words.clamp(1, words.len());
        let mut text = words[..take].join(" ");
        let cost = words[..take].iter().map(|w| estimate(w)).sum::<usize>() + estimate(ELLIPSIS);
        text.push(' ');
        text.push_str(ELLIPSIS);
        Shortened { text, cost, truncated: true }
    }

    /// The longest form of the body that costs at most `allowed` tokens: all sentences, then fewer whole sentences,
    /// then the first sentence cut at a word boundary (at least `min_words` words), each shortened form ending in
    /// `…`. `None` when not even the shortest form fits.
    pub fn fit(&self, allowed: usize, min_words: usize) -> Option<Shortened> {
        if self.sentences.is_empty() {
            return Some(Shortened { text: String::new(), cost: 0, truncated: false });
        }
        let full = self.full_cost();
        if full <= allowed {
            return Some(Shortened { text: self.sentences.join(" "), cost: full, truncated: false });
        }
        let ellipsis = estimate(ELLIPSIS);
        let mut prefix = full;
        for k in (1..self.sentences.len()).rev() {
            prefix -= self.costs[k];
            if prefix + ellipsis <= allowed {
                let mut text = self.sentences[..k].join(" ");
                text.push(' ');
                text.push_str(ELLIPSIS);
                return Some(Shortened { text, cost: prefix + ellipsis, truncated: true });
            }
        }
        // Cut the first sentence at a word boundary: as many words as fit.
        let words: Vec<&str> = self.sentences[0].split(' ').collect();
        let mut cost = ellipsis;
        let mut take = 0;
        for w in &words {
            let c = estimate(w);
            if cost + c > allowed {
                break;
            }
            cost += c;
            take += 1;
        }
        if take < min_words.min(words.len()) || take == 0 {
            return None;
        }
        let mut text = words[..take].join(" ");
        text.push(' ');
        text.push_str(ELLIPSIS);
        Some(Shortened { text, cost, truncated: true })
    }
}

/// A progress memory split by what its sentences say.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProgressNote<'a> {
    /// Status and done sentences, in order (filler dropped).
    pub main: Vec<&'a str>,
    pub next: Vec<&'a str>,
    pub known_issues: Vec<&'a str>,
    pub blocked: Vec<&'a str>,
    pub done: Vec<&'a str>,
    pub status: Vec<&'a str>,
}

pub(crate) fn progress_note<'a>(sentences: &[&'a str]) -> ProgressNote<'a> {
    let mut note = ProgressNote::default();
    for &s in sentences {
        match label(s) {
            Label::Next => note.next.push(s),
            Label::KnownIssue => note.known_issues.push(s),
            Label::Blocked => note.blocked.push(s),
            Label::Done => {
                note.done.push(s);
                note.main.push(s);
            }
            Label::Status => {
                note.status.push(s);
                note.main.push(s);
            }
            Label::Filler => {}
        }
    }
    note
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "End of session. Implemented idempotency key pattern on all Stripe calls — using UUID v4 keyed on \
        (userId, action, timestamp). Added Redis store for processed keys (24hr TTL). Next: write integration tests. \
        Known issue: Redis connection pool config needs revisiting for high-load scenarios.";

    #[test]
    fn splits_sentences_but_not_abbreviations_or_decimals() {
        assert_eq!(
            sentences("Use e.g. UUID v4. Threshold 0.3 works! Why? Done"),
            ["Use e.g. UUID v4.", "Threshold 0.3 works!", "Why?", "Done"]
        );
    }

    #[test]
    fn the_seed_progress_note_is_understood() {
        let s = sentences(SEED);
        let note = progress_note(&s);
        assert_eq!(note.next, ["Next: write integration tests."]);
        assert_eq!(
            note.known_issues,
            ["Known issue: Redis connection pool config needs revisiting for high-load scenarios."]
        );
        assert_eq!(note.done.len(), 2);
        assert!(note.main.iter().all(|m| !m.starts_with("End of session")));
    }

    #[test]
    fn fit_shortens_sentence_wise_then_word_wise() {
        let body = Body::from_text("First sentence here. Second sentence is longer than the first. Third.");
        let full = body.fit(1000, 3).expect("fits whole");
        assert!(!full.truncated);
        assert_eq!(full.text, "First sentence here. Second sentence is longer than the first. Third.");
        let one = body.fit(body.costs[0] + 2, 3).expect("one sentence fits");
        assert_eq!(one.text, "First sentence here. …");
        let words = body.fit(5, 1).expect("two words fit");
        assert_eq!(words.text, "First sentence …");
        assert!(body.fit(1, 1).is_none());
        for allowed in 0..40 {
            if let Some(s) = body.fit(allowed, 1) {
                assert!(s.cost <= allowed && estimate(&s.text) <= s.cost, "{allowed}: {s:?}");
            }
        }
    }
}
