//! The JSX inventory (Taro sources): `<Button openType="getPhoneNumber">`,
//! `<Camera>`, `<Input type="nickname">`… are the WXML components written in
//! JSX. Each opening element is put into the shape of a WXML start tag
//! (`LivePusher` → `live-pusher`) and matched with the template table of
//! [`super::template`], so both read the same rows and record the same canonical
//! `api`. An attribute bound to an expression (`openType={cond ? 'a' : 'b'}`)
//! counts through the string literals in it, like `{{ }}` in WXML.

use std::borrow::Cow;

use swc_common::Span;
use swc_ecma_ast::*;
use swc_ecma_visit::{noop_visit_type, Visit, VisitWith};

use crate::parse::wxml::{Attr, Element};
use crate::ruleset::Ruleset;

use super::js::RawUse;
use super::walk::Collector;

/// Records the template uses among the JSX elements of `program`. `base` is
/// the `SourceMap` position of the text's first byte.
#[cfg(test)]
pub fn collect(program: &Program, base: u32, ruleset: &Ruleset) -> Vec<RawUse> {
    let mut visitor = ElementCollector::new(base);
    program.visit_with(&mut visitor);
    visitor.uses(ruleset)
}

/// `LivePusher` → `live-pusher`, `Button` → `button`, `camera` → `camera`.
pub fn kebab_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.char_indices() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The string literals in an expression, in source order.
#[derive(Default)]
struct Strings(Vec<String>);

impl Visit for Strings {
    noop_visit_type!();
    crate::stack::guarded_visits!();

    fn visit_str(&mut self, s: &Str) {
        self.0.push(s.value.to_atom_lossy().to_string());
    }

    fn visit_tpl(&mut self, t: &Tpl) {
        if t.exprs.is_empty() {
            if let Some(cooked) = t.quasis.first().and_then(|q| q.cooked.as_ref()) {
                self.0.push(cooked.to_atom_lossy().to_string());
            }
        }
        t.visit_children_with(self);
    }
}

/// An agree button written in JSX (`<Button openType="agreePrivacyAuthorization"
/// id="agree-btn" onAgreePrivacyAuthorization={handler}>`), before it is
/// located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RawAgree {
    /// Offset and written length of the tag name.
    pub(super) offset: usize,
    pub(super) len: usize,
    /// The literal `id` (`id="x"`, `id={'x'}`); `None` without one.
    pub(super) id: Option<String>,
    /// The `id` is computed (`id={x}`), or a spread (`{...props}`) may set it.
    pub(super) dynamic_id: bool,
    /// The function bound to `onAgreePrivacyAuthorization` when it is a name
    /// (`{handler}`, `{this.handleAgree}`, `{this.handleAgree.bind(this)}`).
    pub(super) handler: Option<String>,
}

/// Whether a JSX attribute name binds the agree event
/// (`onAgreePrivacyAuthorization`, or a WXML bind form written in JSX).
fn is_agree_event(name: &str) -> bool {
    let event = name
        .strip_prefix("on")
        .or_else(|| super::events::event_of(name));
    event.is_some_and(|e| e.eq_ignore_ascii_case("agreeprivacyauthorization"))
}

/// The method name of a handler expression: `handler`, `this.handler`,
/// `this.handler.bind(this)`; `None` for anything else (an arrow function).
fn handler_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Ident(i) => Some(i.sym.to_string()),
        Expr::Member(m) => match &m.prop {
            MemberProp::Ident(p) if p.sym != *"bind" => Some(p.sym.to_string()),
            _ => None,
        },
        Expr::Call(c) => match &c.callee {
            Callee::Expr(callee) => match &**callee {
                Expr::Member(m) if matches!(&m.prop, MemberProp::Ident(p) if p.sym == *"bind") => {
                    handler_name(&m.obj)
                }
                _ => None,
            },
            _ => None,
        },
        Expr::Paren(p) => handler_name(&p.expr),
        _ => None,
    }
}

/// A string literal (or a template without expressions) as the whole of an
/// expression.
fn literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(Lit::Str(s)) => Some(s.value.to_atom_lossy().to_string()),
        Expr::Tpl(t) if t.exprs.is_empty() => t
            .quasis
            .first()
            .and_then(|q| q.cooked.as_ref())
            .map(|c| c.to_atom_lossy().to_string()),
        Expr::Paren(p) => literal(&p.expr),
        _ => None,
    }
}

/// The JSX opening elements of a program, as WXML start tags. As a visitor
/// it walks a program on its own; the inventory's reference visitor
/// ([`super::js`]) feeds it the elements of its own walk instead.
pub(super) struct ElementCollector {
    base: u32,
    elements: Vec<Element<'static>>,
    /// `(offset, written length)` of each element's tag name.
    written_len: Vec<(usize, usize)>,
    /// The agree buttons among them.
    agree: Vec<RawAgree>,
}

