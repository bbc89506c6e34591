//! The identity collector ([`IdentityCollector`]): a collector of the
//! reference walk ([`crate::inventory::walk`]) that reads logins, server API
//! URLs, AppSecrets, `session_key` and request URLs, evaluating string
//! expressions as far as the file tells.

use std::collections::{HashMap, HashSet};

use swc_atoms::Atom;
use swc_common::{Span, Spanned};
use swc_ecma_ast::*;
use swc_ecma_visit::{noop_visit_type, Visit, VisitWith};

use super::*;
use crate::inventory::js::Bindings;
use crate::inventory::modules::Names;
use crate::inventory::walk::{Collector, Control};
use crate::parse::ast::{member_name, prop_name, unwrap};

/// A literal part of an evaluated string: where it is in the text and in
/// the source.
#[derive(Debug, Clone)]
struct Part {
    /// Byte range in the evaluated text.
    start: usize,
    end: usize,
    /// The literal's span and its source text (with quotes and escapes).
    span: Span,
    raw: Atom,
}

/// A string expression as far as the file tells.
#[derive(Debug, Default)]
struct Evaluated {
    /// The text, with [`HOLE`] for each unknown part.
    text: String,
    /// The literal parts.
    parts: Vec<Part>,
    /// Starts of the string expressions read (the `+` chain, templates,
    /// literals).
    nodes: Vec<u32>,
}

impl Evaluated {
    fn literal(&mut self, value: &str, span: Span, raw: Atom) {
        let start = self.text.len();
        self.text.push_str(value);
        self.parts.push(Part {
            start,
            end: self.text.len(),
            span,
            raw,
        });
    }

    fn hole(&mut self) {
        if !self.text.ends_with(HOLE) {
            self.text.push(HOLE);
        }
    }

    /// The source span of `needle`, found in the literal part that holds text
    /// position `at`: the whole literal when its source spells it otherwise.
    fn span_of(&self, at: usize, needle: &str) -> Option<Span> {
        let part = self.parts.iter().find(|p| p.start <= at && at < p.end)?;
        Some(match part.raw.find(needle) {
            Some(pos) => Span::new(
                part.span.lo + swc_common::BytePos(pos as u32),
                part.span.lo + swc_common::BytePos((pos + needle.len()) as u32),
            ),
            None => part.span,
        })
    }
}

/// A name bound once in the file to a string, or to different values (not
/// known).
#[derive(Debug, Clone)]
enum Bound {
    Text(String, Span, Atom),
    Ambiguous,
}

/// The collector of identity facts: a collector of the reference walk
/// ([`super::walk`]), seeing the bindings the references see.
pub(in crate::inventory) struct IdentityCollector<'a> {
    /// The bindings calls are resolved through.
    bindings: &'a Bindings,
    base: u32,
    out: Vec<RawIdentity>,
    /// Names bound to a string literal (one literal, no holes).
    strings: HashMap<Atom, Bound>,
    /// Starts of the string expressions already read as part of a larger one
    /// (a `+` chain, a template): not read again.
    read: HashSet<u32>,
    /// The start of the last `+` chain or string looked at (`u32::MAX`: none).
    chain_lo: u32,
    /// Facts already recorded, by kind name and start.
    seen: HashSet<(u8, u32)>,
    /// Whether `WXBizDataCrypt` was seen (recorded once per file).
    biz_data_crypt: bool,
    /// Names bound to an expression that uses `session_key`
    /// (`var key = base64ToBytes(this.sessionKey)`).
    derived: HashSet<Atom>,
    /// The checks the script's text needs.
    needs: Needs,
}

impl<'a> IdentityCollector<'a> {
    /// A collector for a program whose text starts at `SourceMap` position
    /// `base`, resolving calls through `bindings`.
    pub(in crate::inventory) fn new(bindings: &'a Bindings, base: u32, needs: Needs) -> Self {
        IdentityCollector {
            bindings,
            base,
            out: Vec::new(),
            strings: HashMap::new(),
            read: HashSet::new(),
            chain_lo: u32::MAX,
            seen: HashSet::new(),
            biz_data_crypt: false,
            derived: HashSet::new(),
            needs,
        }
    }

