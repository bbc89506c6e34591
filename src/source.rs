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

/// The default of `--max-file-size`: files larger than this are not read.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// How many leading bytes are searched for a NUL byte to tell a binary file
/// (git and ripgrep look at about as many).
const BINARY_SNIFF: usize = 8000;

/// The text of a file, decoded for the audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The text, BOM stripped, invalid UTF-8 replaced with U+FFFD.
    pub text: String,
    /// When the bytes were not UTF-8: what they were, and where (a byte
    /// offset in [`Text::text`]) the first byte that is not UTF-8 is.
    pub not_utf8: Option<NotUtf8>,
    /// Whether the file starts with a UTF-8 byte order mark (stripped from
    /// [`Text::text`]).
    pub utf8_bom: bool,
}

/// How a file's bytes differ from UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotUtf8 {
    /// Invalid UTF-8 (a legacy encoding such as GBK): the first invalid byte,
    /// its offset in the decoded text, where it is now U+FFFD.
    Invalid {
        /// The first byte that is not UTF-8.
        byte: u8,
        /// Its offset in the decoded text.
        offset: usize,
    },
    /// UTF-16 with a byte order mark, decoded as such.
    Utf16 {
        /// `UTF-16LE` or `UTF-16BE`.
        encoding: &'static str,
    },
}

/// Why a file's text was not read.
#[derive(Debug)]
pub enum Unread {
    /// Larger than the limit: its size in bytes.
    TooLarge(u64),
    /// A NUL byte near the start, not UTF-16: a binary file. The offset of
    /// the first NUL, and its 1-based line and column.
    Binary {
        /// Byte offset of the first NUL in the text decoded up to it (a
        /// UTF-8 BOM stripped), as for other locations.
        offset: usize,
        /// Its 1-based line.
        line: usize,
        /// Its 1-based column.
        column: usize,
    },
    /// The file could not be read (permissions, removed, a broken link).
    Io(std::io::Error),
}

/// Reads a file as text: its size is checked before it is read (`max` bytes
/// at most), a NUL byte in its first 8000 bytes marks it binary (unless it
/// starts with a UTF-16 byte order mark), and whatever is not UTF-8 is
/// decoded lossily ([`decode`]) and noted in [`Text::not_utf8`].
pub fn read(path: &std::path::Path, max: u64) -> Result<Text, Unread> {
    let metadata = std::fs::metadata(path).map_err(Unread::Io)?;
    if !metadata.is_file() {
        // A named pipe or a device (through a link) would block or never end.
        return Err(Unread::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        )));
    }
    let size = metadata.len();
    if size > max {
        return Err(Unread::TooLarge(size));
    }
    let bytes = std::fs::read(path).map_err(Unread::Io)?;
    if bytes.len() as u64 > max {
        // It grew since the metadata was read.
        return Err(Unread::TooLarge(bytes.len() as u64));
    }
    text_of(&bytes)
}

/// Decodes file bytes as [`read`] does.
pub fn text_of(bytes: &[u8]) -> Result<Text, Unread> {
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some(("UTF-16LE", u16::from_le_bytes as fn([u8; 2]) -> u16)),
        [0xFE, 0xFF, ..] => Some(("UTF-16BE", u16::from_be_bytes as fn([u8; 2]) -> u16)),
        _ => None,
    };
    if let Some((encoding, unit)) = utf16 {
        let units = bytes[2..].chunks(2).map(|pair| match pair {
            [a, b] => unit([*a, *b]),
            // An odd trailing byte.
            _ => 0xFFFD,
        });
        let text = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        return Ok(Text {
            text,
            not_utf8: Some(NotUtf8::Utf16 { encoding }),
            utf8_bom: false,
        });
    }
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF)];
    if let Some(offset) = memchr::memchr(0, sniff) {
        let before = String::from_utf8_lossy(&bytes[..offset]);
        let before = before.strip_prefix(BOM).unwrap_or(&before);
        let (line, column) = position(before, before.len());
        return Err(Unread::Binary {
            offset: before.len(),
            line,
            column,
        });
    }
    // Valid UTF-8 (nearly every file) is checked once and copied once.
    let (text, not_utf8) = match std::str::from_utf8(bytes) {
        Ok(valid) => (valid.strip_prefix(BOM).unwrap_or(valid).to_owned(), None),
        Err(err) => {
            let at = err.valid_up_to();
            let bom = if bytes.starts_with(BOM.as_bytes()) && at >= BOM.len() {
                BOM.len()
            } else {
                0
            };
            let invalid = NotUtf8::Invalid {
                byte: bytes[at],
                offset: at - bom,
            };
            (decode(bytes).0, Some(invalid))
        }
    };
    Ok(Text {
        text,
        not_utf8,
        utf8_bom: bytes.starts_with(BOM.as_bytes()),
    })
}

