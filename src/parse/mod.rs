//! Stage 2, parsing: JS, TS and WXS text through swc's parser.
//!
//! Each call builds its own `SourceMap` (swc's is not `Send`), so files parse
//! in parallel on rayon workers. Spans leave this module as byte offsets of the
//! text, never as swc types.

pub mod ast;
pub mod ifdef;
pub mod nesting;
pub mod script;
pub mod sfc;
pub mod suppression;
pub mod wxml;

use swc_common::comments::{Comments, SingleThreadedComments};
use swc_common::{sync::Lrc, FileName, SourceMap, Spanned};
use swc_ecma_ast::{EsVersion, Expr, Program};
use swc_ecma_parser::{
    parse_file_as_expr, parse_file_as_program, EsSyntax, Lexer, StringInput, Syntax, TsSyntax,
};

use crate::source::FileKind;
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

impl ParseError {
    /// Text refused before parsing: nested too deeply or too long for swc.
    fn refused(offset: usize, len: usize, message: String) -> Self {
        ParseError {
            offset,
            len,
            message,
            too_deep: true,
        }
    }
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
    /// The longest chain of postfix links (`.a`, `[i]`, `(x)`) in the text,
    /// when it was measured (long texts): the tree is at least that deep.
    pub chain: u64,
}

/// The swc syntax for a file kind: TypeScript for `.ts`, TSX for `.tsx`,
/// modern JS with JSX for `.js` and `.jsx` (Taro sources write JSX in `.js`
/// files), and modern JS without JSX for `.wxs`.
pub fn syntax_for(kind: FileKind) -> Syntax {
    match kind {
        FileKind::Ts | FileKind::Tsx | FileKind::Uts => Syntax::Typescript(TsSyntax {
            decorators: true,
            tsx: kind == FileKind::Tsx,
            ..Default::default()
        }),
        _ => Syntax::Es(EsSyntax {
            decorators: true,
            // WePY 1 and Taro 1/2 write `@connect(...) export default class`
            // (Babel's legacy decorators).
            decorators_before_export: true,
            jsx: matches!(kind, FileKind::Js | FileKind::Jsx),
            // Mini program files run wrapped in a function: top-level `return` is legal.
            allow_return_outside_function: true,
            ..Default::default()
        }),
    }
}

/// The stack the parser may need for `text`, or the error for text nested
/// too deeply to parse ([`crate::parse::nesting`]). Short texts skip the estimate.
fn stack_need(text: &str, jsx: bool) -> Result<(u64, u64), ParseError> {
    let budget = stack::PARSE_BUDGET;
    let bound = (text.len() as u64).saturating_mul(nesting::MAX_COST);
    let left = stacker::remaining_stack().unwrap_or(0) as u64;
    // Fewer colons and angle brackets than the limits on labels and type
    // assertions: no need to count those.
    let few = || {
        let (mut colons, mut angles) = (0, 0);
        for b in text.bytes() {
            colons += u64::from(b == b':');
            angles += u64::from(b == b'<');
        }
        colons <= MAX_LABELS && (jsx || angles <= MAX_ASSERTIONS)
    };
    if bound <= budget && bound.saturating_add(4 << 20) <= left && few() {
        return Ok((bound, 0));
    }
    let estimate = nesting::estimate(text, jsx);
    if estimate.bytes > budget {
        let levels = estimate.levels * budget / estimate.bytes.max(1);
        return Err(ParseError::refused(
            estimate.offset,
            1,
            format!(
                "nested too deeply to parse: about {} levels of brackets, calls and operators are open here, and mpaudit parses up to about {levels} levels like these",
                estimate.levels
            ),
        ));
    }
    if estimate.chain.0.max(estimate.terms.0) > MAX_CHAIN {
        let (what, (length, offset)) = if estimate.chain.0 >= estimate.terms.0 {
            ("links (`.a`, `(x)`, `[i]`)", estimate.chain)
        } else {
            ("binary operators", estimate.terms)
        };
        return Err(ParseError::refused(
            offset.min(text.len().saturating_sub(1)),
            1,
            format!(
                "too long to parse: a chain of {length} {what}, and mpaudit parses chains up to {MAX_CHAIN} (its tree takes memory in proportion)"
            ),
        ));
    }
    if estimate.else_ifs.0 > MAX_ELSE_IFS {
        return Err(ParseError::refused(
            estimate.else_ifs.1,
            2,
            format!(
                "too long to parse: an `else if` chain of more than {MAX_ELSE_IFS} branches (swc's time grows with the square of its length)"
            ),
        ));
    }
    if estimate.assertions.0 > MAX_ASSERTIONS {
        return Err(ParseError::refused(
            estimate.assertions.1,
            1,
            format!(
                "nested too deeply to parse: {} type assertions (`<T>x`) are open here, and mpaudit parses up to {MAX_ASSERTIONS} (swc's time grows faster than their square)",
                estimate.assertions.0
            ),
        ));
    }
    if estimate.labels.0 > MAX_LABELS {
        return Err(ParseError::refused(
            estimate.labels.1,
            1,
            format!(
                "nested too deeply to parse: {} labels (`a: b: …`) are open here, and mpaudit parses up to {MAX_LABELS}",
                estimate.labels.0
            ),
        ));
    }
    Ok((estimate.bytes, estimate.chain.0))
}