    /// The facts found. Where the file has WeChat's decryption class, its
    /// own decrypt calls are that class's insides, not more findings.
    pub(in crate::inventory) fn finish(mut self) -> Vec<RawIdentity> {
        if self.biz_data_crypt {
            self.out.retain(|f| {
                !matches!(&f.kind, IdentityKind::Decrypt { how } if !how.contains(BIZ_DATA_CRYPT))
            });
        }
        self.out
    }

    /// `WXBizDataCrypt` (or a renamed copy, `RdWXBizDataCrypt`), once per file.
    fn biz_data_crypt(&mut self, id: &Ident) {
        if !self.biz_data_crypt
            && id.sym.len() >= BIZ_DATA_CRYPT.len()
            && id.sym.contains(BIZ_DATA_CRYPT)
        {
            self.biz_data_crypt = true;
            self.push(
                IdentityKind::Decrypt {
                    how: id.sym.to_string(),
                },
                id.span,
            );
        }
    }

    /// A function or class declaration: `function WXBizDataCrypt(…)`.
    fn on_declared(&mut self, name: &Ident) {
        if self.needs.crypt {
            self.biz_data_crypt(name);
        }
    }

    /// A use of `session_key` in `expr`, directly or through a name bound to it.
    fn mentions_session_key(&self, expr: &Expr) -> Option<Span> {
        session_key_in(expr, &self.derived)
    }

    /// [`Self::mentions_session_key`] for a property value.
    fn value_mentions_session_key(&self, value: Value) -> Option<Span> {
        match value {
            Value::Expr(e) => self.mentions_session_key(e),
            Value::Name(id) => {
                (is_session_key(&id.sym) || self.derived.contains(&id.sym)).then_some(id.span)
            }
        }
    }

    fn push(&mut self, kind: IdentityKind, span: Span) {
        let tag = match &kind {
            IdentityKind::Login => 0,
            IdentityKind::CheckSession => 1,
            IdentityKind::ServerApi { .. } => 2,
            IdentityKind::AppSecret { .. } => 3,
            IdentityKind::SessionKeyStored { .. } => 4,
            IdentityKind::SessionKeySent { .. } => 5,
            IdentityKind::Decrypt { .. } => 6,
            IdentityKind::InsecureUrl { .. } => 7,
            IdentityKind::IdentityInUrl { .. } => 8,
            IdentityKind::RequestHost { .. } => 9,
        };
        let tag_at = if matches!(kind, IdentityKind::IdentityInUrl { .. }) {
            // Several parameters of one URL are several facts.
            span.hi.0
        } else {
            span.lo.0
        };
        if !self.seen.insert((tag, tag_at)) {
            return;
        }
        self.out.push(RawIdentity {
            kind,
            offset: span.lo.0.saturating_sub(self.base) as usize,
            len: span.hi.0.saturating_sub(span.lo.0) as usize,
        });
    }

    /// A call of `callee`: of a namespace API when the bindings resolve it.
    #[inline]
    fn call(&mut self, callee: &Expr, args: &[ExprOrSpread]) {
        let bindings = self.bindings;
        if let Some((name, span)) = bindings.api_of(callee) {
            self.api_call(name, span, args);
        }
    }

    /// A call of the namespace API `api` (`wx.request`, `Taro.login` …, as
    /// resolved by the bindings), at `span`.
    fn api_call(&mut self, api: &str, span: Span, args: &[ExprOrSpread]) {
        match api {
            "login" => self.push(IdentityKind::Login, span),
            "checkSession" => self.push(IdentityKind::CheckSession, span),
            "setStorage" | "setStorageSync" if self.needs.session => self.storage(api, args),
            _ if self.needs.requests && REQUEST_APIS.contains(&api) => self.request(api, args),
            _ => {}
        }
    }

