//! Secret redaction on a corpus of realistic positives (every secret found, with the right kind and the exact byte
//! range) and look-alike negatives (left byte-identical). The corpus lives in `fixtures/redact/`; its header explains
//! the format.

use mx_core::redact::{Finding, marker, redact};

/// A finding as (kind, start, end), comparable with the fixture's expectations.
type Span = (String, usize, usize);

fn spans(findings: &[Finding]) -> Vec<Span> {
    findings.iter().map(|f| (f.kind.to_owned(), f.start, f.end)).collect()
}

const POSITIVES: &str = include_str!("fixtures/redact/positives.txt");
const NEGATIVES: &str = include_str!("fixtures/redact/negatives.txt");

const OPEN: &str = "«";
const CLOSE: &str = "»";

/// Splits a fixture into (header, text) cases: a `=== header` line starts a case; `#` lines before the first case
/// are comments.
fn cases(fixture: &str) -> Vec<(String, String)> {
    let mut cases: Vec<(String, String)> = Vec::new();
    for line in fixture.lines() {
        if let Some(header) = line.strip_prefix("=== ") {
            cases.push((header.trim().to_owned(), String::new()));
        } else if let Some((_, text)) = cases.last_mut() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(line);
        }
    }
    cases
}

/// A positive case: the input without marks, the expected findings and the expected output.
struct Positive {
    input: String,
    expected: Vec<Span>,
    output: String,
}

fn parse_positive(kinds: &str, marked: &str) -> Positive {
    let kinds: Vec<&str> = kinds.split(',').map(str::trim).collect();
    let mut input = String::new();
    let mut output = String::new();
    let mut expected = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find(OPEN) {
        let close = rest[open..].find(CLOSE).map(|c| open + c).unwrap_or_else(|| panic!("unclosed mark in {marked}"));
        input.push_str(&rest[..open]);
        output.push_str(&rest[..open]);
        let secret = &rest[open + OPEN.len()..close];
        let kind = kinds.get(expected.len()).copied().unwrap_or_else(|| panic!("more marks than kinds in {marked}"));
        expected.push((kind.to_owned(), input.len(), input.len() + secret.len()));
        input.push_str(secret);
        output.push_str(&marker(kind));
        rest = &rest[close + CLOSE.len()..];
    }
    input.push_str(rest);
    output.push_str(rest);
    assert_eq!(expected.len(), kinds.len(), "marks and kinds differ in number: {marked}");
    Positive { input, expected, output }
}

#[test]
fn the_corpus_is_big_enough() {
    let positives = cases(POSITIVES);
    let negatives = cases(NEGATIVES);
    let secrets: usize = positives.iter().map(|(kinds, _)| kinds.split(',').count()).sum();
    assert!(positives.len() >= 50, "{} positive cases", positives.len());
    assert!(negatives.len() >= 50, "{} negative cases", negatives.len());
    assert!(secrets >= positives.len());
}

