//! Deep input without stack overflows.
//!
//! A stack overflow aborts the process (it is not a panic), so deeply nested
//! code must never reach the end of a thread's stack. Three places recurse
//! with the depth of the input:
//!
//! - swc's parser: [`crate::parse`] estimates its need first
//!   ([`crate::nesting`]), refuses text over [`PARSE_BUDGET`], and runs the
//!   parser where [`with_stack`] guarantees that much stack;
//! - our visitors and the helpers that follow chains of expressions: each
//!   level runs through [`guard`], which continues on a fresh stack segment
//!   when the current one runs low, so chains the parser builds in a loop
//!   (`a.b.c…`, `a + b + …` with hundreds of thousands of links) are walked
//!   whatever their depth;
//! - dropping the syntax tree, which recurses like a visitor: [`drop_program`]
//!   takes a deep tree apart without recursion.

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

/// Trees deeper than this (in [`guard`] levels) are taken apart to drop.
const DEEP_TREE: usize = 2_000;

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

/// The most stack one [`guard`] level is assumed to take, to walk without
/// checks while there is plenty left.
const MAX_LEVEL: usize = 32 * 1024;

/// The state of this thread's guarded walks.
#[derive(Clone, Copy)]
struct Walk {
    /// [`guard`] levels open.
    depth: usize,
    /// The most levels open at once since [`deepest`] started.
    deepest: usize,
    /// Below this depth the stack surely has room for one more level.
    unchecked: usize,
}

thread_local! {
    static WALK: Cell<Walk> = const {
        Cell::new(Walk {
            depth: 0,
            deepest: 0,
            unchecked: 0,
        })
    };
}

/// Runs one level of a recursive walk: on a fresh stack segment when the
/// current one is running low.
pub fn guard<R>(f: impl FnOnce() -> R) -> R {
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            WALK.with(|w| {
                let mut walk = w.get();
                walk.depth = walk.depth.saturating_sub(1);
                w.set(walk);
            });
        }
    }
    let walk = WALK.with(|w| {
        let mut walk = w.get();
        walk.depth += 1;
        walk.deepest = walk.deepest.max(walk.depth);
        w.set(walk);
        walk
    });
    let _leave = Leave;
    if walk.depth < walk.unchecked {
        f()
    } else {
        stacker::maybe_grow(RED_ZONE, SEGMENT, f)
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

/// Runs `f` and returns how many [`guard`] levels it opened at most. Levels
/// that surely fit in the stack left here are not checked.
pub fn deepest<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let saved = WALK.with(Cell::get);
    let room = stacker::remaining_stack()
        .unwrap_or(0)
        .saturating_sub(RED_ZONE);
    WALK.with(|w| {
        w.set(Walk {
            depth: saved.depth,
            deepest: saved.depth,
            unchecked: saved.depth + room / MAX_LEVEL,
        })
    });
    let result = f();
    let walk = WALK.with(Cell::get);
    WALK.with(|w| {
        w.set(Walk {
            depth: walk.depth,
            deepest: saved.deepest.max(walk.deepest),
            unchecked: saved.unchecked,
        })
    });
    (result, walk.deepest.saturating_sub(saved.depth))
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

/// Whether a tree whose walk reached `depth` [`guard`] levels, from a text
/// whose longest chain of postfix links is `chain` (the walks skip types,
/// where `T[][]…` and `A.B.C…` chains may be), is dropped by taking it apart
/// ([`drop_tree`]).
pub fn is_deep(depth: usize, chain: u64) -> bool {
    depth >= DEEP_TREE || chain >= DEEP_TREE as u64
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
        // 200,000 levels of ~300 bytes: 60 MB, on a 1 MB thread.
        let handle = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(|| deepest(|| recurse(200_000)))
            .unwrap();
        let (result, depth) = handle.join().unwrap();
        assert_eq!(result, 200_000);
        assert_eq!(depth, 200_000);
        assert_eq!(WALK.with(Cell::get).depth, 0);
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