    /// `wx.setStorageSync('session_key', v)`, `wx.setStorage({ key, data })`.
    fn storage(&mut self, api: &str, args: &[ExprOrSpread]) {
        let api = format!("wx.{api}");
        let mut values: Vec<Value> = Vec::new();
        if let Some(options) = object_arg(args) {
            for (key, value) in props(options) {
                if key == "key" || key == "data" {
                    values.push(value);
                }
            }
        } else {
            values.extend(args.iter().take(2).map(|a| Value::Expr(&a.expr)));
        }
        for value in values {
            let key = self
                .evaluate_value(value)
                .filter(|e| is_session_key(&e.text))
                .map(|_| value.span());
            if let Some(span) = key.or_else(|| self.value_mentions_session_key(value)) {
                self.push(IdentityKind::SessionKeyStored { api }, span);
                return;
            }
        }
    }

    /// The options of `wx.request` and the other request APIs.
    fn request(&mut self, api: &str, args: &[ExprOrSpread]) {
        let Some(options) = object_arg(args) else {
            return;
        };
        for (key, value) in props(options) {
            match key {
                "url" if self.starts_known(value) => self.url(&format!("wx.{api}"), value),
                "data" | "formData" | "header" if self.needs.session => {
                    if let Some(span) = self.value_mentions_session_key(value) {
                        let api = format!("wx.{api}");
                        self.push(IdentityKind::SessionKeySent { api }, span);
                    }
                }
                _ => {}
            }
        }
    }

    /// Whether a URL starts with text the file tells (a literal, or a name
    /// bound to a string): only then can its scheme and host be read.
    fn starts_known(&self, value: Value) -> bool {
        let mut expr = match value {
            Value::Expr(e) => unwrap(e),
            Value::Name(id) => return matches!(self.strings.get(&id.sym), Some(Bound::Text(..))),
        };
        while let Expr::Bin(b) = expr {
            if b.op != BinaryOp::Add {
                return false;
            }
            expr = unwrap(&b.left);
        }
        match expr {
            Expr::Lit(Lit::Str(_)) => true,
            // `${BASE}/x` starts with its first expression.
            Expr::Tpl(t) => match (t.quasis.first(), t.exprs.first()) {
                (Some(q), _) if !q.raw.is_empty() => true,
                (_, Some(first)) => self.starts_known(Value::Expr(first)),
                _ => false,
            },
            Expr::Ident(id) => matches!(self.strings.get(&id.sym), Some(Bound::Text(..))),
            _ => false,
        }
    }

    /// The `url` option of a request.
    fn url(&mut self, api: &str, value: Value) {
        let Some(url) = self.evaluate_value(value) else {
            return;
        };
        let full = url.text.as_str();
        let text = full.trim_start();
        let Some(scheme) = ["http://", "ws://", "https://", "wss://"]
            .into_iter()
            .find(|s| {
                text.get(..s.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(s))
            })
        else {
            return;
        };
        let rest = &text[scheme.len()..];
        // Offsets in the evaluated text.
        let rest_at = full.len() - rest.len();
        let host_end = rest.find(['/', '?', '#', ':', HOLE]).unwrap_or(rest.len());
        let host = rest[..host_end].to_ascii_lowercase();
        let span = value.span();
        if matches!(scheme, "http://" | "ws://") && !LOCAL_HOSTS.contains(&host.as_str()) {
            self.push(
                IdentityKind::InsecureUrl {
                    api: api.to_owned(),
                    url: shown(text),
                },
                span,
            );
        }
        // Only a host known to its end is a host.
        if host.is_empty() || rest[host_end..].starts_with(HOLE) {
            return;
        }
        // One fact per host and script: a large project sends many requests.
        let known = self.out.iter_mut().find_map(|f| match &mut f.kind {
            IdentityKind::RequestHost { host: h, count } if *h == host => Some(count),
            _ => None,
        });
        match known {
            Some(count) => *count += 1,
            None => self.push(
                IdentityKind::RequestHost {
                    host: host.clone(),
                    count: 1,
                },
                span,
            ),
        }
        let Some(q) = rest.find('?') else {
            return;
        };
        let mut at = rest_at + q + 1;
        for pair in rest[q + 1..].split(['&', '#']) {
            let key = pair.split('=').next().unwrap_or("");
            if pair.contains('=') && !key.contains(HOLE) && identity_param(key) {
                let span = url.span_of(at, key).unwrap_or(span);
                self.push(
                    IdentityKind::IdentityInUrl {
                        api: api.to_owned(),
                        param: key.to_owned(),
                        host: host.clone(),
                    },
                    span,
                );
            }
            at += pair.len() + 1;
        }
    }

