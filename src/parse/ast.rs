//! Small helpers over swc's AST, shared by every stage that reads a parsed
//! program: see through wrappers that do not change a value ([`unwrap`]),
//! read string literals ([`string_value`], [`string_value_is`]) and the names
//! written in member properties, property keys and module specifiers.

use swc_atoms::Atom;
use swc_common::Span;
use swc_ecma_ast::*;

/// Strips parentheses and TypeScript wrappers that do not change the value.
pub fn unwrap(mut expr: &Expr) -> &Expr {
    loop {
        expr = match expr {
            Expr::Paren(p) => &p.expr,
            Expr::TsAs(e) => &e.expr,
            Expr::TsNonNull(e) => &e.expr,
            Expr::TsTypeAssertion(e) => &e.expr,
            Expr::TsSatisfies(e) => &e.expr,
            Expr::TsConstAssertion(e) => &e.expr,
            _ => return expr,
        }
    }
}

/// Whether `expr` is a string literal (or a template literal without
/// expressions) whose value passes `test`; nothing is copied.
pub fn string_value_is(expr: &Expr, test: impl FnOnce(&str) -> bool) -> bool {
    match unwrap(expr) {
        Expr::Lit(Lit::Str(s)) => test(&s.value.to_atom_lossy()),
        Expr::Tpl(t) if t.exprs.is_empty() => t
            .quasis
            .first()
            .and_then(|q| q.cooked.as_ref())
            .is_some_and(|c| test(&c.to_atom_lossy())),
        _ => false,
    }
}

/// The value of a string literal or a template literal without expressions.
pub fn string_value(expr: &Expr) -> Option<String> {
    match unwrap(expr) {
        Expr::Lit(Lit::Str(s)) => Some(s.value.to_atom_lossy().to_string()),
        Expr::Tpl(t) if t.exprs.is_empty() => t
            .quasis
            .first()
            .and_then(|q| q.cooked.as_ref())
            .map(|c| c.to_atom_lossy().to_string()),
        _ => None,
    }
}

/// The property name of `wx.<name>` / `wx['<name>']`, with the span to report.
pub fn member_name(prop: &MemberProp) -> Option<(&str, Span)> {
    match prop {
        MemberProp::Ident(id) => Some((id.sym.as_str(), id.span)),
        MemberProp::Computed(c) => match unwrap(&c.expr) {
            Expr::Lit(Lit::Str(s)) => s.value.as_atom().map(|a| (a.as_str(), s.span)),
            Expr::Tpl(t) if t.exprs.is_empty() => t
                .quasis
                .first()
                .and_then(|q| q.cooked.as_ref())
                .and_then(|c| c.as_atom())
                .map(|a| (a.as_str(), t.span)),
            _ => None,
        },
        MemberProp::PrivateName(_) => None,
    }
}

/// Whether a property key is `word` (`scope`, `'scope'`).
pub fn key_is(key: &PropName, word: &Atom) -> bool {
    match key {
        PropName::Ident(id) => id.sym == *word,
        PropName::Str(s) => s.value.as_atom() == Some(word),
        _ => false,
    }
}

/// The name written in a destructuring key or import specifier.
pub fn prop_name(key: &PropName) -> Option<(&str, Span)> {
    match key {
        PropName::Ident(id) => Some((id.sym.as_str(), id.span)),
        PropName::Str(s) => s.value.as_atom().map(|a| (a.as_str(), s.span)),
        _ => None,
    }
}

/// The name written in an import or export specifier (`a`, `'a'`).
pub fn module_export_name(name: &ModuleExportName) -> Option<(&str, Span)> {
    match name {
        ModuleExportName::Ident(id) => Some((id.sym.as_str(), id.span)),
        ModuleExportName::Str(s) => s.value.as_atom().map(|a| (a.as_str(), s.span)),
    }
}
