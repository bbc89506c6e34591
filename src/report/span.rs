//! Where a finding starts and ends in its file's text, for the formats that
//! need more than [`Location`]'s line and column: SARIF (end line and column)
//! and rdjson (columns in UTF-8 bytes).

use std::collections::HashMap;

use crate::diagnostic::Location;
use crate::source::{self, LineIndex};
use crate::Audit;

/// A place in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in Unicode scalar values, as [`Location::column`].
    pub column: usize,
    /// 1-based column in UTF-8 bytes of the line as stored in the file (a
    /// UTF-8 BOM counts on the first line).
    pub byte_column: usize,
}

/// The start and, for findings with a length, the exclusive end of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Where the highlighted text starts.
    pub start: Position,
    /// Just past the highlighted text; `None` for a point.
    pub end: Option<Position>,
}

struct Text<'a> {
    text: &'a str,
    index: LineIndex,
    bom: bool,
}

/// The texts of the files findings are in, as the audit kept them
/// ([`Audit::source_text`]), line-indexed on demand.
pub struct Sources<'a> {
    audit: &'a Audit,
    texts: HashMap<String, Option<Text<'a>>>,
}

impl<'a> Sources<'a> {
    /// Indexes the texts `audit` kept, on demand.
    pub fn new(audit: &'a Audit) -> Self {
        Sources {
            audit,
            texts: HashMap::new(),
        }
    }

    /// The span of `location`, or `None` when the audit has no text of its
    /// file or the text does not match it (the start computed from the
    /// offset differs from the line and column the audit reported).
    pub fn span(&mut self, location: &Location) -> Option<Span> {
        let audit = self.audit;
        let text = self
            .texts
            .entry(location.file.clone())
            .or_insert_with(|| {
                let read = audit.sources.get(&location.file)?.as_ref()?;
                let (text, bom) = (read.text.as_str(), read.utf8_bom);
                let index = LineIndex::new(text);
                Some(Text { text, index, bom })
            })
            .as_ref()?;
        let end = location.offset.checked_add(location.len)?;
        if end > text.text.len() {
            return None;
        }
        let start = text.position(location.offset);
        if (start.line, start.column) != (location.line, location.column) {
            return None;
        }
        let end = (location.len > 0).then(|| text.position(end));
        Some(Span { start, end })
    }
}

impl Text<'_> {
    fn position(&self, offset: usize) -> Position {
        let offset = source::floor_char_boundary(self.text, offset);
        let (line, column) = self.index.position(self.text, offset);
        let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let bom = if line == 1 && self.bom { 3 } else { 0 };
        Position {
            line,
            column,
            byte_column: offset - line_start + 1 + bom,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str, bom: bool) -> Text<'_> {
        Text {
            text: s,
            index: LineIndex::new(s),
            bom,
        }
    }

    #[test]
    fn byte_columns_count_utf8_and_the_bom() {
        let t = text("a𐐀b\r\n定位 wx", false);
        let at = |needle: &str| t.position(t.text.find(needle).unwrap());
        assert_eq!(
            at("b"),
            Position {
                line: 1,
                column: 3,
                byte_column: 6
            }
        );
        assert_eq!(
            at("wx"),
            Position {
                line: 2,
                column: 4,
                byte_column: 8
            }
        );
        let t = text("wx\nwx", true);
        assert_eq!(t.position(0).byte_column, 4);
        assert_eq!(t.position(0).column, 1);
        assert_eq!(t.position(3).byte_column, 1);
    }
}
