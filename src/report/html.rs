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

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
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

fn badge(status: Status) -> String {
    format!("<span class=\"badge {0}\">{0}</span>", esc(status.name()))
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
    let manifest = Manifest::from_audit(audit);
    let mut h = String::with_capacity(32 * 1024);
    let version = env!("CARGO_PKG_VERSION");
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"mpaudit {version}\">\n\
         <title>{} · mpaudit privacy report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(&manifest.project_name)
    );
    header(&mut h, audit, &manifest);
    declaration_table(&mut h, audit, &manifest);
    findings(&mut h, audit);
    consent_table(&mut h, audit);
    inventory(&mut h, &manifest);
    let _ = write!(
        h,
        "<footer>Generated by mpaudit {version}. Rule documentation: <code>mpaudit explain &lt;rule&gt;</code>.</footer>\n\
         </main>\n</body>\n</html>\n"
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
    let any_listener = audit
        .consent_files
        .values()
        .any(|f| !f.facts.listeners.is_empty());
    h.push_str("<h2 id=\"consent\">Consent by page</h2>\n<table>\n<thead><tr><th>page</th><th>privacy uses</th><th>listener</th><th>resolve</th><th>agree button</th><th>requirePrivacyAuthorize</th></tr></thead>\n<tbody>\n");
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
                Some("drops") => "drops it on a path",
                Some("unknown") => "not followed",
                Some(_) => "resolves",
                None if p.covered() => "—",
                None if !any_listener => "WeChat's official popup (no listener registered)",
                None => "no consent handling",
            },
            cell(&p.agree_buttons),
            cell(&p.require_calls),
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

fn header(h: &mut String, audit: &Audit, manifest: &Manifest) {
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
        "<header class=\"top\">\n<h1>{}<small>privacy report</small></h1>\n<p class=\"meta\">\
         project <code>{}</code> · mini program root <code>{}</code> · declaration {} · mpaudit {}</p>\n\
         <div class=\"counts\">",
        esc(&manifest.project_name),
        esc(&root),
        esc(&audit.project.miniprogram_root),
        match &manifest.declaration {
            Some(file) => format!("<code>{}</code>", esc(file)),
            None => "<b>none</b> (no privacy.json)".to_owned(),
        },
        env!("CARGO_PKG_VERSION"),
    );
    let count = |h: &mut String, class: &str, n: String, what: &str| {
        let _ = write!(
            h,
            "<div class=\"count {class}\"><b>{}</b>{}</div>",
            esc(&n),
            esc(what)
        );
    };
    count(
        h,
        if errors > 0 { "error" } else { "ok" },
        errors.to_string(),
        if errors == 1 { "error" } else { "errors" },
    );
    count(
        h,
        if warnings > 0 { "warning" } else { "ok" },
        warnings.to_string(),
        if warnings == 1 { "warning" } else { "warnings" },
    );
    count(
        h,
        "",
        manifest.needed.len().to_string(),
        "privacy types used",
    );
    count(
        h,
        if undeclared > 0 { "error" } else { "ok" },
        undeclared.to_string(),
        "not declared",
    );
    count(h, "", audit.files_scanned.to_string(), "files audited");
    if audit.files_failed > 0 {
        count(
            h,
            "error",
            audit.files_failed.to_string(),
            "files not parsed",
        );
    }
    count(h, "", manifest.page_count.to_string(), "pages");
    h.push_str(
        "</div>\n<nav><a href=\"#declaration\">Declaration vs code</a><a href=\"#findings\">Findings</a>\
         <a href=\"#inventory\">Inventory by privacy type</a></nav>\n</header>\n",
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

fn text_cell(declared: &Declared) -> String {
    let mut cell = match declared.privacy_text.as_deref() {
        Some(text) => format!("为了{}", esc(text)),
        None => "<span class=\"muted\">(no privacy_text in the file)</span>".to_owned(),
    };
    if let Some(weak) = &declared.weak {
        let _ = write!(cell, "<div class=\"note\">weak: {}</div>", esc(weak));
    }
    cell
}

fn declared_cell(declared: &Declared) -> String {
    match &declared.sdk {
        Some(sdk) => format!("yes, for SDK {}", esc(sdk)),
        None => "yes".to_owned(),
    }
}

fn declaration_table(h: &mut String, audit: &Audit, manifest: &Manifest) {
    h.push_str("<h2 id=\"declaration\">Declaration vs code</h2>\n");
    if manifest.needed.is_empty() && manifest.unused.is_empty() {
        h.push_str(
            "<p class=\"empty\">The code uses no privacy API and nothing is declared.</p>\n",
        );
    } else {
        if manifest.declaration.is_none() {
            h.push_str("<p class=\"muted\">The project has no privacy.json: the types below are what the guideline in the MP console must declare. <code>mpaudit manifest --write</code> drafts the file.</p>\n");
        }
        h.push_str("<table>\n<thead><tr><th>privacy key</th><th>needed by code</th><th>declared</th><th>privacy_text (as users read it)</th><th>status</th></tr></thead>\n<tbody>\n");
        for key in &manifest.needed {
            let needed = format!(
                "{} in {}",
                plural(key.uses, "use"),
                plural(key.files.len(), "file")
            );
            let (declared, text, status) = match &key.declared {
                Some(d) => (declared_cell(d), text_cell(d), status_of(d)),
                None => ("<b>no</b>".to_owned(), String::new(), Status::Undeclared),
            };
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{declared}</td><td>{text}</td><td>{}</td></tr>",
                name_cell(&key.key, &key.name_zh, &key.name_en),
                esc(&needed),
                badge(status)
            );
        }
        for key in &manifest.unused {
            let (needed, status) = if key.detectable {
                ("no".to_owned(), Status::Unused)
            } else {
                (
                    "<span class=\"muted\">not visible in code</span>".to_owned(),
                    status_of(&key.declared),
                )
            };
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{needed}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                name_cell(&key.key, &key.name_zh, &key.name_en),
                declared_cell(&key.declared),
                text_cell(&key.declared),
                badge(status)
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
             <table>\n<thead><tr><th>value</th><th>API</th><th>needed by code</th><th>listed in {}</th></tr></thead>\n<tbody>\n",
            esc(&audit.project.app_json_file)
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
                (true, true) => badge(Status::Ok),
                (true, false) => "<span class=\"badge error\">missing</span>".to_owned(),
                (false, _) => badge(Status::Unused),
            };
            let _ = writeln!(
                h,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{status}</td></tr>",
                esc(&name),
                if api.is_empty() {
                    "<span class=\"muted\">not an allowed value</span>".to_owned()
                } else {
                    format!("<code>{}</code>", esc(&api))
                },
                if needed { "yes" } else { "no" },
            );
        }
        h.push_str("</tbody>\n</table>\n");
        if manifest.required_conflict {
            h.push_str("<p class=\"help\">the code uses fuzzy and precise location; app.json cannot list both.</p>\n");
        }
    }
}

