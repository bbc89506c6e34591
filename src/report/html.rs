//! `--format html`: one self-contained HTML page for the people who sign off a
//! release. Inline CSS, no scripts, no external assets; everything taken from
//! the project is escaped.
//!
//! Sections: a header (project, path, counts, mpaudit version); the
//! declaration next to what the code needs (one row per privacy type, with a
//! status: ok, undeclared, unused or weak) and the `requiredPrivateInfos`
//! app.json needs; the findings; the inventory per privacy type (APIs, pages,
//! files, npm packages), built from [`crate::manifest`].

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::i18n::{t, Lang};
use crate::manifest::{Declared, Manifest, NeededKey};
use crate::Audit;

/// Lists longer than this are folded into a `<details>` element.
const FOLD_AFTER: usize = 12;

/// Escapes text and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A path, escaped, with break opportunities after each `/`.
fn path(s: &str) -> String {
    esc(s).replace('/', "/<wbr>")
}

/// A message, escaped, with `code` spans as `<code>` (when the backticks pair up).
fn message(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return esc(s);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", esc(part))
            } else {
                esc(part)
            }
        })
        .collect()
}

/// The status of a privacy type in the declaration table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Ok,
    Undeclared,
    Unused,
    Weak,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Undeclared => "undeclared",
            Status::Unused => "unused",
            Status::Weak => "weak",
        }
    }
}

fn badge(lang: Lang, status: Status) -> String {
    let text = match status {
        Status::Ok => t!(lang, "html-status-ok"),
        Status::Undeclared => t!(lang, "html-status-undeclared"),
        Status::Unused => t!(lang, "html-status-unused"),
        Status::Weak => t!(lang, "html-status-weak"),
    };
    format!(
        "<span class=\"badge {}\">{}</span>",
        esc(status.name()),
        esc(&text)
    )
}

/// A severity badge: the class is the severity's id, the text its name.
fn severity_badge(lang: Lang, severity: Severity) -> String {
    format!(
        "<span class=\"badge {}\">{}</span>",
        severity.as_str(),
        esc(&lang.severity(severity))
    )
}

const STYLE: &str = r#"
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --soft: #f6f8fa;
  --error: #cf222e; --error-bg: #ffebe9; --warning: #9a6700; --warning-bg: #fff8c5;
  --ok: #1a7f37; --ok-bg: #dafbe1; --info: #0969da; --info-bg: #ddf4ff; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--soft); color: var(--fg);
  font: 14px/1.5 -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "WenQuanYi Zen Hei", Helvetica, Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
header.top { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 20px 24px; }
h1 { margin: 0 0 4px; font-size: 24px; }
h1 small { font-weight: normal; color: var(--muted); font-size: 15px; margin-left: 8px; }
h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 0 0 10px; }
.meta { color: var(--muted); margin: 0; word-break: break-all; }
.meta code { color: var(--fg); }
.counts { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 16px; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 110px; background: var(--bg); }
.count b { display: block; font-size: 22px; line-height: 1.2; }
.count.error b { color: var(--error); } .count.warning b { color: var(--warning); }
.count.ok b { color: var(--ok); }
nav { margin-top: 14px; color: var(--muted); } nav a { color: var(--info); margin-right: 14px; text-decoration: none; }
table { width: 100%; border-collapse: collapse; background: var(--bg); border: 1px solid var(--line); }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
tr:last-child td { border-bottom: none; }
td.num { text-align: right; white-space: nowrap; }
code { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  background: var(--soft); border-radius: 4px; padding: 1px 5px; overflow-wrap: anywhere; }
td.rule { white-space: nowrap; } td.rule code { overflow-wrap: normal; }
.where { margin-bottom: 2px; }
.note { color: var(--warning); margin-top: 4px; font-size: 13px; }
.badge { display: inline-block; border-radius: 10px; padding: 0 9px; font-size: 12px; font-weight: 600;
  line-height: 20px; white-space: nowrap; }
