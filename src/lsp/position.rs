//! Byte offsets ↔ LSP positions.
//!
//! galley's findings are byte ranges into UTF-8 text; an LSP position is a 0-based line and
//! a column counted in the units the client and server agreed on at `initialize`: UTF-16
//! code units (the protocol's default, what VS Code and Neovim use) or UTF-8 bytes. Lines
//! end at `\n`, `\r\n` or a lone `\r`, as the protocol says, whatever the Markdown parser
//! makes of a lone `\r`.

use std::cell::Cell;

use lsp_types::{Position, PositionEncodingKind, Range};

/// How a position's `character` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// Code units of UTF-16: two for a character outside the Basic Multilingual Plane.
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion at all), else UTF-16, which every
    /// client must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// The line starts of one text, for converting in both directions.
pub struct LineMap<'a> {
    text: &'a str,
    /// Byte offset of each line's first byte; the first is 0.
    starts: Vec<usize>,
    encoding: Encoding,
    /// The last offset converted and its column: findings come in reading order, so the
    /// next one on the same line counts on (or back) from there, and a line of a megabyte
    /// with many findings costs one pass, not one per finding.
    last: Cell<(usize, usize)>,
}

impl<'a> LineMap<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> LineMap<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineMap {
            text,
            starts,
            encoding,
            last: Cell::new((usize::MAX, 0)),
        }
    }

    /// The position of a byte offset (clamped to the text and moved back to a character
    /// boundary, so that no finding can put the client out of range).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => {
                let next = self
                    .starts
                    .get(line + 1)
                    .map_or(self.text.len() + 1, |&n| n);
                match self.last.get() {
                    (last, units) if (start..=offset).contains(&last) => {
                        units + utf16_len(&self.text[last..offset])
                    }
                    // Back a little on the same line (findings overlap: "the the the").
                    (last, units) if (offset..next).contains(&last) => {
                        units - utf16_len(&self.text[offset..last])
                    }
                    _ => utf16_len(&self.text[start..offset]),
                }
            }
        };
        self.last.set((offset, character));
        Position::new(to_u32(line), to_u32(character))
    }

    pub fn range(&self, bytes: &std::ops::Range<usize>) -> Range {
        Range::new(self.position(bytes.start), self.position(bytes.end))
    }

    /// The byte offset of a position. A line past the end gives the end of the text; a
    /// column past the line's end gives the line's end (before its line break), and one
    /// inside a character (half of a surrogate pair, a byte within a UTF-8 sequence) gives
    /// that character's start, as the protocol asks.
    pub fn offset(&self, pos: Position) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let end = self.line_end(line);
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in self.text[start..end].char_indices() {
            let next = units + self.encoding.width(c);
            if next > want {
                return start + i;
            }
            units = next;
        }
        end
    }

    pub fn byte_range(&self, range: Range) -> std::ops::Range<usize> {
        let start = self.offset(range.start);
        let end = self.offset(range.end).max(start);
        start..end
    }

    /// Where line `line`'s text ends: before its `\n`, `\r\n` or `\r`.
    fn line_end(&self, line: usize) -> usize {
        let Some(&next) = self.starts.get(line + 1) else {
            return self.text.len();
        };
        let bytes = self.text.as_bytes();
        let mut end = next;
        if end > 0 && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > 0 && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        end
    }
}

/// UTF-16 code units of `s`: one per character, two for one outside the Basic Multilingual
/// Plane (the only characters of four UTF-8 bytes).
fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.chars().map(char::len_utf16).sum()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn non_ascii_text_before_a_finding_on_the_same_line_counts_in_utf16_units() {
        // 'ë' is 2 bytes and 1 unit, '’' 3 bytes and 1 unit, the chart emoji 4 bytes and 2
        // units (a surrogate pair).
        let text = "# Title\nZoë’s 📈 count was initially reporte by the agency.\n";
        let start = text.find("reporte").unwrap();
        let end = start + "reporte".len();
        assert_eq!(start - 8, 34); // bytes into the line
        let utf16 = LineMap::new(text, Encoding::Utf16);
        assert_eq!(
            utf16.range(&(start..end)),
            Range::new(pos(1, 29), pos(1, 36))
        );
        assert_eq!(
            utf16.byte_range(Range::new(pos(1, 29), pos(1, 36))),
            start..end
        );
        let utf8 = LineMap::new(text, Encoding::Utf8);
        assert_eq!(
            utf8.range(&(start..end)),
            Range::new(pos(1, 34), pos(1, 41))
        );
        assert_eq!(
            utf8.byte_range(Range::new(pos(1, 34), pos(1, 41))),
            start..end
        );
    }

    #[test]
    fn every_character_boundary_goes_there_and_back() {
        let text = "a\u{10000}b\r\né\rc\n\n𝔸x";
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let map = LineMap::new(text, enc);
            for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let p = map.position(i);
                let back = map.offset(p);
                // A line break's own bytes map to the end of its line.
                let expect = if text[..i].ends_with('\r') && text[i..].starts_with('\n') {
                    i - 1
                } else {
                    i
                };
                assert_eq!(back, expect, "{enc:?} offset {i} -> {p:?}");
            }
        }
    }

    #[test]
    fn counting_on_from_the_last_position_gives_the_same_columns() {
        let text = "Zoë 📈 ".repeat(50) + "\nab📈c";
        let fresh = |i| LineMap::new(&text, Encoding::Utf16).position(i);
        let map = LineMap::new(&text, Encoding::Utf16);
        // Forwards, backwards and across lines, against a map that has seen nothing.
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &i in offsets.iter().chain(offsets.iter().rev()).step_by(3) {
            assert_eq!(map.position(i), fresh(i), "offset {i}");
        }
    }

    #[test]
    fn line_breaks_of_every_kind_start_a_line() {
        let map = LineMap::new("a\r\nb\rc\nd", Encoding::Utf16);
        assert_eq!(map.position(3), pos(1, 0));
        assert_eq!(map.position(5), pos(2, 0));
        assert_eq!(map.position(7), pos(3, 0));
        assert_eq!(map.offset(pos(0, 9)), 1);
        assert_eq!(map.offset(pos(3, 1)), 8);
    }

    #[test]
    fn out_of_range_positions_and_offsets_are_clamped() {
        let text = "ab📈\ncd";
        let map = LineMap::new(text, Encoding::Utf16);
        assert_eq!(map.offset(pos(7, 0)), text.len());
        assert_eq!(map.offset(pos(0, 99)), "ab📈".len());
        // Between the two halves of the surrogate pair: the emoji's start.
        assert_eq!(map.offset(pos(0, 3)), 2);
        // Inside the emoji's bytes, or past the end.
        assert_eq!(map.position(4), pos(0, 2));
        assert_eq!(map.position(1000), pos(1, 2));
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF16])),
            Encoding::Utf16
        );
        assert_eq!(
            Encoding::negotiate(Some(&[
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8
            ])),
            Encoding::Utf8
        );
    }
}