    /// [`Collector::on_expr`] when the text needs it (out of line: the walk
    /// calls `on_expr` for every expression).
    #[inline(never)]
    fn look_at(&mut self, expr: &Expr) {
        match expr {
            Expr::Lit(Lit::Str(_))
            | Expr::Tpl(_)
            | Expr::Bin(BinExpr {
                op: BinaryOp::Add, ..
            }) if self.needs.urls => {
                let lo = expr.span().lo.0;
                // The left operands of `a + b + c` start where it starts, and
                // are visited right after it.
                if lo == self.chain_lo || !self.read.is_empty() && self.read.contains(&lo) {
                    return;
                }
                self.chain_lo = lo;
                // Most strings hold nothing of interest: tell without building them.
                if self.may_matter(expr) {
                    self.string(expr);
                }
            }
            Expr::Object(obj) if self.needs.secrets => {
                for prop in &obj.props {
                    if let PropOrSpread::Prop(p) = prop {
                        if let Prop::KeyValue(kv) = &**p {
                            if let Some((key, _)) = prop_name(&kv.key) {
                                if is_secret_name(key) {
                                    self.secret_value(key, &kv.value);
                                }
                            }
                        }
                    }
                }
            }
            Expr::Assign(a) if self.needs.secrets => {
                let name = match &a.left {
                    AssignTarget::Simple(SimpleAssignTarget::Ident(id)) => Some(id.id.sym.as_str()),
                    AssignTarget::Simple(SimpleAssignTarget::Member(m)) => {
                        member_name(&m.prop).map(|(n, _)| n)
                    }
                    _ => None,
                };
                if let Some(name) = name.filter(|n| is_secret_name(n)) {
                    self.secret_value(name, &a.right);
                }
            }
            Expr::Ident(id) if self.needs.crypt && !self.biz_data_crypt => self.biz_data_crypt(id),
            Expr::Call(call) if self.needs.crypt && self.needs.session => self.decrypt_call(call),
            _ => {}
        }
    }

    /// `CryptoJS.AES.decrypt(data, sessionKey, …)`,
    /// `crypto.createDecipheriv('aes-128-cbc', sessionKey, iv)`.
    fn decrypt_call(&mut self, call: &CallExpr) {
        let Callee::Expr(callee) = &call.callee else {
            return;
        };
        let (name, span) = match unwrap(callee) {
            Expr::Member(m) => match member_name(&m.prop) {
                Some(found) => found,
                None => return,
            },
            Expr::Ident(id) => (id.sym.as_str(), id.span),
            _ => return,
        };
        if !matches!(
            name,
            "decrypt" | "decryptData" | "createDecipheriv" | "createDecipher"
        ) {
            return;
        }
        if call
            .args
            .iter()
            .any(|a| self.mentions_session_key(&a.expr).is_some())
        {
            self.push(
                IdentityKind::Decrypt {
                    how: name.to_owned(),
                },
                span,
            );
        }
    }

