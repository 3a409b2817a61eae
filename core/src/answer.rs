//! The kind of answer a question wants, and whether a memory holds one.
//!
//! "How much did I spend on the bike?" is answered by turns that name an amount ("the chain was £25"), "how many
//! books did I finish?" by ones with a count, "when did the puppy arrive?" by ones with a date or a day. Among
//! memories that match the question's words equally, the one that holds that kind of answer is the better bet: a
//! memory that talks about the bike without a price is context, not the answer. In ranking, a memory that holds
//! the wanted kind of answer has its lexical score multiplied by `1 +` [`crate::tuning::Tuning::answer_type`].

use crate::rank::Candidate;

/// What a question asks for, when it is one of the kinds a memory's text shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// An amount of money ("how much", "cost", "spend", "budget", "price").
    Amount,
    /// A count ("how many", "number of").
    Count,
    /// A time: a date, a day, a month ("when", "what date", "which day").
    Time,
}

/// The kind of answer `question` wants, if it is one [`holds`] can recognise.
pub fn wanted(question: &str) -> Option<Wanted> {
    let q = format!(" {} ", question.to_lowercase());
    let has = |words: &[&str]| words.iter().any(|w| q.contains(w));
    if has(&[" how much ", " cost", " spend ", " spent ", " price", " budget", " pay ", " paid ", " afford"]) {
        Some(Wanted::Amount)
    } else if has(&[" how many ", " number of ", " how often "]) {
        Some(Wanted::Count)
    } else if has(&[" when ", " what date", " which date", " what day", " which day", " what month", " which month"]) {
        Some(Wanted::Time)
    } else {
        None
    }
}

/// Whether `text` holds an answer of the wanted kind.
pub fn holds(text: &str, wanted: Wanted) -> bool {
    match wanted {
        Wanted::Amount => {
            text.contains(['$', '£', '€', '¥'])
                || words(text).any(|(w, next)| {
                    is_number(&w)
                        && matches!(
                            next.as_deref(),
                            Some("dollars" | "euros" | "pounds" | "quid" | "bucks" | "usd" | "eur" | "gbp" | "cad")
                        )
                        || w.len() > 1 && w.ends_with('k') && is_number(&w[..w.len() - 1])
                })
        }
        Wanted::Count => words(text).any(|(w, _)| is_number(&w) || COUNT_WORDS.contains(&w.as_str())),
        Wanted::Time => words(text).any(|(w, _)| {
            MONTHS.iter().any(|m| w.starts_with(m) && w.len() <= 9)
                || DAYS.contains(&w.as_str())
                || matches!(w.as_str(), "yesterday" | "today" | "tomorrow" | "tonight" | "weekend" | "ago")
                || w.len() == 4 && w.starts_with("20") && is_number(&w)
                || is_ordinal_day(&w)
        }),
    }
}

/// The ranking step: when the question wants an answer of a kind, the candidates that hold one gain `weight` of
/// their lexical score.
pub fn apply(candidates: &mut [Candidate], question: &str, weight: f32) {
    if weight == 0.0 {
        return;
    }
    let Some(wanted) = wanted(question) else {
        return;
    };
    for c in candidates.iter_mut() {
        if holds(&c.memory.content, wanted) {
            c.lexical *= 1.0 + weight;
        }
    }
}

const COUNT_WORDS: &[&str] =
    &["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twice", "dozen"];
/// Month prefixes long enough not to be words ("mar" and "may" are).
const MONTHS: &[&str] = &["jan", "feb", "march", "apr", "june", "july", "aug", "sept", "oct", "nov", "dec"];
const DAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Lower-case words with the word after each.
fn words(text: &str) -> impl Iterator<Item = (String, Option<String>)> + '_ {
    let mut it = text
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == ','))
        .map(|w| w.trim_matches(|c| c == '.' || c == ','))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .peekable();
    std::iter::from_fn(move || {
        let w = it.next()?;
        Some((w, it.peek().cloned()))
    })
}

/// Digits, with a decimal point or thousands commas: "25", "1,201", "9.2".
fn is_number(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// "3rd", "14th", "21st", "2nd".
fn is_ordinal_day(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    !digits.is_empty() && digits.len() <= 2 && is_number(digits) && matches!(suffix, "st" | "nd" | "rd" | "th")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wanted_kind_is_read_from_the_question() {
        assert_eq!(wanted("In total, how much did I spend on the bike?"), Some(Wanted::Amount));
        assert_eq!(wanted("What was the budget for the bathroom?"), Some(Wanted::Amount));
        assert_eq!(wanted("How many books did I finish this year?"), Some(Wanted::Count));
        assert_eq!(wanted("When did the puppy arrive?"), Some(Wanted::Time));
        assert_eq!(wanted("Which database does the billing service use?"), None);
    }

    #[test]
    fn a_text_holds_an_answer_of_that_kind_or_not() {
        assert!(holds("The new chain was £25 and the tyres 40 quid.", Wanted::Amount));
        assert!(holds("They offered 92k, up from 78k.", Wanted::Amount));
        assert!(holds("That's 300 dollars for the stand.", Wanted::Amount));
        assert!(!holds("The bike needs a new chain and tyres.", Wanted::Amount));
        assert!(holds("Finished three books on the trip.", Wanted::Count));
        assert!(holds("Read 4 of them so far.", Wanted::Count));
        assert!(!holds("Finished the book on the trip.", Wanted::Count));
        assert!(holds("She arrives on the 14th, a Saturday.", Wanted::Time));
        assert!(holds("We picked her up in February 2024.", Wanted::Time));
        assert!(!holds("We picked her up from the shelter.", Wanted::Time));
    }
}
