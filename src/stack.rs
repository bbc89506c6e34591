//! Deep input without stack overflows.
//!
//! A stack overflow aborts the process (it is not a panic), so deeply nested
//! code must never reach the end of a thread's stack. Three places recurse
//! with the depth of the input:
//!
//! - swc's parser: [`crate::parse`] estimates its need first
//!   ([`crate::parse::nesting`]), refuses text over [`PARSE_BUDGET`], and runs the
//!   parser where [`with_stack`] guarantees that much stack;
//! - our visitors and the helpers that follow chains of expressions: each
//!   level runs through [`guard`] (inside a [`walk`]), which continues on a
//!   fresh stack segment when the current one runs low, so chains the parser
//!   builds in a loop (`a.b.c…`, `a + b + …`, up to the 100,000 links
//!   [`crate::parse`] accepts) are walked whatever their depth;
//! - dropping the syntax tree, which recurses like a walk: [`drop_tree`]
//!   takes a deep tree apart without recursion ([`is_deep`]).

use std::cell::Cell;

use swc_common::DUMMY_SP;
use swc_ecma_ast::{
    EmptyStmt, Expr, Ident, Invalid, JSXObject, Stmt, TsEntityName, TsKeywordType,
    TsKeywordTypeKind, TsModuleBlock, TsNamespaceBody, TsType,
};
use swc_ecma_visit::{VisitMut, VisitMutWith};

/// The most stack the parser may use for one text, in bytes (workers have
/// 64 MB; see `WORKER_STACK` in lib.rs).
pub const PARSE_BUDGET: u64 = 48 * 1024 * 1024;

/// A walk continues on a new segment when less than this is left: more than
/// one level of any visitor takes.
const RED_ZONE: usize = 1024 * 1024;

/// The size of each new segment.
const SEGMENT: usize = 16 * 1024 * 1024;

/// Trees with a chain of postfix links this long are taken apart to drop.
const DEEP_TREE: u64 = 2_000;

/// `Visit` methods that run each level of expressions, statements, patterns
/// and JSX elements through [`guard`] (the visitors skip types with
/// `noop_visit_type!`): `guarded_visits!()` for all of them, or
/// `guarded_visits!(visit_stmt: Stmt, …)` for the ones a visitor does not
/// define itself (and then guards itself).
macro_rules! guarded_visits {
    () => {
        $crate::stack::guarded_visits!(
            visit_expr: swc_ecma_ast::Expr,
            visit_stmt: swc_ecma_ast::Stmt,
            visit_pat: swc_ecma_ast::Pat,
            visit_jsx_element: swc_ecma_ast::JSXElement,
            visit_jsx_member_expr: swc_ecma_ast::JSXMemberExpr,
        );
    };
    ($($method:ident: $node:ty),+ $(,)?) => {
        $(
            fn $method(&mut self, node: &$node) {
                $crate::stack::guard(|| swc_ecma_visit::VisitWith::visit_children_with(node, self))
            }
        )+
    };
}
pub(crate) use guarded_visits;

thread_local! {
    /// Inside [`walk`]: a stack address below which [`guard`] checks the
    /// stack (the current segment's end plus [`RED_ZONE`]). Outside, the
    /// largest address: every level is checked.
    static CHECK_BELOW: Cell<usize> = const { Cell::new(usize::MAX) };
    /// Whether the current [`walk`] ran out of stack and went on in new
    /// segments.
    static GREW: Cell<bool> = const { Cell::new(false) };
}

/// An address in the current stack frame.
#[inline(always)]
fn here() -> usize {
    let marker = 0u8;
    std::ptr::addr_of!(marker) as usize
}

/// Runs one level of a recursive walk: on a fresh stack segment when the
/// current one is running low. Inside [`walk`] a level costs one comparison
/// while the stack has room.
#[inline]
pub fn guard<R>(f: impl FnOnce() -> R) -> R {
    if here() > CHECK_BELOW.get() {
        f()
    } else {
        grow(f)
    }
}

/// [`guard`] near the end of the stack: continues on a new segment, where
/// the levels are checked against that segment's end.
#[inline(never)]
fn grow<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(usize);
    impl Drop for Restore {
        fn drop(&mut self) {
            CHECK_BELOW.set(self.0);
        }
    }
    if stacker::remaining_stack().is_none_or(|left| left < RED_ZONE) {
        GREW.set(true);
    }
    stacker::maybe_grow(RED_ZONE, SEGMENT, || {
        let _restore = Restore(CHECK_BELOW.get());
        CHECK_BELOW.set(check_below());
        f()
    })
}

/// The address below which the stack segment `here` is in has less than
/// [`RED_ZONE`] left; the largest address when that is not known.
fn check_below() -> usize {
    match stacker::remaining_stack() {
        Some(left) => here().saturating_sub(left).saturating_add(RED_ZONE),
        None => usize::MAX,
    }
}

/// Runs `f` with at least `bytes` of stack left: here when there is that
/// much, else on a new segment.
pub fn with_stack<R>(bytes: u64, f: impl FnOnce() -> R) -> R {
    let needed = usize::try_from(bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(RED_ZONE);
    match stacker::remaining_stack() {
        Some(left) if left >= needed => f(),
        _ => stacker::grow(needed, f),
    }
}

/// Runs `f`, a walk whose levels go through [`guard`], and tells whether it
/// ran out of the thread's stack (then its tree is deep: see [`is_deep`]).
pub fn walk<R>(f: impl FnOnce() -> R) -> (R, bool) {
    struct Restore(usize, bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            CHECK_BELOW.set(self.0);
            GREW.set(self.1);
        }
    }
    let restore = Restore(CHECK_BELOW.replace(check_below()), GREW.replace(false));
    let result = f();
    let grew = GREW.get();
    drop(restore);
    (result, grew)
}