    /// A declarator: remembers names bound to strings; an AppSecret held by a
    /// name like `secret`.
    fn declarator(&mut self, d: &VarDeclarator) {
        let (Pat::Ident(name), Some(init)) = (&d.name, &d.init) else {
            return;
        };
        let sym = &name.id.sym;
        if self.needs.crypt {
            self.biz_data_crypt(&name.id);
        }
        if self.needs.session
            && matches!(
                unwrap(init),
                Expr::Member(_) | Expr::Call(_) | Expr::New(_) | Expr::OptChain(_)
            )
            // Directly: what is computed from a derived name (decrypted data)
            // is not the key.
            && session_key_in(init, &HashSet::new()).is_some()
        {
            self.derived.insert(sym.clone());
        }
        let literal = match unwrap(init) {
            Expr::Lit(Lit::Str(s)) => s.value.as_str().map(|v| (v, s.span, s.raw.as_ref())),
            Expr::Tpl(t) if t.exprs.is_empty() => t.quasis.first().and_then(|q| {
                q.cooked
                    .as_ref()
                    .and_then(|c| c.as_str())
                    .map(|c| (c, t.span, Some(&q.raw)))
            }),
            _ => None,
        };
        let Some((value, span, raw)) = literal else {
            return;
        };
        if !(self.needs.urls || self.needs.requests || self.needs.secrets) {
            return;
        }
        if self.needs.secrets && is_secret_name(sym) {
            self.secret_value(sym, init);
        }
        // Only strings a check may read are kept; a name bound to one and to
        // another string is not known.
        let kept = value.len() <= 4096
            && (value.contains("://")
                || value.starts_with('/')
                || value.contains(SERVER_API_HOST)
                || value.contains("secret=")
                || is_app_secret(value)
                || is_session_key(value));
        let bound = match self.strings.get(sym) {
            None if kept => Bound::Text(value.to_owned(), span, raw.cloned().unwrap_or_default()),
            None => return,
            Some(Bound::Text(old, ..)) if old == value => return,
            Some(_) => Bound::Ambiguous,
        };
        self.strings.insert(sym.clone(), bound);
    }

    /// `value`, held by `name` (a secret-like name): an AppSecret when it is
    /// 32 hex digits.
    fn secret_value(&mut self, name: &str, value: &Expr) {
        let Some(evaluated) = self.evaluate(value) else {
            return;
        };
        if evaluated.parts.len() == 1 && is_app_secret(&evaluated.text) {
            // The digits themselves, as a `secret=` in a URL reports them.
            let Some(span) = evaluated.span_of(0, &evaluated.text) else {
                return;
            };
            self.push(
                IdentityKind::AppSecret {
                    name: name.to_owned(),
                    prefix: evaluated.text[..4].to_owned(),
                },
                span,
            );
        }
    }

    /// A string expression not inside another: server API URLs and
    /// `secret=<32 hex>` in it.
    fn string(&mut self, expr: &Expr) {
        let mut evaluated = Evaluated::default();
        self.evaluate_into(expr, &mut evaluated);
        // Read once, literal or not: the nested parts of a long `1 + 1 + …`
        // are not read again.
        self.read.extend(evaluated.nodes.drain(..));
        if evaluated.parts.is_empty() {
            return;
        }
        let text = &evaluated.text;
        if let Some(at) = text.find(SERVER_API_HOST) {
            let after = &text[at + SERVER_API_HOST.len()..];
            let after = after.strip_prefix(":443").unwrap_or(after);
            let path = after
                .strip_prefix('/')
                .map(|p| {
                    let end = p.find(['?', '#', HOLE]).unwrap_or(p.len());
                    p[..end].to_owned()
                })
                .unwrap_or_default();
            // At the path when there is one: the host may come from a name
            // bound elsewhere in the file, and the path tells the API.
            let path_at = text.len() - after.len() + 1;
            let span = if path.is_empty() {
                evaluated.span_of(at, SERVER_API_HOST)
            } else {
                evaluated.span_of(path_at, &path)
            };
            self.push(
                IdentityKind::ServerApi { path },
                span.unwrap_or(expr.span()),
            );
        }
        let mut from = 0;
        while let Some(found) = text[from..].find("secret=") {
            let value_at = from + found + "secret=".len();
            let value = text[value_at..]
                .split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or("");
            if is_app_secret(value) {
                let name_start = text[..from + found]
                    .rfind(['?', '&'])
                    .map_or(from + found, |q| q + 1);
                let name = text[name_start..from + found + "secret".len()].to_owned();
                let span = evaluated.span_of(value_at, value).unwrap_or(expr.span());
                self.push(
                    IdentityKind::AppSecret {
                        name,
                        prefix: value[..4].to_owned(),
                    },
                    span,
                );
            }
            from = value_at;
        }
    }

