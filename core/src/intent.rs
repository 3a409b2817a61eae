//! What a question asks for beyond its words.
//!
//! Questions put to a memory are phrased *about* the memory: "what did we discuss in the last **session**", "how
//! does this **developer** prefer …", "what **changes** were **made** across both **projects**". Those words name the
//! conversation, not its content; a message that happens to contain "project" or "session" is no better an answer.
//! [`discount_meta_words`] lowers their query weight to [`META_WEIGHT`] (they still count, so a question made of
//! nothing else still finds something).
//!
//! Questions also say what *kind* of memory answers them: "what bugs…" wants debugging stories and gotchas, "how does
//! she prefer…" a convention, "why did we choose…" a decision, "what is still pending" progress. [`kinds_asked`]
//! reads those cues; the ranking gives memories of an asked kind a small bonus (see [`crate::rank`]).

use std::sync::OnceLock;

use crate::analyze::{self, Mode};
use crate::model::Kind;

/// Query weight of a meta word, relative to 1 for a content word.
pub const META_WEIGHT: f32 = 0.3;

/// Words that name the memory, the conversation or the people in it rather than what was said.
const META_WORDS: &str = "session sessions conversation conversations chat chats discuss discussed discussion \
    mention mentioned talk talked say said tell told ask asked remember remind recall project projects developer \
    user assistant across sequence specifically particular related overall complete entire summary reason reasons \
    purpose rationale";

/// Cue words (query analysis applied) and the kinds they ask for.
const KIND_CUES: &[(&str, &[Kind])] = &[
    (
        "bug bugs error errors issue issues crash crashes broke broken failing failure failures fix fixed debug \
         debugged debugging gotcha gotchas pitfall pitfalls trap",
        &[Kind::Debugging, Kind::Gotcha],
    ),
    ("prefer prefers preferred preference preferences convention conventions style habit habits", &[Kind::Convention]),
    ("decide decided decision decisions chose choose chosen choice why reason reasons rationale", &[Kind::Decision]),
    ("status progress pending remaining todo unfinished accomplished stand standing blocked next", &[Kind::Progress]),
    ("rejected tried alternative alternatives abandoned", &[Kind::RuledOut]),
    ("constraint constraints requirement requirements must limit limits allowed", &[Kind::Constraint]),
];

fn terms(words: &str) -> Vec<String> {
    let mut out = Vec::new();
    analyze::analyze_with(words, Mode::Document, |t| out.push(t.text.clone()));
    out
}

fn meta_terms() -> &'static [String] {
    static META: OnceLock<Vec<String>> = OnceLock::new();
    META.get_or_init(|| terms(META_WORDS))
}