fn findings(h: &mut String, audit: &Audit) {
    let _ = writeln!(
        h,
        "<h2 id=\"findings\">Findings ({})</h2>",
        audit.findings.len()
    );
    if audit.findings.is_empty() {
        h.push_str("<p class=\"empty\">No problems found.</p>\n");
        return;
    }
    let mut by_rule: BTreeMap<&str, (Severity, usize)> = BTreeMap::new();
    for f in &audit.findings {
        let entry = by_rule.entry(f.rule).or_insert((f.severity, 0));
        entry.0 = entry.0.max(f.severity);
        entry.1 += 1;
    }
    h.push_str("<table style=\"width:auto;margin-bottom:14px\">\n<thead><tr><th>rule</th><th>severity</th><th>findings</th></tr></thead>\n<tbody>\n");
    for (rule, (severity, n)) in &by_rule {
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td><span class=\"badge {1}\">{1}</span></td><td class=\"num\">{n}</td></tr>",
            esc(rule),
            severity.as_str()
        );
    }
    h.push_str("</tbody>\n</table>\n");
    h.push_str("<table>\n<thead><tr><th>severity · rule</th><th>where · what · how to fix</th></tr></thead>\n<tbody>\n");
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
            "<tr><td class=\"rule\"><span class=\"badge {0}\">{0}</span><br>{rule}</td><td><div class=\"where\"><code>{1}:{2}:{3}</code></div>{text}</td></tr>",
            f.severity.as_str(),
            path(&f.location.file),
            f.location.line,
            f.location.column,
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

/// A list of code items, folded when long.
fn code_list(items: &[String], what: &str) -> String {
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
            esc(&plural(items.len(), what))
        )
    } else {
        format!("<ul class=\"plain\">{list}</ul>")
    }
}

fn pages_cell(key: &NeededKey, page_count: usize) -> String {
    let mut cell = if page_count > 1 && key.pages.len() == page_count {
        format!("every page ({page_count})")
    } else if key.pages.is_empty() {
        String::new()
    } else {
        code_list(&key.pages, "page")
    };
    match key.unreached_files.as_slice() {
        [] => {}
        [file] => {
            let _ = write!(
                cell,
                "<div class=\"muted\">no page reaches <code>{}</code></div>",
                path(file)
            );
        }
        files => {
            let _ = write!(
                cell,
                "<div class=\"muted\">no page reaches {}</div>",
                esc(&plural(files.len(), "of the files"))
            );
        }
    }
    cell
}

fn inventory(h: &mut String, manifest: &Manifest) {
    h.push_str("<h2 id=\"inventory\">Inventory by privacy type</h2>\n");
    if manifest.needed.is_empty() {
        h.push_str("<p class=\"empty\">No privacy API is used.</p>\n");
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
             <dl><dt>APIs</dt><dd><ul class=\"plain\">{apis}</ul></dd>\
             <dt>pages</dt><dd>{}</dd>\
             <dt>files</dt><dd>{}</dd>\
             <dt>npm packages</dt><dd>{}</dd></dl></section>",
            esc(&key.key),
            esc(&key.name_zh),
            esc(&key.name_en),
            esc(&key.key),
            badge(status),
            pages_cell(key, manifest.page_count),
            code_list(&key.files, "file"),
            code_list(&key.packages, "package"),
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