impl ElementCollector {
    /// A collector for a program whose text starts at `SourceMap` position `base`.
    pub(super) fn new(base: u32) -> Self {
        ElementCollector {
            base,
            elements: Vec::new(),
            written_len: Vec::new(),
            agree: Vec::new(),
        }
    }

    fn offset(&self, span: Span) -> usize {
        span.lo.0.saturating_sub(self.base) as usize
    }

    /// The template uses among the elements collected, and the agree buttons.
    pub(super) fn finish(self, ruleset: &Ruleset) -> (Vec<RawUse>, Vec<RawAgree>) {
        let agree = self.agree.clone();
        (self.uses(ruleset), agree)
    }

    /// The template uses among the elements collected.
    pub(super) fn uses(self, ruleset: &Ruleset) -> Vec<RawUse> {
        let mut uses = super::template::collect_elements(&self.elements, ruleset);
        // A use at a tag name covers the name as written (`LivePusher`), not its
        // kebab-case form.
        for use_ in &mut uses {
            if let Some(&(_, len)) = self
                .written_len
                .iter()
                .find(|(offset, _)| *offset == use_.offset)
            {
                use_.len = len;
            }
        }
        uses
    }

    /// Records one opening element (not its children).
    pub(super) fn element(&mut self, el: &JSXOpeningElement) {
        if let JSXElementName::Ident(tag) = &el.name {
            let name_offset = self.offset(tag.span);
            let mut attrs = Vec::new();
            for attr in &el.attrs {
                let JSXAttrOrSpread::JSXAttr(attr) = attr else {
                    continue;
                };
                let JSXAttrName::Ident(name) = &attr.name else {
                    continue;
                };
                let values: Vec<Option<String>> = match &attr.value {
                    None => vec![None],
                    Some(JSXAttrValue::Str(s)) => vec![Some(s.value.to_atom_lossy().to_string())],
                    Some(JSXAttrValue::JSXExprContainer(c)) => {
                        let mut strings = Strings::default();
                        c.expr.visit_with(&mut strings);
                        strings.0.into_iter().map(Some).collect()
                    }
                    Some(_) => Vec::new(),
                };
                for value in values {
                    attrs.push(Attr {
                        name: name.sym.to_string().into(),
                        name_offset: self.offset(name.span),
                        value: value.map(Cow::Owned),
                        value_offset: None,
                        value_len: 0,
                    });
                }
            }
            self.written_len.push((name_offset, tag.sym.len()));
            self.agree_button(el, name_offset, tag.sym.len(), &attrs);
            self.elements.push(Element {
                name: kebab_case(&tag.sym).into(),
                name_offset,
                attrs,
                self_closing: el.self_closing,
                depth: 0,
            });
        }
    }
}

impl ElementCollector {
    /// Records the element as an agree button when one of its open-types is
    /// `agreePrivacyAuthorization` (`attrs`: its attributes as collected).
    fn agree_button(&mut self, el: &JSXOpeningElement, offset: usize, len: usize, attrs: &[Attr]) {
        let agree = attrs.iter().any(|a| {
            matches!(&*a.name, "open-type" | "openType" | "open_type")
                && a.value.as_deref().is_some_and(|v| {
                    v.split('|')
                        .any(|t| t.trim() == "agreePrivacyAuthorization")
                })
        });
        if !agree {
            return;
        }
        let mut button = RawAgree {
            offset,
            len,
            id: None,
            dynamic_id: false,
            handler: None,
        };
        for attr in &el.attrs {
            let attr = match attr {
                JSXAttrOrSpread::JSXAttr(attr) => attr,
                // `{...props}` may carry an id.
                JSXAttrOrSpread::SpreadElement(_) => {
                    button.dynamic_id = true;
                    continue;
                }
            };
            let JSXAttrName::Ident(name) = &attr.name else {
                continue;
            };
            if &*name.sym == "id" {
                match &attr.value {
                    Some(JSXAttrValue::Str(s)) => {
                        button.id = Some(s.value.to_atom_lossy().to_string())
                    }
                    Some(JSXAttrValue::JSXExprContainer(c)) => match &c.expr {
                        JSXExpr::Expr(e) => match literal(e) {
                            Some(id) => button.id = Some(id),
                            None => button.dynamic_id = true,
                        },
                        JSXExpr::JSXEmptyExpr(_) => {}
                    },
                    _ => {}
                }
            } else if is_agree_event(&name.sym) {
                if let Some(JSXAttrValue::JSXExprContainer(c)) = &attr.value {
                    if let JSXExpr::Expr(e) = &c.expr {
                        button.handler = handler_name(e);
                    }
                }
            }
        }
        self.agree.push(button);
    }
}

/// The JSX hook of the reference walk, when the elements are asked for.
impl Collector for Option<ElementCollector> {
    #[inline]
    fn on_jsx_opening_element(&mut self, el: &JSXOpeningElement) {
        if let Some(elements) = self {
            elements.element(el);
        }
    }
}