/// Syntax errors reported per text: a file that is not JavaScript at all
/// (a minified bundle of another language, a data file named `.js`) can have
/// one at every few bytes.
const MAX_ERRORS: usize = 100;

/// The longest chain of postfix links or binary operators parsed: swc builds
/// them in a loop, but the walks over their tree recurse and keep a stack
/// segment per level (400,000 `.b()` links take 250 MB in a release build).
const MAX_CHAIN: u64 = 100_000;

/// The longest `else if` chain parsed: swc takes 0.3 s (release) for one of
/// 10,000 branches, 2.4 s for 20,000.
const MAX_ELSE_IFS: u64 = 10_000;

/// TypeScript type assertions open at once that swc is still fast with:
/// 1,000 take 0.2 s (release), 2,000 take 0.7 s.
const MAX_ASSERTIONS: u64 = 1_000;

/// Labels open at once that swc is still fast with (its time and memory grow
/// with their square).
const MAX_LABELS: u64 = 1_000;

/// Parses `text` (already BOM-stripped) as a script or module. Text nested
/// too deeply to parse safely has no program and one error at its deepest
/// point (`ParseError::too_deep`). Text within the limit may still give a
/// deep tree: walking or dropping it takes as much stack as parsing it did
/// (the audit's workers have 64 MB; the inventory takes deep trees apart).
pub fn parse(name: &str, text: String, kind: FileKind) -> Parsed {
    match stack_need(&text, !matches!(kind, FileKind::Ts | FileKind::Wxs)) {
        Ok((need, chain)) => {
            let mut parsed = stack::with_stack(need, || parse_unchecked(name, text, kind));
            parsed.chain = chain;
            parsed
        }
        Err(error) => Parsed {
            program: None,
            errors: vec![error],
            base: 0,
            comments: Vec::new(),
            chain: 0,
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
    if errors.len() > MAX_ERRORS {
        let more = errors.len() - (MAX_ERRORS - 1);
        errors.truncate(MAX_ERRORS);
        let last = &mut errors[MAX_ERRORS - 1];
        last.message = format!(
            "{} (and {} more syntax errors after this one)",
            last.message,
            more - 1
        );
    }
    Parsed {
        program,
        errors,
        base,
        comments: comments_of(comments, base),
        chain: 0,
    }
}

/// Parses a template expression (the inside of `{{ }}`) as a JS expression;
/// `None` when it is not one (WXML also allows `{{a: 1, b}}` object bodies).
pub fn expression(text: &str) -> Option<Box<Expr>> {
    let (need, _) = stack_need(text, true).ok()?;
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

    /// Runs `f` on a thread with a small stack, as a test thread or the main
    /// thread may be.
    fn on_small_stack<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap()
    }

    #[test]
    fn text_nested_too_deeply_is_refused_at_its_deepest_point() {
        let n = 100_000;
        let text = format!("x = {}1{}", "(".repeat(n), ")".repeat(n));
        let parsed = on_small_stack(move || parse("a.js", text, FileKind::Js));
        assert!(parsed.program.is_none());
        assert_eq!(parsed.errors.len(), 1);
        let error = &parsed.errors[0];
        assert!(error.too_deep);
        assert_eq!(error.offset, 4 + n - 1, "the innermost `(`");
        assert!(
            error
                .message
                .starts_with("nested too deeply to parse: about 100001 levels"),
            "{}",
            error.message
        );
        let expr = format!("{}a{}", "(".repeat(n), ")".repeat(n));
        assert!(on_small_stack(move || expression(&expr)).is_none());
    }

    #[test]
    fn nesting_within_the_budget_parses_even_on_a_small_stack() {
        // Needs more than the thread has: the parse runs on a new segment.
        let n = 5_000;
        let text = format!("x = {}wx.getLocation(){}", "f(".repeat(n), ")".repeat(n));
        let parsed = on_small_stack(move || {
            let parsed = parse("a.js", text, FileKind::Js);
            let result = (parsed.program.is_some(), parsed.errors.len());
            // Dropping recurses too.
            if let Some(program) = parsed.program {
                stack::drop_tree(program, true);
            }
            result
        });
        assert_eq!(parsed, (true, 0));
        let expr = format!("{}a{}", "[".repeat(n), "]".repeat(n));
        assert!(on_small_stack(move || {
            let parsed = expression(&expr);
            let result = parsed.is_some();
            stack::drop_tree(parsed, true);
            result
        }));
    }

    #[test]
    fn syntax_errors_are_capped_with_a_count_of_the_rest() {
        // A module in strict mode: one recovered error per `delete`.
        let text = "export {};\n".to_owned() + &"delete a;\n".repeat(500);
        let parsed = parse("a.js", text, FileKind::Js);
        assert_eq!(
            parsed.errors.len(),
            MAX_ERRORS,
            "{:?}",
            parsed.errors.first()
        );
        let last = &parsed.errors[MAX_ERRORS - 1];
        assert!(
            last.message.ends_with("more syntax errors after this one)"),
            "{}",
            last.message
        );
    }

    #[test]
    fn chains_swc_is_slow_with_are_refused() {
        let chain = "if (a) f();".to_owned() + &" else if (a) f();".repeat(10_001);
        let parsed = parse("a.js", chain, FileKind::Js);
        assert!(parsed.program.is_none());
        let message = &parsed.errors[0].message;
        assert!(message.contains("`else if` chain"), "{message}");
        let fine = "if (a) f();".to_owned() + &" else if (a) f();".repeat(100);
        assert!(parse("a.js", fine, FileKind::Js).errors.is_empty());

        // Short enough for the fast path, but too many type assertions.
        let nested = format!("x = {}a;", "<T>".repeat(1_500));
        let parsed = parse("a.ts", nested, FileKind::Ts);
        assert!(parsed.program.is_none());
        let message = &parsed.errors[0].message;
        assert!(message.contains("type assertions"), "{message}");
        let fine = format!("x = {}a;", "<T>".repeat(20));
        assert!(parse("a.ts", fine, FileKind::Ts).errors.is_empty());
    }

    #[test]
    fn too_many_nested_labels_are_refused() {
        // swc's parser takes time and memory quadratic in them.
        let text = "a:".repeat(5_000) + "x;";
        let parsed = parse("a.js", text, FileKind::Js);
        assert!(parsed.program.is_none());
        assert!(parsed.errors[0].too_deep);
        assert!(
            parsed.errors[0].message.contains("labels"),
            "{}",
            parsed.errors[0].message
        );
        let fine = parse("a.js", "a: b: for (;;) break a;".into(), FileKind::Js);
        assert!(fine.errors.is_empty());
    }

    #[test]
    fn top_level_return_is_allowed() {
        assert!(parse("a.js", "if (x) return;".into(), FileKind::Js)
            .errors
            .is_empty());
    }
}
