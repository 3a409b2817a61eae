//! Temporal cues in a question: "what do I use *now*", "what was the *original* plan", "what did I say *last
//! month*", "the vet visit *in March*", "the status session *on January 25*". Words like these say when the answer
//! was written, not what it contains, so they are taken out of the lexical query (a message that says "now" is not
//! more relevant to "now") and turned into ranking hints:
//! - [`Prefer::Newest`] ("now", "currently", "latest", "these days", "still", "anymore", "recently"): the newest of
//!   similar statements should win (knowledge updates);
//! - [`Prefer::Oldest`] ("first", "originally", "initially", "at first", "in the beginning"): the oldest should;
//! - a window ("yesterday", "last week", "last month", "this week", "this month", "in March", "N days/weeks/months
//!   ago", a day: "on January 25", "25th of Jan", "2025-01-25"): memories written inside it are favoured. Calendar
//!   words are read in UTC relative to "now" (the search's `now`, which the eval sets to the question's `askedAt`); a
//!   month or day without a year means its latest occurrence not after now;
//! - a window relative to an event ("the week before my trip to Lisbon", "two months after the move",
//!   [`Relative`]): the event's words stay in the query, and the search places the window around the candidate
//!   that names the event.
//!
//! Parsing is word-based and deliberately small: it only fires on phrases that are about time in questions. Calendar
//! arithmetic is jiff's.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

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
    /// A time relative to an event the question names ("the week before my trip to Lisbon", "two months after the
    /// move"): the window is placed once the event is found among the candidates ([`Relative::window`]).
    pub relative: Option<Relative>,
}

/// A window relative to an event: `[event + from_days, event + to_days)` around the time the event was written of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relative {
    pub from_days: i64,
    pub to_days: i64,
    /// The words that name the event (after "before" / "after"), as asked.
    pub event: String,
}

impl Relative {
    /// The window in Unix milliseconds once the event is placed at `event_ms`.
    pub fn window(&self, event_ms: i64) -> (i64, i64) {
        (event_ms + self.from_days * DAY_MS, event_ms + self.to_days * DAY_MS)
    }
}

const DAY_MS: i64 = 24 * HOUR_MS;

const HOUR_MS: i64 = 3_600_000;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// Abbreviations, accepted only next to a day number ("Jan 25", "25 Sept"): alone, "mar" and "may" are words.
const MONTH_ABBREVIATIONS: [&[&str]; 12] = [
    &["jan"],
    &["feb"],
    &["mar"],
    &["apr"],
    &[],
    &["jun"],
    &["jul"],
    &["aug"],
    &["sep", "sept"],
    &["oct"],
    &["nov"],
    &["dec"],
];

/// Single words that only ask for the newest state.
const NEWEST: &[&str] =
    &["now", "currently", "current", "latest", "nowadays", "still", "anymore", "recently", "lately"];
/// Single words that ask for the earliest state.
const OLDEST: &[&str] = &["first", "originally", "initially", "original", "initial", "earliest"];