/// Drops a syntax tree (a program, an expression). A `deep` one
/// ([`is_deep`]) is taken apart expression by expression, statement by
/// statement, type by type, so the drop does not recurse down a long chain.
pub fn drop_tree<N: VisitMutWith<Parts>>(mut node: N, deep: bool) {
    if !deep {
        drop(node);
        return;
    }
    let mut parts = Parts::default();
    node.visit_mut_children_with(&mut parts);
    drop(node);
    while let Some(mut part) = parts.0.pop() {
        match &mut part {
            Part::Expr(node) => node.visit_mut_children_with(&mut parts),
            Part::Stmt(node) => node.visit_mut_children_with(&mut parts),
            Part::Name(node) => node.visit_mut_children_with(&mut parts),
            Part::Jsx(node) => node.visit_mut_children_with(&mut parts),
            Part::Namespace(node) => node.visit_mut_children_with(&mut parts),
            Part::Type(node) => node.visit_mut_children_with(&mut parts),
        }
    }
}

/// Whether a tree is dropped by taking it apart ([`drop_tree`]): when its
/// walk ran out of the thread's stack (dropping recurses like walking, with
/// smaller frames), or its text has a chain of postfix links of [`DEEP_TREE`]
/// (the walks skip types, where `T[][]…` and `A.B.C…` chains may be).
pub fn is_deep(grew: bool, chain: u64) -> bool {
    grew || chain >= DEEP_TREE
}

/// Takes the expressions, statements, types and the links of chains
/// (qualified type names, JSX member names, dotted namespaces) out of a node, leaving
/// placeholders, so the node drops without recursion.
#[derive(Default)]
pub struct Parts(Vec<Part>);

/// A node taken out of a tree by [`Parts`].
enum Part {
    Expr(Expr),
    Stmt(Stmt),
    Name(TsEntityName),
    Jsx(JSXObject),
    Namespace(TsNamespaceBody),
    Type(TsType),
}

fn placeholder() -> Ident {
    Ident::new_no_ctxt("_".into(), DUMMY_SP)
}

impl VisitMut for Parts {
    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        let taken = std::mem::replace(expr, Invalid { span: DUMMY_SP }.into());
        self.0.push(Part::Expr(taken));
    }

    fn visit_mut_stmt(&mut self, stmt: &mut Stmt) {
        let taken = std::mem::replace(stmt, EmptyStmt { span: DUMMY_SP }.into());
        self.0.push(Part::Stmt(taken));
    }

    fn visit_mut_ts_entity_name(&mut self, name: &mut TsEntityName) {
        if matches!(name, TsEntityName::TsQualifiedName(_)) {
            let taken = std::mem::replace(name, TsEntityName::Ident(placeholder()));
            self.0.push(Part::Name(taken));
        }
    }

    fn visit_mut_jsx_object(&mut self, object: &mut JSXObject) {
        if matches!(object, JSXObject::JSXMemberExpr(_)) {
            let taken = std::mem::replace(object, JSXObject::Ident(placeholder()));
            self.0.push(Part::Jsx(taken));
        }
    }

    fn visit_mut_ts_type(&mut self, ty: &mut TsType) {
        let any = TsKeywordType {
            span: DUMMY_SP,
            kind: TsKeywordTypeKind::TsAnyKeyword,
        };
        let taken = std::mem::replace(ty, TsType::TsKeywordType(any));
        self.0.push(Part::Type(taken));
    }

    fn visit_mut_ts_namespace_body(&mut self, body: &mut TsNamespaceBody) {
        let empty = TsModuleBlock {
            span: DUMMY_SP,
            body: Vec::new(),
        };
        let taken = std::mem::replace(body, TsNamespaceBody::TsModuleBlock(empty));
        self.0.push(Part::Namespace(taken));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recurse(n: usize) -> usize {
        if n == 0 {
            0
        } else {
            // A frame of a few hundred bytes, like a visitor's.
            let pad = std::hint::black_box([0u8; 256]);
            guard(|| recurse(n - 1)) + usize::from(pad[0] == 0)
        }
    }

    #[test]
    fn guarded_recursion_survives_a_small_stack() {
        // 200,000 levels of ~300 bytes: 60 MB, on a 4 MB thread.
        let handle = std::thread::Builder::new()
            .stack_size(4 * 1024 * 1024)
            .spawn(|| {
                let deep = walk(|| recurse(200_000));
                let shallow = walk(|| recurse(10));
                (deep, shallow, CHECK_BELOW.get())
            })
            .unwrap();
        let ((result, grew), (_, shallow_grew), check) = handle.join().unwrap();
        assert_eq!(result, 200_000);
        assert!(grew);
        assert!(!shallow_grew);
        assert_eq!(check, usize::MAX, "restored after the walks");
    }

    #[test]
    fn guarded_recursion_outside_a_walk_is_checked_at_every_level() {
        let handle = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(|| recurse(100_000))
            .unwrap();
        assert_eq!(handle.join().unwrap(), 100_000);
    }

    #[test]
    fn with_stack_gives_the_stack_asked_for() {
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| {
                with_stack(8 * 1024 * 1024, || {
                    stacker::remaining_stack().unwrap() >= 8 * 1024 * 1024
                })
            })
            .unwrap();
        assert!(handle.join().unwrap());
    }
}
