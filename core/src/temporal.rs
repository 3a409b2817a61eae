//! Temporal cues in a question: "what do I use *now*", "what was the *original* plan", "what did I say *last
//! month*", "the vet visit *in March*". Words like these say when the answer was written, not what it contains, so
//! they are taken out of the lexical query (a message that says "now" is not more relevant to "now") and turned
//! into ranking hints:
//! - [`Prefer::Newest`] ("now", "currently", "latest", "these days", "still", "anymore", "recently"): the newest of
//!   similar statements should win (knowledge updates);
//! - [`Prefer::Oldest`] ("first", "originally", "initially", "at first", "in the beginning"): the oldest should;
//! - a window ("yesterday", "last week", "last month", "this week", "this month", "in March", "N days/weeks/months
//!   ago"): memories written inside it are favoured. Calendar words are read in UTC relative to "now" (the search's
//!   `now`, which the eval sets to the question's `askedAt`); a month name means its latest occurrence not after now.
//!
//! Parsing is word-based and deliberately small: it only fires on phrases that are about time in questions.

/// Which end of the timeline a question asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    Newest,
    Oldest,
}

/// What a query says about time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TemporalCues {
    pub prefer: Option<Prefer>,
    /// `[from, to)` in Unix milliseconds.
    pub window: Option<(i64, i64)>,
    /// The query without its temporal words, for lexical search.
    pub stripped: String,
}

const DAY_MS: i64 = 86_400_000;

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
];

/// Single words that only ask for the newest state.
const NEWEST: &[&str] = &["now", "currently", "current", "latest", "nowadays", "still", "anymore", "recently", "lately"];
/// Single words that ask for the earliest state.
const OLDEST: &[&str] = &["first", "originally", "initially", "original", "initial", "earliest"];

/// Reads the temporal cues of `query` relative to `now_ms` (Unix milliseconds).
pub fn parse(query: &str, now_ms: i64) -> TemporalCues {
    let words: Vec<(usize, usize, String)> = word_spans(query);
    let lower: Vec<&str> = words.iter().map(|(_, _, w)| w.as_str()).collect();
    let mut drop = vec![false; words.len()];
    let mut cues = TemporalCues::default();
    let today = now_ms.div_euclid(DAY_MS);
    let day_ms = |d: i64| d * DAY_MS;

    let mut i = 0;
    while i < lower.len() {
        let w = lower[i];
        let next = lower.get(i + 1).copied();
        let prev = if i > 0 { Some(lower[i - 1]) } else { None };
        match (w, next) {
            ("these", Some("days")) => {
                cues.prefer = Some(Prefer::Newest);
                drop[i] = true;
                drop[i + 1] = true;
                i += 2;
                continue;
            }
            ("at", Some("first")) | ("in", Some("beginning")) => {
                cues.prefer = Some(Prefer::Oldest);
                drop[i] = true;
                drop[i + 1] = true;
                i += 2;
                continue;
            }
            ("last" | "past" | "this", Some(unit @ ("week" | "month" | "year"))) => {
                let this = w == "this";
                let (y, m, d) = civil(today);
                let window = match unit {
                    "week" => {
                        // Weeks start on Monday; day 0 (1970-01-01) was a Thursday.
                        let monday = today - (today + 3).rem_euclid(7);
                        if this { (monday, today + 1) } else { (monday - 7, monday) }
                    }
                    "month" => {
                        let first = days_from_civil(y, m, 1);
                        if this {
                            (first, today + 1)
                        } else {
                            let (py, pm) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
                            (days_from_civil(py, pm, 1), first)
                        }
                    }
                    _ => {
                        let first = days_from_civil(y, 1, 1);
                        if this { (first, today + 1) } else { (days_from_civil(y - 1, 1, 1), first) }
                    }
                };
                let _ = d;
                // A day of slack on each side: "last week" in speech is loose about its edges.
                cues.window = Some((day_ms(window.0 - 1), day_ms(window.1 + 1)));
                drop[i] = true;
                drop[i + 1] = true;
                i += 2;
                continue;
            }
            ("yesterday", _) => {
                cues.window = Some((day_ms(today - 1), day_ms(today)));
                drop[i] = true;
            }
            (n, Some(unit)) if n.parse::<i64>().is_ok() || number_word(n).is_some() => {
                let count = n.parse::<i64>().ok().or_else(|| number_word(n)).unwrap_or(0);
                let per = match unit.trim_end_matches('s') {
                    "day" => Some(1),
                    "week" => Some(7),
                    "month" => Some(30),
                    _ => None,
                };
                if let (Some(per), Some("ago")) = (per, lower.get(i + 2).copied()) {
                    let center = today - count * per;
                    let slack = (per / 2).max(1) + 1;
                    cues.window = Some((day_ms(center - slack), day_ms(center + slack + 1)));
                    drop[i] = true;
                    drop[i + 1] = true;
                    drop[i + 2] = true;
                    i += 3;
                    continue;
                }
            }
            _ => {}
        }
        if let Some(mi) = MONTHS.iter().position(|m| *m == w)
            && matches!(prev, Some("in" | "during" | "since" | "back"))
            // "may" is a month only after "in"; "in may" is rare as anything else in a question.
            && (w != "may" || prev == Some("in"))
        {
            let (y, m, _) = civil(today);
            let month = mi as i64 + 1;
            let year = if month > m { y - 1 } else { y };
            let first = days_from_civil(year, month, 1);
            let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
            cues.window = Some((day_ms(first), day_ms(days_from_civil(ny, nm, 1))));
            drop[i] = true;
        } else if NEWEST.contains(&w) {
            cues.prefer = Some(Prefer::Newest);
            drop[i] = true;
        } else if OLDEST.contains(&w) {
            cues.prefer = Some(Prefer::Oldest);
            drop[i] = true;
        }
        i += 1;
    }

    let mut stripped = String::with_capacity(query.len());
    let mut last = 0;
    for ((from, to, _), dropped) in words.iter().zip(&drop) {
        if *dropped {
            stripped.push_str(&query[last..*from]);
            last = *to;
        }
    }
    stripped.push_str(&query[last..]);
    cues.stripped = stripped;
    cues
}

