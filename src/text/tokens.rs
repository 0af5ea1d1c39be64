use std::ops::Range;
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}
impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }
}
pub fn tokenize_into(text: &str, range: Range<usize>, out: &mut Vec<Token>) {
    let s = &text[range.clone()];
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' {
            start.get_or_insert(i);
            continue;
        }
        if let Some(st) = start.take() {
            out.push(Token {
                start: range.start + st,
                end: range.start + i,
                kind: TokenKind::Word,
            });
        }
        if !c.is_whitespace() {
            out.push(Token {
                start: range.start + i,
                end: range.start + i + c.len_utf8(),
                kind: TokenKind::Punct,
            });
        }
    }
    if let Some(st) = start {
        out.push(Token {
            start: range.start + st,
            end: range.end,
            kind: TokenKind::Word,
        });
    }
}
