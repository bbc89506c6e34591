//! Stage 3, the inventory: every place the project touches private data, and
//! every place it handles privacy consent.
//!
//! [`analyze_file`] runs on one file inside a rayon worker: read, parse, visit,
//! and return owned results. It never fails: unreadable files and syntax errors
//! come back as findings, and whatever swc recovered is still searched.

pub mod consent;
pub mod context;
pub mod events;
pub mod identity;
pub mod js;
pub mod jsx;
pub mod modules;
pub mod template;
pub mod vue;
mod walk;

use serde::Serialize;

use self::modules::{ScopeCall, WrapperDef};

use crate::diagnostic::{Finding, Location};
use crate::i18n::Lang;
use crate::json;
use crate::parse::suppression::{self, CommentAt, Suppression};
use crate::parse::{self, ifdef};
use crate::project::ProjectFile;
use crate::ruleset::Ruleset;
use crate::source::FileKind;
use crate::source::LineIndex;

/// One place that touches private data (or handles consent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Use {
    /// Canonical API: `wx.getLocation`, `wx.authorize`, `RecorderManager.start`.
    pub api: String,
    /// Privacy keys this use needs declared (empty when unknown, e.g. a
    /// non-literal authorize scope).
    pub privacy_keys: Vec<String>,
    /// Path relative to the audited folder.
    pub file: String,
    /// 1-based line of the API name.
    pub line: usize,
    /// 1-based column of the API name.
    pub column: usize,
    /// `app` or `npm:<package>`.
    pub origin: String,
    /// For authorize calls: the literal scope, or `null` when not a literal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Option<String>>,
    /// For a scope passed through a wrapper function (`checkAuth('scope.record')`):
    /// `file:line:column` of the wrapper that forwards it to `wx.authorize`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// The app.json pages that reach this file (through their own files, the
    /// components they use and the modules those import), sorted. Empty when
    /// no page reaches it.
    pub pages: Vec<String>,
    /// Byte range of the API name, for reporters.
    #[serde(skip)]
    pub offset: usize,
    /// Byte length of the API name.
    #[serde(skip)]
    pub len: usize,
    /// When the use runs (scripts only), for the timing checks.
    #[serde(skip)]
    pub context: Option<Box<context::CallContext>>,
}

impl Use {
    /// Where this use is.
    pub fn location(&self) -> Location {
        Location {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            offset: self.offset,
            len: self.len,
        }
    }

    /// The name of the API as written after the namespace (`getLocation`).
    pub fn member(&self) -> &str {
        self.api.strip_prefix("wx.").unwrap_or(&self.api)
    }

    /// Sort order: file, position, API.
    pub fn sort_key(&self) -> (&str, usize, usize, &str) {
        (&self.file, self.line, self.column, &self.api)
    }
}

/// What one file contributed.
#[derive(Debug, Default)]
pub struct FileResult {
    /// Privacy uses.
    pub uses: Vec<Use>,
    /// Consent handling (`wx.onNeedPrivacyAuthorization` …).
    pub consent: Vec<Use>,
    /// Problems with the file itself (syntax errors, unreadable).
    pub findings: Vec<Finding>,
    /// Whether the file could not be read or parsed at all.
    pub failed: bool,
    /// What the file says about other files.
    pub links: Links,
    /// For a WXML template: the event handlers it binds.
    pub events: Option<events::TemplateEvents>,
    /// Inline suppression comments (`// mpaudit-ignore-next-line <rule>`),
    /// applied once every finding is known.
    pub suppressions: Vec<Suppression>,
    /// Identity and secrets in scripts ([`identity`]).
    pub identity: Vec<IdentityFact>,
    /// Parts of the file mpaudit could not read (a `<template lang="pug">`,
    /// UTS the parser does not understand), for `unaudited-source`.
    pub unaudited: Vec<Unaudited>,
    /// How the file wires privacy consent ([`consent`]).
    pub consent_facts: consent::ConsentFacts,
}

/// A part of a file that was not audited, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unaudited {
    /// Where it starts.
    pub location: Location,
    /// What it is: `a <template lang="pug"> block, which mpaudit cannot read`.
    pub what: String,
}

/// An identity fact of a script ([`identity`]), located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityFact {
    /// What it is.
    pub kind: identity::IdentityKind,
    /// Where it is.
    pub location: Location,
    /// `app` or `npm:<package>`.
    pub origin: String,
}

