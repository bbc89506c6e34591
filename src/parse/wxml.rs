//! WXML reading: a tolerant tokenizer for WeChat's HTML-like template language.
//!
//! [`read`] turns the text of a `.wxml` file into the list of its start tags
//! ([`Element`]s, with their attributes as written), the bodies of its inline
//! `<wxs>` scripts ([`Script`]s) and the markup problems it met
//! ([`WxmlError`]s). It builds no tree: an element knows only its nesting
//! depth. Text content, `{{ }}` expressions in text and `<!-- -->` comments
//! are skipped.
//!
//! The reader never fails and never panics: broken markup (unclosed or stray
//! tags, unterminated quotes or comments) is reported and reading goes on. It
//! does not recurse (nesting is an explicit stack) and runs in time linear in
//! the text, so very deep or very large files are fine.
//!
//! Positions are byte offsets into the text; turn them into lines and columns
//! with [`crate::source::LineIndex`]. Names and values are kept exactly as
//! written: names are case-sensitive and values are not entity-decoded. They
//! borrow the text ([`Cow::Borrowed`]) rather than copy it: a large project
//! has hundreds of thousands of them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Tags that never have content, so a start tag without `/>` and without an
/// end tag is not unclosed. Their end tags (`<image></image>`) are accepted
/// and ignored. A `<wxs>` with a `src` attribute is treated the same way
/// unless its end tag follows right away.
pub const VOID_TAGS: &[&str] = &[
    "input", "image", "icon", "import", "include", "progress", "br", "hr", "img", "meta", "link",
];

/// One start tag, e.g. `<button open-type="getPhoneNumber">`, borrowing the
/// text it was read from (`'a`); JSX and Vue templates build owned ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element<'a> {
    /// The tag name as written (case-sensitive), e.g. `button`.
    pub name: Cow<'a, str>,
    /// Byte offset of the name (just after the `<`).
    pub name_offset: usize,
    /// The attributes in source order, duplicates included.
    pub attrs: Vec<Attr<'a>>,
    /// Whether the tag ends with `/>`.
    pub self_closing: bool,
    /// How many elements enclose this one (0 at top level). Void and
    /// self-closing elements enclose nothing.
    pub depth: usize,
}

impl<'a> Element<'a> {
    /// The first attribute named exactly `name` (case-sensitive).
    pub fn attr(&self, name: &str) -> Option<&Attr<'a>> {
        self.attrs.iter().find(|a| a.name == name)
    }

    /// The first attribute, in source order, whose name is exactly one of
    /// `names`, e.g. `&["open-type", "openType"]`.
    pub fn attr_any(&self, names: &[&str]) -> Option<&Attr<'a>> {
        self.attrs.iter().find(|a| names.contains(&&*a.name))
    }
}

/// One attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr<'a> {
    /// The name as written, e.g. `bind:tap`, `wx:if`, `@tap`, `open-type`.
    pub name: Cow<'a, str>,
    /// Byte offset of the name.
    pub name_offset: usize,
    /// The raw value without its quotes (`{{ }}` kept, entities not decoded);
    /// `None` for a bare attribute like `disabled` or a missing value.
    pub value: Option<Cow<'a, str>>,
    /// Byte offset of the first character inside the quotes, or of an
    /// unquoted value; `None` when there is no value.
    pub value_offset: Option<usize>,
    /// Length of the value in bytes (0 when there is none).
    pub value_len: usize,
}

/// A markup problem, as a byte range of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WxmlError {
    /// Byte offset in the text.
    pub offset: usize,
    /// Length in bytes.
    pub len: usize,
    /// What is wrong, e.g. "unclosed `<view>`".
    pub message: String,
}

/// The body of an inline `<wxs>` script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    /// Byte offset of the body's first character (just after the start tag).
    pub offset: usize,
    /// The raw body, up to `</wxs` (or the end of the text when unclosed).
    pub text: String,
    /// The `module` attribute's value, if any.
    pub module: Option<String>,
}

/// A `<!-- -->` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Byte offset of the `<!--`.
    pub offset: usize,
    /// Length in bytes, delimiters included.
    pub len: usize,
    /// The text between `<!--` and `-->`.
    pub text: String,
}

/// Everything read from one WXML text (`'a`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document<'a> {
    /// Every start tag, in source order.
    pub elements: Vec<Element<'a>>,
    /// Inline `<wxs>` bodies that are not just whitespace, in source order.
    pub scripts: Vec<Script>,
    /// Markup problems, sorted by offset.
    pub errors: Vec<WxmlError>,
    /// Comments, in source order (uni-app's `<!-- #ifdef -->` directives live there).
    pub comments: Vec<Comment>,
}

/// Reads `text` (already BOM-stripped). Never fails: problems go to
/// [`Document::errors`] and reading continues where it sensibly can.
pub fn read(text: &str) -> Document<'_> {
    Reader::new(text).run()
}

/// A fast hasher for tag names (the Fx hash of rustc): every start and end
/// tag updates a count, and tag names are short and not hostile.
#[derive(Default)]
struct NameHasher(u64);

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// An element waiting for its end tag.
struct Open<'a> {
    name: &'a str,
    name_offset: usize,
}

/// How a start tag ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagEnd {
    /// With `>`.
    Closed,
    /// With `/>`.
    SelfClosed,
    /// Without `>`, at the `<` of the next tag.
    Cut,
    /// At the end of the text.
    Eof,
}

