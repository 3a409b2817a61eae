//! The code-aware analyser: what terms developers' text turns into.

use mx_core::analyze::{Mode, analyze, analyze_query, analyze_with, query_terms};

fn terms(text: &str) -> Vec<String> {
    analyze(text).into_iter().map(|t| t.text).collect()
}

#[test]
fn camel_and_pascal_case_split_and_keep_the_whole() {
    assert_eq!(terms("userId"), ["userid", "user", "id"]);
    assert_eq!(terms("HTTPServer"), ["httpserver", "http", "server"]);
    // The whole compound is lowercased but never stemmed; the parts are.
    assert_eq!(terms("parseJSONResponse"), ["parsejsonresponse", "pars", "json", "respons"]);
    assert_eq!(terms("PaymentProcessor"), ["paymentprocessor", "payment", "processor"]);
}

#[test]
fn snake_kebab_paths_and_dotted_names_split() {
    assert_eq!(terms("idempotency_key"), ["idempotency_key", "idempot", "key"]);
    assert_eq!(terms("in-progress"), ["in-progress", "in", "progress"]);
    assert_eq!(terms("src/payments/stripe.rs"), ["src/payments/stripe.rs", "src", "payment", "stripe", "rs"]);
    assert_eq!(terms("std::sync::Arc"), ["std::sync::arc", "std", "sync", "arc"]);
    assert_eq!(terms("user.email"), ["user.email", "user", "email"]);
}

#[test]
fn digits_stay_with_their_letters() {
    assert_eq!(terms("UUID v4 oauth2 s3"), ["uuid", "v4", "oauth2", "s3"]);
    assert_eq!(terms("TTL 24hr"), ["ttl", "24hr"]);
}

#[test]
fn english_words_are_stemmed_and_lowercased() {
    assert_eq!(terms("Implemented retrying Payments"), ["implement", "retri", "payment"]);
    assert_eq!(terms("Stripe's idempotency keys"), ["stripe", "idempot", "key"]);
    // Typographic apostrophes behave like plain ones.
    assert_eq!(terms("Stripe\u{2019}s"), ["stripe"]);
}

#[test]
fn accents_fold_to_ascii() {
    assert_eq!(terms("Café naïve Größe"), ["cafe", "naiv", "gross"]);
}

#[test]
fn trailing_punctuation_is_not_part_of_a_compound() {
    assert_eq!(terms("Next: write tests."), ["next", "write", "test"]);
    assert_eq!(terms("(see ./src/lib.rs)"), ["see", "src/lib.rs", "src", "lib", "rs"]);
}

#[test]
fn positions_make_phrases_across_split_forms_match() {
    let doc = analyze("use the idempotency_key header");
    let pos = |text: &str| doc.iter().find(|t| t.text == text).map(|t| t.position);
    // The parts of a compound take consecutive positions, as if written as separate words …
    assert_eq!(pos("idempot"), Some(2));
    assert_eq!(pos("key"), Some(3));
    assert_eq!(pos("header"), Some(4));
    // … and the whole compound shares the first part's position.
    assert_eq!(pos("idempotency_key"), Some(2));
    let phrase = analyze("idempotency key");
    assert_eq!(phrase.iter().map(|t| t.position).collect::<Vec<_>>(), [0, 1]);
}

#[test]
fn offsets_point_into_the_source() {
    let text = "see PaymentProcessor now";
    for t in analyze(text) {
        let source = &text[t.offset_from..t.offset_to];
        assert!(source.eq_ignore_ascii_case(&t.text) || source.to_lowercase().starts_with(&t.text[..2]), "{t:?}");
    }
    let parts = analyze(text);
    assert_eq!(&text[parts[1].offset_from..parts[1].offset_to], "PaymentProcessor");
    assert_eq!(&text[parts[2].offset_from..parts[2].offset_to], "Payment");
    assert_eq!(&text[parts[3].offset_from..parts[3].offset_to], "Processor");
}

#[test]
fn documents_keep_stop_words_queries_drop_them() {
    assert_eq!(terms("the payments feature"), ["the", "payment", "featur"]);
    let q = analyze_query("the payments feature");
    assert_eq!(q.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(), ["payment", "featur"]);
    // Positions still count the dropped word, so phrase offsets line up with documents.
    assert_eq!(q[0].position, 1);
    assert_eq!(query_terms("what is the Result type for payments"), ["result", "type", "payment"]);
    // Negations are not stop words: they change the meaning.
    assert_eq!(query_terms("not exceptions"), ["not", "except"]);
}

#[test]
fn a_query_of_only_stop_words_keeps_them() {
    assert_eq!(query_terms("where are we"), ["where", "are", "we"]);
}

#[test]
fn query_terms_are_distinct() {
    assert_eq!(query_terms("payments payment PAYMENTS"), ["payment"]);
}

#[test]
fn streaming_matches_the_collected_form() {
    let text = "Implemented idempotency key pattern on all Stripe calls — using UUID v4 keyed on (userId, action).";
    let mut streamed = Vec::new();
    analyze_with(text, Mode::Document, |t| streamed.push(t.clone()));
    assert_eq!(streamed, analyze(text));
}

#[test]
fn non_latin_text_and_empty_input_are_handled() {
    assert!(analyze("").is_empty());
    assert!(analyze("  — … !!").is_empty());
    assert_eq!(terms("Привет мир"), ["привет", "мир"]);
}

#[test]
fn huge_terms_are_skipped() {
    let blob = "a".repeat(300);
    assert!(analyze(&blob).is_empty());
    assert_eq!(terms(&format!("{blob} ok")), ["ok"]);
}

/// "random 401s right after logging in" is about a login, not about logging: the verb with its particle is one term,
/// while "logging" alone still stems to `log`.
#[test]
fn logging_in_is_a_login_not_a_log() {
    assert_eq!(terms("after logging in"), ["after", "login", "in"]);
    assert_eq!(
        analyze_query("random 401s right after logging in").iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
        ["random", "401s", "right", "after", "login"]
    );
    assert_eq!(terms("users logged into the app"), ["user", "login", "into", "the", "app"]);
    assert_eq!(terms("log out"), ["logout", "out"]);
    assert_eq!(terms("they log in with Google"), ["they", "login", "in", "with", "googl"]);
    // Logs, not logins.
    assert_eq!(terms("structured logging in JSON"), ["structur", "log", "in", "json"]);
    assert_eq!(terms("logging in production"), ["log", "in", "product"]);
}
