//! Secret redaction: the one detector every write path uses before anything is stored. A secret is replaced by a
//! visible marker naming its kind, e.g. `[redacted:stripe-key]`.
//!
//! # Rules
//!
//! The detector is a list of named rules, in four families, from most to least specific:
//!
//! 1. **Provider tokens** ([`PROVIDER_RULES`], priority 3): formats with a recognisable prefix or structure, such as
//!    `AKIA…`, `sk_live_…`, `ghp_…`, `xoxb-…`, `sk-ant-…`, `AIza…`, `SG.….…`. A few providers' keys have no prefix
//!    (the AWS secret key, Datadog, Twilio auth tokens, old Heroku keys); those rules require the provider's name
//!    next to the value.
//! 2. **Structural secrets** (priority 2): private key blocks (`-----BEGIN … PRIVATE KEY-----` to its `END` line, or
//!    to the end of its base64 body when a transcript cut it off), JWTs, passwords in URLs and connection strings
//!    (`scheme://user:pass@host` keeps user and host), `Authorization: Bearer/Basic …`, `curl -u user:pass`,
//!    `mysql -pPASS`.
//! 3. **Assignments** (priority 1): `password=…`, `DB_PASSWORD: …`, `"api_key": "…"`, `--token …`, where the name
//!    ends with a secret word (password, passwd, pwd, pass, secret, token, api key, access/secret/private key,
//!    credentials). Values that are placeholders or references are left alone: `<your-password>`, `changeme`,
//!    `${SECRET}`, `$TOKEN`, `process.env.STRIPE_KEY`, `os.environ["X"]`, `{{ secrets.X }}`, `null`, `xxxx`.
//!    A `name: value` pair in the middle of a prose line only counts when the value looks machine-made (has a digit
//!    or a symbol), so "password: must be 12 characters" stays.
//! 4. **High-entropy strings** (priority 0): a run of 20+ base64/hex characters right after a word like key, token,
//!    secret, password, credential or auth ("the API key is 7fQx…"), whose Shannon entropy is at least
//!    [`ENTROPY_MIN_HEX`] bits per character for hex or [`ENTROPY_MIN_OTHER`] for other alphabets, and that contains
//!    a digit and a letter. Hash-shaped hex (40 or 64 characters: commit ids, SHA-256), UUIDs and paths are not
//!    secrets.
//!
//! # Overlaps
//!
//! When matches overlap, the longest wins, and among equally long ones the more specific (higher priority): `token:
//! ghp_…` is a `github-token`, not a generic `token`. Offsets in [`Finding`] are byte ranges of the input.
//!
//! # Properties (tested in `core/tests/redact.rs`)
//!
//! - Text without secrets is returned byte-identical.
//! - Redacting a redacted text changes nothing: a marker never matches a rule, and the rules run over their own
//!   output until it stops changing (see [`redact`]).
//!
//! # Speed
//!
//! Compiling every rule costs more (about 6 ms) than a one-shot `mx memories create` process can spend. So each rule
//! lists *needles*: literals of which every match contains at least one, compared against the text lower-cased (see
//! `fold_for_gates`). A rule whose needles are all absent cannot match, so it is neither compiled nor run; the
//! others are compiled on first use and kept for the life of the process. A unit test derives, from each pattern's
//! syntax tree, that its needles are sound, so a gate can never hide a secret.

use std::sync::{LazyLock, OnceLock};

use regex::{Captures, Regex};
use serde::Serialize;

/// One secret found and replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The detector's name, as it appears in the marker: `stripe-key`, `aws-access-key`, `private-key`, …
    pub kind: &'static str,
    /// Byte range of the secret in the input text.
    pub start: usize,
    pub end: usize,
}

/// The redacted text and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    pub text: String,
    pub findings: Vec<Finding>,
}

/// Returns the marker that replaces a secret of `kind`.
pub fn marker(kind: &str) -> String {
    format!("[redacted:{kind}]")
}

/// The start of every marker; a value that begins with it was already redacted.
const MARKER_PREFIX: &str = "[redacted:";

/// Minimum Shannon entropy (bits per character) of a hex string next to a secret word. Random hex of 20-32
/// characters scores 3.4-4.0; words and counters score lower.
pub const ENTROPY_MIN_HEX: f64 = 3.0;
/// Minimum Shannon entropy for other alphabets (base64, base62). Random base62 of 20+ characters scores above 4.0;
/// identifiers made of English words mostly stay under 3.5.
pub const ENTROPY_MIN_OTHER: f64 = 3.5;
/// Minimum length of a high-entropy candidate.
pub const ENTROPY_MIN_LEN: usize = 20;

/// Rule priorities: equal-length overlaps go to the higher one.
const PROVIDER: u8 = 3;
const STRUCTURAL: u8 = 2;
const ASSIGNMENT: u8 = 1;
const ENTROPY: u8 = 0;

/// Extra validation of a matched value, for patterns that alone would also match ordinary text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// The pattern is specific enough.
    None,
    /// Must contain a digit, an upper-case and a lower-case letter (random base62), e.g. `sk-…` which otherwise
    /// matches long kebab-case slugs.
    Random,
    /// Must contain upper- and lower-case letters (Hugging Face tokens are letters only).
    MixedCase,
    /// Must not be a placeholder or a reference (`${X}`, `<password>`, `changeme`).
    NotPlaceholder,
}

/// A regex rule. The secret is the capture group named `s`, or the whole match.
#[derive(Debug)]
pub struct Rule {
    pub kind: &'static str,
    priority: u8,
    check: Check,
    /// Lower-case literals of which every match contains one; the rule runs only on text that contains one.
    pub needles: &'static [&'static str],
    pub pattern: &'static str,
}

const fn rule(
    kind: &'static str,
    priority: u8,
    check: Check,
    needles: &'static [&'static str],
    pattern: &'static str,
) -> Rule {
    Rule { kind, priority, check, needles, pattern }
}