/// What a file says about other files, resolved by the link stage
/// ([`crate::graph`]).
#[derive(Debug, Default)]
pub struct Links {
    /// Modules, templates and scripts the file loads, as written: `require`,
    /// `import`, WXML `<import src>`, `<include src>`, `<wxs src>`.
    pub imports: Vec<String>,
    /// Component paths of a page or component config (`usingComponents`,
    /// `componentGenerics` defaults), as written.
    pub components: Vec<String>,
    /// Tag names a template uses, so app.json's global components link only
    /// to the pages that use them.
    pub tags: Vec<String>,
    /// Exported name → local function name.
    pub exports: Vec<(String, String)>,
    /// Functions that forward a scope to `wx.authorize`, with their place.
    pub wrappers: Vec<(WrapperDef, Location)>,
    /// Calls passing a literal scope to another function, with their place.
    pub calls: Vec<LinkedCall>,
}

/// A call passing a literal scope to a function that may wrap `wx.authorize`.
#[derive(Debug)]
pub struct LinkedCall {
    /// The call.
    pub call: ScopeCall,
    /// Where the callee's name is.
    pub at: Location,
    /// When it runs (lifecycle, callbacks), for the timing checks.
    pub context: Option<Box<context::CallContext>>,
}

/// Reads, parses and visits one file. The config files discovery has read
/// already (`skip_json`) are not read again; a file larger than
/// `max_file_size` bytes is not read at all.
pub fn analyze_file(
    file: &ProjectFile,
    ruleset: &Ruleset,
    skip_json: &[String],
    max_file_size: u64,
    lang: Lang,
) -> FileResult {
    let mut result = FileResult::default();
    if file.kind == FileKind::Json && skip_json.contains(&file.rel) {
        return result;
    }
    let Some(text) = crate::fs::read_text(
        &file.path,
        &file.rel,
        max_file_size,
        lang,
        &mut result.findings,
    ) else {
        result.failed = true;
        return result;
    };
    match file.kind {
        FileKind::Json => match if file.strict_json {
            crate::config_file::parse_native(&file.rel, &text, lang, &mut result.findings)
        } else {
            json::parse(&text)
        } {
            Err(err) => {
                result.failed = true;
                result
                    .findings
                    .push(crate::config_file::json_syntax_finding(
                        &file.rel, &text, &err, lang,
                    ));
            }
            Ok(Some(json::Value::Object(obj))) => {
                result.links.components = components_of(&obj);
            }
            Ok(_) => {}
        },
        FileKind::Js
        | FileKind::Ts
        | FileKind::Wxs
        | FileKind::Jsx
        | FileKind::Tsx
        | FileKind::Uts => {
            let index = LineIndex::new(&text);
            analyze_script(
                file,
                &text,
                &index,
                (0, &text),
                file.kind,
                ruleset,
                lang,
                &mut result,
            );
        }
        FileKind::Wxml => analyze_template(file, &text, ruleset, lang, &mut result),
        FileKind::Vue => vue::analyze(file, &text, ruleset, lang, &mut result),
    }
    result
}