fn kind_cues() -> &'static [(Vec<String>, &'static [Kind])] {
    static CUES: OnceLock<Vec<(Vec<String>, &'static [Kind])>> = OnceLock::new();
    CUES.get_or_init(|| KIND_CUES.iter().map(|(words, kinds)| (terms(words), *kinds)).collect())
}

/// Lowers the weight of meta words among weighted query terms to at most [`META_WEIGHT`] of their weight, unless
/// nothing else is left.
pub fn discount_meta_words(terms: &mut [(String, f32)]) {
    let meta = meta_terms();
    let is_meta = |t: &str| meta.iter().any(|m| m == t);
    if terms.iter().all(|(t, _)| is_meta(t)) {
        return;
    }
    for (t, w) in terms.iter_mut() {
        if is_meta(t) {
            *w *= META_WEIGHT;
        }
    }
}

/// Words that describe something going wrong (query analysis applied): a prompt holding one reports a symptom,
/// and a past bug with the same words is likely the same story.
const SYMPTOM_WORDS: &str = "error errors exception exceptions crash crashes crashed crashing fail fails failed failing \
    failure flaky flakes intermittent intermittently random randomly sometimes timeout timeouts hang hangs hanging \
    broken panic panics leak leaks stuck wrong unexpected 401 401s 403 403s 404s 500 500s 502 503 race deadlock";

/// Whether `prompt` describes a symptom ("users get random 401s right after logging in", "the checkout test is
/// flaky", "the app crashes on resume").
pub fn describes_symptom(prompt: &str) -> bool {
    static SYMPTOMS: OnceLock<Vec<String>> = OnceLock::new();
    let symptoms = SYMPTOMS.get_or_init(|| terms(SYMPTOM_WORDS));
    terms(prompt).iter().any(|t| symptoms.contains(t))
}

/// The kinds of memory the question asks for, from its cue words (none for most questions).
pub fn kinds_asked(query: &str) -> Vec<Kind> {
    // Document analysis keeps "why", which queries drop as a stop word.
    let words = terms(query);
    let mut out: Vec<Kind> = Vec::new();
    for (cues, kinds) in kind_cues() {
        if words.iter().any(|w| cues.contains(w)) {
            for k in *kinds {
                if !out.contains(k) {
                    out.push(*k);
                }
            }
        }
    }
    out
}

/// Words between "what"/"which" and the thing asked for: "what **is the** database", "which **kind of** queue".
const FOCUS_FRAME: &[&str] =
    &["is", "are", "was", "were", "the", "a", "an", "kind", "kinds", "type", "types", "sort", "of"];

/// The thing a "what …" or "which …" question asks for, as analysed terms: the (up to three) words after the
/// question word, up to the first stop word. "What web framework is the API built with?" → `web`, `framework`;
/// "Which kind of queue do we run?" → `queue`; empty for other questions. [`crate::expand`] expands a category the
/// question asks for more strongly than one it merely mentions ("why not Cypress for the **tests**?").
pub fn question_focus(query: &str) -> Vec<String> {
    let words: Vec<String> = query
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '?' | '!' | '(' | ')' | '"'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let asks = |w: &str| {
        ["what", "which"].iter().any(|q| w == *q || w.strip_prefix(q).is_some_and(|r| r == "'s" || r == "’s"))
    };
    let mut out = Vec::new();
    let Some(start) = words.iter().position(|w| asks(w)) else {
        return out;
    };
    let rest = words[start + 1..].iter().skip_while(|w| FOCUS_FRAME.contains(&w.as_str()));
    for word in rest.take_while(|w| !analyze::is_stop_word(w)).take(3) {
        analyze::analyze_with(word, Mode::Document, |t| out.push(t.text.clone()));
    }
    out
}

/// Phrases of a question that needs several memories, usually from several sessions: "how many times", "every time",
/// "all the", "in total". Read on the lowercased words, so "How many" and "how  many" both count.
const MANY_CUES: &[&str] = &[
    "how many",
    "how often",
    "how much in total",
    "in total",
    "total",
    "altogether",
    "combined",
    "every time",
    "each time",
    "all the",
    "all of the",
    "all my",
    "list all",
    "list the",
    "which ones",
];

/// Whether the question asks for an answer put together from several memories ([`MANY_CUES`]).
pub fn asks_for_many(query: &str) -> bool {
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let joined = format!(" {} ", words.join(" "));
    MANY_CUES.iter().any(|cue| joined.contains(&format!(" {cue} ")))
}

/// Whose turn answers the question, in a transcript: what the assistant *said* ("what did you recommend", "the
/// restaurant you suggested", "what did the assistant say") asks for the assistant's turn; a question in the first
/// person ("what did I buy", "my sister's name", and requests like "can you suggest a hotel for me", which the user's
/// own stated preferences answer) for the user's; "remind me how …" and "walk me through …" are requests, not the
/// first person. None when it names neither.
pub fn role_asked(query: &str) -> Option<crate::model::Role> {
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .collect();
    let has = |set: &[&str]| words.iter().any(|w| set.contains(&w.as_str()));
    const YOU: &[&str] = &["you", "your", "you've", "you'd", "assistant"];
    // Past tense only: "can you recommend" is a request, not a question about what was said.
    const SAID: &[&str] = &[
        "said",
        "told",
        "suggested",
        "recommended",
        "mentioned",
        "gave",
        "listed",
        "provided",
        "explained",
        "advised",
        "shared",
        "described",
        "proposed",
    ];
    // "What did you say / suggest …": past through "did".
    const SAY: &[&str] = &["say", "tell", "suggest", "recommend", "mention", "give", "list", "provide", "explain"];
    const ME: &[&str] = &["i", "my", "me", "mine", "i'm", "i've", "i'd", "myself"];
    // "Remind me …", "tell me …", "walk me through …" are the form of a request, not the subject of the question.
    const REQUEST: &[&str] = &["remind", "tell", "show", "give", "help", "walk"];
    let first_person = words
        .iter()
        .enumerate()
        .any(|(i, w)| ME.contains(&w.as_str()) && !(w == "me" && i > 0 && REQUEST.contains(&words[i - 1].as_str())));
    if has(YOU) && (has(SAID) || (has(&["did"]) && has(SAY))) {
        Some(crate::model::Role::Assistant)
    } else if first_person {
        Some(crate::model::Role::User)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symptoms_are_told_from_tasks() {
        for symptom in
            ["users get random 401s right after logging in", "the checkout test is flaky", "The app crashes on resume"]
        {
            assert!(describes_symptom(symptom), "{symptom}");
        }
        assert!(!describes_symptom("Let's continue the refund work."));
    }

    fn weight(terms: &[(String, f32)], word: &str) -> f32 {
        let stem = &analyze::query_terms(word)[0];
        terms.iter().find(|(t, _)| t == stem).map_or(0.0, |(_, w)| *w)
    }

    #[test]
    fn meta_words_count_less_than_content_words() {
        let mut t = analyze::weighted_query_terms("What bugs were fixed across both projects in the last session?");
        discount_meta_words(&mut t);
        assert_eq!(weight(&t, "bugs"), 1.0);
        assert_eq!(weight(&t, "projects"), META_WEIGHT);
        assert_eq!(weight(&t, "session"), META_WEIGHT);
        // "the reason" frames the question (it asks for a decision); the answer rarely says "reason".
        let mut r = analyze::weighted_query_terms("When was structlog added and what was the reason?");
        discount_meta_words(&mut r);
        assert_eq!((weight(&r, "structlog"), weight(&r, "reason")), (1.0, META_WEIGHT));
        // A question of nothing but meta words keeps them whole.
        let mut only = analyze::weighted_query_terms("the project sessions");
        discount_meta_words(&mut only);
        assert_eq!(weight(&only, "project"), 1.0);
    }

    #[test]
    fn cue_words_ask_for_kinds() {
        assert_eq!(kinds_asked("What bugs were discovered and fixed?"), vec![Kind::Debugging, Kind::Gotcha]);
        assert_eq!(kinds_asked("How does this developer prefer responses to be formatted?"), vec![Kind::Convention]);
        assert_eq!(kinds_asked("Why did we pick Postgres?"), vec![Kind::Decision]);
        assert_eq!(kinds_asked("When was structlog added and what was the reason?"), vec![Kind::Decision]);
        assert_eq!(kinds_asked("What features are still pending?"), vec![Kind::Progress]);
        assert!(kinds_asked("Which port does the API listen on?").is_empty());
    }

    #[test]
    fn the_focus_is_what_a_what_question_asks_for() {
        let focus = |q: &str| question_focus(q).join(" ");
        assert_eq!(focus("What web framework is the ecommerce-api built with?"), "web framework");
        assert_eq!(focus("What package manager does this developer use?"), "packag manag");
        assert_eq!(focus("Which kind of queue do we run?"), "queue");
        assert_eq!(focus("what's the database for the billing service"), "databas");
        assert_eq!(focus("So, what is the current CI setup in this repo?"), "current ci setup");
        assert_eq!(focus("Why not Cypress for end-to-end tests?"), "");
        assert_eq!(focus("How is it deployed?"), "");
    }

    #[test]
    fn questions_that_need_several_sessions() {
        assert!(asks_for_many("How many times did I go hiking this year?"));
        assert!(asks_for_many("What did I spend in total on the renovation?"));
        assert!(asks_for_many("List all the restaurants she recommended"));
        assert!(!asks_for_many("What database do we use?"));
        assert!(!asks_for_many("What is the totally new approach?"));
    }

    #[test]
    fn whose_turn_answers() {
        use crate::model::Role;
        assert_eq!(role_asked("What did you recommend for my knee pain?"), Some(Role::Assistant));
        assert_eq!(role_asked("What did I name my cat?"), Some(Role::User));
        assert_eq!(role_asked("Can you recommend a hotel for me?"), Some(Role::User));
        assert_eq!(role_asked("What did the assistant say about stretching?"), Some(Role::Assistant));
        assert_eq!(role_asked("Which database does the billing service use?"), None);
        assert_eq!(role_asked("Can you remind me how the webhook retries work?"), None);
        assert_eq!(role_asked("Walk me through the deploy steps"), None);
        assert_eq!(role_asked("Remind me what my sister does for work"), Some(Role::User));
    }
}