/// Characters that make up a token; a fixed-length token rule must not match in the middle of a longer run.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Every regex rule. `\b` is an ASCII word boundary (rewritten at compile time), which keeps the scan on the fast
/// DFA path for text with non-ASCII characters.
pub static PROVIDER_RULES: &[Rule] = &[
    // AWS: access key ids have a fixed prefix; secret keys are 40 base64 characters next to "aws" and "secret".
    rule(
        "aws-access-key",
        PROVIDER,
        Check::None,
        &["akia", "asia", "abia", "acca", "agpa", "aida", "aroa", "aipa", "anpa", "anva", "a3t"],
        r"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|A3T[A-Z0-9])[A-Z0-9]{16}\b",
    ),
    rule(
        "aws-secret-key",
        PROVIDER,
        Check::Random,
        &["aws"],
        r"(?i:aws)[^\n]{0,40}?(?i:secret|sk)[^\n]{0,30}?(?:^|[^A-Za-z0-9/+])(?P<s>[A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)",
    ),
    // Google Cloud.
    rule("gcp-api-key", PROVIDER, Check::None, &["aiza"], r"\bAIza[0-9A-Za-z_-]{35}"),
    rule(
        "gcp-service-account-key",
        PROVIDER,
        Check::None,
        &["\"private_key"],
        r#""private_key"\s*:\s*"(?P<s>-----BEGIN[ A-Z]*PRIVATE KEY-----[^"]*)""#,
    ),
    rule(
        "gcp-service-account-key",
        PROVIDER,
        Check::None,
        &["\"private_key"],
        r#""private_key_id"\s*:\s*"(?P<s>[a-f0-9]{40})""#,
    ),
    rule("google-oauth", PROVIDER, Check::None, &["gocspx-"], r"\bGOCSPX-[A-Za-z0-9_-]{28}"),
    rule("google-oauth", PROVIDER, Check::None, &["ya29."], r"\bya29\.[0-9A-Za-z_-]{30,}"),
    rule("google-oauth", PROVIDER, Check::None, &["1//0"], r"\b1//0[0-9A-Za-z_-]{35,}"),
    // Azure: storage account keys in connection strings, service-bus shared access keys, SAS signatures.
    rule(
        "azure-storage-key",
        PROVIDER,
        Check::None,
        &["accountkey", "sharedaccesskey", "azure"],
        r"(?i:AccountKey|SharedAccessKey|azure[a-z_.-]{0,20}key)\s*[=:]\s*[\x22']?(?P<s>[A-Za-z0-9+/]{40,}={0,2})",
    ),
    rule("azure-sas-token", PROVIDER, Check::None, &["sig="], r"[?&]sig=(?P<s>[A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})"),
    // Payments.
    rule("stripe-key", PROVIDER, Check::None, &["_live_", "_test_"], r"\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}"),
    rule("stripe-webhook-secret", PROVIDER, Check::None, &["whsec_"], r"\bwhsec_[A-Za-z0-9+/=]{24,}"),
    rule("shopify-token", PROVIDER, Check::None, &["shp"], r"\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b"),
    // Source hosting and package registries.
    rule(
        "github-token",
        PROVIDER,
        Check::None,
        &["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
        r"\b(?:ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{36,}\b",
    ),
    rule("github-token", PROVIDER, Check::None, &["github_pat_"], r"\bgithub_pat_[0-9A-Za-z_]{50,}\b"),
    rule(
        "gitlab-token",
        PROVIDER,
        Check::None,
        &["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "gloas-", "glsoat-"],
        r"\bgl(?:pat|dt|rt|ptt|cbt|oas|soat)-[0-9A-Za-z_-]{20,}",
    ),
    rule("npm-token", PROVIDER, Check::None, &["npm_"], r"\bnpm_[A-Za-z0-9]{36}\b"),
    // mx's own team-server keys (`mx serve key create`): `mxk_<12-character key id>_<32-character secret>`.
    rule("mx-api-key", PROVIDER, Check::None, &["mxk_"], r"\bmxk_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}\b"),
    rule("pypi-token", PROVIDER, Check::None, &["pypi-age"], r"\bpypi-AgE[A-Za-z0-9_-]{50,}"),
    // Chat.
    rule("slack-token", PROVIDER, Check::None, &["xox"], r"\bxox[abposer]-[0-9A-Za-z-]{10,}"),
    rule("slack-token", PROVIDER, Check::None, &["xapp-"], r"\bxapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+"),
    rule(
        "slack-webhook",
        PROVIDER,
        Check::None,
        &["hooks.slack.com/"],
        r"hooks\.slack\.com/(?:services|workflows|triggers)/(?P<s>[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]{16,})",
    ),
    rule(
        "discord-bot-token",
        PROVIDER,
        Check::Random,
        &["."],
        r"\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}\b",
    ),
    rule(
        "discord-webhook",
        PROVIDER,
        Check::None,
        &["discord"],
        r"discord(?:app)?\.com/api/webhooks/\d+/(?P<s>[A-Za-z0-9_-]{60,})",
    ),
    rule("telegram-bot-token", PROVIDER, Check::None, &[":aa"], r"\b\d{8,10}:AA[0-9A-Za-z_-]{33}"),
    // LLM vendors. Anthropic's keys also start with "sk-", so its rule must outrank OpenAI's on equal spans.
    rule(
        "anthropic-key",
        PROVIDER + 1,
        Check::None,
        &["sk-ant-"],
        r"\bsk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_-]{32,}",
    ),
    rule("openai-key", PROVIDER, Check::Random, &["sk-"], r"\bsk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{32,}"),
    rule("huggingface-token", PROVIDER, Check::MixedCase, &["hf_"], r"\bhf_[A-Za-z0-9]{30,}\b"),
    // Email and messaging APIs.
    rule("sendgrid-key", PROVIDER, Check::None, &["sg."], r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}"),
    rule("twilio-key", PROVIDER, Check::None, &["sk"], r"\bSK[0-9a-fA-F]{32}\b"),
    rule(
        "twilio-key",
        PROVIDER,
        Check::None,
        &["twilio"],
        r"(?i:twilio)[^\n]{0,30}?(?i:token|secret|key)[^\n]{0,10}?\b(?P<s>[0-9a-f]{32})\b",
    ),
    rule("mailgun-key", PROVIDER, Check::None, &["key-"], r"\bkey-[0-9a-f]{32}\b"),
    rule(
        "mailgun-key",
        PROVIDER,
        Check::None,
        &["mailgun"],
        r"(?i:mailgun)[^\n]{0,30}?(?i:key|secret)[^\n]{0,10}?\b(?P<s>[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})\b",
    ),
    // Hosting and monitoring.
    rule("heroku-key", PROVIDER, Check::None, &["hrku-"], r"\bHRKU-[A-Za-z0-9_-]{40,}"),
    rule(
        "heroku-key",
        PROVIDER,
        Check::None,
        &["heroku"],
        r"(?i:heroku)[^\n]{0,30}?(?i:key|token|secret)[^\n]{0,10}?\b(?P<s>(?i:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))\b",
    ),
    rule("digitalocean-token", PROVIDER, Check::None, &["_v1_"], r"\bdo[opr]_v1_[a-f0-9]{64}\b"),
    rule(
        "datadog-key",
        PROVIDER,
        Check::None,
        &["datadog", "dd"],
        r"(?i:\b(?:datadog|dd)[a-z_.-]{0,20}?(?:api|app|application)[_. -]?key)[\x22']?\s*(?:=|:|=>)?\s*[\x22']?(?P<s>[a-f0-9]{40}|[a-f0-9]{32})\b",
    ),
    // Structural secrets.
    rule("jwt", PROVIDER, Check::None, &["eyj"], r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
    rule(
        "password",
        STRUCTURAL,
        Check::NotPlaceholder,
        &["://"],
        r#"\b[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\s:/?#@'"<>]*:(?P<s>[^\s/?#@'"<>]+)@[A-Za-z0-9.\[\]-]"#,
    ),
    rule(
        "bearer-token",
        STRUCTURAL,
        Check::NotPlaceholder,
        &["authorization"],
        r"(?i:authorization)[\x22']?\s*[:=]\s*[\x22'\x60]?(?i:bearer|token)\s+(?P<s>[A-Za-z0-9._~+/-]{16,}=*)",
    ),
    rule(
        "basic-auth",
        STRUCTURAL,
        Check::NotPlaceholder,
        &["authorization"],
        r"(?i:authorization)[\x22']?\s*[:=]\s*[\x22'\x60]?(?i:basic)\s+(?P<s>[A-Za-z0-9+/]{8,}={0,2})",
    ),
    rule("bearer-token", STRUCTURAL, Check::Random, &["bearer"], r"\b(?i:bearer)\s+(?P<s>[A-Za-z0-9._~+/-]{20,}=*)"),
    rule(
        "password",
        STRUCTURAL,
        Check::NotPlaceholder,
        &["curl"],
        r#"\bcurl\b[^\n]*?\s(?:-u|--user)\s*["']?[^\s:'"]+:(?P<s>[^\s'"@]+)"#,
    ),
    rule(
        "password",
        STRUCTURAL,
        Check::NotPlaceholder,
        &["mysql"],
        r#"\b(?:mysql|mysqldump|mysqladmin)\b[^\n]*?\s-p(?P<s>[^\s'"-][^\s'"]*)"#,
    ),
];

fn compile(pattern: &str) -> Regex {
    // Every pattern here is a constant checked by the unit tests; a typo is a programming error, not input.
    #[allow(clippy::expect_used)]
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("redaction patterns are valid regexes")
}

/// Each provider rule's regex, compiled the first time a text passes its needle gate.
static PROVIDER_REGEXES: LazyLock<Vec<OnceLock<Regex>>> =
    LazyLock::new(|| PROVIDER_RULES.iter().map(|_| OnceLock::new()).collect());

/// Needles of the private-key rules: every BEGIN line contains this.
const PRIVATE_KEY_NEEDLES: &[&str] = &["-----begin"];
/// Needles of the assignment and CLI-flag rules: a candidate needs a name that [`secret_name_kind`] accepts, and every
/// such name contains one of these.
const SECRET_NAME_NEEDLES: &[&str] = &["pass", "pwd", "token", "secret", "credential", "key"];
/// Needles of [`ENTROPY_CONTEXT`]: its secret words.
const ENTROPY_NEEDLES: &[&str] = &["key", "token", "secret", "pass", "credential", "auth"];

/// The text the needle gates look at: ASCII lower-cased, and the two non-ASCII characters that case-insensitive
/// regexes match as ASCII letters (Unicode simple case folding: KELVIN SIGN is `k`, LONG S is `s`) replaced by those
/// letters, so a case-insensitive rule's needle is found wherever the rule could match.
fn fold_for_gates(text: &str) -> String {
    let folded = text.to_ascii_lowercase();
    if folded.contains(['\u{212A}', '\u{017F}']) {
        folded.replace('\u{212A}', "k").replace('\u{017F}', "s")
    } else {
        folded
    }
}

fn passes_gate(folded: &str, needles: &[&str]) -> bool {
    needles.iter().any(|needle| folded.contains(needle))
}

static PRIVATE_KEY_BEGIN: LazyLock<Regex> =
    LazyLock::new(|| compile(r"-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----"));
static PRIVATE_KEY_END: LazyLock<Regex> =
    LazyLock::new(|| compile(r"-----END[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----"));
/// The base64 body of a key block cut off before its END line: chunks of 16+ base64 characters separated by
/// newlines, spaces or escaped `\n` (keys pasted from JSON).
static PRIVATE_KEY_BODY: LazyLock<Regex> = LazyLock::new(|| compile(r"\A(?:(?:\\n|\\r|[\s])*[A-Za-z0-9+/=]{16,})*"));

/// `name = value`, `name: value`, `"name": "value"`, `name := value`, `name => value`. The name is classified in
/// code ([`secret_name_kind`]) rather than in the pattern, so camelCase, snake_case and SCREAMING_CASE names all work.
static ASSIGNMENT_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"(?P<oq>["'`]?)(?P<key>[A-Za-z_$@][A-Za-z0-9_.\-]*)(?P<cq>["'`]?)[ \t]*(?P<sep>:=|=>|=|:)[ \t]*(?P<val>"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|`[^`\n]*`|[^\s"'`,;&()\[\]{}<>]+)"#,
    )
});

/// `--password value` / `-token value` (the `--name=value` form is an assignment).
static CLI_FLAG: LazyLock<Regex> = LazyLock::new(|| {
    compile(r#"(?:^|\s)--?(?P<key>[A-Za-z][A-Za-z0-9_-]*)[ \t]+(?P<val>"[^"\n]*"|'[^'\n]*'|[^\s"'-][^\s"']*)"#)
});

/// A secret word followed closely by a token-like run: "API key: 7fQx…", "token is `abc…`", "secret=…".
static ENTROPY_CONTEXT: LazyLock<Regex> = LazyLock::new(|| compile(ENTROPY_CONTEXT_PATTERN));
const ENTROPY_CONTEXT_PATTERN: &str = r"(?i)\b(?:api[ _-]?keys?|keys?|tokens?|secrets?|passwords?|passwd|credentials?|auth)\b(?:[^\n:=]{0,30}?[:=]|[ \t]+(?:is|was|are)\b)?[^A-Za-z0-9\n]{0,4}(?P<s>[A-Za-z0-9+/=_.-]{20,})";

#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    kind: &'static str,
    priority: u8,
}

/// How many times [`redact`] runs the rules over its own output at most. A second pass finds something only in
/// rare, fuzzer-made texts; none has needed a third.
const MAX_PASSES: usize = 4;

/// Finds and replaces secrets.
///
/// The rules judge a run of token characters as a whole, and a marker can cut a run that the first pass judged
/// together with a secret inside it: `token: …_+KEY=sk_live_…process.env` is a placeholder as a whole, but once the
/// Stripe key in it is a marker, the part before the marker is a high-entropy string of its own. So the rules run
/// again over their own output until it stops changing, which is what makes redacting a redacted text change
/// nothing. Findings are reported as ranges of the original input.
pub fn redact(text: &str) -> Redaction {
    let first = redact_once(text);
    if first.findings.is_empty() {
        return first;
    }
    let mut text_now = first.text;
    let mut findings = first.findings;
    // Where each stretch of the current text came from in the original input.
    let mut segments = segments_after(&findings, text.len());
    for _ in 1..MAX_PASSES {
        let next = redact_once(&text_now);
        if next.findings.is_empty() {
            break;
        }
        let mapped: Vec<Finding> = next
            .findings
            .iter()
            .map(|f| Finding {
                kind: f.kind,
                start: origin_of_start(&segments, f.start),
                end: origin_of_end(&segments, f.end),
            })
            .collect();
        findings = merge_findings(findings, mapped);
        text_now = next.text;
        segments = compose(&segments, &segments_after(&next.findings, text_now_len_before(&segments)));
    }
    Redaction { text: text_now, findings }
}

/// One stretch of a redacted text: `[out_start, out_end)` in the output came from `[in_start, in_end)` of the input;
/// a copied stretch has equal lengths, a marker stands for its whole input range.
#[derive(Debug, Clone, Copy)]
struct Segment {
    out_start: usize,
    out_end: usize,
    in_start: usize,
    in_end: usize,
    marker: bool,
}

/// The segments of the text that one pass produced from an input of `input_len` bytes with these findings.
fn segments_after(findings: &[Finding], input_len: usize) -> Vec<Segment> {
    let mut segments = Vec::with_capacity(2 * findings.len() + 1);
    let (mut at_in, mut at_out) = (0, 0);
    for f in findings {
        if f.start > at_in {
            let len = f.start - at_in;
            segments.push(Segment {
                out_start: at_out,
                out_end: at_out + len,
                in_start: at_in,
                in_end: f.start,
                marker: false,
            });
            at_out += len;
        }
        let len = MARKER_PREFIX.len() + f.kind.len() + 1;
        segments.push(Segment {
            out_start: at_out,
            out_end: at_out + len,
            in_start: f.start,
            in_end: f.end,
            marker: true,
        });
        at_out += len;
        at_in = f.end;
    }
    if input_len > at_in {
        let len = input_len - at_in;
        segments.push(Segment {
            out_start: at_out,
            out_end: at_out + len,
            in_start: at_in,
            in_end: input_len,
            marker: false,
        });
    }
    segments
}

/// The length of the text that `segments` describe.
fn text_now_len_before(segments: &[Segment]) -> usize {
    segments.last().map_or(0, |s| s.out_end)
}

/// The input offset where a finding that starts at output offset `at` starts.
fn origin_of_start(segments: &[Segment], at: usize) -> usize {
    match segments.iter().find(|s| at >= s.out_start && at < s.out_end) {
        Some(s) if s.marker => s.in_start,
        Some(s) => s.in_start + (at - s.out_start),
        None => segments.last().map_or(at, |s| s.in_end),
    }
}

/// The input offset where a finding that ends at output offset `at` ends.
fn origin_of_end(segments: &[Segment], at: usize) -> usize {
    match segments.iter().find(|s| at > s.out_start && at <= s.out_end) {
        Some(s) if s.marker => s.in_end,
        Some(s) => s.in_start + (at - s.out_start),
        None => segments.first().map_or(at, |s| s.in_start),
    }
}

/// Segments of a later pass's output (`later`, whose input is the text `earlier` describes) traced back to the
/// original input.
fn compose(earlier: &[Segment], later: &[Segment]) -> Vec<Segment> {
    later
        .iter()
        .map(|s| {
            let (in_start, in_end) = if s.in_start == s.in_end {
                let at = origin_of_start(earlier, s.in_start);
                (at, at)
            } else {
                (origin_of_start(earlier, s.in_start), origin_of_end(earlier, s.in_end))
            };
            Segment { in_start, in_end, ..*s }
        })
        .collect()
}

/// Findings of all passes as disjoint input ranges in order: a later finding that covers or cuts into an earlier
/// marker absorbs it, and the later kind names the whole.
fn merge_findings(earlier: Vec<Finding>, later: Vec<Finding>) -> Vec<Finding> {
    let mut all: Vec<(Finding, bool)> =
        earlier.into_iter().map(|f| (f, false)).chain(later.into_iter().map(|f| (f, true))).collect();
    all.sort_by_key(|(f, _)| f.start);
    let mut merged: Vec<(Finding, bool)> = Vec::with_capacity(all.len());
    for (f, is_later) in all {
        match merged.last_mut() {
            Some((last, last_later)) if f.start < last.end => {
                last.end = last.end.max(f.end);
                if is_later && !*last_later {
                    last.kind = f.kind;
                    *last_later = true;
                }
            }
            _ => merged.push((f, is_later)),
        }
    }
    merged.into_iter().map(|(f, _)| f).collect()
}

/// One pass of every rule over `text`.
fn redact_once(text: &str) -> Redaction {
    let mut candidates = Vec::new();
    let folded = fold_for_gates(text);
    provider_candidates(text, &folded, &mut candidates);
    if passes_gate(&folded, PRIVATE_KEY_NEEDLES) {
        private_key_candidates(text, &mut candidates);
    }
    if passes_gate(&folded, SECRET_NAME_NEEDLES) {
        assignment_candidates(text, &mut candidates);
    }
    if passes_gate(&folded, ENTROPY_NEEDLES) {
        entropy_candidates(text, &mut candidates);
    }
    if candidates.is_empty() {
        return Redaction { text: text.to_owned(), findings: Vec::new() };
    }

    // Longest first, then most specific, then leftmost; keep each candidate that overlaps none already kept.
    candidates.sort_by(|a, b| {
        (b.end - b.start).cmp(&(a.end - a.start)).then(b.priority.cmp(&a.priority)).then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for c in candidates {
        if kept.iter().all(|k| c.end <= k.start || c.start >= k.end) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);

    let mut out = String::with_capacity(text.len());
    let mut findings = Vec::with_capacity(kept.len());
    let mut at = 0;
    for c in kept {
        out.push_str(&text[at..c.start]);
        out.push_str(MARKER_PREFIX);
        out.push_str(c.kind);
        out.push(']');
        at = c.end;
        findings.push(Finding { kind: c.kind, start: c.start, end: c.end });
    }
    out.push_str(&text[at..]);
    Redaction { text: out, findings }
}

fn secret_span(caps: &Captures<'_>) -> Option<(usize, usize)> {
    let m = caps.name("s").or_else(|| caps.get(0))?;
    Some((m.start(), m.end()))
}

fn provider_candidates(text: &str, folded: &str, out: &mut Vec<Candidate>) {
    // Each rule runs on its own: a RegexSet of all of them was tried as a prefilter, but the gaps like `[^\n]{0,40}?`
    // multiply into more DFA states than its cache holds, and it fell back to a slow engine (30 ms on 50 KB).
    for (rule, regex) in PROVIDER_RULES.iter().zip(PROVIDER_REGEXES.iter()) {
        if !passes_gate(folded, rule.needles) {
            continue;
        }
        let regex = regex.get_or_init(|| compile(rule.pattern));
        for caps in regex.captures_iter(text) {
            let Some((start, end)) = secret_span(&caps) else { continue };
            let value = &text[start..end];
            let passes = match rule.check {
                Check::None => true,
                Check::Random => looks_random(value),
                Check::MixedCase => {
                    value.bytes().any(|b| b.is_ascii_uppercase()) && value.bytes().any(|b| b.is_ascii_lowercase())
                }
                Check::NotPlaceholder => !is_placeholder(value),
            };
            // A fixed-length token inside a longer run of token characters is something else (a hash, an id).
            let bytes = text.as_bytes();
            let inside_longer_run = caps.name("s").is_none()
                && ((start > 0 && is_token_byte(bytes[start - 1]) && is_token_byte(bytes[start]))
                    || (end < bytes.len() && is_token_byte(bytes[end]) && is_token_byte(bytes[end - 1])));
            if passes && !inside_longer_run {
                out.push(Candidate { start, end, kind: rule.kind, priority: rule.priority });
            }
        }
    }
}

fn private_key_candidates(text: &str, out: &mut Vec<Candidate>) {
    for begin in PRIVATE_KEY_BEGIN.find_iter(text) {
        let rest = &text[begin.end()..];
        let end = match PRIVATE_KEY_END.find(rest) {
            // The END line belongs to this block only if no other block starts first.
            Some(m) if PRIVATE_KEY_BEGIN.find(&rest[..m.start()]).is_none() => begin.end() + m.end(),
            _ => begin.end() + PRIVATE_KEY_BODY.find(rest).map_or(0, |m| m.end()),
        };
        out.push(Candidate { start: begin.start(), end, kind: "private-key", priority: STRUCTURAL });
    }
}

fn assignment_candidates(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    // Matches are searched one after another by hand rather than with `captures_iter`, so that the quoted value of a
    // harmless name is searched too: `PG_CONN="host=db user=app password=hunter2"`.
    let mut at = 0;
    while let Some(caps) = ASSIGNMENT_PAIR.captures_at(text, at) {
        let (Some(key), Some(sep), Some(val)) = (caps.name("key"), caps.name("sep"), caps.name("val")) else {
            break;
        };
        at = val.start();
        // `==`, `=~`: a comparison or a match, not an assignment.
        if sep.as_str() == "=" && matches!(bytes.get(sep.end()), Some(b'=' | b'~')) {
            continue;
        }
        // `scheme://user:password@host`: the URL rule owns userinfo.
        if text[..key.start()].ends_with("://") {
            continue;
        }
        let Some(kind) = secret_name_kind(key.as_str()) else { continue };
        let (start, end) = unquote(val.start(), val.end(), text);
        let value = &text[start..end];
        // A call, an index or a generic type: `load_secret(…)`, `ENC[…]`, `Option<String>`.
        let is_call = matches!(bytes.get(val.end()), Some(b'(' | b'[' | b'<'));
        if is_call || is_placeholder(value) || is_reference(key.as_str(), value, val.as_str()) {
            continue;
        }
        let quoted_key = caps.name("oq").is_some_and(|q| !q.is_empty());
        // In prose, "password: must be 12+ characters" is not a secret; a colon pair counts mid-line only when the
        // value looks machine-made. At the start of a line (YAML, .env, headers) or with a quoted key (JSON) it counts.
        if sep.as_str() == ":" && !quoted_key && !starts_line(text, key.start()) && !looks_machine_made(value) {
            continue;
        }
        at = val.end();
        out.push(Candidate { start, end, kind, priority: ASSIGNMENT });
    }
    for caps in CLI_FLAG.captures_iter(text) {
        let (Some(key), Some(val)) = (caps.name("key"), caps.name("val")) else { continue };
        let Some(kind) = secret_name_kind(key.as_str()) else { continue };
        let (start, end) = unquote(val.start(), val.end(), text);
        let value = &text[start..end];
        if is_placeholder(value) || is_reference(key.as_str(), value, val.as_str()) {
            continue;
        }
        out.push(Candidate { start, end, kind, priority: ASSIGNMENT });
    }
}

fn entropy_candidates(text: &str, out: &mut Vec<Candidate>) {
    for caps in ENTROPY_CONTEXT.captures_iter(text) {
        let Some(m) = caps.name("s") else { continue };
        if text[..m.start()].ends_with(MARKER_PREFIX) {
            continue; // the kind name inside an earlier marker
        }
        // The secret word is a marker's kind name (`[redacted:stripe-key]`): it says nothing about what follows,
        // and counting it would make redacting a redacted text change it again.
        let at = caps.get(0).map_or(m.start(), |whole| whole.start());
        if text[..at].rfind(MARKER_PREFIX).is_some_and(|open| !text[open..at].contains(']')) {
            continue;
        }
        // A sentence may end right after the value.
        let value = m.as_str().trim_end_matches(['.', '-', '_']);
        if value.len() >= ENTROPY_MIN_LEN && is_high_entropy_secret(value) {
            out.push(Candidate {
                start: m.start(),
                end: m.start() + value.len(),
                kind: "generic-secret",
                priority: ENTROPY,
            });
        }
    }
}

/// Whether a token-like string next to a secret word is a secret: random enough, and not shaped like one of the
/// common non-secret strings that sit next to such words (hashes, UUIDs, paths, dotted names).
fn is_high_entropy_secret(value: &str) -> bool {
    let has_digit = value.bytes().any(|b| b.is_ascii_digit());
    let has_letter = value.bytes().any(|b| b.is_ascii_alphabetic());
    if !has_digit || !has_letter || is_placeholder(value) {
        return false;
    }
    let is_hex = value.bytes().all(|b| b.is_ascii_hexdigit());
    if is_hex && matches!(value.len(), 40 | 64 | 128) {
        return false; // commit id, SHA-256, SHA-512
    }
    if is_uuid(value) || value.starts_with('/') || value.starts_with("./") || value.contains("..") {
        return false;
    }
    if value.contains('/') && value.contains('.') {
        return false; // a path with a file extension
    }
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("sha1")
        || lower.starts_with("sha256")
        || lower.starts_with("sha384")
        || lower.starts_with("sha512")
    {
        return false; // integrity hashes
    }
    let threshold = if is_hex { ENTROPY_MIN_HEX } else { ENTROPY_MIN_OTHER };
    shannon_entropy(value) >= threshold
}

/// Shannon entropy in bits per byte.
pub fn shannon_entropy(value: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in value.bytes() {
        counts[b as usize] += 1;
    }
    let len = value.len() as f64;
    counts
        .iter()
        .filter(|&&n| n > 0)
        .map(|&n| {
            let p = f64::from(n) / len;
            -p * p.log2()
        })
        .sum()
}

fn is_uuid(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 36
        && b.iter()
            .enumerate()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { *c == b'-' } else { c.is_ascii_hexdigit() })
}

/// Random base62: a digit, an upper-case and a lower-case letter.
fn looks_random(value: &str) -> bool {
    value.bytes().any(|b| b.is_ascii_digit())
        && value.bytes().any(|b| b.is_ascii_uppercase())
        && value.bytes().any(|b| b.is_ascii_lowercase())
}

/// A value that a program, not a person, made: it has a digit or a symbol, and is at least 6 bytes.
fn looks_machine_made(value: &str) -> bool {
    value.len() >= 6
        && value.bytes().any(|b| b.is_ascii_digit() || (b.is_ascii_punctuation() && b != b'.' && b != b','))
}

fn starts_line(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let prefix = text[line_start..at].trim_start_matches([' ', '\t', '-', '#', '*', '>']);
    let prefix = prefix.trim_end_matches(['"', '\'', '`']);
    prefix.is_empty() || prefix == "export " || prefix == "set " || prefix == "ENV " || prefix == "$env:"
}

fn unquote(start: usize, end: usize, text: &str) -> (usize, usize) {
    let b = text.as_bytes();
    if end - start >= 2 && matches!(b[start], b'"' | b'\'' | b'`') && b[end - 1] == b[start] {
        (start + 1, end - 1)
    } else {
        (start, end)
    }
}

/// Names that end with one of these words hold secrets. The kind in the marker follows the word.
fn secret_name_kind(name: &str) -> Option<&'static str> {
    let name = name.trim_start_matches(['_', '$', '@', '-']);
    let words = split_words(name);
    let last = words.last()?;
    let prev = if words.len() >= 2 { words[words.len() - 2].as_str() } else { "" };
    // A single word glued together (PGPASSWORD, authtoken, clientsecret): match its ending.
    // `SECRET_KEY_BASE`, `password_value`: a secret word followed by a word that does not change what it is.
    let holder = matches!(last.as_str(), "base" | "value" | "str" | "string" | "plain" | "plaintext" | "raw");
    if holder && words.len() >= 2 {
        let head = words[..words.len() - 1].join("_");
        if let Some(kind) = secret_name_kind(&head) {
            return Some(kind);
        }
    }
    let glued = |suffix: &str| words.len() == 1 && last.len() > suffix.len() && last.ends_with(suffix);
    match last.as_str() {
        "password" | "passwd" | "passphrase" | "pwd" | "pass" => return Some("password"),
        "token" => {
            // Pagination and cancellation tokens, token limits: not credentials.
            return (!matches!(
                prev,
                "max" | "min" | "num" | "page" | "next" | "cancellation" | "continuation" | "sync"
            ))
            .then_some("token");
        }
        "secret" | "credential" | "credentials" => return Some("secret"),
        "apikey" => return Some("api-key"),
        "key" => {
            return match prev {
                "api" | "app" => Some("api-key"),
                "secret" | "access" | "private" | "signing" | "encryption" | "master" | "client" | "auth"
                | "license" | "shared" | "subscription" | "admin" | "service" | "webhook" => Some("secret"),
                _ => None,
            };
        }
        _ => {}
    }
    if glued("password") || glued("passwd") {
        Some("password")
    } else if glued("token") {
        Some("token")
    } else if glued("secret") || matches!(last.as_str(), "secretkey" | "accesskey" | "privatekey" | "secretaccesskey") {
        Some("secret")
    } else {
        None
    }
}

/// Splits `DB_PASSWORD`, `dbPassword`, `db-password`, `db.password` into lower-case words.
fn split_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if matches!(c, '_' | '-' | '.') {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Placeholders, templates, empty and dummy values: not secrets.
fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.len() < 3 {
        return true;
    }
    if v.starts_with(MARKER_PREFIX)
        || v.starts_with('!')
        || v.starts_with('$')
        || v.starts_with('<')
        || v.starts_with('{')
        || v.starts_with('%')
        || v.starts_with("#{")
        || v.starts_with('[')
        || v.starts_with('(')
    {
        return true;
    }
    // The same character over and over: "xxxxxxxx", "********", "........".
    let first = v.as_bytes()[0];
    if v.bytes().all(|b| b == first) {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    const DUMMY_WORDS: &[&str] = &[
        "true",
        "false",
        "null",
        "nil",
        "none",
        "undefined",
        "password",
        "passwd",
        "secret",
        "token",
        "pass",
        "required",
        "optional",
        "string",
        "str",
        "empty",
        "hidden",
        "masked",
        "n/a",
        "test",
        "foo",
        "bar",
        "foobar",
        // Type names, for struct fields and annotations (`token: u64`, `secret: Uint8Array`).
        "bool",
        "boolean",
        "int",
        "integer",
        "float",
        "number",
        "bytes",
        "char",
        "any",
        "u8",
        "u16",
        "u32",
        "u64",
        "u128",
        "usize",
        "i8",
        "i16",
        "i32",
        "i64",
        "i128",
        "isize",
        "f32",
        "f64",
        "uint8array",
        "buffer",
    ];
    if DUMMY_WORDS.contains(&lower.as_str()) {
        return true;
    }
    const PLACEHOLDER_PARTS: &[&str] = &[
        "your",
        "changeme",
        "change_me",
        "change-me",
        "example",
        "placeholder",
        "dummy",
        "redacted",
        "xxx",
        "***",
        "...",
        "todo",
        "replace",
        "insert",
        "fake",
        "sample",
        "getenv",
        "environ",
        "process.env",
        "secrets.",
        "env(",
        "env[",
        "env.",
        "vault:",
        "keyring",
        "<",
        ">",
    ];
    PLACEHOLDER_PARTS.iter().any(|p| lower.contains(p))
}

/// A value that refers to the secret instead of containing it: a variable or property (`args.password`,
/// `userPassword` for a `password` name), or a call (`getToken()`). Only unquoted values can be references.
fn is_reference(name: &str, value: &str, raw: &str) -> bool {
    if raw.starts_with(['"', '\'', '`']) {
        return false;
    }
    if value.contains('(') || value.ends_with(')') {
        return true;
    }
    let is_ident = |s: &str| {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let parts: Vec<&str> = value.split('.').collect();
    if parts.len() >= 2
        && parts.iter().all(|p| is_ident(p))
        && !parts.iter().any(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return true; // config.db.password, self.token, settings.SECRET_KEY
    }
    if is_ident(value) {
        // `password = userPassword`, `apiKey: apiKey`: a variable named after the secret it holds.
        let words = split_words(name.trim_start_matches(['_', '$', '@', '-']));
        if let Some(last) = words.last() {
            let normalized: String = value.chars().filter(|c| *c != '_').collect::<String>().to_ascii_lowercase();
            return normalized.contains(last.as_str());
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(PROVIDER_REGEXES.len(), PROVIDER_RULES.len());
        for rule in PROVIDER_RULES {
            let _ = compile(rule.pattern);
        }
        let _ = (
            &*PRIVATE_KEY_BEGIN,
            &*PRIVATE_KEY_END,
            &*PRIVATE_KEY_BODY,
            &*ASSIGNMENT_PAIR,
            &*CLI_FLAG,
            &*ENTROPY_CONTEXT,
        );
    }

    /// The needle gates are sound: for every rule, each string its pattern can match contains one of its needles once
    /// folded. Derived from the pattern's syntax tree: somewhere in it there is a run of pieces that every match passes
    /// through and that spells only finitely many strings (after folding), each containing a needle.
    #[test]
    fn every_match_of_every_rule_contains_one_of_its_needles() {
        use regex_syntax::hir::{Class, Hir, HirKind};

        const MAX_STRINGS: usize = 4096;

        /// Every string `hir` can match, folded like the gate text, if there are few.
        fn exact(hir: &Hir) -> Option<Vec<String>> {
            let mut out: Vec<String> = match hir.kind() {
                HirKind::Empty | HirKind::Look(_) => vec![String::new()],
                HirKind::Literal(lit) => vec![fold_for_gates(std::str::from_utf8(&lit.0).ok()?)],
                HirKind::Class(Class::Unicode(class)) => {
                    let size: u32 = class.ranges().iter().map(|r| u32::from(r.end()) - u32::from(r.start()) + 1).sum();
                    if size > 64 {
                        return None;
                    }
                    class
                        .ranges()
                        .iter()
                        .flat_map(|r| r.start()..=r.end())
                        .map(|c| fold_for_gates(&c.to_string()))
                        .collect()
                }
                HirKind::Class(Class::Bytes(_)) => return None,
                HirKind::Capture(capture) => exact(&capture.sub)?,
                HirKind::Repetition(rep) if Some(rep.min) == rep.max && rep.min <= 4 => {
                    let one = exact(&rep.sub)?;
                    cross(&vec![one; rep.min as usize])?
                }
                HirKind::Repetition(_) => return None,
                HirKind::Concat(subs) => cross(&subs.iter().map(exact).collect::<Option<Vec<_>>>()?)?,
                HirKind::Alternation(subs) => subs.iter().map(exact).collect::<Option<Vec<_>>>()?.concat(),
            };
            out.sort();
            out.dedup();
            (out.len() <= MAX_STRINGS).then_some(out)
        }

        fn cross(parts: &[Vec<String>]) -> Option<Vec<String>> {
            let mut acc = vec![String::new()];
            for part in parts {
                acc = acc.iter().flat_map(|a| part.iter().map(move |p| format!("{a}{p}"))).collect();
                acc.sort();
                acc.dedup();
                if acc.len() > MAX_STRINGS {
                    return None;
                }
            }
            Some(acc)
        }

        fn all_contain(strings: &[String], needles: &[&str]) -> bool {
            strings.iter().all(|s| needles.iter().any(|n| s.contains(n)))
        }

        fn always_contains(hir: &Hir, needles: &[&str]) -> bool {
            if exact(hir).is_some_and(|strings| all_contain(&strings, needles)) {
                return true;
            }
            match hir.kind() {
                HirKind::Capture(capture) => always_contains(&capture.sub, needles),
                HirKind::Repetition(rep) => rep.min >= 1 && always_contains(&rep.sub, needles),
                HirKind::Alternation(subs) => subs.iter().all(|sub| always_contains(sub, needles)),
                HirKind::Concat(subs) => {
                    let exacts: Vec<Option<Vec<String>>> = subs.iter().map(exact).collect();
                    subs.iter().any(|sub| always_contains(sub, needles))
                        || (0..subs.len()).any(|i| {
                            (i + 1..=subs.len()).any(|j| {
                                exacts[i..j]
                                    .iter()
                                    .cloned()
                                    .collect::<Option<Vec<_>>>()
                                    .and_then(|parts| cross(&parts))
                                    .is_some_and(|strings| all_contain(&strings, needles))
                            })
                        })
                }
                _ => false,
            }
        }

        let mut rules: Vec<(&str, &[&str], String)> =
            PROVIDER_RULES.iter().map(|r| (r.kind, r.needles, r.pattern.to_owned())).collect();
        rules.push((
            "private-key",
            PRIVATE_KEY_NEEDLES,
            r"-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----".into(),
        ));
        rules.push(("entropy", ENTROPY_NEEDLES, ENTROPY_CONTEXT_PATTERN.into()));
        let unsound: Vec<&str> = rules
            .iter()
            .filter(|(_, needles, pattern)| {
                #[allow(clippy::expect_used)]
                let hir = regex_syntax::parse(&pattern.replace(r"\b", r"(?-u:\b)")).expect("valid pattern");
                !always_contains(&hir, needles)
            })
            .map(|(kind, _, _)| *kind)
            .collect();
        assert!(unsound.is_empty(), "needles not proven for: {unsound:?}");
    }

    /// [`fold_for_gates`] maps every character that a case-insensitive regex matches as an ASCII letter to that letter.
    #[test]
    fn the_gate_folding_covers_every_case_variant_of_ascii_letters() {
        use regex_syntax::hir::{Class, HirKind};
        #[allow(clippy::expect_used)]
        let hir = regex_syntax::parse("(?i)[a-z]").expect("valid pattern");
        let HirKind::Class(Class::Unicode(class)) = hir.kind() else { panic!("a class: {hir:?}") };
        for c in class.ranges().iter().flat_map(|r| r.start()..=r.end()) {
            let folded = fold_for_gates(&c.to_string());
            assert!(folded.len() == 1 && folded.as_bytes()[0].is_ascii_lowercase(), "{c:?} folds to {folded:?}");
        }
    }

    /// Case-insensitive rules also match the non-ASCII case variants of their words; the gates must let them through.
    #[test]
    fn gates_pass_unicode_case_variants_of_secret_words() {
        let found = |text: &str| redact(text).findings.iter().map(|f| f.kind).collect::<Vec<_>>();
        // "toKen" with KELVIN SIGN: the entropy rule's `(?i)tokens?` matches it.
        assert_eq!(found("api to\u{212A}en: 7fQx9LmZ2pRt4VbN8cKw3Hs"), ["generic-secret"]);
        // "paſsword" with LONG S: the same rule's `(?i)passwords?` matches it.
        assert_eq!(found("the pa\u{17F}sword is 7fQx9LmZ2pRt4VbN8cKw3Hs"), ["generic-secret"]);
    }

    #[test]
    fn names_are_classified_by_their_last_word() {
        assert_eq!(secret_name_kind("DB_PASSWORD"), Some("password"));
        assert_eq!(secret_name_kind("dbPassword"), Some("password"));
        assert_eq!(secret_name_kind("PGPASSWORD"), Some("password"));
        assert_eq!(secret_name_kind("_authToken"), Some("token"));
        assert_eq!(secret_name_kind("STRIPE_SECRET_KEY"), Some("secret"));
        assert_eq!(secret_name_kind("api-key"), Some("api-key"));
        assert_eq!(secret_name_kind("bypass"), None);
        assert_eq!(secret_name_kind("max_tokens"), None);
        assert_eq!(secret_name_kind("password_min_length"), None);
        assert_eq!(secret_name_kind("cache_key"), None);
        assert_eq!(secret_name_kind("next_token"), None);
    }

    #[test]
    fn entropy_of_random_and_repetitive_strings() {
        assert!(shannon_entropy("aaaaaaaaaaaaaaaaaaaa") < 0.01);
        assert!(shannon_entropy("7fQx9LmZ2pRt4VbN8cKw") > 4.0);
    }
}
