//! Secret redaction. Properties: redacting twice changes nothing more; findings are ordered, disjoint, inside the
//! input and on character boundaries; a secret of a known format, made from the fuzzer's bytes and set between
//! spaces in the fuzzer's text, never survives, and no text left after redaction matches a provider format.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use mx_core::redact::redact;
use regex::Regex;

/// Provider formats with a fixed prefix: (prefix, alphabet, length) of a secret the detector must always catch.
const FORMATS: &[(&str, &str, usize)] = &[
    ("AKIA", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
    ("ghp_", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36),
    ("github_pat_", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_", 60),
    ("sk_live_", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24),
    ("xoxb-", "abcdefghijklmnopqrstuvwxyz0123456789-", 24),
    ("glpat-", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 20),
    ("npm_", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36),
    ("AIza", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 35),
    ("sk-ant-api03-", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 40),
    ("whsec_", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 32),
    // mx's own team-server key: `mxk_<id>_<secret>`, the id's 12 characters and the `_` planted as part of it.
    ("mxk_Q7hT2kPz9LmA_", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32),
];

/// The same formats as patterns, to check that nothing of them is left in a redacted text.
static LEFTOVERS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    // A format only counts standing alone: inside a longer run of token characters (letters, digits, `_`, `-`) it
    // is an identifier, which the detector leaves on purpose (`sk_live_…_suffix`, `name-sk_live_…` are no Stripe
    // keys). `\b` is not enough on the left: `-` is no word character.
    const START: &str = r"(?:^|[^0-9A-Za-z_-])";
    const END: &str = r"(?:[^0-9A-Za-z_-]|$)";
    [
        r"AKIA[A-Z0-9]{16}",
        r"ghp_[0-9A-Za-z]{36,}",
        r"sk_live_[0-9A-Za-z]{16,}",
        r"xoxb-[0-9A-Za-z-]{10,}",
        r"AIza[0-9A-Za-z_-]{35}",
    ]
    .iter()
    .map(|p| format!("{START}{p}{END}"))
    .chain([r"-----BEGIN[ A-Z]*PRIVATE KEY-----".to_owned()])
    .map(|p| Regex::new(&p).expect("valid pattern"))
    .collect()
});

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };

    let once = redact(text);
    let twice = redact(&once.text);
    assert_eq!(twice.text, once.text, "redaction is not idempotent on {text:?}");
    assert!(twice.findings.is_empty(), "a redacted text still has findings: {:?}", twice.findings);
    let mut at = 0;
    for finding in &once.findings {
        assert!(at <= finding.start && finding.start < finding.end && finding.end <= text.len(), "{finding:?}");
        assert!(text.is_char_boundary(finding.start) && text.is_char_boundary(finding.end), "{finding:?}");
        at = finding.end;
    }
    if once.findings.is_empty() {
        assert_eq!(once.text, text, "text without findings must come back byte-identical");
    }
    for pattern in LEFTOVERS.iter() {
        if let Some(m) = pattern.find(&once.text) {
            panic!("`{}` survived redaction of {text:?}", m.as_str());
        }
    }

    // Plant a secret made from the input's bytes in the middle of the text, between spaces.
    let (prefix, alphabet, len) = FORMATS[usize::from(selector) % FORMATS.len()];
    let alphabet = alphabet.as_bytes();
    let mut secret = prefix.to_owned();
    for i in 0..len {
        let byte = rest.get(i).copied().unwrap_or(i as u8);
        secret.push(char::from(alphabet[usize::from(byte) % alphabet.len()]));
    }
    let mut split = text.len() / 2;
    while !text.is_char_boundary(split) {
        split -= 1;
    }
    let planted = format!("{} {secret} {}", &text[..split], &text[split..]);
    let out = redact(&planted);
    assert!(!out.text.contains(&secret), "planted secret `{secret}` survived in {planted:?} -> {:?}", out.text);
});