/// Where an attribute value lies and where reading goes on.
struct Value {
    /// Byte range of the raw value, when there is one.
    range: Option<(usize, usize)>,
    /// Where the tag continues.
    next: usize,
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    doc: Document<'a>,
    stack: Vec<Open<'a>>,
    /// How many times each name is on `stack`, so an end tag finds (or
    /// misses) its element without scanning the stack.
    open_counts: HashMap<&'a str, usize, BuildHasherDefault<NameHasher>>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            doc: Document::default(),
            stack: Vec::new(),
            open_counts: HashMap::default(),
        }
    }

    fn run(mut self) -> Document<'a> {
        while self.pos < self.bytes.len() {
            match self.bytes[self.pos] {
                b'<' => self.markup(),
                b'{' if self.at(self.pos + 1) == Some(b'{') => {
                    // A `{{ }}` expression in text may hold `<`: skip it whole.
                    self.pos = self.expression_end(self.pos + 2).unwrap_or(self.pos + 2);
                }
                // Text: on to the next `<` or `{`.
                _ => {
                    self.pos = memchr::memchr2(b'<', b'{', &self.bytes[self.pos + 1..])
                        .map_or(self.bytes.len(), |i| self.pos + 1 + i);
                }
            }
        }
        for open in std::mem::take(&mut self.stack) {
            self.error(
                open.name_offset,
                open.name.len(),
                format!("unclosed `<{}>`", open.name),
            );
        }
        self.doc.errors.sort_by_key(|e| e.offset);
        self.doc
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    fn error(&mut self, offset: usize, len: usize, message: String) {
        self.doc.errors.push(WxmlError {
            offset,
            len,
            message,
        });
    }

    /// At a `<`: a comment, an end tag, a start tag, or just text.
    fn markup(&mut self) {
        let lt = self.pos;
        if self.bytes[lt..].starts_with(b"<!--") {
            self.comment();
        } else if self.at(lt + 1) == Some(b'/') && self.at(lt + 2).is_some_and(is_name_start) {
            self.end_tag();
        } else if self.at(lt + 1).is_some_and(is_name_start) {
            self.start_tag();
        } else {
            // `a < b`, `a <= b`, `<!DOCTYPE`: text.
            self.pos += 1;
        }
    }

    fn comment(&mut self) {
        let start = self.pos;
        match self.text[start + 4..].find("-->") {
            Some(i) => {
                self.pos = start + 4 + i + 3;
                self.doc.comments.push(Comment {
                    offset: start,
                    len: i + 7,
                    text: self.text[start + 4..start + 4 + i].to_owned(),
                });
            }
            None => {
                self.error(
                    start,
                    4,
                    "unterminated comment: `<!--` has no `-->`, the rest of the file is ignored"
                        .to_owned(),
                );
                self.pos = self.bytes.len();
            }
        }
    }

    /// The end of the name starting at `from`.
    fn name_end(&self, from: usize) -> usize {
        let mut i = from;
        while i < self.bytes.len() && !is_delimiter(self.bytes[i]) {
            i += 1;
        }
        i
    }

    fn skip_space(&self, from: usize) -> usize {
        let mut i = from;
        while i < self.bytes.len() && is_space(self.bytes[i]) {
            i += 1;
        }
        i
    }

    /// The offset just after the `}}` closing an expression whose body starts
    /// at `from`, if a `}}` comes before any other `{{`. Stopping at the next
    /// `{{` bounds the damage of a missing `}}` and keeps reading linear.
    fn expression_end(&self, from: usize) -> Option<usize> {
        let mut i = from;
        while i + 1 < self.bytes.len() {
            match (self.bytes[i], self.bytes[i + 1]) {
                (b'}', b'}') => return Some(i + 2),
                (b'{', b'{') => return None,
                _ => i += 1,
            }
        }
        None
    }

    fn end_tag(&mut self) {
        let text = self.text;
        let lt = self.pos;
        let name_start = lt + 2;
        let name_end = self.name_end(name_start);
        let name = &text[name_start..name_end];
        let mut i = name_end;
        while i < self.bytes.len() && self.bytes[i] != b'>' && self.bytes[i] != b'<' {
            i += 1;
        }
        let end = if self.at(i) == Some(b'>') {
            i + 1
        } else {
            self.error(
                lt,
                name_end - lt,
                format!("end tag `</{name}` is missing its closing `>`"),
            );
            i
        };
        self.pos = end;
        self.close(name, lt, end - lt);
    }

    /// Closes the innermost open `name`, reporting the elements it skips as
    /// unclosed; reports the end tag as stray when no `name` is open.
    fn close(&mut self, name: &'a str, offset: usize, len: usize) {
        if self.open_counts.get(name).copied().unwrap_or(0) == 0 {
            if !is_void(name) {
                self.error(
                    offset,
                    len,
                    format!("stray `</{name}>` with no open `<{name}>`"),
                );
            }
            return;
        }
        while let Some(top) = self.stack.pop() {
            if let Some(count) = self.open_counts.get_mut(top.name) {
                *count = count.saturating_sub(1);
            }
            if top.name == name {
                break;
            }
            self.error(
                top.name_offset,
                top.name.len(),
                format!("unclosed `<{}>` before `</{name}>`", top.name),
            );
        }
    }

    fn push(&mut self, name: &'a str, name_offset: usize) {
        *self.open_counts.entry(name).or_insert(0) += 1;
        self.stack.push(Open { name, name_offset });
    }

    fn start_tag(&mut self) {
        let text = self.text;
        let name_start = self.pos + 1;
        let name_end = self.name_end(name_start);
        let name = &text[name_start..name_end];
        let mut attrs = Vec::new();
        // Set once a problem has been reported that also explains a missing `>`.
        let mut reported = false;
        let mut i = name_end;
        let end = loop {
            i = self.skip_space(i);
            let Some(b) = self.at(i) else {
                if !reported {
                    self.error(
                        name_start,
                        name.len(),
                        format!("`<{name}` is missing its closing `>`"),
                    );
                }
                break TagEnd::Eof;
            };
            match b {
                b'>' => {
                    i += 1;
                    break TagEnd::Closed;
                }
                b'/' if self.at(i + 1) == Some(b'>') => {
                    i += 2;
                    break TagEnd::SelfClosed;
                }
                b'/' => i += 1,
                b'<' => {
                    self.error(
                        name_start,
                        name.len(),
                        format!("`<{name}` is missing its closing `>`"),
                    );
                    break TagEnd::Cut;
                }
                b'"' | b'\'' | b'=' => {
                    // A value without a name: report it and skip it.
                    self.error(
                        i,
                        1,
                        format!("attribute value without a name in `<{name}>`"),
                    );
                    let from = if b == b'=' { self.skip_space(i + 1) } else { i };
                    let value = self.value(from, &mut reported);
                    i = value.next.max(i + 1);
                }
                _ => {
                    let attr_start = i;
                    let attr_end = self.name_end(i);
                    let attr_name = &self.text[attr_start..attr_end];
                    let after = self.skip_space(attr_end);
                    let mut range = None;
                    i = attr_end;
                    if self.at(after) == Some(b'=') {
                        let value = self.value(self.skip_space(after + 1), &mut reported);
                        if value.range.is_none() {
                            self.error(
                                attr_start,
                                attr_name.len(),
                                format!("attribute `{attr_name}` has `=` but no value"),
                            );
                        }
                        range = value.range;
                        i = value.next;
                    }
                    attrs.push(Attr {
                        name: Cow::Borrowed(attr_name),
                        name_offset: attr_start,
                        value: range.map(|(s, e)| Cow::Borrowed(&text[s..e])),
                        value_offset: range.map(|(s, _)| s),
                        value_len: range.map_or(0, |(s, e)| e - s),
                    });
                }
            }
        };
        self.pos = i;
        let element = Element {
            name: Cow::Borrowed(name),
            name_offset: name_start,
            attrs,
            self_closing: end == TagEnd::SelfClosed,
            depth: self.stack.len(),
        };
        let has_src = element.attr("src").is_some();
        let module = element
            .attr("module")
            .and_then(|a| a.value.as_deref())
            .map(str::to_owned);
        self.doc.elements.push(element);
        match end {
            TagEnd::SelfClosed | TagEnd::Eof => {}
            TagEnd::Closed if name == "wxs" && has_src => {
                // `<wxs src=".." module="m">`: void unless `</wxs>` follows.
                if self.is_wxs_end(self.skip_space(i)) {
                    self.push(name, name_start);
                }
            }
            TagEnd::Closed if name == "wxs" => self.wxs_body(name_start, module),
            _ if is_void(name) => {}
            _ => self.push(name, name_start),
        }
    }

    /// Reads a value starting at `from` (just after `=` and any space).
    fn value(&mut self, from: usize, reported: &mut bool) -> Value {
        let Some(b) = self.at(from) else {
            return Value {
                range: None,
                next: from,
            };
        };
        match b {
            b'"' | b'\'' => {
                let quote = b as char;
                match memchr::memchr(b, &self.bytes[from + 1..]) {
                    Some(len) => Value {
                        range: Some((from + 1, from + 1 + len)),
                        next: from + 1 + len + 1,
                    },
                    None => {
                        *reported = true;
                        self.error(
                            from,
                            1,
                            format!(
                                "unterminated attribute value: `{quote}` has no closing `{quote}`"
                            ),
                        );
                        // Resume at the next `>`, which then ends the tag.
                        let end = self.text[from + 1..]
                            .find('>')
                            .map_or(self.bytes.len(), |i| from + 1 + i);
                        Value {
                            range: Some((from + 1, end)),
                            next: end,
                        }
                    }
                }
            }
            b'>' | b'<' => Value {
                range: None,
                next: from,
            },
            b'/' if self.at(from + 1) == Some(b'>') => Value {
                range: None,
                next: from,
            },
            _ => {
                let mut i = from;
                while let Some(b) = self.at(i) {
                    match b {
                        b'{' if self.at(i + 1) == Some(b'{') => {
                            i = self.expression_end(i + 2).unwrap_or(i + 2);
                        }
                        b'>' | b'<' => break,
                        b'/' if self.at(i + 1) == Some(b'>') => break,
                        _ if is_space(b) => break,
                        _ => i += 1,
                    }
                }
                Value {
                    range: Some((from, i)),
                    next: i,
                }
            }
        }
    }

    /// Whether an end tag `</wxs` (not `</wxsfoo`) starts at `i`.
    fn is_wxs_end(&self, i: usize) -> bool {
        self.bytes[i.min(self.bytes.len())..].starts_with(b"</wxs")
            && self.at(i + 5).is_none_or(is_delimiter)
    }

    /// Reads an inline `<wxs>` body as raw text up to `</wxs`, which the main
    /// loop then reads as the end tag.
    fn wxs_body(&mut self, name_offset: usize, module: Option<String>) {
        let start = self.pos;
        let mut from = start;
        let end = loop {
            match self.text[from..].find("</wxs") {
                Some(i) if self.is_wxs_end(from + i) => break Some(from + i),
                Some(i) => from += i + 5,
                None => break None,
            }
        };
        let body_end = end.unwrap_or(self.bytes.len());
        let body = &self.text[start..body_end];
        if !body.trim().is_empty() {
            self.doc.scripts.push(Script {
                offset: start,
                text: body.to_owned(),
                module,
            });
        }
        match end {
            Some(end) => {
                self.push("wxs", name_offset);
                self.pos = end;
            }
            None => {
                self.error(name_offset, 3, "unclosed `<wxs>`".to_owned());
                self.pos = self.bytes.len();
            }
        }
    }
}

