//! The parse stage for one script (a JS/TS/WXS/UTS file, or a script block
//! of a template or single-file component): conditional-compilation blocks
//! for other platforms blanked, the text parsed by swc, each syntax error
//! turned into a `parse-error` finding, and the comments the suppressions are
//! read from. The inventory (stage 3) takes the result and never parses.

use swc_ecma_ast::Program;

use super::ifdef::{self, Build};
use super::{lex_comments, parse, Comment};
use crate::diagnostic::{locate_indexed, Finding, Location};
use crate::i18n::{t, Lang};
use crate::rule::pipeline::PARSE_ERROR;
use crate::source::{FileKind, LineIndex};

/// A parsed script.
pub struct Script {
    /// The program, when swc produced one (possibly after recovering errors).
    pub program: Option<Program>,
    /// Byte position of the script's first byte in swc's `SourceMap`: node
    /// spans turn into offsets of the script as `span.lo.0 - base`.
    pub base: u32,
    /// Every comment of the script, in source order (from the lexer when the
    /// parser gave up), offsets relative to the script.
    pub comments: Vec<Comment>,
    /// A `parse-error` finding for each syntax error, located in the file.
    pub findings: Vec<Finding>,
    /// UTS the TypeScript parser cannot read: where, and what (reported as
    /// unaudited source, not as an error).
    pub unaudited: Option<(Location, String)>,
    /// The longest chain of postfix links in the text, when measured: the
    /// tree is at least that deep (see [`crate::stack::is_deep`]).
    pub chain: u64,
}

/// Parses the script `part` (`(offset in the file, text)`) of the file `rel`
/// whose whole text is `text`. `build` is the uni-app build the file is
/// compiled for, when it uses conditional compilation.
pub fn script(
    rel: &str,
    text: &str,
    index: &LineIndex,
    part: (usize, &str),
    kind: FileKind,
    build: Option<Build>,
    lang: Lang,
) -> Script {
    let (shift, script) = part;
    let at = |offset: usize, len: usize| locate_indexed(rel, text, index, shift + offset, len);
    // uni-app code is compiled for WeChat with the blocks for other platforms
    // cut: those blocks are blanked before parsing (positions unchanged), so
    // they are neither parsed nor audited. The lexer finds the directives.
    let mut parsed = parse(rel, script.to_owned(), kind);
    if let Some(build) = build.filter(|_| ifdef::has_directives(script)) {
        // The parser's comments are exact; where it gave up, the lexer alone
        // finds the directives past the error.
        let lexed;
        let comments = if parsed.program.is_some() && parsed.errors.is_empty() {
            &parsed.comments
        } else {
            lexed = lex_comments(script, kind);
            if lexed.len() >= parsed.comments.len() {
                &lexed
            } else {
                &parsed.comments
            }
        };
        let cut = ifdef::excluded(comments.iter().map(|c| (c.offset, c.len, &*c.text)), build);
        if !cut.is_empty() {
            parsed = parse(rel, ifdef::blank(script, &cut), kind);
        }
    }
    let mut unaudited = None;
    if kind == FileKind::Uts && !parsed.errors.is_empty() {
        // uni-app x's UTS is TypeScript-like; what the TypeScript parser
        // cannot read is not audited, which is reported, not an error.
        let first = &parsed.errors[0];
        unaudited = Some((
            at(first.offset, 0),
            if parsed.program.is_some() {
                t!(lang, "parse-uts-partly", error = &first.message)
            } else {
                t!(lang, "parse-uts-not-at-all", error = &first.message)
            },
        ));
    }
    let mut findings = Vec::new();
    for err in parsed.errors.iter().filter(|_| kind != FileKind::Uts) {
        if err.too_deep {
            findings.push(
                Finding::new(
                    &PARSE_ERROR,
                    at(err.offset, err.len),
                    t!(lang, "parse-too-deep", file = rel, error = &err.message),
                )
                .label(err.message.split(':').next().unwrap_or("nested too deeply"))
                .help(t!(lang, "parse-too-deep-help")),
            );
            continue;
        }
        findings.push(
            Finding::new(
                &PARSE_ERROR,
                at(err.offset, err.len),
                t!(lang, "parse-error", file = rel, error = &err.message),
            )
            .label(err.message.clone())
            .help(if parsed.program.is_some() {
                t!(lang, "parse-error-recovered-help")
            } else {
                t!(lang, "parse-error-fatal-help")
            }),
        );
    }
    let comments = if parsed.program.is_some() {
        parsed.comments
    } else {
        // The parser stops at a fatal error; the lexer sees every comment.
        lex_comments(script, kind)
    };
    Script {
        program: parsed.program,
        base: parsed.base,
        comments,
        findings,
        unaudited,
        chain: parsed.chain,
    }
}

/// A `parse-error` finding for each markup problem of a template that starts
/// at byte `shift` of the file `rel`.
pub fn template_errors(
    rel: &str,
    text: &str,
    index: &LineIndex,
    doc: &super::wxml::Document,
    shift: usize,
    lang: Lang,
) -> Vec<Finding> {
    doc.errors
        .iter()
        .map(|err| {
            Finding::new(
                &PARSE_ERROR,
                locate_indexed(rel, text, index, shift + err.offset, err.len),
                t!(lang, "parse-markup", file = rel, error = &err.message),
            )
            .label(err.message.clone())
            .help(t!(lang, "parse-markup-help"))
        })
        .collect()
}