/// Reads the temporal cues of `query` relative to `now_ms` (Unix milliseconds).
pub fn parse(query: &str, now_ms: i64) -> TemporalCues {
    let words: Vec<(usize, usize, String)> = word_spans(query);
    let lower: Vec<&str> = words.iter().map(|(_, _, w)| w.as_str()).collect();
    let mut drop = vec![false; words.len()];
    let mut cues = TemporalCues::default();
    let Some(today) = Timestamp::from_millisecond(now_ms).ok().map(|t| TimeZone::UTC.to_datetime(t).date()) else {
        cues.stripped = query.to_string();
        return cues;
    };
    // Windows are whole days [from, to); `slack` hours are added on each side.
    let mut set_window = |from: Date, to: Date, slack_hours: i64| {
        if let (Some(from), Some(to)) = (day_start_ms(from), day_start_ms(to)) {
            cues.window = Some((from - slack_hours * HOUR_MS, to + slack_hours * HOUR_MS));
        }
    };
    let mut prefer = None;
    let mut relative = None;

    let mut i = 0;
    while i < lower.len() {
        let w = lower[i];
        let next = lower.get(i + 1).copied();
        let prev = if i > 0 { Some(lower[i - 1]) } else { None };
        // A specific day: "January 25", "Jan 25th, 2025", "25 January", "25th of Jan", "2025-01-25".
        if let Some((date, used)) = specific_day(&lower[i..], &words[i..], query, today) {
            // Half a day of slack: the writer's day and UTC's differ by up to 14 hours.
            set_window(date, date.tomorrow().unwrap_or(date), 12);
            drop[i..i + used].iter_mut().for_each(|d| *d = true);
            if i > 0 && matches!(prev, Some("on")) {
                drop[i - 1] = true;
            }
            i += used;
            continue;
        }
        match (w, next) {
            ("these", Some("days")) => {
                prefer = Some(Prefer::Newest);
                drop[i] = true;
                drop[i + 1] = true;
                i += 2;
                continue;
            }
            ("at", Some("first")) | ("in", Some("beginning")) => {
                prefer = Some(Prefer::Oldest);
                drop[i] = true;
                drop[i + 1] = true;
                i += 2;
                continue;
            }
            ("last" | "past" | "this", Some(unit @ ("week" | "month" | "year"))) => {
                let this = w == "this";
                let tomorrow = today.tomorrow().unwrap_or(today);
                let (from, to) = match unit {
                    "week" => {
                        // Weeks start on Monday.
                        let monday = sub_days(today, i64::from(today.weekday().to_monday_zero_offset()));
                        if this { (monday, tomorrow) } else { (sub_days(monday, 7), monday) }
                    }
                    "month" => {
                        let first = today.first_of_month();
                        if this { (first, tomorrow) } else { (first.checked_sub(1.month()).unwrap_or(first), first) }
                    }
                    _ => {
                        let first = today.first_of_year();
                        if this { (first, tomorrow) } else { (first.checked_sub(1.year()).unwrap_or(first), first) }
                    }
                };
                // A day of slack on each side: "last week" in speech is loose about its edges.
                set_window(from, to, 24);
                drop[i] = true;
                drop[i + 1] = true;
                i += 2;
                continue;
            }
            ("yesterday", _) => {
                set_window(sub_days(today, 1), today, 0);
                drop[i] = true;
            }
            ("today" | "tonight", _) => {
                set_window(today, today.tomorrow().unwrap_or(today), 12);
                drop[i] = true;
            }
            ("last" | "past", Some("weekend")) => {
                // The Saturday and Sunday before today (today's own weekend when asked on a Monday).
                let monday = sub_days(today, i64::from(today.weekday().to_monday_zero_offset()));
                set_window(sub_days(monday, 2), monday, 12);
                drop[i] = true;
                drop[i + 1] = true;
                i += 2;
                continue;
            }
            // "the last time", "our last session", "the previous conversation", "most recent": the newest of them.
            ("last" | "previous" | "latest", Some("time" | "session" | "conversation" | "chat"))
            | ("most", Some("recent" | "recently")) => {
                prefer = Some(Prefer::Newest);
                drop[i] = true;
                drop[i + 1] = true;
                i += 2;
                continue;
            }
            ("earlier", Some("this" | "today")) => {
                drop[i] = true;
            }
            // "in the last 3 weeks", "over the past few days", "the past two months": from then until now.
            ("last" | "past", Some(n)) if count_of(n).is_some() => {
                if let Some((count, per, used)) = counted_span(&lower[i + 1..]) {
                    let tomorrow = today.tomorrow().unwrap_or(today);
                    set_window(sub_days(today, count.saturating_mul(per)), tomorrow, 24);
                    drop[i..=i + used].iter_mut().for_each(|d| *d = true);
                    i += used + 1;
                    continue;
                }
            }
            // "the week before the trip", "the day after the interview": one unit on that side of the event.
            ("the", Some(unit @ ("day" | "week" | "weekend" | "month")))
                if matches!(lower.get(i + 2).copied(), Some("before" | "after")) && i + 3 < lower.len() =>
            {
                let per = match unit {
                    "day" => 1,
                    "week" => 7,
                    "weekend" => 3,
                    _ => 31,
                };
                let event = query[words[i + 3].0..].trim_end_matches(['?', '.', '!']).to_string();
                let (from_days, to_days) = if lower[i + 2] == "before" { (-(per + 1), 0) } else { (0, per + 1) };
                relative = Some(Relative { from_days, to_days, event });
                drop[i..=i + 2].iter_mut().for_each(|d| *d = true);
                i += 3;
                continue;
            }
            // "two weeks ago", "a few days ago", "a couple of months ago", "3 years ago".
            (n, Some(_)) if count_of(n).is_some() => {
                // "two months after the move", "a few days before the wedding": around that far from the event.
                if let Some((count, per, used)) = counted_span(&lower[i..])
                    && let Some(side @ ("before" | "after")) = lower.get(i + used).copied()
                    && i + used + 1 < lower.len()
                {
                    let vague = matches!(n, "few" | "several" | "couple");
                    let slack = (per / 2).max(1) + 1 + if vague { per } else { 0 };
                    let offset = count.saturating_mul(per);
                    let event = query[words[i + used + 1].0..].trim_end_matches(['?', '.', '!']).to_string();
                    let (from_days, to_days) = if side == "before" {
                        (-(offset + slack), -(offset - slack).max(0))
                    } else {
                        ((offset - slack).max(0), offset + slack + 1)
                    };
                    relative = Some(Relative { from_days, to_days, event });
                    drop[i..=i + used].iter_mut().for_each(|d| *d = true);
                    i += used + 1;
                    continue;
                }
                if let Some((count, per, used)) = counted_span(&lower[i..])
                    && lower.get(i + used).copied() == Some("ago")
                {
                    let center = sub_days(today, count.saturating_mul(per));
                    // Vague counts ("a few", "several") get a wider window.
                    let vague = matches!(n, "few" | "several" | "couple");
                    let slack = (per / 2).max(1) + 1 + if vague { per } else { 0 };
                    set_window(sub_days(center, slack), sub_days(center, -(slack + 1)), 0);
                    drop[i..=i + used].iter_mut().for_each(|d| *d = true);
                    i += used + 1;
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
            let month = mi as i8 + 1;
            let year = if month > today.month() { today.year() - 1 } else { today.year() };
            if let Ok(first) = Date::new(year, month, 1) {
                set_window(first, first.checked_add(1.month()).unwrap_or(first), 0);
            }
            drop[i] = true;
        } else if NEWEST.contains(&w) {
            prefer = Some(Prefer::Newest);
            drop[i] = true;
        } else if OLDEST.contains(&w) {
            prefer = Some(Prefer::Oldest);
            drop[i] = true;
        }
        i += 1;
    }
    // "Which did I do first, the hike or the museum?" compares two events: both are needed, neither end wins.
    if prefer == Some(Prefer::Oldest) && lower.contains(&"first") && lower.contains(&"or") {
        prefer = None;
    }
    cues.prefer = prefer;
    cues.relative = relative;

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

/// A specific day starting at `words[0]`, and how many words it spans. A day without a year is its latest
/// occurrence not after `today`.
fn specific_day(words: &[&str], spans: &[(usize, usize, String)], query: &str, today: Date) -> Option<(Date, usize)> {
    let month_of = |w: &str| {
        MONTHS
            .iter()
            .position(|m| *m == w)
            .or_else(|| MONTH_ABBREVIATIONS.iter().position(|abbrevs| abbrevs.contains(&w)))
            .map(|i| i as i8 + 1)
    };
    let day_of = |w: &str| {
        let digits = ["st", "nd", "rd", "th"].iter().find_map(|s| w.strip_suffix(s)).unwrap_or(w);
        digits.parse::<i8>().ok().filter(|d| (1..=31).contains(d))
    };
    let year_of = |w: Option<&&str>| w.and_then(|w| w.parse::<i16>().ok()).filter(|y| (1970..=9999).contains(y));
    // ISO 8601: the words "2025", "01", "25" joined by '-' in the text.
    if let [y, m, d, ..] = words
        && let (Some(year), Ok(month), Ok(day)) = (year_of(Some(y)), m.parse::<i8>(), d.parse::<i8>())
        && query[spans[0].1..spans[1].0] == *"-"
        && query[spans[1].1..spans[2].0] == *"-"
    {
        return Date::new(year, month, day).ok().map(|date| (date, 3));
    }
    let (month, day, mut used) = match words {
        // "January 25", "Jan 25th"
        [m, d, ..] if month_of(m).is_some() && day_of(d).is_some() => (month_of(m)?, day_of(d)?, 2),
        // "25th of January"
        [d, "of", m, ..] if day_of(d).is_some() && month_of(m).is_some() => (month_of(m)?, day_of(d)?, 3),
        // "25 January" ("1 may break" is a verb)
        [d, m, ..] if *m != "may" && day_of(d).is_some() && month_of(m).is_some() => (month_of(m)?, day_of(d)?, 2),
        _ => return None,
    };
    let year = match year_of(words.get(used)) {
        Some(y) => {
            used += 1;
            y
        }
        None if (month, day) > (today.month(), today.day()) => today.year() - 1,
        None => today.year(),
    };
    Date::new(year, month, day).ok().map(|date| (date, used))
}

fn sub_days(d: Date, n: i64) -> Date {
    d.checked_sub(n.days()).unwrap_or(d)
}

fn day_start_ms(d: Date) -> Option<i64> {
    TimeZone::UTC.to_timestamp(d.to_datetime(jiff::civil::Time::midnight())).ok().map(|t| t.as_millisecond())
}

fn number_word(w: &str) -> Option<i64> {
    Some(match w {
        "a" | "an" | "one" => 1,
        "two" | "couple" => 2,
        "three" | "few" => 3,
        "four" | "several" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return None,
    })
}

/// A count written as digits or a word.
fn count_of(w: &str) -> Option<i64> {
    w.parse::<i64>().ok().filter(|n| (0..10_000).contains(n)).or_else(|| number_word(w))
}

/// A counted span of time at the start of `words` ("3 weeks", "a couple of months", "few days"): the count, the
/// unit's length in days and how many words it took.
fn counted_span(words: &[&str]) -> Option<(i64, i64, usize)> {
    let count = count_of(words.first()?)?;
    let mut j = 1;
    if words.get(j) == Some(&"of") {
        j += 1;
    }
    let per = match words.get(j)?.trim_end_matches('s') {
        "day" => 1,
        "week" => 7,
        "month" => 30,
        "year" => 365,
        _ => return None,
    };
    Some((count, per, j + 1))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// 2025-06-20T10:00:00Z, a Friday.
    const NOW: i64 = 1_750_413_600_000;

    fn day(y: i16, m: i8, d: i8) -> i64 {
        day_start_ms(Date::new(y, m, d).unwrap()).unwrap()
    }

    #[test]
    fn a_time_relative_to_an_event_waits_for_the_event() {
        let c = parse("What did I buy the week before my trip to Lisbon?", NOW);
        assert_eq!(c.window, None);
        let r = c.relative.expect("relative");
        assert_eq!((r.from_days, r.to_days, r.event.as_str()), (-8, 0, "my trip to Lisbon"));
        assert_eq!(c.stripped.split_whitespace().collect::<Vec<_>>().join(" "), "What did I buy my trip to Lisbon?");
        assert_eq!(r.window(day(2025, 3, 10)), (day(2025, 3, 2), day(2025, 3, 10)));
        let r = parse("how was my knee two months after the surgery", NOW).relative.expect("relative");
        assert_eq!((r.from_days, r.to_days, r.event.as_str()), (44, 77, "the surgery"));
        let r = parse("what did we fix a few days before the release?", NOW).relative.expect("relative");
        assert!(r.from_days < -3 && r.to_days <= 0 && r.event == "the release", "{r:?}");
        // Without an event after it, "before" is just a word.
        assert_eq!(parse("what did I do the week before?", NOW).relative, None);
        assert_eq!(parse("did we talk about this before", NOW).relative, None);
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
        assert_eq!(
            parse("Why did the migration fail?", NOW),
            TemporalCues { stripped: "Why did the migration fail?".into(), ..Default::default() }
        );
    }

    #[test]
    fn calendar_windows() {
        // Last month from 2025-06-20 is May, with a day of slack on each side.
        let c = parse("What did I tell you last month about the car?", NOW);
        assert_eq!(c.window, Some((day(2025, 4, 30), day(2025, 6, 2))));
        assert_eq!(c.stripped, "What did I tell you   about the car?");
        // Last week is Monday 9 June to Sunday 15 June.
        assert_eq!(parse("What did the vet say last week?", NOW).window, Some((day(2025, 6, 8), day(2025, 6, 17))));
        // This week: Monday 16 June to today.
        assert_eq!(parse("what changed this week", NOW).window, Some((day(2025, 6, 15), day(2025, 6, 22))));
        assert_eq!(parse("decisions of last year", NOW).window, Some((day(2023, 12, 31), day(2025, 1, 2))));
        // A month name after "in" is its latest occurrence not after now: March 2025; December is 2024's.
        assert_eq!(parse("How much did Miso weigh in March?", NOW).window, Some((day(2025, 3, 1), day(2025, 4, 1))));
        assert_eq!(parse("what happened in December", NOW).window, Some((day(2024, 12, 1), day(2025, 1, 1))));
        // "may" as a verb is left alone.
        assert_eq!(parse("Which tools may we use?", NOW).window, None);
        assert_eq!(
            parse("What did we decide two weeks ago?", NOW).window.map(|(a, b)| (b - a) / (24 * HOUR_MS)),
            Some(9)
        );
        assert_eq!(parse("What broke yesterday?", NOW).window, Some((day(2025, 6, 19), day(2025, 6, 20))));
    }

    #[test]
    fn specific_days() {
        let half_day = 12 * HOUR_MS;
        let jan25 = Some((day(2025, 1, 25) - half_day, day(2025, 1, 26) + half_day));
        let c = parse("What was accomplished in the status session on January 25?", NOW);
        assert_eq!(c.window, jan25);
        assert_eq!(c.stripped, "What was accomplished in the status session   ?");
        for q in
            ["notes from Jan 25th", "the 25th of January meeting", "on 25 January", "on 2025-01-25", "January 25, 2025"]
        {
            assert_eq!(parse(q, NOW).window, jan25, "{q}");
        }
        // A day later in the year than now is last year's.
        assert_eq!(parse("what did we ship on December 3", NOW).window.map(|w| w.0), Some(day(2024, 12, 3) - half_day));
        // Numbers that are not days, and words that are not months, are left alone.
        for q in [
            "we saw 25 errors in jan",
            "may 40 workers run",
            "the 2025 roadmap",
            "port 8080-90",
            "version 2.1 may break",
        ] {
            assert_eq!(parse(q, NOW).window, None, "{q}");
        }
    }

    #[test]
    fn vague_and_spanned_counts() {
        let days = |q: &str| parse(q, NOW).window.map(|(a, b)| (b - a) / (24 * HOUR_MS));
        // Vague counts widen the window by a unit.
        assert_eq!(days("What did I buy a few weeks ago?"), Some(23));
        assert_eq!(days("the trip a couple of months ago"), Some(93));
        assert_eq!(days("What did we change 3 years ago"), Some(367));
        // From then until now, a day of slack each side.
        assert_eq!(
            parse("What did I cook in the last two weeks?", NOW).window,
            Some((day(2025, 6, 5), day(2025, 6, 22)))
        );
        let c = parse("books I read over the past few months", NOW);
        assert!(c.window.is_some() && !c.stripped.contains("months"), "{c:?}");
        // Last weekend: Saturday 14 and Sunday 15 June, half a day of slack.
        assert_eq!(
            parse("Where did I go last weekend?", NOW).window,
            Some((day(2025, 6, 14) - 12 * HOUR_MS, day(2025, 6, 16) + 12 * HOUR_MS))
        );
        assert_eq!(parse("What did we say the last time we discussed the API?", NOW).prefer, Some(Prefer::Newest));
        assert_eq!(parse("Which did I visit first, the museum or the zoo?", NOW).prefer, None);
        assert_eq!(parse("What was the first framework we picked?", NOW).prefer, Some(Prefer::Oldest));
    }
}