/// Parses a script and records its uses. `part` is `(offset, text)` of the
/// script within the file (the whole file, or an inline `<wxs>` body).
#[allow(clippy::too_many_arguments)] // the file, the part, the tables, the output
fn analyze_script(
    file: &ProjectFile,
    text: &str,
    index: &LineIndex,
    part: (usize, &str),
    kind: FileKind,
    ruleset: &Ruleset,
    lang: Lang,
    result: &mut FileResult,
) {
    let (shift, script) = part;
    let parsed = parse::script::script(
        &file.rel,
        text,
        index,
        part,
        kind,
        file.conditional_compilation,
        lang,
    );
    result.findings.extend(parsed.findings);
    if let Some((location, what)) = parsed.unaudited {
        result.unaudited.push(Unaudited { location, what });
    }
    suppressions(
        file,
        text,
        index,
        parsed
            .comments
            .iter()
            .map(|c| (c.offset + shift, c.len, &*c.text, c.offset + shift + 2)),
        &|line| line,
        lang,
        result,
    );
    let Some(program) = parsed.program else {
        result.failed = true;
        return;
    };
    let jsx = matches!(kind, FileKind::Js | FileKind::Jsx | FileKind::Tsx);
    let needs = identity::Needs::of(script);
    let ((mut raw, facts, mut contexts, mut identity, consent, jsx_agree), grew) =
        crate::stack::walk(|| {
            let js::Analyzed {
                uses: mut raw,
                facts,
                jsx_uses,
                jsx_agree,
                identity,
            } = js::analyze_with_jsx(&program, parsed.base, ruleset, jsx, needs);
            raw.extend(jsx_uses);
            let offsets: Vec<usize> = raw
                .iter()
                .map(|u| u.offset)
                .chain(facts.calls.iter().map(|c| c.offset))
                .collect();
            let contexts = context::analyze(&program, parsed.base, &offsets, &ruleset.namespaces);
            let at = |api: &str| -> Vec<usize> {
                raw.iter()
                    .filter(|u| u.api == api)
                    .map(|u| u.offset)
                    .collect()
            };
            let consent = consent::worth_walking(script).then(|| {
                consent::analyze(
                    &program,
                    parsed.base,
                    &at("wx.onNeedPrivacyAuthorization"),
                    &at("wx.requirePrivacyAuthorize"),
                )
            });
            (raw, facts, contexts, identity, consent, jsx_agree)
        });
    crate::stack::drop_tree(program, crate::stack::is_deep(grew, parsed.chain));
    for use_ in &mut raw {
        use_.offset += shift;
    }
    for fact in identity.drain(..) {
        let offset = fact.offset + shift;
        result.identity.push(IdentityFact {
            kind: fact.kind,
            location: locate(file, text, index, offset, fact.len),
            origin: file.origin.clone(),
        });
    }
    for b in jsx_agree {
        result
            .consent_facts
            .agree_buttons
            .push(consent::AgreeButton {
                at: locate(file, text, index, b.offset + shift, b.len),
                id: b.id,
                dynamic_id: b.dynamic_id,
                handler: b.handler,
                // Whether JSX renders it is up to the expression around it.
                conditional: false,
            });
    }
    if let Some(raw) = consent {
        let facts = &mut result.consent_facts;
        for (offset, len, fate, unresolved) in raw.listeners {
            facts.listeners.push(consent::Listener {
                at: locate(file, text, index, offset + shift, len),
                fate,
                unresolved: unresolved.map(|o| locate(file, text, index, o + shift, 1)),
            });
        }
        for (offset, len, event, button, placement) in raw.resolves {
            facts.resolves.push(consent::ResolveCall {
                at: locate(file, text, index, offset + shift, len),
                event,
                button,
                placement,
            });
        }
        for (offset, len, fail_handled) in raw.requires {
            facts.requires.push(consent::RequireCall {
                at: locate(file, text, index, offset + shift, len),
                fail_handled,
            });
        }
    }
    let before = result.uses.len();
    record(file, text, index, raw, ruleset, result);
    for use_ in &mut result.uses[before..] {
        use_.context = contexts.remove(&(use_.offset - shift)).map(Box::new);
    }
    let links = &mut result.links;
    links.imports.extend(facts.imports);
    links.exports.extend(facts.exports);
    for mut def in modules::linkable(facts.wrappers) {
        def.offset += shift;
        let at = locate(file, text, index, def.offset, def.len);
        links.wrappers.push((def, at));
    }
    for mut call in facts.calls {
        let context = contexts.remove(&call.offset).map(Box::new);
        call.offset += shift;
        let at = locate(file, text, index, call.offset, call.len);
        links.calls.push(LinkedCall { call, at, context });
    }
}

/// Reads a WXML template: its elements and its inline `<wxs>` scripts.
fn analyze_template(
    file: &ProjectFile,
    text: &str,
    ruleset: &Ruleset,
    lang: Lang,
    result: &mut FileResult,
) {
    let index = LineIndex::new(text);
    let shipped = shipped_template(file, text);
    let doc = crate::parse::wxml::read(shipped.as_deref().unwrap_or(text));
    template_errors(file, text, &index, &doc, 0, lang, result);
    let raw = template::collect(&doc, ruleset);
    record(file, text, &index, raw, ruleset, result);
    template_suppressions(file, text, &index, &doc, 0, lang, result);
    template_links(&doc, &mut result.links);
    result.events = Some(events::collect(&doc));
    agree_buttons(file, text, &index, &doc, 0, result);
    for script in &doc.scripts {
        analyze_script(
            file,
            text,
            &index,
            (script.offset, &script.text),
            FileKind::Wxs,
            ruleset,
            lang,
            result,
        );
    }
}

