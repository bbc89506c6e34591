//! One walk, many collectors: the hooks a collector of the script
//! inventory implements ([`Collector`]), and the walk over the AST that runs
//! the hooks of any set of them ([`Walk`]).
//!
//! Every walk over a large AST costs about as much as the next, so the
//! collectors of [`super::js`] (the bindings, the references, the identity
//! facts, the JSX elements and the module facts) share walks where their
//! order allows. Each implements the hooks it needs; the others are no-ops.
//! A tuple of collectors is a collector that runs the hooks of each in turn,
//! and the walk is generic over it: static dispatch, no allocation per node.
//!
//! Every hook runs before the children of its node are visited. Most
//! collectors see every node; the module facts see less (see
//! [`super::modules::FactCollector`]): a hook returns a [`Control`] asking
//! the walk to visit some children with the collectors that see less
//! suspended ([`Collector::suspend`]), or to name the function it visits
//! next ([`Collector::name_next`]).

use swc_atoms::Atom;
use swc_common::Span;
use swc_ecma_ast::*;
use swc_ecma_visit::{noop_visit_type, Visit, VisitWith};

use super::modules::Names;

/// How the walk visits the children of a node, as a hook asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Control {
    /// Every collector sees the children.
    Children,
    /// The node holds a function value named `name` (`const f = () => …`,
    /// a method, `exports.f = …`): the walk visits the part of the node that
    /// names it suspended, names the function ([`Collector::name_next`]) and
    /// visits the value.
    Named(Atom, Span),
    /// A function named by what holds it: the walk visits its parameters
    /// (and decorators) suspended, then its body.
    Body,
    /// The walk visits the children suspended.
    Unseen,
}

impl Control {
    /// The control of two collectors' hooks for one node: the first that
    /// asks for more than [`Control::Children`] (one collector at most does).
    #[inline]
    fn and(self, next: Control) -> Control {
        match self {
            Control::Children => next,
            asked => {
                debug_assert_eq!(next, Control::Children, "two collectors control one node");
                asked
            }
        }
    }
}

/// The hooks of a collector, each run before the children of its node are
/// visited; every one is a no-op unless the collector implements it.
/// `names` are the same-file names bound to other modules: the binding
/// collector writes them, the module facts read them.
#[allow(unused_variables)]
pub(super) trait Collector {
    /// A variable declarator.
    #[inline]
    fn on_var_declarator(&mut self, d: &VarDeclarator, names: &mut Names) -> Control {
        Control::Children
    }

    /// A call.
    #[inline]
    fn on_call_expr(&mut self, call: &CallExpr, names: &Names) {}

    /// An optional call (`f?.()`).
    #[inline]
    fn on_opt_call(&mut self, call: &OptCall, names: &Names) {}

    /// An assignment.
    #[inline]
    fn on_assign_expr(&mut self, a: &AssignExpr) -> Control {
        Control::Children
    }

    /// An import declaration: the walk never visits its children.
    #[inline]
    fn on_import_decl(&mut self, import: &ImportDecl, names: &mut Names) {}

    /// A member expression.
    #[inline]
    fn on_member_expr(&mut self, m: &MemberExpr) {}

    /// Every expression.
    #[inline]
    fn on_expr(&mut self, expr: &Expr) {}

    /// An object literal's property.
    #[inline]
    fn on_prop(&mut self, prop: &Prop) -> Control {
        Control::Children
    }

    /// A JSX opening element.
    #[inline]
    fn on_jsx_opening_element(&mut self, el: &JSXOpeningElement) {}

    /// A class declaration.
    #[inline]
    fn on_class_decl(&mut self, c: &ClassDecl) {}

    /// A function declaration.
    #[inline]
    fn on_fn_decl(&mut self, f: &FnDecl) -> Control {
        Control::Children
    }

    /// The test of an `if`, `while`, `do … while` or `for`.
    #[inline]
    fn on_test(&mut self, test: &Expr) {}

    /// Entering a function: every call is paired with an
    /// [`Collector::exit_function`] once its children are visited.
    #[inline]
    fn enter_function(&mut self, f: &Function) -> Control {
        Control::Children
    }

