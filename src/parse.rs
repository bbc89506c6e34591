//! Stage 2, parsing: JS, TS and WXS text through swc's parser.
//!
//! Each call builds its own `SourceMap` (swc's is not `Send`), so files parse
//! in parallel on rayon workers. Spans leave this module as byte offsets of the
//! text, never as swc types.

use swc_common::comments::{Comments, SingleThreadedComments};
use swc_common::{sync::Lrc, FileName, SourceMap, Spanned};
use swc_ecma_ast::{EsVersion, Expr, Program};
use swc_ecma_parser::{
    parse_file_as_expr, parse_file_as_program, EsSyntax, Lexer, StringInput, Syntax, TsSyntax,
};

use crate::nesting;
use crate::project::FileKind;
use crate::stack;

/// A syntax error, fatal or recovered, as a byte range of the text.
#[derive(Debug, Clone)]
pub struct ParseError {
    /// Byte offset in the text.
    pub offset: usize,
    /// Length in bytes.
    pub len: usize,
    /// swc's message.
    pub message: String,
    /// The text is nested too deeply to parse: it was not parsed at all.
    pub too_deep: bool,
}

/// A comment of the parsed text (`//` or `/* */`), as a byte range of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Byte offset of the comment's first character (the `/`).
    pub offset: usize,
    /// Length in bytes, delimiters included.
    pub len: usize,
    /// The text between the delimiters.
    pub text: String,
}

/// The result of parsing one file.
pub struct Parsed {
    /// The program, when swc produced one (possibly after recovering errors).
    pub program: Option<Program>,
    /// Every syntax error, fatal and recovered, in source order.
    pub errors: Vec<ParseError>,
    /// Byte position of the text's first byte in swc's `SourceMap`, to turn
    /// node spans into offsets: `span.lo.0 - base`.
    pub base: u32,
    /// Every comment, in source order.
    pub comments: Vec<Comment>,
}

/// The swc syntax for a file kind: TypeScript for `.ts`, TSX for `.tsx`,
/// modern JS with JSX for `.js` and `.jsx` (Taro sources write JSX in `.js`
/// files), and modern JS without JSX for `.wxs`.
pub fn syntax_for(kind: FileKind) -> Syntax {
    match kind {
        FileKind::Ts | FileKind::Tsx => Syntax::Typescript(TsSyntax {
            decorators: true,
            tsx: kind == FileKind::Tsx,
            ..Default::default()
        }),
        _ => Syntax::Es(EsSyntax {
            decorators: true,
            jsx: matches!(kind, FileKind::Js | FileKind::Jsx),
            // Mini program files run wrapped in a function: top-level `return` is legal.
            allow_return_outside_function: true,
            ..Default::default()
        }),
    }
}

/// The stack the parser may need for `text`, or the error for text nested
/// too deeply to parse ([`crate::nesting`]). Short texts skip the estimate.
fn stack_need(text: &str, jsx: bool) -> Result<u64, ParseError> {
    let budget = stack::PARSE_BUDGET;
    let bound = (text.len() as u64).saturating_mul(nesting::MAX_COST);
    let left = stacker::remaining_stack().unwrap_or(0) as u64;
    if bound <= budget && bound.saturating_add(4 << 20) <= left {
        return Ok(bound);
    }
    let estimate = nesting::estimate(text, jsx);
    if estimate.bytes > budget {
        let levels = estimate.levels * budget / estimate.bytes.max(1);
        return Err(ParseError {
            offset: estimate.offset,
            len: 1,
            message: format!(
                "nested too deeply to parse: about {} levels of brackets, calls and operators are open here, and mpaudit parses up to about {levels} levels like these",
                estimate.levels
            ),
            too_deep: true,
        });
    }
    if estimate.labels.0 > MAX_LABELS {
        return Err(ParseError {
            offset: estimate.labels.1,
            len: 1,
            message: format!(
                "nested too deeply to parse: {} labels (`a: b: …`) are open here, and mpaudit parses up to {MAX_LABELS}",
                estimate.labels.0
            ),
            too_deep: true,
        });
    }
    Ok(estimate.bytes)
}

/// Labels open at once that swc is still fast with (its time and memory grow
/// with their square).
const MAX_LABELS: u64 = 1_000;

/// Parses `text` (already BOM-stripped) as a script or module. Text nested
/// too deeply to parse safely has no program and one error at its deepest
/// point.
pub fn parse(name: &str, text: String, kind: FileKind) -> Parsed {
    match stack_need(&text, !matches!(kind, FileKind::Ts | FileKind::Wxs)) {
        Ok(need) => stack::with_stack(need, || parse_unchecked(name, text, kind)),
        Err(error) => Parsed {
            program: None,
            errors: vec![error],
            base: 0,
            comments: Vec::new(),
        },
    }
}