/// Whether `name` is one of [`VOID_TAGS`].
pub fn is_void(name: &str) -> bool {
    VOID_TAGS.contains(&name)
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Bytes that end a tag or attribute name.
fn is_delimiter(b: u8) -> bool {
    is_space(b) || matches!(b, b'/' | b'>' | b'<' | b'=' | b'"' | b'\'')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::LineIndex;

    /// The names of every element, in order.
    fn names<'d>(doc: &'d Document<'_>) -> Vec<&'d str> {
        doc.elements.iter().map(|e| &*e.name).collect()
    }

    /// The messages of every error, in order.
    fn messages<'d>(doc: &'d Document<'_>) -> Vec<&'d str> {
        doc.errors.iter().map(|e| e.message.as_str()).collect()
    }

    /// The value of `attr` on the first element named `tag`.
    fn value<'d>(doc: &'d Document<'_>, tag: &str, attr: &str) -> Option<&'d str> {
        doc.elements
            .iter()
            .find(|e| e.name == tag)?
            .attr(attr)?
            .value
            .as_deref()
    }

    /// Checks that every offset of `doc` points at what it claims to.
    fn assert_offsets(text: &str, doc: &Document) {
        for e in &doc.elements {
            assert_eq!(&text[e.name_offset..e.name_offset + e.name.len()], e.name);
            assert_eq!(&text[e.name_offset - 1..e.name_offset], "<");
            for a in &e.attrs {
                assert_eq!(&text[a.name_offset..a.name_offset + a.name.len()], a.name);
                match (&a.value, a.value_offset) {
                    (Some(v), Some(at)) => {
                        assert_eq!(v.len(), a.value_len);
                        assert_eq!(&text[at..at + a.value_len], v);
                    }
                    (None, None) => assert_eq!(a.value_len, 0),
                    other => panic!("value and offset disagree: {other:?}"),
                }
            }
        }
        for s in &doc.scripts {
            assert_eq!(&text[s.offset..s.offset + s.text.len()], s.text);
        }
        for err in &doc.errors {
            assert!(err.offset + err.len <= text.len());
            assert!(text.is_char_boundary(err.offset));
        }
        assert!(doc.errors.windows(2).all(|w| w[0].offset <= w[1].offset));
    }

    #[test]
    fn empty_file() {
        assert_eq!(read(""), Document::default());
        assert_eq!(read("  \r\n\t"), Document::default());
    }

    #[test]
    fn only_a_comment() {
        let doc = read("<!-- nothing here -->");
        assert_eq!(
            doc.comments,
            [Comment {
                offset: 0,
                len: 21,
                text: " nothing here ".to_owned()
            }]
        );
        assert_eq!(
            Document {
                comments: Vec::new(),
                ..doc
            },
            Document::default()
        );
        assert_eq!(read("<!---->").comments[0].text, "");
        assert_eq!(read("<!---->").elements, []);
    }

    #[test]
    fn comments_hide_tags() {
        let text = "<view>\n<!-- <button open-type=\"getPhoneNumber\"> <wxs module=\"m\">x</wxs> -->\n</view>";
        let doc = read(text);
        assert_eq!(names(&doc), ["view"]);
        assert!(doc.scripts.is_empty());
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    }

    #[test]
    fn unterminated_comment_is_an_error_and_ends_the_document() {
        let text = "<view></view>\n<!-- <button open-type=\"getPhoneNumber\">";
        let doc = read(text);
        assert_eq!(names(&doc), ["view"]);
        assert_eq!(doc.errors.len(), 1);
        assert_eq!(doc.errors[0].offset, text.find("<!--").unwrap());
        assert_eq!(doc.errors[0].len, 4);
        assert!(doc.errors[0].message.contains("unterminated comment"));
    }

    #[test]
    fn unterminated_comment_inside_an_element_still_reports_it_unclosed() {
        let doc = read("<view><!-- </view>");
        assert_eq!(
            messages(&doc),
            [
                "unclosed `<view>`",
                "unterminated comment: `<!--` has no `-->`, the rest of the file is ignored"
            ]
        );
    }

    #[test]
    fn attribute_kinds_and_offsets() {
        let text = r#"<input type="nickname" placeholder='名字' maxlength=20 disabled focus />"#;
        let doc = read(text);
        assert_offsets(text, &doc);
        let input = &doc.elements[0];
        assert_eq!(input.name, "input");
        assert_eq!(input.name_offset, 1);
        assert!(input.self_closing);
        let attrs: Vec<(&str, Option<&str>)> = input
            .attrs
            .iter()
            .map(|a| (&*a.name, a.value.as_deref()))
            .collect();
        assert_eq!(
            attrs,
            [
                ("type", Some("nickname")),
                ("placeholder", Some("名字")),
                ("maxlength", Some("20")),
                ("disabled", None),
                ("focus", None),
            ]
        );
        let ty = input.attr("type").unwrap();
        assert_eq!(ty.name_offset, text.find("type").unwrap());
        assert_eq!(ty.value_offset, Some(text.find("nickname").unwrap()));
        assert_eq!(ty.value_len, "nickname".len());
        let max = input.attr("maxlength").unwrap();
        assert_eq!(max.value_offset, Some(text.find("20").unwrap()));
        let disabled = input.attr("disabled").unwrap();
        assert_eq!((disabled.value_offset, disabled.value_len), (None, 0));
        assert!(doc.errors.is_empty());
    }

    #[test]
    fn spaces_around_equals_and_empty_values() {
        let text = "<view class = \"a\" id=''  data-x=\"\"></view>";
        let doc = read(text);
        assert_offsets(text, &doc);
        assert_eq!(value(&doc, "view", "class"), Some("a"));
        assert_eq!(value(&doc, "view", "id"), Some(""));
        let empty = doc.elements[0].attr("data-x").unwrap();
        assert_eq!(empty.value_offset, Some(text.find("\"\"").unwrap() + 1));
        assert_eq!(empty.value_len, 0);
        assert!(doc.errors.is_empty());
    }

    #[test]
    fn attribute_names_with_punctuation() {
        let text = r#"<view bind:tap="a" wx:if="{{ok}}" catch:touchstart="b" model:value="{{v}}" @tap="c" data-user.name="d" wx:for-item="it" bindtap="e"></view>"#;
        let doc = read(text);
        assert_offsets(text, &doc);
        let got: Vec<&str> = doc.elements[0].attrs.iter().map(|a| &*a.name).collect();
        assert_eq!(
            got,
            [
                "bind:tap",
                "wx:if",
                "catch:touchstart",
                "model:value",
                "@tap",
                "data-user.name",
                "wx:for-item",
                "bindtap"
            ]
        );
        assert_eq!(value(&doc, "view", "@tap"), Some("c"));
        assert_eq!(value(&doc, "view", "model:value"), Some("{{v}}"));
        assert!(doc.errors.is_empty());
    }

    #[test]
    fn gt_inside_quoted_values_does_not_end_the_tag() {
        let text = r#"<view wx:if="{{a > b}}" title='x>y'><text>hi</text></view>"#;
        let doc = read(text);
        assert_offsets(text, &doc);
        assert_eq!(names(&doc), ["view", "text"]);
        assert_eq!(value(&doc, "view", "wx:if"), Some("{{a > b}}"));
        assert_eq!(value(&doc, "view", "title"), Some("x>y"));
        assert_eq!(doc.elements[1].depth, 1);
        assert!(doc.errors.is_empty());
    }

    #[test]
    fn expressions_hold_quotes_of_the_other_kind() {
        let text = r#"<button open-type="{{ cond ? 'getPhoneNumber' : '' }}" class='{{ a ? "x" : "y" }}'>ok</button>"#;
        let doc = read(text);
        assert_offsets(text, &doc);
        assert_eq!(
            value(&doc, "button", "open-type"),
            Some("{{ cond ? 'getPhoneNumber' : '' }}")
        );
        assert_eq!(
            value(&doc, "button", "class"),
            Some(r#"{{ a ? "x" : "y" }}"#)
        );
        assert!(doc.errors.is_empty());
    }

    #[test]
    fn unquoted_expressions() {
        let text =
            "<view hidden={{x}} wx:if={{ a > b && c<d }} style=width:{{w}}px/><text a=b>t</text>";
        let doc = read(text);
        assert_offsets(text, &doc);
        assert_eq!(names(&doc), ["view", "text"]);
        assert!(doc.elements[0].self_closing);
        assert_eq!(value(&doc, "view", "hidden"), Some("{{x}}"));
        assert_eq!(value(&doc, "view", "wx:if"), Some("{{ a > b && c<d }}"));
        assert_eq!(value(&doc, "view", "style"), Some("width:{{w}}px"));
        assert_eq!(value(&doc, "text", "a"), Some("b"));
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    }

    #[test]
    fn unquoted_value_before_self_closing_slash() {
        let doc = read("<import src=a.wxml/><view></view>");
        assert_eq!(value(&doc, "import", "src"), Some("a.wxml"));
        assert!(doc.elements[0].self_closing);
        assert_eq!(doc.elements[1].depth, 0);
        assert!(doc.errors.is_empty());
    }

    #[test]
    fn open_type_with_a_pipe() {
        let text = r#"<button open-type="getPhoneNumber|agreePrivacyAuthorization" bindgetphonenumber="onPhone">x</button>"#;
        let doc = read(text);
        assert_offsets(text, &doc);
        assert_eq!(
            value(&doc, "button", "open-type"),
            Some("getPhoneNumber|agreePrivacyAuthorization")
        );
        assert!(doc.errors.is_empty());
    }

    #[test]
    fn names_are_case_sensitive_but_attr_any_takes_alternatives() {
        let text = r#"<button openType="getUserInfo" Open-Type="x">a</button>"#;
        let doc = read(text);
        let button = &doc.elements[0];
        assert!(button.attr("open-type").is_none());
        assert!(button.attr("opentype").is_none());
        assert_eq!(
            button.attr("openType").unwrap().value.as_deref(),
            Some("getUserInfo")
        );
        let any = button.attr_any(&["open-type", "openType"]).unwrap();
        assert_eq!(any.name, "openType");
        assert!(button.attr_any(&["open-type"]).is_none());
        assert!(button.attr_any(&[]).is_none());
    }

    #[test]
    fn attr_any_returns_the_first_in_source_order() {
        let doc = read(r#"<button openType="b" open-type="a"/>"#);
        let any = doc.elements[0]
            .attr_any(&["open-type", "openType"])
            .unwrap();
        assert_eq!(any.value.as_deref(), Some("b"));
    }

    #[test]
    fn tag_names_are_case_sensitive() {
        let doc = read("<View></view>");
        assert_eq!(names(&doc), ["View"]);
        assert_eq!(
            messages(&doc),
            ["unclosed `<View>`", "stray `</view>` with no open `<view>`"]
        );
    }

    #[test]
    fn attributes_spanning_lines_with_crlf() {
        let text = "<view>\r\n  <button\r\n    open-type=\"getPhoneNumber\"\r\n    bind:getphonenumber=\"onPhone\"\r\n    class=\"a\r\n b\"\r\n  >手机号</button>\r\n</view>\r\n";
        let doc = read(text);
        assert_offsets(text, &doc);
        assert_eq!(names(&doc), ["view", "button"]);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let button = &doc.elements[1];
        assert_eq!(button.depth, 1);
        assert_eq!(value(&doc, "button", "class"), Some("a\r\n b"));
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, button.name_offset), (2, 4));
        let open_type = button.attr("open-type").unwrap();
        assert_eq!(index.position(text, open_type.name_offset), (3, 5));
        assert_eq!(
            index.position(text, open_type.value_offset.unwrap()),
            (3, 16)
        );
        let bind = button.attr("bind:getphonenumber").unwrap();
        assert_eq!(index.position(text, bind.name_offset), (4, 5));
    }

    #[test]
    fn nesting_depths() {
        let text =
            "<view><block wx:for=\"{{list}}\"><text>{{item}}</text></block><view/></view><text/>";
        let doc = read(text);
        let depths: Vec<(&str, usize)> = doc.elements.iter().map(|e| (&*e.name, e.depth)).collect();
        assert_eq!(
            depths,
            [
                ("view", 0),
                ("block", 1),
                ("text", 2),
                ("view", 1),
                ("text", 0)
            ]
        );
        assert!(doc.errors.is_empty());
    }

    #[test]
    fn void_tags_need_no_end_tag() {
        let text = r#"<import src="./a.wxml"/>
<include src="b.wxml">
<view>
  <input type="nickname">
  <image src="{{avatar}}" mode="aspectFill"></image>
  <icon type="success"/>
  <progress percent="20">
  <br><hr><img src="x"><meta charset="utf-8"><link rel="x">
  <text>after</text>
</view>"#;
        let doc = read(text);
        assert_offsets(text, &doc);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let text_el = doc.elements.iter().find(|e| e.name == "text").unwrap();
        assert_eq!(text_el.depth, 1);
        let input = doc.elements.iter().find(|e| e.name == "input").unwrap();
        assert_eq!(input.depth, 1);
        assert!(!input.self_closing);
        assert_eq!(value(&doc, "input", "type"), Some("nickname"));
        assert_eq!(value(&doc, "include", "src"), Some("b.wxml"));
    }

    #[test]
    fn end_tags_of_void_tags_are_ignored() {
        let doc = read("<input></input></image><view></view>");
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        assert_eq!(doc.elements[1].depth, 0);
    }

    #[test]
    fn template_content_is_markup() {
        let text = r#"<template name="phone"><button open-type="getPhoneNumber">{{label}}</button></template>
<template is="phone" data="{{...item, label: 'x'}}"/>"#;
        let doc = read(text);
        assert_eq!(names(&doc), ["template", "button", "template"]);
        assert_eq!(doc.elements[1].depth, 1);
        assert_eq!(value(&doc, "template", "name"), Some("phone"));
        assert_eq!(
            doc.elements[2].attr("data").unwrap().value.as_deref(),
            Some("{{...item, label: 'x'}}")
        );
        assert!(doc.errors.is_empty());
    }

    #[test]
    fn text_and_expressions_in_text_are_skipped() {
        let text = "<view>a < b, a <= b, x<3, 1 </ 2 {{ a<b ? '<view>' : c }} 价格<10元</view>";
        let doc = read(text);
        assert_eq!(names(&doc), ["view"]);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    }

    #[test]
    fn unclosed_expression_in_text_does_not_hide_tags() {
        let doc = read("<view>{{ a </view><button open-type=\"contact\">{{b}}</button>");
        assert_eq!(names(&doc), ["view", "button"]);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    }

    #[test]
    fn unclosed_elements_at_end_of_file() {
        let text = r#"<view><button open-type="getPhoneNumber">"#;
        let doc = read(text);
        assert_eq!(names(&doc), ["view", "button"]);
        assert_eq!(value(&doc, "button", "open-type"), Some("getPhoneNumber"));
        assert_eq!(
            doc.errors,
            [
                WxmlError {
                    offset: 1,
                    len: 4,
                    message: "unclosed `<view>`".into()
                },
                WxmlError {
                    offset: 7,
                    len: 6,
                    message: "unclosed `<button>`".into()
                },
            ]
        );
    }

    #[test]
    fn stray_end_tag() {
        let text = "<view></view>\n</view >";
        let doc = read(text);
        assert_eq!(
            doc.errors,
            [WxmlError {
                offset: 14,
                len: 8,
                message: "stray `</view>` with no open `<view>`".into()
            }]
        );
    }

    #[test]
    fn mismatched_end_tag_closes_up_to_its_element() {
        let text = "<view><text><label><button>x</text><view2/></view>";
        let doc = read(text);
        assert_eq!(
            messages(&doc),
            [
                "unclosed `<label>` before `</text>`",
                "unclosed `<button>` before `</text>`"
            ]
        );
        assert_eq!(doc.errors[0].offset, text.find("label").unwrap());
        assert_eq!(doc.errors[1].offset, text.find("button").unwrap());
        // `<view2>` is back at depth 1, inside `<view>`.
        assert_eq!(doc.elements[4].depth, 1);
    }

    #[test]
    fn mismatched_end_tag_without_its_element_is_stray() {
        let text = "<view><text>x</label></text></view>";
        let doc = read(text);
        assert_eq!(messages(&doc), ["stray `</label>` with no open `<label>`"]);
        assert_eq!(doc.errors[0].offset, text.find("</label>").unwrap());
        assert_eq!(doc.errors[0].len, "</label>".len());
    }

    #[test]
    fn end_tag_closes_the_innermost_same_name() {
        let doc = read("<view><view><text></view></view>");
        assert_eq!(messages(&doc), ["unclosed `<text>` before `</view>`"]);
    }

    #[test]
    fn unterminated_quote_resumes_after_the_next_gt() {
        let text = "<view>\n<button open-type=\"getPhoneNumber>手机</button>\n</view>";
        let doc = read(text);
        assert_offsets(text, &doc);
        assert_eq!(names(&doc), ["view", "button"]);
        assert_eq!(value(&doc, "button", "open-type"), Some("getPhoneNumber"));
        assert_eq!(doc.errors.len(), 1, "{:?}", doc.errors);
        assert_eq!(doc.errors[0].offset, text.find('"').unwrap());
        assert!(doc.errors[0]
            .message
            .contains("unterminated attribute value"));
    }

    #[test]
    fn unterminated_quote_without_gt_ends_the_tag() {
        let text = "<view><text class='a";
        let doc = read(text);
        assert_offsets(text, &doc);
        assert_eq!(names(&doc), ["view", "text"]);
        assert_eq!(value(&doc, "text", "class"), Some("a"));
        assert_eq!(doc.errors.len(), 2, "{:?}", doc.errors);
        assert_eq!(doc.errors[0].message, "unclosed `<view>`");
        assert!(doc.errors[1]
            .message
            .contains("unterminated attribute value"));
    }

    #[test]
    fn start_tag_missing_gt() {
        let text = "<view class=\"a\"\n<text>hi</text></view><button";
        let doc = read(text);
        assert_eq!(names(&doc), ["view", "text", "button"]);
        assert_eq!(doc.elements[1].depth, 1);
        assert_eq!(
            messages(&doc),
            [
                "`<view` is missing its closing `>`",
                "`<button` is missing its closing `>`"
            ]
        );
    }

    #[test]
    fn end_tag_missing_gt() {
        let doc = read("<view><text>x</text\n</view>");
        assert_eq!(
            messages(&doc),
            ["end tag `</text` is missing its closing `>`"]
        );
        let doc = read("<view></view");
        assert_eq!(
            messages(&doc),
            ["end tag `</view` is missing its closing `>`"]
        );
    }

    #[test]
    fn equals_without_value_and_value_without_name() {
        let text = "<view a= b=\"1\" c=></view><text =\"x\" 'y' d>t</text>";
        let doc = read(text);
        assert_offsets(text, &doc);
        // Space may follow `=`, so as in HTML `b="1"` is `a`'s unquoted value.
        assert_eq!(value(&doc, "view", "a"), Some("b=\"1\""));
        let c = doc.elements[0].attr("c").unwrap();
        assert_eq!(c.value, None);
        let text_el = &doc.elements[1];
        assert_eq!(text_el.attrs.len(), 1);
        assert_eq!(text_el.attrs[0].name, "d");
        assert_eq!(
            messages(&doc),
            [
                "attribute `c` has `=` but no value",
                "attribute value without a name in `<text>`",
                "attribute value without a name in `<text>`"
            ]
        );
    }

    #[test]
    fn inline_wxs_is_a_script() {
        let text = "<wxs module=\"fmt\">\nvar a = 1 < 2 && 3 > 2;\nvar s = \"</view><button open-type='getPhoneNumber'>\";\nmodule.exports = { a: a };\n</wxs>\n<view>{{fmt.a}}</view>";
        let doc = read(text);
        assert_offsets(text, &doc);
        assert_eq!(names(&doc), ["wxs", "view"]);
        assert_eq!(doc.elements[1].depth, 0);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        assert_eq!(doc.scripts.len(), 1);
        let script = &doc.scripts[0];
        assert_eq!(script.module.as_deref(), Some("fmt"));
        assert_eq!(script.offset, text.find('\n').unwrap());
        assert!(script.text.contains("</view><button"));
        assert!(script.text.ends_with("};\n"));
    }

    #[test]
    fn wxs_body_stops_only_at_a_real_wxs_end_tag() {
        let text = "<wxs module='m'>var s = '</wxsx>';</wxs ><view/>";
        let doc = read(text);
        assert_eq!(doc.scripts[0].text, "var s = '</wxsx>';");
        assert_eq!(names(&doc), ["wxs", "view"]);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    }

    #[test]
    fn wxs_with_src() {
        let text = "<wxs src=\"./a.wxs\" module=\"a\"/>\n<wxs src=\"./b.wxs\" module=\"b\"></wxs>\n<wxs src=\"./c.wxs\" module=\"c\">\n<view><text/></view>";
        let doc = read(text);
        assert!(doc.scripts.is_empty());
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        assert_eq!(names(&doc), ["wxs", "wxs", "wxs", "view", "text"]);
        assert_eq!(doc.elements[3].depth, 0);
    }

    #[test]
    fn empty_wxs_body_is_no_script() {
        let doc = read("<wxs module=\"m\">\n  </wxs>");
        assert!(doc.scripts.is_empty());
        assert!(doc.errors.is_empty());
    }

    #[test]
    fn unclosed_wxs_takes_the_rest() {
        let text = "<view></view><wxs module=\"m\">var a = '<view>';";
        let doc = read(text);
        assert_eq!(names(&doc), ["view", "wxs"]);
        assert_eq!(doc.scripts[0].text, "var a = '<view>';");
        assert_eq!(messages(&doc), ["unclosed `<wxs>`"]);
        assert_eq!(doc.errors[0].offset, text.find("wxs").unwrap());
    }

    #[test]
    fn wxs_in_a_comment_is_not_a_script() {
        let doc = read("<!-- <wxs module='m'>var a;</wxs> -->");
        assert_eq!(doc.comments.len(), 1);
        assert_eq!(
            Document {
                comments: Vec::new(),
                ..doc
            },
            Document::default()
        );
    }

    #[test]
    fn cjk_text_and_values() {
        let text = "<view class=\"容器\">获取手机号<button open-type=\"getPhoneNumber\" data-名=\"值\">授权登录</button>。</view>";
        let doc = read(text);
        assert_offsets(text, &doc);
        assert!(doc.errors.is_empty());
        assert_eq!(value(&doc, "view", "class"), Some("容器"));
        assert_eq!(value(&doc, "button", "data-名"), Some("值"));
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, doc.elements[1].name_offset), (1, 24));
    }

    #[test]
    fn deep_nesting_is_fine() {
        let depth = 100_000;
        let text = format!("{}{}", "<view>".repeat(depth), "</view>".repeat(depth));
        let doc = read(&text);
        assert_eq!(doc.elements.len(), depth);
        assert_eq!(doc.elements[depth - 1].depth, depth - 1);
        assert!(doc.errors.is_empty());

        let text = "<view>".repeat(depth);
        let unclosed = read(&text);
        assert_eq!(unclosed.errors.len(), depth);
        assert_eq!(unclosed.errors[0].offset, 1);
    }

    #[test]
    fn many_stray_end_tags_under_deep_nesting_stay_linear() {
        let depth = 100_000;
        let text = format!(
            "{}{}{}",
            "<view>".repeat(depth),
            "</text>".repeat(depth),
            "</view>".repeat(depth)
        );
        let doc = read(&text);
        assert_eq!(doc.errors.len(), depth);
        assert!(doc.errors[0].message.starts_with("stray `</text>`"));
    }

    #[test]
    fn one_megabyte_single_line() {
        let tag = r#"<button open-type="getPhoneNumber" wx:if="{{a > b}}" bind:getphonenumber="p">手机</button>"#;
        let text = tag.repeat(1_000_000 / tag.len() + 1);
        assert!(text.len() > 1_000_000 && !text.contains('\n'));
        let doc = read(&text);
        assert_eq!(doc.elements.len(), 1_000_000 / tag.len() + 1);
        assert!(doc.errors.is_empty());
        let last = doc.elements.last().unwrap();
        assert_eq!(LineIndex::new(&text).position(&text, last.name_offset).0, 1);
    }

    #[test]
    fn pathological_inputs_stay_linear() {
        for text in [
            "{{".repeat(200_000),
            "<a b={{ ".repeat(100_000),
            "<a b=\"".repeat(100_000),
            "<!--".repeat(100_000),
            "<".repeat(300_000),
            "</".repeat(300_000),
            "<wxs>".repeat(100_000),
        ] {
            let doc = read(&text);
            assert_offsets(&text, &doc);
        }
    }

    #[test]
    fn no_panic_on_any_prefix_or_suffix() {
        let text = "<view class='容器' wx:if=\"{{a > b}}\" hidden={{x}} @tap>\r\n<!-- c --><wxs module=\"m\">var a = '</view>';</wxs>\n<input type=nickname/><button open-type=\"getPhoneNumber|agreePrivacyAuthorization\">手机</text></button>< </ <! <!DOCTYPE></view>";
        for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            assert_offsets(&text[..i], &read(&text[..i]));
            assert_offsets(&text[i..], &read(&text[i..]));
        }
    }
}