    /// Entering an arrow function, like [`Collector::enter_function`].
    #[inline]
    fn enter_arrow(&mut self, a: &ArrowExpr) -> Control {
        Control::Children
    }

    /// Leaving the function (or arrow) entered last.
    #[inline]
    fn exit_function(&mut self) {}

    /// A class method.
    #[inline]
    fn on_class_method(&mut self, m: &ClassMethod) -> Control {
        Control::Children
    }

    /// `export { a as b }`, `export { a } from 'x'`.
    #[inline]
    fn on_named_export(&mut self, export: &NamedExport) -> Control {
        Control::Children
    }

    /// `export * from 'x'`.
    #[inline]
    fn on_export_all(&mut self, export: &ExportAll) -> Control {
        Control::Children
    }

    /// `export const …`, `export function …`.
    #[inline]
    fn on_export_decl(&mut self, export: &ExportDecl) {}

    /// `export default function …`.
    #[inline]
    fn on_export_default_decl(&mut self, export: &ExportDefaultDecl) -> Control {
        Control::Children
    }

    /// `export default …`.
    #[inline]
    fn on_export_default_expr(&mut self, export: &ExportDefaultExpr) -> Control {
        Control::Children
    }

    /// From now until the matching [`Collector::resume`], the nodes visited
    /// are not seen by a collector that sees less of the AST (and asks for
    /// this with a [`Control`]). Every collector of a walk is told; only
    /// those that see less implement it.
    #[inline]
    fn suspend(&mut self) {}

    /// Ends the latest [`Collector::suspend`].
    #[inline]
    fn resume(&mut self) {}

    /// Names the function the walk visits next ([`Control::Named`]).
    #[inline]
    fn name_next(&mut self, name: (Atom, Span)) {}
}

