//! Inline suppressions, read from the comments the parsers collected (swc's
//! for scripts, the WXML reader's for templates), never from the text:
//!
//! ```js
//! // mpaudit-ignore-next-line undeclared-privacy-type: the store finder ships next release
//! wx.getLocation({ type: 'gcj02' })
//! /* mpaudit-ignore-file privacy-call-on-launch, getuserprofile-misuse: legacy page */
//! ```
//!
//! ```html
//! <!-- mpaudit-ignore-next-line deprecated-api: kept for old clients -->
//! <button open-type="getUserInfo">
//! ```
//!
//! A directive starts its comment. It names one or more rule ids, separated by
//! commas (there is no blanket form), then optionally a reason after `:`,
//! ESLint's ` -- ` or a full-width `：`; full-width commas `，` separate rule
//! ids too, as people with a Chinese input method type them.
//! `mpaudit-ignore-next-line` covers the line right after the comment, as
//! ESLint's `eslint-disable-next-line` does; in templates, where attributes
//! cannot carry comments, it covers every line of a start tag that begins on
//! that line. `mpaudit-ignore-file` anywhere in a file covers the whole file.
//!
//! [`read`] runs in the per-file worker: it turns comments into
//! [`Suppression`]s, and malformed directives into `unused-suppression`
//! findings. The check stage (`crate::suppress`) then reports rule ids it does
//! not know and applies the rest once all findings are known.

use crate::diagnostic::{Finding, Location};
use crate::i18n::{t, Lang};
use crate::rule::pipeline::UNUSED_SUPPRESSION;
use crate::source::LineIndex;

/// The directive that covers the next line.
pub const NEXT_LINE: &str = "mpaudit-ignore-next-line";
/// The directive that covers the whole file.
pub const FILE: &str = "mpaudit-ignore-file";
/// What every directive starts with; a comment starting with it that is not a
/// directive is reported, so a typo never silently suppresses nothing.
const PREFIX: &str = "mpaudit-ignore";

/// What a suppression covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Findings whose line is in `first..=last` (1-based).
    Lines {
        /// First line covered.
        first: usize,
        /// Last line covered.
        last: usize,
    },
    /// Every finding in the file.
    File,
}

/// A rule id named by a suppression, with its place in the comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The rule id as written (`crate::suppress::check_names` reports and
    /// drops the ids mpaudit does not know).
    pub code: String,
    /// Where the id is written.
    pub at: Location,
}

/// One suppression comment of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// `mpaudit-ignore-next-line` or `mpaudit-ignore-file`.
    pub directive: &'static str,
    /// The lines (or file) it covers.
    pub scope: Scope,
    /// The rules it suppresses.
    pub rules: Vec<Named>,
    /// The text after `:`, when given.
    pub reason: Option<String>,
    /// Where the comment is.
    pub at: Location,
}

/// A comment as a parser collected it, placed in the file.
#[derive(Debug, Clone, Copy)]
pub struct CommentAt<'a> {
    /// Byte offset of the comment (its opening delimiter) in the file.
    pub offset: usize,
    /// Length in bytes, delimiters included.
    pub len: usize,
    /// The text between the delimiters.
    pub text: &'a str,
    /// Byte offset of `text` in the file.
    pub text_offset: usize,
}

/// A directive read from a comment's text, offsets relative to that text.
#[derive(Debug, PartialEq, Eq)]
struct Parsed<'a> {
    directive: &'static str,
    /// `(offset, id)` of every non-empty item of the rule list.
    items: Vec<(usize, &'a str)>,
    reason: Option<&'a str>,
}

/// Why a comment that starts like a directive is not one: message, offset and
/// length in the comment's text.
#[derive(Debug, PartialEq, Eq)]
struct Malformed {
    message: String,
    offset: usize,
    len: usize,
}

/// Where the reason starts in the text after the directive word: the first
/// `:`, full-width `：`, or ESLint's `--` (two or more dashes with white
/// space before, and white space or the end after), as `(offset, length)`.
fn reason_separator(rest: &str) -> Option<(usize, usize)> {
    let mut after_space = false;
    for (i, c) in rest.char_indices() {
        match c {
            ':' | '：' => return Some((i, c.len_utf8())),
            '-' if after_space => {
                let dashes = rest[i..].len() - rest[i..].trim_start_matches('-').len();
                let next = rest[i + dashes..].chars().next();
                if dashes >= 2 && next.is_none_or(char::is_whitespace) {
                    return Some((i, dashes));
                }
            }
            _ => {}
        }
        after_space = c.is_whitespace();
    }
    None
}