fn parse_unchecked(name: &str, text: String, kind: FileKind) -> Parsed {
    let cm: Lrc<SourceMap> = Default::default();
    let fm = cm.new_source_file(Lrc::new(FileName::Custom(name.to_owned())), text);
    let base = fm.start_pos.0;
    let mut recovered = Vec::new();
    let comments = SingleThreadedComments::default();
    let result = parse_file_as_program(
        &fm,
        syntax_for(kind),
        EsVersion::latest(),
        Some(&comments as &dyn Comments),
        &mut recovered,
    );
    let to_error = |span: swc_common::Span, message: String| ParseError {
        offset: span.lo.0.saturating_sub(base) as usize,
        len: span.hi.0.saturating_sub(span.lo.0) as usize,
        message,
        too_deep: false,
    };
    let mut errors: Vec<ParseError> = recovered
        .iter()
        .map(|e| to_error(e.span(), e.kind().msg().into_owned()))
        .collect();
    let program = match result {
        Ok(program) => Some(program),
        Err(err) => {
            errors.push(to_error(err.span(), err.kind().msg().into_owned()));
            None
        }
    };
    errors.sort_by_key(|e| e.offset);
    Parsed {
        program,
        errors,
        base,
        comments: comments_of(comments, base),
    }
}

/// Parses a template expression (the inside of `{{ }}`) as a JS expression;
/// `None` when it is not one (WXML also allows `{{a: 1, b}}` object bodies).
pub fn expression(text: &str) -> Option<Box<Expr>> {
    let need = stack_need(text, true).ok()?;
    stack::with_stack(need, || expression_unchecked(text))
}

fn expression_unchecked(text: &str) -> Option<Box<Expr>> {
    let cm: Lrc<SourceMap> = Default::default();
    let fm = cm.new_source_file(
        Lrc::new(FileName::Custom("expression".to_owned())),
        text.to_owned(),
    );
    let mut recovered = Vec::new();
    let expr = parse_file_as_expr(
        &fm,
        syntax_for(FileKind::Js),
        EsVersion::latest(),
        None,
        &mut recovered,
    )
    .ok()?;
    recovered.is_empty().then_some(expr)
}

/// The comments of `text`, found by swc's lexer alone, so they are known even
/// when the text does not parse (uni-app's conditional compilation leaves code
/// that parses only once the blocks for other platforms are cut).
pub fn lex_comments(text: &str, kind: FileKind) -> Vec<Comment> {
    let cm: Lrc<SourceMap> = Default::default();
    let fm = cm.new_source_file(Lrc::new(FileName::Anon), text.to_owned());
    let comments = SingleThreadedComments::default();
    let lexer = Lexer::new(
        syntax_for(kind),
        EsVersion::latest(),
        StringInput::from(&*fm),
        Some(&comments as &dyn Comments),
    );
    lexer.for_each(drop);
    comments_of(comments, fm.start_pos.0)
}

fn comments_of(comments: SingleThreadedComments, base: u32) -> Vec<Comment> {
    let (leading, trailing) = comments.take_all();
    let mut comments: Vec<Comment> = [leading, trailing]
        .iter()
        .flat_map(|map| {
            map.borrow()
                .values()
                .flatten()
                .map(|c| Comment {
                    offset: c.span.lo.0.saturating_sub(base) as usize,
                    len: c.span.hi.0.saturating_sub(c.span.lo.0) as usize,
                    text: c.text.to_string(),
                })
                .collect::<Vec<_>>()
        })
        .collect();
    comments.sort_by_key(|c| c.offset);
    comments.dedup();
    comments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fatal_errors_have_positions() {
        let parsed = parse(
            "a.js",
            "let a = 1;\nwx.getLocation({ ;\n".into(),
            FileKind::Js,
        );
        assert!(parsed.program.is_none());
        assert_eq!(parsed.errors.len(), 1);
        assert!(parsed.errors[0].offset > 10);
    }

    #[test]
    fn typescript_parses_only_as_typescript() {
        let text = "const a: number = 1; export {}";
        assert!(parse("a.ts", text.into(), FileKind::Ts).errors.is_empty());
        assert!(!parse("a.js", text.into(), FileKind::Js).errors.is_empty());
    }

    #[test]
    fn jsx_parses_in_js_jsx_and_tsx_but_not_ts_or_wxs() {
        let text = "const b = <Button openType=\"getPhoneNumber\" />;";
        for kind in [FileKind::Js, FileKind::Jsx, FileKind::Tsx] {
            assert!(parse("a", text.into(), kind).errors.is_empty(), "{kind:?}");
        }
        for kind in [FileKind::Ts, FileKind::Wxs] {
            assert!(!parse("a", text.into(), kind).errors.is_empty(), "{kind:?}");
        }
        // A TS type assertion stays a type assertion in .ts.
        assert!(parse("a.ts", "const a = <any>b;".into(), FileKind::Ts)
            .errors
            .is_empty());
    }

    #[test]
    fn comments_are_collected_in_order() {
        let parsed = parse(
            "a.js",
            "// #ifdef H5\nfoo(); /* x */\n// #endif\n".into(),
            FileKind::Js,
        );
        let texts: Vec<&str> = parsed.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, [" #ifdef H5", " x ", " #endif"]);
        assert_eq!(parsed.comments[1].offset, 20);
        assert_eq!(parsed.comments[1].len, 7);
    }

    #[test]
    fn the_lexer_finds_comments_past_a_syntax_error() {
        let text = "a({\n// #ifdef H5\nb: 1\n// #endif\nb: 2 +\n}) /* end */";
        assert!(parse("a.js", text.into(), FileKind::Js).program.is_none());
        let texts: Vec<String> = lex_comments(text, FileKind::Js)
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(texts, [" #ifdef H5", " #endif", " end "]);
    }

    #[test]
    fn top_level_return_is_allowed() {
        assert!(parse("a.js", "if (x) return;".into(), FileKind::Js)
            .errors
            .is_empty());
    }
}
