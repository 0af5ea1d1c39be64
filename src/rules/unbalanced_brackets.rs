use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Diagnostic, Severity};

pub struct UnbalancedBrackets;

static DOC: RuleDoc = RuleDoc {
    id: "unbalanced-brackets",
    summary: "a bracket left open, or closed without being opened, within a paragraph",
    default: on(Severity::Warning),
    flags: "An opening bracket ( [ { with no matching closing one before the paragraph ends, \
            a closing one that nothing opened, or a pair that does not match (\"(...]\"). \
            Enumerations such as \"a)\" and \"2)\" and emoticons are not brackets.",
    why: "A parenthesis left open swallows the rest of the paragraph: the reader cannot tell \
          where the aside ends.",
    example: "The plan (approved in March was delayed again.\n",
    instead: "The plan (approved in March) was delayed again.",
    fix: "None: only the writer knows where the aside ends.",
};

fn pair(close: char) -> char {
    match close {
        ')' => '(',
        ']' => '[',
        _ => '{',
    }
}

impl Rule for UnbalancedBrackets {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for block in &doc.blocks {
            let text = &doc.prose[block.range.clone()];
            let mut stack: Vec<(usize, char)> = Vec::new();
            // Only brackets matter, and they are ASCII (no byte of a longer character): go
            // from one to the next, reading the two characters before each from the text.
            let brackets = text
                .bytes()
                .enumerate()
                .filter(|&(_, b)| matches!(b, b'(' | b')' | b'[' | b']' | b'{' | b'}'));
            for (i, b) in brackets {
                let c = char::from(b);
                let mut before = text[..i].chars().rev();
                let prev = before.next();
                let prev2 = before.next();
                let at = block.range.start + i;
                match c {
                    '(' | '[' | '{' => stack.push((at, c)),
                    ')' | ']' | '}' => {
                        // "a)", "2)", "iv)" as list markers inside a paragraph; ":)" smileys.
                        let marker = c == ')'
                            && prev.is_some_and(|p| p.is_alphanumeric())
                            && prev2.is_none_or(|p| p.is_whitespace() || p == '(')
                            && !stack.iter().any(|&(_, o)| o == '(');
                        let smiley = prev.is_some_and(|p| matches!(p, ':' | ';'));
                        if marker || smiley {
                        } else if stack.last().is_some_and(|&(_, o)| o == pair(c)) {
                            stack.pop();
                        } else if let Some(&(open_at, open)) = stack.last() {
                            stack.pop();
                            out.push(
                                Diagnostic::new(
                                    DOC.id,
                                    at..at + 1,
                                    format!("'{c}' closes the '{open}' opened earlier"),
                                )
                                .label(open_at..open_at + 1, "opened here"),
                            );
                        } else {
                            out.push(
                                Diagnostic::new(
                                    DOC.id,
                                    at..at + 1,
                                    format!("closing '{c}' with no opening '{}'", pair(c)),
                                )
                                .help("add the opening bracket where the aside begins, or delete this one"),
                            );
                        }
                    }
                    _ => {}
                }
            }
            for (at, open) in stack {
                let end = block.range.end;
                let last = doc.source[..end]
                    .chars()
                    .next_back()
                    .map_or(1, char::len_utf8);
                out.push(
                    Diagnostic::new(DOC.id, at..at + 1, format!("'{open}' is never closed"))
                        .label(end - last..end, "the paragraph ends here")
                        .help("close the bracket where the aside ends"),
                );
            }
        }
    }
}