fn number_word(w: &str) -> Option<i64> {
    Some(match w {
        "a" | "one" => 1,
        "two" | "couple" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        _ => return None,
    })
}

/// Byte spans and lowercase text of the alphanumeric words of `s`.
fn word_spans(s: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push((st, i, s[st..i].to_lowercase()));
        }
    }
    out
}

/// (year, month, day) of a day number since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Day number since 1970-01-01 of a civil date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2025-06-20T10:00:00Z, a Friday.
    const NOW: i64 = 1_750_413_600_000;

    fn day(y: i64, m: i64, d: i64) -> i64 {
        days_from_civil(y, m, d) * DAY_MS
    }

    #[test]
    fn civil_round_trips() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2025, 6, 20), NOW / DAY_MS);
        for d in [-1000, 0, 59, 60, 11_000, 20_259, 30_000] {
            let (y, m, dd) = civil(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }

    #[test]
    fn newest_and_oldest_words_are_hints_not_search_terms() {
        let c = parse("How do I get to work now?", NOW);
        assert_eq!(c.prefer, Some(Prefer::Newest));
        assert_eq!(c.stripped, "How do I get to work ?");
        assert_eq!(parse("What is my diet these days?", NOW).prefer, Some(Prefer::Newest));
        let c = parse("What was the original budget?", NOW);
        assert_eq!(c.prefer, Some(Prefer::Oldest));
        assert_eq!(c.stripped, "What was the  budget?");
        assert_eq!(parse("Why did the migration fail?", NOW), TemporalCues { stripped: "Why did the migration fail?".into(), ..Default::default() });
    }

    #[test]
    fn calendar_windows() {
        // Last month from 2025-06-20 is May, with a day of slack on each side.
        let c = parse("What did I tell you last month about the car?", NOW);
        assert_eq!(c.window, Some((day(2025, 4, 30), day(2025, 6, 2))));
        assert_eq!(c.stripped, "What did I tell you   about the car?");
        // Last week is Monday 9 June to Sunday 15 June.
        assert_eq!(parse("What did the vet say last week?", NOW).window, Some((day(2025, 6, 8), day(2025, 6, 17))));
        // A month name after "in" is its latest occurrence not after now: March 2025; December is 2024's.
        assert_eq!(parse("How much did Miso weigh in March?", NOW).window, Some((day(2025, 3, 1), day(2025, 4, 1))));
        assert_eq!(parse("what happened in December", NOW).window, Some((day(2024, 12, 1), day(2025, 1, 1))));
        // "may" as a verb is left alone.
        assert_eq!(parse("Which tools may we use?", NOW).window, None);
        assert_eq!(parse("What did we decide two weeks ago?", NOW).window.map(|(a, b)| (b - a) / DAY_MS), Some(9));
    }
}