/// Reads a file of the audited project back for a report's snippets, as the
/// audit decoded it; `None` for a file the audit did not read (over `max`
/// bytes, binary, unreadable).
pub fn read_back(path: &std::path::Path, max: u64) -> Option<Text> {
    read(path, max).ok()
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
    fn text_of_notes_what_is_not_utf8_and_where() {
        let plain = text_of(b"\xEF\xBB\xBFwx.getLocation()").unwrap();
        assert_eq!(
            plain,
            Text {
                text: "wx.getLocation()".to_owned(),
                not_utf8: None,
                utf8_bom: true
            }
        );
        // GBK `定位` after a BOM: the offset is in the text, BOM stripped.
        let gbk = text_of(b"\xEF\xBB\xBF// \xB6\xA8\xCE\xBB\nwx").unwrap();
        assert_eq!(
            gbk.not_utf8,
            Some(NotUtf8::Invalid {
                byte: 0xB6,
                offset: 3
            })
        );
        assert_eq!(&gbk.text[3..6], "\u{FFFD}");
        assert!(gbk.text.ends_with("\nwx"));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("wx.定位".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("wx.定位".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for (bytes, encoding) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let text = text_of(&bytes).unwrap();
            assert_eq!(text.text, "wx.定位");
            assert_eq!(text.not_utf8, Some(NotUtf8::Utf16 { encoding }));
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
    fn a_nul_byte_near_the_start_is_a_binary_file() {
        match text_of(b"\x89PNG\r\n\x1a\n\x00\x00") {
            Err(Unread::Binary {
                offset,
                line,
                column,
            }) => assert_eq!((offset, line, column), (10, 3, 1)),
            other => panic!("{other:?}"),
        }
        // Past the first 8000 bytes a NUL is text (a minified string).
        let mut late = vec![b'a'; BINARY_SNIFF];
        late.push(0);
        assert!(text_of(&late).is_ok());
    }

    #[test]
    fn read_checks_the_size_before_reading() {
        let dir = std::env::temp_dir().join(format!("mpaudit-source-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.js");
        std::fs::write(&path, "x".repeat(100)).unwrap();
        assert!(matches!(read(&path, 99), Err(Unread::TooLarge(100))));
        assert_eq!(read(&path, 100).unwrap().text.len(), 100);
        assert!(read_back(&path, 99).is_none());
        assert!(matches!(read(&dir, 1000), Err(Unread::Io(_))), "a folder");
        assert!(matches!(
            read(&dir.join("gone.js"), 1000),
            Err(Unread::Io(_))
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn decode_strips_bom_and_survives_invalid_utf8() {
        assert_eq!(decode(b"\xEF\xBB\xBFwx"), ("wx".to_owned(), true));
        let (text, valid) = decode(b"a\xB6\xA8b");
        assert!(!valid);
        assert!(text.starts_with('a') && text.ends_with('b'));
    }
}

/// What a walked file is, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.js`
    Js,
    /// `.ts` (not `.d.ts`)
    Ts,
    /// `.wxs`, WeChat's script dialect (parsed as JS)
    Wxs,
    /// `.json`
    Json,
    /// `.wxml` templates
    Wxml,
    /// `.jsx` (JS with JSX, as Taro sources write it)
    Jsx,
    /// `.tsx` (TypeScript with JSX)
    Tsx,
    /// Single-file components: `.vue`, and the extensions of the framework
    /// table (`.nvue`, `.uvue`, `.wpy`, `.mpx`): `<script>` and `<template>`
    /// blocks
    Vue,
    /// `.uts`, uni-app x's script language, parsed as TypeScript where it can be
    Uts,
}