/// Reads the directive in a comment's text: `None` when the comment is not
/// one (it does not start with `mpaudit-ignore`).
#[cfg(test)]
fn parse(text: &str) -> Option<Result<Parsed<'_>, Malformed>> {
    parse_in(text, Lang::En)
}

/// [`parse`], with the malformed directives' messages in `lang`.
fn parse_in(text: &str, lang: Lang) -> Option<Result<Parsed<'_>, Malformed>> {
    let start = text.len() - text.trim_start().len();
    let body = &text[start..];
    if !body.starts_with(PREFIX) {
        return None;
    }
    let word_len = body
        .find(|c: char| c.is_whitespace() || c == ':' || c == '：')
        .unwrap_or(body.len());
    let directive = match &body[..word_len] {
        NEXT_LINE => NEXT_LINE,
        FILE => FILE,
        other => {
            return Some(Err(Malformed {
                message: t!(
                    lang,
                    "suppress-not-a-directive",
                    word = other,
                    next_line = NEXT_LINE,
                    file = FILE
                ),
                offset: start,
                len: word_len,
            }))
        }
    };
    let rest_at = start + word_len;
    let rest = &text[rest_at..];
    let (list, reason) = match reason_separator(rest) {
        Some((i, len)) => (
            &rest[..i],
            Some(rest[i + len..].trim()).filter(|r| !r.is_empty()),
        ),
        None => (rest, None),
    };
    let mut items = Vec::new();
    let mut at = rest_at;
    for item in list.split([',', '，']) {
        let trimmed = item.trim();
        if !trimmed.is_empty() {
            let lead = item.len() - item.trim_start().len();
            items.push((at + lead, trimmed));
        }
        at += item.len();
        at += list[at - rest_at..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
    }
    if items.is_empty() {
        return Some(Err(Malformed {
            message: t!(lang, "suppress-names-no-rule", directive = directive),
            offset: start,
            len: word_len,
        }));
    }
    Some(Ok(Parsed {
        directive,
        items,
        reason,
    }))
}