#[test]
fn every_positive_is_found_with_its_kind_and_exact_range() {
    let mut failures = Vec::new();
    for (kinds, marked) in cases(POSITIVES) {
        let case = parse_positive(&kinds, &marked);
        let got = redact(&case.input);
        if spans(&got.findings) != case.expected || got.text != case.output {
            failures.push(format!(
                "--- case [{kinds}]\n{}\n  expected {:?}\n  got      {:?}\n  output   {}",
                case.input,
                case.expected,
                spans(&got.findings),
                got.text
            ));
        }
    }
    assert!(failures.is_empty(), "{} positives wrong:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_negative_is_left_byte_identical() {
    let mut failures = Vec::new();
    for (description, text) in cases(NEGATIVES) {
        let got = redact(&text);
        if got.text != text || !got.findings.is_empty() {
            failures.push(format!("--- {description}\n{text}\n  findings {:?}\n  output   {}", got.findings, got.text));
        }
    }
    assert!(failures.is_empty(), "{} negatives touched:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn redaction_is_idempotent() {
    for (kinds, marked) in cases(POSITIVES) {
        let once = redact(&parse_positive(&kinds, &marked).input).text;
        let twice = redact(&once);
        assert_eq!(twice.text, once, "second redaction changed [{kinds}]");
        assert!(twice.findings.is_empty(), "second redaction found {:?} in [{kinds}]", twice.findings);
    }
}

#[test]
fn the_whole_corpus_at_once_redacts_every_secret() {
    // One long text (like a session transcript) with every positive: same findings, shifted.
    let mut input = String::new();
    let mut expected_kinds = Vec::new();
    for (kinds, marked) in cases(POSITIVES) {
        let case = parse_positive(&kinds, &marked);
        input.push_str(&case.input);
        input.push_str("\n\n");
        expected_kinds.extend(case.expected.into_iter().map(|(kind, _, _)| kind));
    }
    let got = redact(&input);
    let got_kinds: Vec<String> = got.findings.iter().map(|f| f.kind.to_owned()).collect();
    assert_eq!(got_kinds, expected_kinds);
}

#[test]
fn text_without_secrets_is_returned_unchanged() {
    let text = "Decided to keep SQLite as the system of record — tantivy is derived.\n\tNext: ✓ write tests, ünïcödé.";
    let got = redact(text);
    assert_eq!(got.text, text);
    assert!(got.findings.is_empty());
}

#[test]
fn url_passwords_keep_user_and_host() {
    let got = redact("postgres://app_user:Tr0ub4dor3x@db.internal:5432/app");
    assert_eq!(got.text, "postgres://app_user:[redacted:password]@db.internal:5432/app");
}

#[test]
fn findings_are_byte_ranges_of_the_input_even_after_multibyte_text() {
    let input = "Clé API — ünïcödé: STRIPE_KEY=sk_live_XsiVpzz63FfkCzJr4i0B3JrT ✓";
    let got = redact(input);
    assert_eq!(got.findings.len(), 1);
    let f = &got.findings[0];
    assert_eq!(&input[f.start..f.end], "sk_live_XsiVpzz63FfkCzJr4i0B3JrT");
    assert_eq!(got.text, "Clé API — ünïcödé: STRIPE_KEY=[redacted:stripe-key] ✓");
}

#[test]
fn marker_names_the_kind() {
    assert_eq!(marker("stripe-key"), "[redacted:stripe-key]");
}

/// Found by the `redact` fuzz target (fuzz/regressions/redact/marker-kind-is-not-context): the `key` in the marker
/// `[redacted:stripe-key]` was taken as the secret word of the high-entropy rule, so a second redaction replaced the
/// text after the marker too.
#[test]
fn a_marker_kind_name_is_not_a_secret_word_for_what_follows() {
    let text = "sk_live_XsiVpzz63FfkCzJr4i0\0\0\x002B3Jrk_live_XsiVpzz63FfkCzJT";
    let once = redact(text);
    assert_eq!(once.text, "[redacted:stripe-key]\0\0\x002B3Jrk_live_XsiVpzz63FfkCzJT");
    assert_eq!(redact(&once.text).text, once.text);
}

/// Found by `fuzz/fuzz_targets/redact.rs` (kept as `fuzz/regressions/redact/overlap-leaves-assignment-value`): the run
/// after `KEY=` is a placeholder as a whole (it contains `process.env`), but once the Stripe key inside it is a marker,
/// the part before the marker is a high-entropy string of its own, so a second redaction used to replace more.
#[test]
fn a_marker_that_cuts_a_judged_run_leaves_nothing_for_a_second_redaction() {
    let text = "_KEY=\u{cf}c_+KEY=sk_live_Xsi0B3JrmkTpc_+KEY=sk_live_Xsi0B3JrmkTprocess.envrocess.env\0\0\0\0\0kFXsi0B3JrmkV\u{10}C";
    let once = redact(text);
    assert_eq!(
        once.text,
        "_KEY=\u{cf}c_+KEY=[redacted:generic-secret][redacted:stripe-key].envrocess.env\0\0\0\0\0kFXsi0B3JrmkV\u{10}C"
    );
    assert_eq!(redact(&once.text).text, once.text);
    // Findings are ranges of the input, in order and disjoint, the second pass's included.
    let found: Vec<(&str, &str)> = once.findings.iter().map(|f| (f.kind, &text[f.start..f.end])).collect();
    assert_eq!(
        found,
        [("generic-secret", "sk_live_Xsi0B3JrmkTpc_+KEY="), ("stripe-key", "sk_live_Xsi0B3JrmkTprocess")]
    );
}