/// Forwards every hook of a set of collectors (a tuple) to each, first to
/// last; [`Collector::exit_function`] and [`Collector::resume`] last to
/// first, so that they nest.
macro_rules! tuple_collector {
    ([$($c:ident)+] [$($r:ident)+]) => {
        #[allow(non_snake_case)]
        impl<$($c: Collector),+> Collector for ($($c,)+) {
            #[inline]
            fn on_var_declarator(&mut self, d: &VarDeclarator, names: &mut Names) -> Control {
                let ($($c,)+) = self;
                Control::Children$(.and($c.on_var_declarator(d, names)))+
            }
            #[inline]
            fn on_call_expr(&mut self, call: &CallExpr, names: &Names) {
                let ($($c,)+) = self;
                $($c.on_call_expr(call, names);)+
            }
            #[inline]
            fn on_opt_call(&mut self, call: &OptCall, names: &Names) {
                let ($($c,)+) = self;
                $($c.on_opt_call(call, names);)+
            }
            #[inline]
            fn on_assign_expr(&mut self, a: &AssignExpr) -> Control {
                let ($($c,)+) = self;
                Control::Children$(.and($c.on_assign_expr(a)))+
            }
            #[inline]
            fn on_import_decl(&mut self, import: &ImportDecl, names: &mut Names) {
                let ($($c,)+) = self;
                $($c.on_import_decl(import, names);)+
            }
            #[inline]
            fn on_member_expr(&mut self, m: &MemberExpr) {
                let ($($c,)+) = self;
                $($c.on_member_expr(m);)+
            }
            #[inline]
            fn on_expr(&mut self, expr: &Expr) {
                let ($($c,)+) = self;
                $($c.on_expr(expr);)+
            }
            #[inline]
            fn on_prop(&mut self, prop: &Prop) -> Control {
                let ($($c,)+) = self;
                Control::Children$(.and($c.on_prop(prop)))+
            }
            #[inline]
            fn on_jsx_opening_element(&mut self, el: &JSXOpeningElement) {
                let ($($c,)+) = self;
                $($c.on_jsx_opening_element(el);)+
            }
            #[inline]
            fn on_class_decl(&mut self, c: &ClassDecl) {
                let ($($c,)+) = self;
                $($c.on_class_decl(c);)+
            }
            #[inline]
            fn on_fn_decl(&mut self, f: &FnDecl) -> Control {
                let ($($c,)+) = self;
                Control::Children$(.and($c.on_fn_decl(f)))+
            }
            #[inline]
            fn on_test(&mut self, test: &Expr) {
                let ($($c,)+) = self;
                $($c.on_test(test);)+
            }
            #[inline]
            fn enter_function(&mut self, f: &Function) -> Control {
                let ($($c,)+) = self;
                Control::Children$(.and($c.enter_function(f)))+
            }
            #[inline]
            fn enter_arrow(&mut self, a: &ArrowExpr) -> Control {
                let ($($c,)+) = self;
                Control::Children$(.and($c.enter_arrow(a)))+
            }
            #[inline]
            fn exit_function(&mut self) {
                let ($($c,)+) = self;
                $($r.exit_function();)+
            }
            #[inline]
            fn on_class_method(&mut self, m: &ClassMethod) -> Control {
                let ($($c,)+) = self;
                Control::Children$(.and($c.on_class_method(m)))+
            }
            #[inline]
            fn on_named_export(&mut self, export: &NamedExport) -> Control {
                let ($($c,)+) = self;
                Control::Children$(.and($c.on_named_export(export)))+
            }
            #[inline]
            fn on_export_all(&mut self, export: &ExportAll) -> Control {
                let ($($c,)+) = self;
                Control::Children$(.and($c.on_export_all(export)))+
            }
            #[inline]
            fn on_export_decl(&mut self, export: &ExportDecl) {
                let ($($c,)+) = self;
                $($c.on_export_decl(export);)+
            }
            #[inline]
            fn on_export_default_decl(&mut self, export: &ExportDefaultDecl) -> Control {
                let ($($c,)+) = self;
                Control::Children$(.and($c.on_export_default_decl(export)))+
            }
            #[inline]
            fn on_export_default_expr(&mut self, export: &ExportDefaultExpr) -> Control {
                let ($($c,)+) = self;
                Control::Children$(.and($c.on_export_default_expr(export)))+
            }
            #[inline]
            fn suspend(&mut self) {
                let ($($c,)+) = self;
                $($c.suspend();)+
            }
            #[inline]
            fn resume(&mut self) {
                let ($($c,)+) = self;
                $($r.resume();)+
            }
            #[inline]
            fn name_next(&mut self, name: (Atom, Span)) {
                let ($($c,)+) = self;
                $($c.name_next(name.clone());)+
            }
        }
    };
}

tuple_collector!([A B] [B A]);
tuple_collector!([A B C] [C B A]);

/// A walk over the AST running the hooks of the collectors `C`.
pub(super) struct Walk<'n, C> {
    collectors: C,
    /// The names bound to other modules (see [`Collector`]).
    names: &'n mut Names,
}

impl<'n, C: Collector> Walk<'n, C> {
    /// Walks `program` with `collectors`, handing them `names`; gives the
    /// collectors back.
    pub(super) fn run(program: &Program, collectors: C, names: &'n mut Names) -> C {
        let mut walk = Walk { collectors, names };
        program.visit_with(&mut walk);
        walk.collectors
    }

    /// Visits `node` with the collectors that asked for it suspended.
    fn unseen<N: VisitWith<Self> + ?Sized>(&mut self, node: &N) {
        self.collectors.suspend();
        node.visit_with(self);
        self.collectors.resume();
    }

    /// Visits `node`, which holds the function value named `name`, for the
    /// collectors to see as that function.
    fn named<N: VisitWith<Self> + ?Sized>(&mut self, name: (Atom, Span), node: &N) {
        self.collectors.name_next(name);
        node.visit_with(self);
    }
}