impl Visit for ElementCollector {
    noop_visit_type!();
    crate::stack::guarded_visits!();

    fn visit_jsx_opening_element(&mut self, el: &JSXOpeningElement) {
        self.element(el);
        el.visit_children_with(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;
    use crate::source::FileKind;

    fn apis(src: &str, kind: FileKind) -> Vec<(String, String)> {
        let ruleset = Ruleset::builtin();
        let parsed = parse::parse("t.jsx", src.to_owned(), kind);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        collect(parsed.program.as_ref().unwrap(), parsed.base, &ruleset)
            .into_iter()
            .map(|u| (u.api, src[u.offset..u.offset + u.len].to_owned()))
            .collect()
    }

    #[test]
    fn tag_names_become_kebab_case() {
        assert_eq!(kebab_case("LivePusher"), "live-pusher");
        assert_eq!(
            kebab_case("FunctionalPageNavigator"),
            "functional-page-navigator"
        );
        assert_eq!(kebab_case("Button"), "button");
        assert_eq!(kebab_case("camera"), "camera");
    }

    #[test]
    fn open_types_literal_bound_and_conditional() {
        let src = r#"const a = <Button openType="getPhoneNumber" onGetPhoneNumber={f}>x</Button>;
const b = <Button openType={'chooseAvatar'} />;
const c = <Button openType={cond ? 'getRealtimePhoneNumber' : undefined} />;
const d = <Button openType="agreePrivacyAuthorization" />;
const e = <Button openType="share" type="primary" />;
const f = <Button openType={kind} />;"#;
        let found = apis(src, FileKind::Jsx);
        let expected = [
            r#"<button open-type="getPhoneNumber">"#,
            r#"<button open-type="chooseAvatar">"#,
            r#"<button open-type="getRealtimePhoneNumber">"#,
            r#"<button open-type="agreePrivacyAuthorization">"#,
        ];
        assert_eq!(
            found.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>(),
            expected
        );
        assert!(found.iter().all(|(_, at)| at == "openType"));
    }

    #[test]
    fn components_nickname_and_open_data_in_tsx() {
        let src = r#"export default function P(): JSX.Element {
  return (<View>
    <Camera devicePosition="back" />
    <LivePusher url={u} /><VoipRoom openId={o} />
    <Input type="nickname" /><Input type="text" />
    <FunctionalPageNavigator name="loginAndGetUserInfo"><Button>登录</Button></FunctionalPageNavigator>
    <OpenData type="userAvatarUrl" /><OpenData type="groupName" />
    <Foo.Camera />
  </View>);
}"#;
        assert_eq!(
            apis(src, FileKind::Tsx),
            [
                ("<camera>".to_owned(), "Camera".to_owned()),
                ("<live-pusher>".to_owned(), "LivePusher".to_owned()),
                ("<voip-room>".to_owned(), "VoipRoom".to_owned()),
                (r#"<input type="nickname">"#.to_owned(), "type".to_owned()),
                (
                    r#"<functional-page-navigator name="loginAndGetUserInfo">"#.to_owned(),
                    "FunctionalPageNavigator".to_owned()
                ),
                ("<open-data>".to_owned(), "OpenData".to_owned()),
            ]
        );
    }

    #[test]
    fn agree_buttons_with_ids_and_handlers() {
        let src = r#"const a = <Button id="agree-btn" openType="agreePrivacyAuthorization" onAgreePrivacyAuthorization={handleAgree}>x</Button>;
const b = <Button openType={'agreePrivacyAuthorization'} id={'b2'} onAgreePrivacyAuthorization={this.onAgree.bind(this)} />;
const c = <Button id={ids.agree} openType="agreePrivacyAuthorization" onAgreePrivacyAuthorization={() => done()} />;
const d = <Button {...props} openType="agreePrivacyAuthorization" bindagreeprivacyauthorization={this.handle} />;
const e = <Button id="share" openType="share" onAgreePrivacyAuthorization={f} />;"#;
        let ruleset = Ruleset::builtin();
        let parsed = parse::parse("t.jsx", src.to_owned(), FileKind::Jsx);
        let mut collector = ElementCollector::new(parsed.base);
        parsed.program.as_ref().unwrap().visit_with(&mut collector);
        let (_, agree) = collector.finish(&ruleset);
        let got: Vec<_> = agree
            .iter()
            .map(|b| {
                (
                    &src[b.offset..b.offset + b.len],
                    b.id.as_deref(),
                    b.dynamic_id,
                    b.handler.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Button", Some("agree-btn"), false, Some("handleAgree")),
                ("Button", Some("b2"), false, Some("onAgree")),
                ("Button", None, true, None),
                ("Button", None, true, Some("handle")),
            ]
        );
    }
}
