//! Quotation marks: whether a mark opens or closes a quotation, and the quotation tests
//! the structure rules make without the clause analysis.

use crate::text::tokens::{Token, TokenKind};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum QuoteRole {
    Open,
    Close,
    None,
}

/// Whether a punctuation token opens or closes a quotation. Straight quotes decide by the
/// spacing around them.
pub(super) fn quote_role(text: &str, t: Token) -> QuoteRole {
    match t.text(text) {
        "“" | "‘" | "«" => QuoteRole::Open,
        "”" | "»" => QuoteRole::Close,
        "’" => QuoteRole::Close,
        "\"" | "'" => {
            let before = text[..t.start].chars().next_back();
            let after = text[t.end..].chars().next();
            let space_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-".contains(c));
            let space_after = after.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}".contains(c));
            if space_before && !space_after {
                QuoteRole::Open
            } else {
                QuoteRole::Close
            }
        }
        _ => QuoteRole::None,
    }
}

/// [`Sent::has_quote`] of `toks` loaded with `open_quote`, without the analysis: nothing
/// is marked quoted before the first opening mark unless a quotation is open at the start,
/// and then the first token is.
///
/// [`Sent::has_quote`]: super::Sent::has_quote
pub fn has_quote_in(text: &str, toks: &[Token], open_quote: bool) -> bool {
    !toks.is_empty()
        && (open_quote
            || toks
                .iter()
                .any(|t| t.kind == TokenKind::Punct && quote_role(text, *t) == QuoteRole::Open))
}

/// [`Sent::quoted`] of the first of `toks` loaded with `open_quote`, without the
/// analysis: a quotation open at the start, or an opening mark first.
///
/// [`Sent::quoted`]: super::Sent::quoted
pub fn first_quoted_in(text: &str, toks: &[Token], open_quote: bool) -> bool {
    toks.first().is_some_and(|&t| {
        open_quote || t.kind == TokenKind::Punct && quote_role(text, t) == QuoteRole::Open
    })
}

/// Is a quotation open at the end of `toks` (for the sentences that follow in a block)?
pub fn quote_open_after(text: &str, toks: &[Token], open_before: bool) -> bool {
    let mut depth: u32 = u32::from(open_before);
    for t in toks.iter().filter(|t| t.kind == TokenKind::Punct) {
        match quote_role(text, *t) {
            QuoteRole::Open => depth += 1,
            QuoteRole::Close => depth = depth.saturating_sub(1),
            QuoteRole::None => {}
        }
    }
    depth > 0
}