/// Records the agree buttons of a template (`shift`: where the template
/// starts in the file).
fn agree_buttons(
    file: &ProjectFile,
    text: &str,
    index: &LineIndex,
    doc: &crate::parse::wxml::Document,
    shift: usize,
    result: &mut FileResult,
) {
    for el in &doc.elements {
        let agree = el
            .attr_any(&["open-type", "openType", "open_type"])
            .is_some_and(|a| {
                // `open-type="{{agree ? 'getRealtimePhoneNumber|agreePrivacyAuthorization' : ''}}"`
                // counts through the strings in it, as the template uses do.
                template::attr_values(a)
                    .iter()
                    .any(|t| t == "agreePrivacyAuthorization")
            });
        if !agree {
            continue;
        }
        let mut button = consent::AgreeButton {
            at: locate(file, text, index, shift + el.name_offset, el.name.len()),
            id: None,
            dynamic_id: false,
            handler: None,
            conditional: false,
        };
        for attr in &el.attrs {
            let value = attr.value.as_deref().map(str::trim);
            match &*attr.name {
                "id" => match value {
                    Some(v) if v.contains("{{") => button.dynamic_id = true,
                    Some(v) => button.id = Some(v.to_owned()),
                    None => {}
                },
                ":id" | "v-bind:id" => button.dynamic_id = true,
                "wx:if" | "wx:elif" | "wx:else" | "v-if" | "v-else-if" | "v-else" | "v-show"
                | "hidden" => button.conditional = true,
                name => {
                    let event = events::event_of(name).or_else(|| {
                        name.strip_prefix('@')
                            .or_else(|| name.strip_prefix("v-on:"))
                    });
                    if event.is_some_and(|e| e.eq_ignore_ascii_case("agreeprivacyauthorization")) {
                        button.handler = value.filter(|v| !v.contains("{{")).map(str::to_owned);
                    }
                }
            }
        }
        result.consent_facts.agree_buttons.push(button);
    }
}

/// A template's text as the WeChat build compiles it (WXML, or a single-file
/// component's `<template>`): in uni-app sources, the blocks for other
/// platforms (`<!-- #ifdef H5 -->`) blanked, positions unchanged, so markup
/// that only other platforms compile (an opening tag per platform) is
/// neither an error nor audited. `None` when nothing is cut.
fn shipped_template(file: &ProjectFile, text: &str) -> Option<String> {
    let build = file.conditional_compilation?;
    if !ifdef::has_directives(text) {
        return None;
    }
    let comments = ifdef::template_comments(text);
    let mut cut = ifdef::excluded(comments.iter().copied(), build);
    cut.extend(ifdef::directives(comments.iter().copied()));
    (!cut.is_empty()).then(|| ifdef::blank(text, &cut))
}

/// Records that the part of `file` at byte `offset` was not audited.
fn unaudited(
    file: &ProjectFile,
    text: &str,
    index: &LineIndex,
    offset: usize,
    what: String,
    result: &mut FileResult,
) {
    result.unaudited.push(Unaudited {
        location: locate(file, text, index, offset, 0),
        what,
    });
}

/// Reads the suppression comments of a file part: `comments` are `(offset,
/// len, text, offset of text)` in the file, in source order. In uni-app
/// sources, comments inside blocks cut from the WeChat build are skipped.
fn suppressions<'a>(
    file: &ProjectFile,
    text: &str,
    index: &LineIndex,
    comments: impl Iterator<Item = (usize, usize, &'a str, usize)> + Clone,
    extent: &dyn Fn(usize) -> usize,
    lang: Lang,
    result: &mut FileResult,
) {
    let cut = match file.conditional_compilation {
        Some(build) => ifdef::excluded(comments.clone().map(|(o, l, t, _)| (o, l, t)), build),
        None => Vec::new(),
    };
    let kept = comments
        .filter(|(o, ..)| !cut.iter().any(|(from, to)| (*from..*to).contains(o)))
        .map(|(offset, len, text, text_offset)| CommentAt {
            offset,
            len,
            text,
            text_offset,
        });
    suppression::read(
        kept,
        &file.rel,
        text,
        index,
        extent,
        &mut result.suppressions,
        lang,
        &mut result.findings,
    );
}