.badge.ok { color: var(--ok); background: var(--ok-bg); }
.badge.undeclared, .badge.error { color: var(--error); background: var(--error-bg); }
.badge.unused, .badge.weak, .badge.warning { color: var(--warning); background: var(--warning-bg); }
.muted { color: var(--muted); }
.zh { font-weight: 600; } .en { color: var(--muted); }
.help { color: var(--muted); margin-top: 4px; }
.help::before { content: "help: "; font-weight: 600; }
.types { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 14px; }
.type { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
.type dl { display: grid; grid-template-columns: 130px 1fr; gap: 6px 12px; margin: 0; }
.type dt { color: var(--muted); } .type dd { margin: 0; min-width: 0; }
ul.plain { list-style: none; margin: 0; padding: 0; } ul.plain li { margin: 1px 0; }
details summary { cursor: pointer; color: var(--info); }
.empty { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
footer { color: var(--muted); margin: 32px 0 8px; font-size: 12px; }
@media print { body { background: #fff; } .type, tr { break-inside: avoid; } nav { display: none; } }
"#;

/// Writes the HTML report.
pub fn write(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(render(audit).as_bytes())
}

/// The HTML report as a string.
pub fn render(audit: &Audit) -> String {
    let lang = audit.lang;
    let manifest = Manifest::from_audit(audit);
    let mut h = String::with_capacity(32 * 1024);
    let version = env!("CARGO_PKG_VERSION");
    let style = STYLE.replace(
        "content: \"help: \"",
        &format!("content: \"{}\"", esc(&t!(lang, "help-prefix"))),
    );
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"mpaudit {version}\">\n\
         <title>{}</title>\n<style>{style}</style>\n</head>\n<body>\n<main>\n",
        lang.tag(),
        t!(lang, "html-title", project = esc(&manifest.project_name))
    );
    header(&mut h, audit, &manifest);
    declaration_table(&mut h, audit, &manifest);
    findings(&mut h, audit);
    consent_table(&mut h, audit);
    inventory(&mut h, lang, &manifest);
    let _ = write!(
        h,
        "<footer>{}</footer>\n</main>\n</body>\n</html>\n",
        t!(
            lang,
            "html-footer",
            version = version,
            command = "<code>mpaudit explain &lt;rule&gt;</code>"
        )
    );
    h
}

/// The consent wiring of every page that reaches private data: listener and
/// what it does with `resolve`, agree buttons, `requirePrivacyAuthorize`.
fn consent_table(h: &mut String, audit: &Audit) {
    if audit.consent_files.is_empty() {
        return;
    }
    let pages: Vec<crate::PageConsent> = audit
        .consent_by_page()
        .into_iter()
        .filter(|p| p.uses > 0)
        .collect();
    if pages.is_empty() {
        return;
    }
    let lang = audit.lang;
    let any_listener = audit
        .consent_files
        .values()
        .any(|f| !f.facts.listeners.is_empty());
    let _ = write!(
        h,
        "<h2 id=\"consent\">{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>requirePrivacyAuthorize</th></tr></thead>\n<tbody>\n",
        t!(lang, "html-consent-heading"),
        t!(lang, "html-column-page"),
        t!(lang, "html-column-privacy-uses"),
        t!(lang, "html-column-listener"),
        t!(lang, "html-column-resolve"),
        t!(lang, "html-column-agree-button"),
    );
    for p in &pages {
        let cell = |items: &[String]| {
            if items.is_empty() {
                "—".to_owned()
            } else {
                items
                    .iter()
                    .map(|i| format!("<code>{}</code>", path(i)))
                    .collect::<Vec<_>>()
                    .join("<br>")
            }
        };
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&p.page),
            p.uses,
            cell(&p.listeners),
            match p.resolve {
                Some("drops") => t!(lang, "html-resolve-drops"),
                Some("unknown") => t!(lang, "html-resolve-unknown"),
                Some(_) => t!(lang, "consent-resolve-ok"),
                None if p.covered() => "—".to_owned(),
                None if !any_listener => t!(lang, "consent-page-official"),
                None => t!(lang, "consent-page-none"),
            },
            cell(&p.agree_buttons),
            cell(&p.require_calls),
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

fn header(h: &mut String, audit: &Audit, manifest: &Manifest) {
    let lang = audit.lang;
    let root = audit.project.root.to_string_lossy().replace('\\', "/");
    let errors = audit.count(Severity::Error);
    let warnings = audit.count(Severity::Warning);
    let undeclared = manifest
        .needed
        .iter()
        .filter(|k| k.declared.is_none())
        .count();
    let _ = write!(
        h,
        "<header class=\"top\">\n<h1>{}<small>{}</small></h1>\n<p class=\"meta\">\
         {} <code>{}</code> · {} <code>{}</code> · {} {} · mpaudit {}</p>\n\
         <div class=\"counts\">",
        esc(&manifest.project_name),
        t!(lang, "html-privacy-report"),
        t!(lang, "html-meta-project"),
        esc(&root),
        t!(lang, "html-meta-root"),
        esc(&audit.project.miniprogram_root),
        t!(lang, "html-meta-declaration"),
        match &manifest.declaration {
            Some(file) => format!("<code>{}</code>", esc(file)),
            None => format!(
                "<b>{}</b>{}",
                t!(lang, "html-declaration-none"),
                t!(lang, "html-declaration-none-note")
            ),
        },
        env!("CARGO_PKG_VERSION"),
    );
    let count = |h: &mut String, class: &str, n: String, what: String| {
        let _ = write!(
            h,
            "<div class=\"count {class}\"><b>{}</b>{}</div>",
            esc(&n),
            esc(&what)
        );
    };
    count(
        h,
        if errors > 0 { "error" } else { "ok" },
        errors.to_string(),
        t!(lang, "html-count-errors", n_count = errors),
    );
    count(
        h,
        if warnings > 0 { "warning" } else { "ok" },
        warnings.to_string(),
        t!(lang, "html-count-warnings", n_count = warnings),
    );
    count(
        h,
        "",
        manifest.needed.len().to_string(),
        t!(lang, "html-count-types"),
    );
    count(
        h,
        if undeclared > 0 { "error" } else { "ok" },
        undeclared.to_string(),
        t!(lang, "html-count-undeclared"),
    );
    count(
        h,
        "",
        audit.files_scanned.to_string(),
        t!(lang, "html-count-files"),
    );
    if audit.files_failed > 0 {
        count(
            h,
            "error",
            audit.files_failed.to_string(),
            t!(lang, "html-count-failed"),
        );
    }
    count(
        h,
        "",
        manifest.page_count.to_string(),
        t!(lang, "html-count-pages"),
    );
    let _ = write!(
        h,
        "</div>\n<nav><a href=\"#declaration\">{}</a><a href=\"#findings\">{}</a>\
         <a href=\"#inventory\">{}</a></nav>\n</header>\n",
        t!(lang, "html-declaration-heading"),
        t!(lang, "html-nav-findings"),
        t!(lang, "html-inventory-heading"),
    );
}

fn status_of(declared: &Declared) -> Status {
    if declared.weak.is_some() {
        Status::Weak
    } else {
        Status::Ok
    }
}

fn name_cell(key: &str, zh: &str, en: &str) -> String {
    format!(
        "<span class=\"zh\">{}</span> <span class=\"en\">{}</span><br><code>{}</code>",
        esc(zh),
        esc(en),
        esc(key)
    )
}

fn text_cell(lang: Lang, declared: &Declared) -> String {
    let mut cell = match declared.privacy_text.as_deref() {
        Some(text) => format!("为了{}", esc(text)),
        None => format!(
            "<span class=\"muted\">{}</span>",
            t!(lang, "html-no-privacy-text")
        ),
    };
    if let Some(weak) = &declared.weak {
        let _ = write!(
            cell,
            "<div class=\"note\">{}</div>",
            t!(lang, "html-weak", reason = esc(weak))
        );
    }
    cell
}

fn declared_cell(lang: Lang, declared: &Declared) -> String {
    match &declared.sdk {
        Some(sdk) => t!(lang, "html-yes-for-sdk", sdk = esc(sdk)),
        None => t!(lang, "html-yes"),
    }
}

fn declaration_table(h: &mut String, audit: &Audit, manifest: &Manifest) {
    let lang = audit.lang;
    let _ = writeln!(
        h,
        "<h2 id=\"declaration\">{}</h2>",
        t!(lang, "html-declaration-heading")
    );
    if manifest.needed.is_empty() && manifest.unused.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"empty\">{}</p>",
            t!(lang, "html-nothing-declared")
        );
    } else {
        if manifest.declaration.is_none() {
            let _ = writeln!(
                h,
                "<p class=\"muted\">{}</p>",
                t!(
                    lang,
                    "html-no-declaration",
                    command = "<code>mpaudit manifest --write</code>"
                )
            );
        }
        let _ = write!(
            h,
            "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            t!(lang, "html-column-privacy-key"),
            t!(lang, "html-column-needed-by-code"),
            t!(lang, "html-column-declared"),
            t!(lang, "html-column-privacy-text"),
            t!(lang, "html-column-status"),
        );
        for key in &manifest.needed {
            let needed = t!(
                lang,
                "html-uses-in-files",
                uses = key.uses,
                files = key.files.len()
            );
            let (declared, text, status) = match &key.declared {
                Some(d) => (declared_cell(lang, d), text_cell(lang, d), status_of(d)),
                None => (
                    format!("<b>{}</b>", t!(lang, "html-no")),
                    String::new(),
                    Status::Undeclared,
                ),
            };
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{declared}</td><td>{text}</td><td>{}</td></tr>",
                name_cell(&key.key, &key.name_zh, &key.name_en),
                esc(&needed),
                badge(lang, status)
            );
        }
        for key in &manifest.unused {
            let (needed, status) = if key.detectable {
                (t!(lang, "html-no"), Status::Unused)
            } else {
                (
                    format!(
                        "<span class=\"muted\">{}</span>",
                        t!(lang, "html-not-visible")
                    ),
                    status_of(&key.declared),
                )
            };
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{needed}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                name_cell(&key.key, &key.name_zh, &key.name_en),
                declared_cell(lang, &key.declared),
                text_cell(lang, &key.declared),
                badge(lang, status)
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }

    if !manifest.required_private_infos.is_empty()
        || !audit.project.app.required_private_infos.is_empty()
    {
        let _ = write!(
            h,
            "<h3 style=\"margin-top:20px\">app.json <code>requiredPrivateInfos</code></h3>\n\
             <table>\n<thead><tr><th>{}</th><th>API</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            t!(lang, "html-column-value"),
            t!(lang, "html-column-needed-by-code"),
            t!(
                lang,
                "html-column-listed-in",
                file = esc(&audit.project.app_json_file)
            ),
        );
        let mut rows: Vec<(String, String, bool, bool)> = manifest
            .required_private_infos
            .iter()
            .map(|r| (r.name.clone(), r.api.clone(), true, r.listed))
            .collect();
        for listed in &audit.project.app.required_private_infos {
            if !rows.iter().any(|r| r.0 == listed.value) {
                let api = audit
                    .ruleset
                    .required_value(&listed.value)
                    .map(|v| v.api.clone())
                    .unwrap_or_default();
                rows.push((listed.value.clone(), api, false, true));
            }
        }
        for (name, api, needed, listed) in rows {
            let status = match (needed, listed) {
                (true, true) => badge(lang, Status::Ok),
                (true, false) => format!(
                    "<span class=\"badge error\">{}</span>",
                    t!(lang, "html-status-missing")
                ),
                (false, _) => badge(lang, Status::Unused),
            };
            let _ = writeln!(
                h,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{status}</td></tr>",
                esc(&name),
                if api.is_empty() {
                    format!(
                        "<span class=\"muted\">{}</span>",
                        t!(lang, "html-not-allowed")
                    )
                } else {
                    format!("<code>{}</code>", esc(&api))
                },
                if needed {
                    t!(lang, "html-yes")
                } else {
                    t!(lang, "html-no")
                },
            );
        }
        h.push_str("</tbody>\n</table>\n");
        if manifest.required_conflict {
            let _ = writeln!(
                h,
                "<p class=\"help\">{}</p>",
                t!(lang, "html-required-conflict")
            );
        }
    }
}

fn findings(h: &mut String, audit: &Audit) {
    let lang = audit.lang;
    let _ = writeln!(
        h,
        "<h2 id=\"findings\">{}</h2>",
        t!(lang, "html-findings-heading", count = audit.findings.len())
    );
    if audit.findings.is_empty() {
        let _ = writeln!(h, "<p class=\"empty\">{}</p>", t!(lang, "html-no-problems"));
        return;
    }
    let mut by_rule: BTreeMap<&str, (Severity, usize)> = BTreeMap::new();
    for f in &audit.findings {
        let entry = by_rule.entry(f.rule).or_insert((f.severity, 0));
        entry.0 = entry.0.max(f.severity);
        entry.1 += 1;
    }
    let _ = write!(
        h,
        "<table style=\"width:auto;margin-bottom:14px\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        t!(lang, "html-column-rule"),
        t!(lang, "html-column-severity"),
        t!(lang, "html-column-findings"),
    );
    for (rule, (severity, n)) in &by_rule {
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{n}</td></tr>",
            esc(rule),
            severity_badge(lang, *severity)
        );
    }
    h.push_str("</tbody>\n</table>\n");
    let _ = write!(
        h,
        "<table>\n<thead><tr><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        t!(lang, "html-column-severity-rule"),
        t!(lang, "html-column-where-what-fix"),
    );
    for f in &audit.findings {
        let mut text = message(&f.message);
        if let Some(help) = &f.help {
            let _ = write!(text, "<div class=\"help\">{}</div>", message(help));
        }
        let rule = match f.url.as_deref().filter(|u| u.starts_with("https://")) {
            Some(url) => format!("<a href=\"{}\"><code>{}</code></a>", esc(url), esc(f.rule)),
            None => format!("<code>{}</code>", esc(f.rule)),
        };
        let _ = writeln!(
            h,
            "<tr><td class=\"rule\">{0}<br>{rule}</td><td><div class=\"where\"><code>{1}:{2}:{3}</code></div>{text}</td></tr>",
            severity_badge(lang, f.severity),
            path(&f.location.file),
            f.location.line,
            f.location.column,
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

/// A list of code items, folded when long; `what` says how many there are
/// (`12 files`).
fn code_list(items: &[String], what: impl Fn(usize) -> String) -> String {
    if items.is_empty() {
        return "<span class=\"muted\">—</span>".to_owned();
    }
    let list: String = items
        .iter()
        .map(|i| format!("<li><code>{}</code></li>", path(i)))
        .collect();
    if items.len() > FOLD_AFTER {
        format!(
            "<details><summary>{}</summary><ul class=\"plain\">{list}</ul></details>",
            esc(&what(items.len()))
        )
    } else {
        format!("<ul class=\"plain\">{list}</ul>")
    }
}

fn pages_cell(lang: Lang, key: &NeededKey, page_count: usize) -> String {
    let mut cell = if page_count > 1 && key.pages.len() == page_count {
        t!(lang, "pages-every-page", all = page_count)
    } else if key.pages.is_empty() {
        String::new()
    } else {
        code_list(&key.pages, |n| t!(lang, "html-n-pages", count = n))
    };
    match key.unreached_files.as_slice() {
        [] => {}
        [file] => {
            let _ = write!(
                cell,
                "<div class=\"muted\">{}</div>",
                t!(
                    lang,
                    "html-no-page-reaches",
                    file = format!("<code>{}</code>", path(file))
                )
            );
        }
        files => {
            let _ = write!(
                cell,
                "<div class=\"muted\">{}</div>",
                t!(lang, "html-no-page-reaches-files", count = files.len())
            );
        }
    }
    cell
}

fn inventory(h: &mut String, lang: Lang, manifest: &Manifest) {
    let _ = writeln!(
        h,
        "<h2 id=\"inventory\">{}</h2>",
        t!(lang, "html-inventory-heading")
    );
    if manifest.needed.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"empty\">{}</p>",
            t!(lang, "html-no-privacy-api")
        );
        return;
    }
    h.push_str("<div class=\"types\">\n");
    for key in &manifest.needed {
        let status = match &key.declared {
            Some(d) => status_of(d),
            None => Status::Undeclared,
        };
        let apis: String = key
            .apis
            .iter()
            .map(|a| {
                format!(
                    "<li><code>{}</code> <span class=\"muted\">×{}</span></li>",
                    esc(&a.label()),
                    a.uses
                )
            })
            .collect();
        let _ = writeln!(
            h,
            "<section class=\"type\" id=\"type-{}\"><h3><span class=\"zh\">{}</span> <span class=\"en\">{}</span> <code>{}</code> {}</h3>\n\
             <dl><dt>{}</dt><dd><ul class=\"plain\">{apis}</ul></dd>\
             <dt>{}</dt><dd>{}</dd>\
             <dt>{}</dt><dd>{}</dd>\
             <dt>{}</dt><dd>{}</dd></dl></section>",
            esc(&key.key),
            esc(&key.name_zh),
            esc(&key.name_en),
            esc(&key.key),
            badge(lang, status),
            t!(lang, "html-dt-apis"),
            t!(lang, "html-dt-pages"),
            pages_cell(lang, key, manifest.page_count),
            t!(lang, "html-dt-files"),
            code_list(&key.files, |n| t!(lang, "html-n-files", count = n)),
            t!(lang, "html-dt-packages"),
            code_list(&key.packages, |n| t!(lang, "html-n-packages", count = n)),
        );
    }
    h.push_str("</div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_get_code_spans_and_paths_break_points() {
        assert_eq!(
            message("`wx.getLocation` needs <x>"),
            "<code>wx.getLocation</code> needs &lt;x&gt;"
        );
        assert_eq!(message("odd ` tick"), "odd ` tick");
        assert_eq!(path("a/<b>"), "a/<wbr>&lt;b&gt;");
    }

    #[test]
    fn escaping_covers_text_and_attributes() {
        assert_eq!(
            esc(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }
}