impl<C: Collector> Visit for Walk<'_, C> {
    noop_visit_type!();
    crate::stack::guarded_visits!(
        visit_stmt: swc_ecma_ast::Stmt,
        visit_pat: swc_ecma_ast::Pat,
        visit_jsx_element: swc_ecma_ast::JSXElement,
        visit_jsx_member_expr: swc_ecma_ast::JSXMemberExpr,
    );

    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        match self.collectors.on_var_declarator(d, self.names) {
            Control::Named(name, span) => {
                self.unseen(&d.name);
                self.named((name, span), &d.init);
            }
            _ => d.visit_children_with(self),
        }
    }

    fn visit_call_expr(&mut self, call: &CallExpr) {
        self.collectors.on_call_expr(call, self.names);
        call.visit_children_with(self);
    }

    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        match self.collectors.on_assign_expr(a) {
            Control::Named(name, span) => {
                self.unseen(&a.left);
                self.named((name, span), &a.right);
            }
            _ => a.visit_children_with(self),
        }
    }

    /// Import specifiers are not uses: the calls and references of the local
    /// name are. Their children are not visited.
    fn visit_import_decl(&mut self, import: &ImportDecl) {
        self.collectors.on_import_decl(import, self.names);
    }

    fn visit_opt_call(&mut self, call: &OptCall) {
        self.collectors.on_opt_call(call, self.names);
        call.visit_children_with(self);
    }

    fn visit_member_expr(&mut self, m: &MemberExpr) {
        self.collectors.on_member_expr(m);
        m.visit_children_with(self);
    }

    fn visit_expr(&mut self, expr: &Expr) {
        self.collectors.on_expr(expr);
        crate::stack::guard(|| expr.visit_children_with(self));
    }

    fn visit_prop(&mut self, prop: &Prop) {
        match (self.collectors.on_prop(prop), prop) {
            (Control::Named(name, span), Prop::KeyValue(kv)) => {
                self.unseen(&kv.key);
                self.named((name, span), &kv.value);
            }
            (Control::Named(name, span), Prop::Method(m)) => {
                self.unseen(&m.key);
                self.named((name, span), &m.function);
            }
            _ => prop.visit_children_with(self),
        }
    }

    fn visit_jsx_opening_element(&mut self, el: &JSXOpeningElement) {
        self.collectors.on_jsx_opening_element(el);
        el.visit_children_with(self);
    }

    fn visit_class_decl(&mut self, c: &ClassDecl) {
        self.collectors.on_class_decl(c);
        c.visit_children_with(self);
    }

    fn visit_if_stmt(&mut self, s: &IfStmt) {
        self.collectors.on_test(&s.test);
        s.visit_children_with(self);
    }

    fn visit_while_stmt(&mut self, s: &WhileStmt) {
        self.collectors.on_test(&s.test);
        s.visit_children_with(self);
    }

    fn visit_do_while_stmt(&mut self, s: &DoWhileStmt) {
        self.collectors.on_test(&s.test);
        s.visit_children_with(self);
    }

    fn visit_for_stmt(&mut self, s: &ForStmt) {
        if let Some(test) = &s.test {
            self.collectors.on_test(test);
        }
        s.visit_children_with(self);
    }

    fn visit_fn_decl(&mut self, f: &FnDecl) {
        match self.collectors.on_fn_decl(f) {
            Control::Named(name, span) => {
                self.unseen(&f.ident);
                self.named((name, span), &f.function);
            }
            _ => f.visit_children_with(self),
        }
    }

    fn visit_function(&mut self, f: &Function) {
        match self.collectors.enter_function(f) {
            Control::Body => {
                // Named by what holds it: the suspended see the body only.
                self.unseen(&f.this_param);
                self.unseen(&f.params);
                self.unseen(&f.decorators);
                f.body.visit_with(self);
                f.type_params.visit_with(self);
                f.return_type.visit_with(self);
            }
            _ => f.visit_children_with(self),
        }
        self.collectors.exit_function();
    }

    fn visit_arrow_expr(&mut self, a: &ArrowExpr) {
        match self.collectors.enter_arrow(a) {
            Control::Body => {
                self.unseen(&a.params);
                a.body.visit_with(self);
                a.type_params.visit_with(self);
                a.return_type.visit_with(self);
            }
            _ => a.visit_children_with(self),
        }
        self.collectors.exit_function();
    }

    fn visit_class_method(&mut self, m: &ClassMethod) {
        match self.collectors.on_class_method(m) {
            Control::Named(name, span) => {
                self.unseen(&m.key);
                self.named((name, span), &m.function);
            }
            _ => m.visit_children_with(self),
        }
    }

    fn visit_named_export(&mut self, export: &NamedExport) {
        match self.collectors.on_named_export(export) {
            Control::Unseen => self.unseen_children(export),
            _ => export.visit_children_with(self),
        }
    }

    fn visit_export_all(&mut self, export: &ExportAll) {
        match self.collectors.on_export_all(export) {
            Control::Unseen => self.unseen_children(export),
            _ => export.visit_children_with(self),
        }
    }

    fn visit_export_decl(&mut self, export: &ExportDecl) {
        self.collectors.on_export_decl(export);
        export.visit_children_with(self);
    }

    fn visit_export_default_decl(&mut self, export: &ExportDefaultDecl) {
        match (self.collectors.on_export_default_decl(export), &export.decl) {
            (Control::Named(name, span), DefaultDecl::Fn(f)) => {
                self.unseen(&f.ident);
                self.named((name, span), &f.function);
            }
            _ => export.visit_children_with(self),
        }
    }

    fn visit_export_default_expr(&mut self, export: &ExportDefaultExpr) {
        match self.collectors.on_export_default_expr(export) {
            Control::Named(name, span) => self.named((name, span), &export.expr),
            _ => export.visit_children_with(self),
        }
    }
}

