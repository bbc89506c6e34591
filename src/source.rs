//! Source text handling shared by every stage: decoding file bytes to text and
//! turning byte offsets into 1-based line/column positions.

use std::cell::OnceCell;

/// The UTF-8 byte order mark. WeChat DevTools writes it on some Windows setups.
const BOM: &str = "\u{feff}";

/// Decodes file bytes into text: strips a UTF-8 BOM and replaces invalid UTF-8
/// sequences (legacy GBK files) with U+FFFD. Returns the text and whether the
/// bytes were valid UTF-8.
pub fn decode(bytes: &[u8]) -> (String, bool) {
    let (text, valid) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), true),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), false),
    };
    match text.strip_prefix(BOM) {
        Some(rest) => (rest.to_owned(), valid),
        None => (text, valid),
    }
}

/// Maps byte offsets of one text to 1-based lines and 1-based columns counted in
/// Unicode scalar values (what editors, SARIF `unicodeCodePoints` and GitHub use).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Built at the first lookup: most files of a project have nothing to
    /// report, and then their lines are never counted.
    lines: OnceCell<Lines>,
}

/// Where lines start, and column checkpoints in long lines.
#[derive(Debug, Clone)]
struct Lines {
    /// Byte offset where each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    /// In lines longer than [`CHECKPOINT`] bytes (minified bundles are one
    /// line), every `CHECKPOINT` bytes: (byte offset, chars from the line's
    /// start), so a column costs at most `CHECKPOINT` bytes of counting.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between column checkpoints of a long line.
const CHECKPOINT: usize = 4096;

impl LineIndex {
    /// The index of `text`, built from the text given to the first lookup
    /// (which must be `text`). Lines end at `\n`; a `\r` before it belongs to
    /// the line end.
    pub fn new(_text: &str) -> Self {
        Self {
            lines: OnceCell::new(),
        }
    }

    fn lines(&self, text: &str) -> &Lines {
        self.lines.get_or_init(|| Lines::new(text))
    }

    /// The 1-based line and column of byte `offset` in `text` (the text this
    /// index was built from). Offsets past the end clamp to the end.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let lines = self.lines(text);
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = lines.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = lines.line_starts[line];
        let checkpoint = lines
            .checkpoints
            .partition_point(|&(at, _)| at <= offset)
            .checked_sub(1)
            .map(|i| lines.checkpoints[i])
            .filter(|&(at, _)| at > start);
        let (from, before) = checkpoint.unwrap_or((start, 0));
        let column = before + text[from..offset].chars().count() + 1;
        (line + 1, column)
    }
}

impl Lines {
    fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(newlines(text));
        let mut checkpoints = Vec::new();
        let ends = line_starts.iter().skip(1).copied().chain([text.len()]);
        for (&start, end) in line_starts.iter().zip(ends) {
            if end - start <= CHECKPOINT {
                continue;
            }
            let (mut at, mut chars) = (start, 0);
            loop {
                let next = floor_char_boundary(text, at + CHECKPOINT);
                if next >= end || next <= at {
                    break;
                }
                chars += text[at..next].chars().count();
                checkpoints.push((next, chars));
                at = next;
            }
        }
        Self {
            line_starts,
            checkpoints,
        }
    }
}

/// The offsets after each `\n` (found with SIMD: every script and template is
/// indexed, megabytes of them).
fn newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)
}

/// The 1-based line and column of byte `offset` in `text`, for a single lookup
/// (no index is built; use [`LineIndex`] for many lookups in one text).
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    (line, text[line_start..offset].chars().count() + 1)
}

/// The largest char boundary `<= offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_and_handle_crlf() {
        let text = "a\r\n定位 wx.getLocation()\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        let at = text.find("getLocation").unwrap();
        assert_eq!(index.position(text, at), (2, 7));
        assert_eq!(index.position(text, text.len()), (3, 5));
        assert_eq!(index.position(text, text.len() + 10), (3, 5));
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                position(text, offset),
                index.position(text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn long_lines_count_columns_like_short_ones() {
        // A minified bundle: one long line of mixed-width characters, then more lines.
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(if i % 7 == 0 { "定位é" } else { "wx.a();" });
        }
        text.push_str("\nshort\r\n");
        text.push_str(&"ab定".repeat(2000));
        let index = LineIndex::new(&text);
        assert!(!index.lines(&text).checkpoints.is_empty());
        for offset in (0..=text.len() + 1).step_by(37).chain([0, text.len()]) {
            assert_eq!(
                index.position(&text, offset),
                position(&text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn decode_strips_bom_and_survives_invalid_utf8() {
        assert_eq!(decode(b"\xEF\xBB\xBFwx"), ("wx".to_owned(), true));
        let (text, valid) = decode(b"a\xB6\xA8b");
        assert!(!valid);
        assert!(text.starts_with('a') && text.ends_with('b'));
    }
}