    /// Whether a string expression may hold a server API URL or a `secret=`:
    /// one of its literal parts (or names bound to strings) does.
    fn may_matter(&self, expr: &Expr) -> bool {
        let marked = |text: &str| text.contains(SERVER_API_HOST) || text.contains("secret=");
        let mut expr = unwrap(expr);
        loop {
            let (leaf, rest) = match expr {
                Expr::Bin(b) if b.op == BinaryOp::Add => (&*b.right, Some(unwrap(&b.left))),
                _ => (expr, None),
            };
            let found = match unwrap(leaf) {
                Expr::Lit(Lit::Str(s)) => s.value.as_str().is_some_and(marked),
                Expr::Tpl(t) => t.quasis.iter().any(|q| marked(&q.raw)),
                Expr::Ident(id) => {
                    matches!(self.strings.get(&id.sym), Some(Bound::Text(v, ..)) if marked(v))
                }
                inner @ Expr::Bin(b) if b.op == BinaryOp::Add => {
                    crate::stack::guard(|| self.may_matter(inner))
                }
                _ => false,
            };
            if found {
                return true;
            }
            match rest {
                Some(left) => expr = left,
                None => return false,
            }
        }
    }

    /// `expr` as a string as far as the file tells: `None` when it has no
    /// literal part.
    fn evaluate_value(&self, value: Value) -> Option<Evaluated> {
        match value {
            Value::Expr(e) => self.evaluate(e),
            Value::Name(id) => {
                let mut out = Evaluated::default();
                self.evaluate_leaf(&Expr::Ident(id.clone()), &mut out);
                (!out.parts.is_empty()).then_some(out)
            }
        }
    }

    fn evaluate(&self, expr: &Expr) -> Option<Evaluated> {
        let mut out = Evaluated::default();
        self.evaluate_into(expr, &mut out);
        (!out.parts.is_empty()).then_some(out)
    }

    fn evaluate_into(&self, expr: &Expr, out: &mut Evaluated) {
        // `a + b + c` nests to the left: walk that spine without recursion.
        let mut spine = Vec::new();
        let mut expr = unwrap(expr);
        while let Expr::Bin(b) = expr {
            if b.op != BinaryOp::Add {
                break;
            }
            out.nodes.push(b.span.lo.0);
            spine.push(&*b.right);
            expr = unwrap(&b.left);
        }
        self.evaluate_leaf(expr, out);
        for right in spine.into_iter().rev() {
            crate::stack::guard(|| self.evaluate_into(right, out));
        }
    }

    fn evaluate_leaf(&self, expr: &Expr, out: &mut Evaluated) {
        if matches!(expr, Expr::Lit(Lit::Str(_)) | Expr::Tpl(_)) {
            out.nodes.push(expr.span().lo.0);
        }
        match expr {
            Expr::Lit(Lit::Str(s)) => match s.value.as_str() {
                Some(value) => out.literal(value, s.span, raw_of(s)),
                None => out.hole(),
            },
            Expr::Tpl(t) => {
                for (i, quasi) in t.quasis.iter().enumerate() {
                    match quasi.cooked.as_ref().and_then(|c| c.as_str()) {
                        Some(cooked) if !cooked.is_empty() => {
                            out.literal(cooked, quasi.span, quasi.raw.clone())
                        }
                        Some(_) => {}
                        None => out.hole(),
                    }
                    if let Some(e) = t.exprs.get(i) {
                        crate::stack::guard(|| self.evaluate_into(e, out));
                    }
                }
            }
            Expr::Ident(id) => match self.strings.get(&id.sym) {
                Some(Bound::Text(value, span, raw)) => out.literal(value, *span, raw.clone()),
                _ => out.hole(),
            },
            _ => out.hole(),
        }
    }
}