impl<C: Collector> Walk<'_, C> {
    /// Visits the children of `node` with the collectors that asked for it
    /// suspended.
    fn unseen_children<N: VisitWith<Self>>(&mut self, node: &N) {
        self.collectors.suspend();
        node.visit_children_with(self);
        self.collectors.resume();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;
    use crate::source::FileKind;

    /// Counts the expressions it sees; names declarators of functions and
    /// does not see re-exports, like the module facts.
    #[derive(Default)]
    struct Counter {
        seen: usize,
        unseen: usize,
        suspended: u32,
        named: Vec<String>,
        asks: bool,
    }

    impl Collector for Counter {
        fn on_expr(&mut self, _: &Expr) {
            if self.suspended == 0 {
                self.seen += 1;
            } else {
                self.unseen += 1;
            }
        }

        fn on_var_declarator(&mut self, d: &VarDeclarator, _: &mut Names) -> Control {
            match (&d.name, &d.init) {
                (Pat::Ident(b), Some(_)) if self.asks => {
                    Control::Named(b.id.sym.clone(), b.id.span)
                }
                (_, Some(_)) if self.asks => Control::Named(Atom::from("pattern"), d.span),
                _ => Control::Children,
            }
        }

        fn on_named_export(&mut self, _: &NamedExport) -> Control {
            if self.asks {
                Control::Unseen
            } else {
                Control::Children
            }
        }

        // Only a collector that sees less of the AST implements these.
        fn suspend(&mut self) {
            self.suspended += u32::from(self.asks);
        }

        fn resume(&mut self) {
            self.suspended -= u32::from(self.asks);
        }

        fn name_next(&mut self, name: (Atom, Span)) {
            self.named.push(name.0.to_string());
        }
    }

    #[test]
    fn every_collector_of_a_tuple_runs_its_hooks_and_the_walk_follows_controls() {
        let src = "const f = (a) => a + 1; var [m = n] = o; g(f); export { f as h };";
        let parsed = parse::parse("t.js", src.to_owned(), FileKind::Js);
        let program = parsed.program.as_ref().unwrap();
        let asking = Counter {
            asks: true,
            ..Counter::default()
        };
        let (plain, asking) =
            Walk::run(program, (Counter::default(), asking), &mut Names::default());
        // Both meet every expression (the arrow, `a + 1`, `a`, `1`, `n`, `o`,
        // the call, `g`, `f`); the one asking does not see the pattern `[m =
        // n]` of the declarator it names, and every suspension ends.
        assert_eq!((plain.seen, plain.unseen), (9, 0));
        assert_eq!((asking.seen, asking.unseen, asking.suspended), (8, 1, 0));
        assert_eq!(plain.named, ["f", "pattern"], "every collector is told");
        assert_eq!(asking.named, ["f", "pattern"]);
    }
}