/// Reads the suppression comments of a template that starts at byte `shift`
/// of the file. A `mpaudit-ignore-next-line` covers a start tag that begins
/// on the next line whole, since attributes cannot carry comments.
fn template_suppressions(
    file: &ProjectFile,
    text: &str,
    index: &LineIndex,
    doc: &crate::parse::wxml::Document,
    shift: usize,
    lang: Lang,
    result: &mut FileResult,
) {
    if doc.comments.is_empty() {
        return;
    }
    let tags: Vec<(usize, usize)> = doc
        .elements
        .iter()
        .map(|e| {
            let end = e
                .attrs
                .iter()
                .map(|a| match a.value_offset {
                    Some(at) => at + a.value_len,
                    None => a.name_offset + a.name.len(),
                })
                .fold(e.name_offset + e.name.len(), usize::max);
            (
                index.position(text, shift + e.name_offset).0,
                index.position(text, shift + end).0,
            )
        })
        .collect();
    let extent = |line: usize| {
        tags.iter()
            .filter(|(first, _)| *first == line)
            .map(|(_, last)| *last)
            .fold(line, usize::max)
    };
    let comments = doc
        .comments
        .iter()
        .map(|c| (shift + c.offset, c.len, &*c.text, shift + c.offset + 4));
    suppressions(file, text, index, comments, &extent, lang, result);
}

/// What a template loads: `<import src>`, `<include src>`, `<wxs src>`, and
/// the tags it uses (for app.json's global components).
fn template_links(doc: &crate::parse::wxml::Document, links: &mut Links) {
    let mut tags: Vec<&str> = doc.elements.iter().map(|e| &*e.name).collect();
    tags.sort_unstable();
    tags.dedup();
    links.tags = tags.into_iter().map(str::to_owned).collect();
    for element in &doc.elements {
        if matches!(&*element.name, "import" | "include" | "wxs") {
            if let Some(src) = element.attr("src").and_then(|a| a.value.as_ref()) {
                links.imports.push(src.to_string());
            }
        }
    }
}

/// The component paths a page or component config uses.
pub(super) fn components_of(obj: &json::Object<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["usingComponents", "componentGenerics"] {
        let Some(prop) = json::get(obj, key) else {
            continue;
        };
        let json::Value::Object(map) = &prop.value else {
            continue;
        };
        for entry in &map.properties {
            let path = match &entry.value {
                // componentGenerics: { "name": { "default": "path" } }
                json::Value::Object(generic) => {
                    json::get(generic, "default").and_then(|d| json::as_str(&d.value))
                }
                value => json::as_str(value),
            };
            if let Some(path) = path {
                out.push(path.to_owned());
            }
        }
    }
    out
}

/// `parse-error` findings for the markup problems of a template that starts
/// at byte `shift` of the file.
fn template_errors(
    file: &ProjectFile,
    text: &str,
    index: &LineIndex,
    doc: &crate::parse::wxml::Document,
    shift: usize,
    lang: Lang,
    result: &mut FileResult,
) {
    result.findings.extend(parse::script::template_errors(
        &file.rel, text, index, doc, shift, lang,
    ));
}

fn locate(
    file: &ProjectFile,
    text: &str,
    index: &LineIndex,
    offset: usize,
    len: usize,
) -> Location {
    crate::diagnostic::locate_indexed(&file.rel, text, index, offset, len)
}

/// Turns raw uses into inventory entries (privacy uses or consent handling).
fn record(
    file: &ProjectFile,
    text: &str,
    index: &LineIndex,
    raw: Vec<js::RawUse>,
    ruleset: &Ruleset,
    result: &mut FileResult,
) {
    for raw in raw {
        let location = locate(file, text, index, raw.offset, raw.len);
        let privacy_keys = match &raw.scope {
            Some(Some(scope)) => ruleset
                .api(scope)
                .map(|r| r.privacy_keys.clone())
                .unwrap_or_default(),
            Some(None) => Vec::new(),
            None => ruleset
                .api(&raw.api)
                .map(|r| r.privacy_keys.clone())
                .unwrap_or_default(),
        };
        let entry = Use {
            api: raw.api,
            privacy_keys,
            file: location.file,
            line: location.line,
            column: location.column,
            // A use through a library hook is the library's code.
            origin: raw
                .library
                .map_or_else(|| file.origin.clone(), |library| format!("npm:{library}")),
            scope: raw.scope,
            via: None,
            pages: Vec::new(),
            offset: raw.offset,
            len: raw.len,
            context: None,
        };
        if ruleset.is_consent(&entry.api) {
            result.consent.push(entry);
        } else if !entry.privacy_keys.is_empty()
            || entry.scope.is_some()
            || ruleset.deprecated(&entry.api).is_some()
            || ruleset.api(&entry.api).is_some()
        {
            result.uses.push(entry);
        }
    }
}