/// The identity hooks of the reference walk.
impl Collector for IdentityCollector<'_> {
    #[inline]
    fn on_call_expr(&mut self, call: &CallExpr, _: &Names) {
        if let Callee::Expr(callee) = &call.callee {
            self.call(callee, &call.args);
        }
    }

    #[inline]
    fn on_opt_call(&mut self, call: &OptCall, _: &Names) {
        self.call(&call.callee, &call.args);
    }

    /// Every expression, before its children: strings, objects,
    /// assignments, `WXBizDataCrypt`, decrypt calls.
    #[inline]
    fn on_expr(&mut self, expr: &Expr) {
        if self.needs.any_expr() {
            self.look_at(expr);
        }
    }

    fn on_var_declarator(&mut self, d: &VarDeclarator, _: &mut Names) -> Control {
        self.declarator(d);
        Control::Children
    }

    fn on_fn_decl(&mut self, f: &FnDecl) -> Control {
        self.on_declared(&f.ident);
        Control::Children
    }

    fn on_class_decl(&mut self, c: &ClassDecl) {
        self.on_declared(&c.ident);
    }
}

/// The source text of a string literal.
fn raw_of(s: &Str) -> Atom {
    s.raw.clone().unwrap_or_default()
}

/// The first argument when it is an object literal (an options object).
fn object_arg(args: &[ExprOrSpread]) -> Option<&ObjectLit> {
    let first = args.first().filter(|a| a.spread.is_none())?;
    match unwrap(&first.expr) {
        Expr::Object(obj) => Some(obj),
        _ => None,
    }
}

/// A property value: an expression, or the name of a shorthand property
/// (`{ url }`).
#[derive(Clone, Copy)]
enum Value<'a> {
    Expr(&'a Expr),
    Name(&'a Ident),
}

impl Value<'_> {
    fn span(self) -> Span {
        match self {
            Value::Expr(e) => e.span(),
            Value::Name(id) => id.span,
        }
    }
}

/// The properties of an object literal with a literal key.
fn props(obj: &ObjectLit) -> Vec<(&str, Value<'_>)> {
    let mut out = Vec::new();
    for prop in &obj.props {
        let PropOrSpread::Prop(p) = prop else {
            continue;
        };
        match &**p {
            Prop::KeyValue(kv) => {
                if let Some((key, _)) = prop_name(&kv.key) {
                    out.push((key, Value::Expr(&kv.value)));
                }
            }
            Prop::Shorthand(id) => out.push((id.sym.as_str(), Value::Name(id))),
            _ => {}
        }
    }
    out
}

/// The first use of `session_key` in `expr`, or of one of the `derived`
/// names (see [`SessionKeyFinder`]).
fn session_key_in(expr: &Expr, derived: &HashSet<Atom>) -> Option<Span> {
    let mut finder = SessionKeyFinder {
        found: None,
        derived,
    };
    crate::stack::guard(|| expr.visit_with(&mut finder));
    finder.found
}

/// The first use of `session_key` (any spelling) as a name, property or
/// string, or of a name bound to one, outside function bodies (a callback
/// is not the value).
struct SessionKeyFinder<'d> {
    found: Option<Span>,
    derived: &'d HashSet<Atom>,
}

impl Visit for SessionKeyFinder<'_> {
    noop_visit_type!();
    crate::stack::guarded_visits!();

    fn visit_function(&mut self, _: &Function) {}

    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}

    fn visit_class(&mut self, _: &Class) {}

    fn visit_ident(&mut self, id: &Ident) {
        if self.found.is_none() && (is_session_key(&id.sym) || self.derived.contains(&id.sym)) {
            self.found = Some(id.span);
        }
    }

    fn visit_ident_name(&mut self, id: &IdentName) {
        if self.found.is_none() && is_session_key(&id.sym) {
            self.found = Some(id.span);
        }
    }

    fn visit_str(&mut self, s: &Str) {
        if self.found.is_none() && s.value.as_str().is_some_and(is_session_key) {
            self.found = Some(s.span);
        }
    }
}

/// A URL for a message: at most 80 characters, holes as `…`.
fn shown(url: &str) -> String {
    let mut out: String = url
        .chars()
        .map(|c| if c == HOLE { '…' } else { c })
        .take(80)
        .collect();
    if url.chars().count() > 80 {
        out.push('…');
    }
    out
}
