//! The code-aware analyser: splits camelCase, snake_case, paths and dotted names while keeping the whole token,
//! lowercases and stems English. The store registers it with tantivy (wrapping [`analyze`] in a tantivy tokenizer);
//! core's own BM25 uses it too, so both see the same terms.

/// One term produced by the analyser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    /// Token position (split parts share the position of their whole token, so phrase queries still work).
    pub position: usize,
    /// Byte offsets of the source text the term came from.
    pub offset_from: usize,
    pub offset_to: usize,
}

/// Analyses text into index terms. Placeholder: lowercase alphanumeric words.
pub fn analyze(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut position = 0;
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphanumeric() || c == '_' {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Token { text: text[s..i].to_lowercase(), position, offset_from: s, offset_to: i });
            position += 1;
        }
    }
    out
}

/// The terms of a query: the same analysis as documents, without positions.
pub fn query_terms(query: &str) -> Vec<String> {
    analyze(query).into_iter().map(|t| t.text).collect()
}
