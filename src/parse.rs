//! Stage 2, parsing: JS, TS and WXS text through swc's parser.
//!
//! Each call builds its own `SourceMap` (swc's is not `Send`), so files parse
//! in parallel on rayon workers. Spans leave this module as byte offsets of the
//! text, never as swc types.

use swc_common::{sync::Lrc, FileName, SourceMap, Spanned};
use swc_ecma_ast::{EsVersion, Expr, Program};
use swc_ecma_parser::{parse_file_as_expr, parse_file_as_program, EsSyntax, Syntax, TsSyntax};

use crate::project::FileKind;

/// A syntax error, fatal or recovered, as a byte range of the text.
#[derive(Debug, Clone)]
pub struct ParseError {
    /// Byte offset in the text.
    pub offset: usize,
    /// Length in bytes.
    pub len: usize,
    /// swc's message.
    pub message: String,
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
}

/// The swc syntax for a file kind: TypeScript for `.ts`, modern JS otherwise.
pub fn syntax_for(kind: FileKind) -> Syntax {
    match kind {
        FileKind::Ts => Syntax::Typescript(TsSyntax {
            decorators: true,
            ..Default::default()
        }),
        _ => Syntax::Es(EsSyntax {
            decorators: true,
            // Mini program files run wrapped in a function: top-level `return` is legal.
            allow_return_outside_function: true,
            ..Default::default()
        }),
    }
}

/// Parses `text` (already BOM-stripped) as a script or module.
pub fn parse(name: &str, text: String, kind: FileKind) -> Parsed {
    let cm: Lrc<SourceMap> = Default::default();
    let fm = cm.new_source_file(Lrc::new(FileName::Custom(name.to_owned())), text);
    let base = fm.start_pos.0;
    let mut recovered = Vec::new();
    let result = parse_file_as_program(
        &fm,
        syntax_for(kind),
        EsVersion::latest(),
        None,
        &mut recovered,
    );
    let to_error = |span: swc_common::Span, message: String| ParseError {
        offset: span.lo.0.saturating_sub(base) as usize,
        len: span.hi.0.saturating_sub(span.lo.0) as usize,
        message,
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
    }
}

/// Parses a template expression (the inside of `{{ }}`) as a JS expression;
/// `None` when it is not one (WXML also allows `{{a: 1, b}}` object bodies).
pub fn expression(text: &str) -> Option<Box<Expr>> {
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
    fn top_level_return_is_allowed() {
        assert!(parse("a.js", "if (x) return;".into(), FileKind::Js)
            .errors
            .is_empty());
    }
}