/// Reads the suppressions of one file (or part of it) from its comments.
/// `text` and `index` are the whole file's, `file` its path. `extent` gives,
/// for a line, the last line of a start tag beginning on it (templates);
/// `None` for scripts. Malformed directives become `unused-suppression`
/// findings in `findings`, written in `lang`.
#[allow(clippy::too_many_arguments)] // the comments, the file, and two outputs
pub fn read<'a>(
    comments: impl IntoIterator<Item = CommentAt<'a>>,
    file: &str,
    text: &str,
    index: &LineIndex,
    extent: &dyn Fn(usize) -> usize,
    out: &mut Vec<Suppression>,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    let locate = |offset: usize, len: usize| {
        let (line, column) = index.position(text, offset);
        Location {
            file: file.to_owned(),
            line,
            column,
            offset,
            len,
        }
    };
    for comment in comments {
        let parsed = match parse_in(comment.text, lang) {
            None => continue,
            Some(Err(bad)) => {
                findings.push(
                    Finding::new(
                        &UNUSED_SUPPRESSION,
                        locate(comment.text_offset + bad.offset, bad.len),
                        bad.message,
                    )
                    .label(t!(lang, "suppress-unused-label"))
                    .help(t!(
                        lang,
                        "suppress-malformed-help",
                        next_line = NEXT_LINE,
                        file = FILE
                    )),
                );
                continue;
            }
            Some(Ok(parsed)) => parsed,
        };
        let named: Vec<Named> = parsed
            .items
            .into_iter()
            .map(|(offset, code)| Named {
                code: code.to_owned(),
                at: locate(comment.text_offset + offset, code.len()),
            })
            .collect();
        if named.is_empty() {
            continue;
        }
        let at = locate(comment.offset, comment.len);
        let scope = if parsed.directive == FILE {
            Scope::File
        } else {
            let (end_line, _) = index.position(text, comment.offset + comment.len.max(1) - 1);
            let first = end_line + 1;
            Scope::Lines {
                first,
                last: extent(first).max(first),
            }
        };
        out.push(Suppression {
            directive: parsed.directive,
            scope,
            rules: named,
            reason: parsed.reason.map(str::to_owned),
            at,
        });
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn ok(text: &str) -> Parsed<'_> {
        parse(text).expect("a directive").expect("well formed")
    }

    #[test]
    fn directives_name_rules_and_a_reason() {
        let text = " mpaudit-ignore-next-line undeclared-privacy-type: reviewed 2024-05";
        assert_eq!(
            ok(text),
            Parsed {
                directive: NEXT_LINE,
                items: vec![(26, "undeclared-privacy-type")],
                reason: Some("reviewed 2024-05"),
            }
        );
        let text = "mpaudit-ignore-file a ,b,, c:";
        let parsed = ok(text);
        assert_eq!(parsed.directive, FILE);
        assert_eq!(parsed.items, [(20, "a"), (23, "b"), (27, "c")]);
        for (offset, id) in parsed.items {
            assert_eq!(&text[offset..offset + id.len()], id);
        }
        assert_eq!(parsed.reason, None, "an empty reason is no reason");
        assert_eq!(ok("mpaudit-ignore-file x").reason, None);
        assert_eq!(
            ok("mpaudit-ignore-file x: a: b").reason,
            Some("a: b"),
            "the reason is everything after the first colon"
        );
    }

    #[test]
    fn reasons_after_eslint_dashes_and_full_width_punctuation() {
        for (text, items, reason) in [
            (
                "mpaudit-ignore-next-line deprecated-api -- 旧页面",
                vec![(25, "deprecated-api")],
                Some("旧页面"),
            ),
            (
                "mpaudit-ignore-next-line deprecated-api：旧页面",
                vec![(25, "deprecated-api")],
                Some("旧页面"),
            ),
            (
                "mpaudit-ignore-file a，b ---- reason: with a colon",
                vec![(20, "a"), (24, "b")],
                Some("reason: with a colon"),
            ),
            ("mpaudit-ignore-file a --", vec![(20, "a")], None),
            // Dashes inside a word, or without white space after, are not a separator.
            ("mpaudit-ignore-file a-b --x", vec![(20, "a-b --x")], None),
        ] {
            let parsed = ok(text);
            assert_eq!(parsed.items, items, "{text}");
            assert_eq!(parsed.reason, reason, "{text}");
            for (offset, id) in parsed.items {
                assert_eq!(&text[offset..offset + id.len()], id);
            }
        }
    }

    #[test]
    fn other_comments_are_not_directives() {
        for text in [
            "",
            " todo",
            " see mpaudit-ignore-file",
            "* mpaudit-ignore-file a",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn malformed_directives_say_why() {
        let bad = parse(" mpaudit-ignore-line a").unwrap().unwrap_err();
        assert!(
            bad.message.contains("`mpaudit-ignore-line` is not"),
            "{}",
            bad.message
        );
        assert_eq!((bad.offset, bad.len), (1, 19));
        for text in [
            "mpaudit-ignore-next-line",
            "mpaudit-ignore-file: reason",
            "mpaudit-ignore-file , ",
        ] {
            let bad = parse(text).unwrap().unwrap_err();
            assert!(
                bad.message.contains("names no rule"),
                "{text}: {}",
                bad.message
            );
        }
    }

    pub(crate) fn read_js(text: &str) -> (Vec<Suppression>, Vec<Finding>) {
        let index = LineIndex::new(text);
        let comments =
            crate::parse::parse("a.js", text.to_owned(), crate::source::FileKind::Js).comments;
        let mut out = Vec::new();
        let mut findings = Vec::new();
        read(
            comments.iter().map(|c| CommentAt {
                offset: c.offset,
                len: c.len,
                text: &c.text,
                text_offset: c.offset + 2,
            }),
            "a.js",
            text,
            &index,
            &|line| line,
            &mut out,
            Lang::En,
            &mut findings,
        );
        (out, findings)
    }

    #[test]
    fn next_line_is_the_line_after_the_comment_ends() {
        let text = "a();\n/* mpaudit-ignore-next-line\n deprecated-api */\nb(); // mpaudit-ignore-next-line parse-error, bogus\nc();";
        let (found, findings) = read_js(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].scope, Scope::Lines { first: 4, last: 4 });
        assert_eq!(found[0].rules[0].code, "deprecated-api");
        assert_eq!(
            (found[0].rules[0].at.line, found[0].rules[0].at.column),
            (3, 2)
        );
        assert_eq!(found[1].scope, Scope::Lines { first: 5, last: 5 });
        assert_eq!(found[1].at.line, 4);
        let names: Vec<&str> = found[1].rules.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(names, ["parse-error", "bogus"], "ids are checked later");
        assert_eq!(&text[found[1].rules[1].at.offset..][..5], "bogus");
        assert!(findings.is_empty());
    }

    #[test]
    fn strings_are_not_comments() {
        let (found, findings) =
            read_js("const s = '// mpaudit-ignore-file deprecated-api';\nconst t = `/* mpaudit-ignore-file x */`;");
        assert!(found.is_empty() && findings.is_empty());
    }
}
