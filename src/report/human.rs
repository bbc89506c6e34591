//! The human report: one miette diagnostic per finding (source line, label on
//! the API, rule id, help), then the privacy inventory and a summary line.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
};

use crate::diagnostic::{Finding, Severity};
use crate::i18n::{pad, t, width as display_width};
use crate::Audit;

/// How to render.
#[derive(Debug, Clone)]
pub struct Options {
    /// ANSI colors.
    pub color: bool,
    /// Wrap width.
    pub width: usize,
    /// Print the elapsed time (off in snapshot tests).
    pub timing: bool,
    /// `--quiet`: the findings only; no inventory, no summary, nothing at all
    /// when there are none. Also read by the concise and github formats.
    pub quiet: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            color: false,
            width: 100,
            timing: true,
            quiet: false,
        }
    }
}

/// Writes the human report.
pub fn write(audit: &Audit, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let mut sources: HashMap<&str, Option<Arc<String>>> = HashMap::new();
    for (i, finding) in audit.findings.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        let text = sources
            .entry(&finding.location.file)
            .or_insert_with(|| read_source(audit, &finding.location.file))
            .clone();
        let mut rendered = String::new();
        let report = to_report(finding, text);
        if handler
            .render_report(&mut rendered, report.as_ref())
            .is_err()
        {
            rendered = format!("{}: {}\n", finding.rule, finding.message);
        }
        if audit.lang != crate::i18n::Lang::En {
            rendered = localize_help(&rendered, &t!(audit.lang, "help-prefix"));
        }
        out.write_all(rendered.as_bytes())?;
    }
    if options.quiet {
        return Ok(());
    }
    if !audit.findings.is_empty() {
        out.write_all(b"\n")?;
    }
    write_inventory(audit, out)?;
    write_stale(audit, out)?;
    write_summary(audit, options, out)
}

/// miette writes a fixed `help: ` before the help and indents its wrapped
/// lines to match: the first one on each line becomes `prefix` when that
/// takes the same columns (`建议：`), so the wrapping stays aligned.
fn localize_help(rendered: &str, prefix: &str) -> String {
    const HELP: &str = "help: ";
    if display_width(prefix) != display_width(HELP) {
        return rendered.to_owned();
    }
    rendered
        .split_inclusive('\n')
        .map(|line| {
            // With colors, an escape sequence comes first: `ESC[…m  help: `.
            let style = match line.strip_prefix('\u{1b}') {
                Some(rest) => rest.find('m').map_or(0, |m| m + 2),
                None => 0,
            };
            match line[style..]
                .strip_prefix("  ")
                .and_then(|l| l.strip_prefix(HELP))
            {
                Some(rest) => format!("{}  {prefix}{rest}", &line[..style]),
                None => line.to_owned(),
            }
        })
        .collect()
}

/// The baseline entries that matched nothing, so the file can be pruned.
fn write_stale(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let Some(baseline) = audit.baseline.as_ref().filter(|b| !b.stale.is_empty()) else {
        return Ok(());
    };
    let lang = audit.lang;
    writeln!(
        out,
        "{}",
        t!(
            lang,
            "baseline-stale-heading",
            file = &baseline.file,
            count = baseline.stale.len()
        )
    )?;
    for entry in &baseline.stale {
        let mut line = format!("  {} {}", entry.file, entry.rule);
        for part in [&entry.api, &entry.privacy_key].into_iter().flatten() {
            let _ = write!(line, " {part}");
        }
        let _ = write!(
            line,
            " {}",
            t!(lang, "baseline-stale-not-found", count = entry.count)
        );
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `text` with the hex digits of the secret at `at` replaced by `*` after
/// the first 4: a report shown in CI logs must not print it.
fn mask_secret(text: &str, at: &crate::diagnostic::Location) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let end = (at.offset + at.len).min(bytes.len());
    let mut digits = 0;
    for byte in bytes.get_mut(at.offset..end).into_iter().flatten() {
        if byte.is_ascii_hexdigit() {
            digits += 1;
            if digits > 4 {
                *byte = b'*';
            }
        }
    }
    // Only ASCII digits changed, into ASCII: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

/// The text of a project file, BOM-stripped as the audit saw it, with the
/// AppSecrets found in it masked (any finding's snippet may show their line).
fn read_source(audit: &Audit, rel: &str) -> Option<Arc<String>> {
    let mut text = audit.source_text(rel)?.to_owned();
    for fact in &audit.identity {
        if fact.location.file == rel
            && matches!(
                fact.kind,
                crate::inventory::identity::IdentityKind::AppSecret { .. }
            )
        {
            text = mask_secret(&text, &fact.location);
        }
    }
    Some(Arc::new(text))
}

fn to_report(finding: &Finding, text: Option<Arc<String>>) -> Report {
    let mut diagnostic = MietteDiagnostic::new(finding.message.clone())
        .with_code(finding.rule)
        .with_severity(match finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        });
    if let Some(help) = &finding.help {
        diagnostic = diagnostic.with_help(help.clone());
    }
    if let Some(url) = &finding.url {
        diagnostic = diagnostic.with_url(url.clone());
    }
    let loc = &finding.location;
    let usable = text.as_ref().filter(|t| {
        loc.offset + loc.len <= t.len() && !(loc.offset == 0 && loc.len == 0 && t.is_empty())
    });
    match usable {
        Some(text) => {
            let label = LabeledSpan::new(finding.label.clone(), loc.offset, loc.len);
            let diagnostic = diagnostic.with_label(label);
            match Excerpt::of_long_line(&loc.file, text, loc.offset, loc.len, loc.line, loc.column)
            {
                Some(excerpt) => Report::new(diagnostic).with_source_code(excerpt),
                None => Report::new(diagnostic)
                    .with_source_code(NamedSource::new(loc.file.clone(), Arc::clone(text))),
            }
        }
        None => {
            // No source to show: name the place in the message.
            let message = format!(
                "{}:{}:{}: {}",
                loc.file, loc.line, loc.column, finding.message
            );
            let mut plain = MietteDiagnostic::new(message).with_code(finding.rule);
            plain.severity = diagnostic.severity;
            plain.help = diagnostic.help;
            plain.url = diagnostic.url;
            Report::new(plain)
        }
    }
}

/// Lines longer than this (minified bundles) are shown as a window around the span.
const LONG_LINE: usize = 240;
/// Characters of context kept on each side of the span in a long line.
const WINDOW: usize = 60;

/// A window of one long line, so a finding in a minified bundle shows the
/// code around the API, not 300 KB of line.
struct Excerpt {
    name: String,
    text: String,
    /// Byte offset of `text` in the file.
    start: usize,
    /// 0-based line and column of `text`'s start.
    line: usize,
    column: usize,
}

impl Excerpt {
    fn of_long_line(
        name: &str,
        text: &str,
        offset: usize,
        len: usize,
        line: usize,
        column: usize,
    ) -> Option<Excerpt> {
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if line_end - line_start <= LONG_LINE {
            return None;
        }
        let before: usize = text[line_start..offset]
            .char_indices()
            .rev()
            .nth(WINDOW)
            .map_or(line_start, |(i, _)| line_start + i);
        let end = (offset + len).min(line_end);
        let after = text[end..line_end]
            .char_indices()
            .nth(WINDOW)
            .map_or(line_end, |(i, _)| end + i);
        let column = column - 1 - text[before..offset].chars().count();
        Some(Excerpt {
            name: name.to_owned(),
            text: text[before..after].trim_end_matches('\r').to_owned(),
            start: before,
            line: line - 1,
            column,
        })
    }
}

impl miette::SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        // With context, miette wants the whole window; without, exactly the
        // span (it uses that to print the position in the header).
        let (from, to) = if context_lines_before + context_lines_after > 0 {
            (0, self.text.len())
        } else {
            let from = span
                .offset()
                .saturating_sub(self.start)
                .min(self.text.len());
            let to = (from + span.len()).min(self.text.len());
            (from, to)
        };
        let column = self.column + self.text.get(..from).map_or(0, |t| t.chars().count());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[from..to],
            miette::SourceSpan::new((self.start + from).into(), to - from),
            self.line,
            column,
            1,
        )))
    }
}

/// Per privacy key: how many uses, in how many files, and whether declared.
fn write_inventory(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let mut by_key: BTreeMap<&str, (usize, BTreeSet<&str>)> = BTreeMap::new();
    for u in &audit.inventory {
        for key in &u.privacy_keys {
            let entry = by_key.entry(key).or_default();
            entry.0 += 1;
            entry.1.insert(&u.file);
        }
    }
    let lang = audit.lang;
    let mut text = String::new();
    if by_key.is_empty() {
        let _ = writeln!(text, "{}", t!(lang, "inventory-none"));
    } else {
        let _ = writeln!(text, "{}", t!(lang, "inventory-heading"));
        let names: Vec<String> = by_key
            .keys()
            .map(|k| audit.ruleset.describe_key_in(lang, k))
            .collect();
        let width = names.iter().map(|n| display_width(n)).max().unwrap_or(0);
        for (name, (key, (uses, files))) in names.iter().zip(&by_key) {
            let status = match &audit.declaration {
                None => t!(lang, "inventory-no-declaration"),
                Some(d) if d.declares(key) => t!(lang, "inventory-declared"),
                Some(_) => t!(lang, "inventory-not-declared"),
            };
            let _ = writeln!(
                text,
                "  {}  {}  {status}",
                pad(name, width),
                t!(
                    lang,
                    "inventory-counts",
                    uses = format!("{uses:>4}"),
                    n_uses = *uses,
                    files = format!("{:>3}", files.len()),
                    n_files = files.len()
                ),
            );
        }
    }
    write_pages(audit, &mut text);
    match audit.consent.first() {
        Some(c) => {
            let location = format!("{}:{}:{}", c.file, c.line, c.column);
            let _ = writeln!(
                text,
                "{}",
                t!(lang, "consent-at", api = &c.api, location = location)
            );
        }
        None => {
            let _ = writeln!(text, "{}", t!(lang, "consent-none"));
        }
    }
    write_consent_pages(audit, &mut text);
    write_identity(audit, &mut text);
    out.write_all(text.as_bytes())
}

/// The consent wiring of the pages that reach private data: the listener in
/// effect and what it does with `resolve`, the agree button; nothing when
/// the project has no consent handling.
fn write_consent_pages(audit: &Audit, text: &mut String) {
    if audit.consent_files.is_empty() {
        return;
    }
    let lang = audit.lang;
    let any_listener = audit
        .consent_files
        .values()
        .any(|f| !f.facts.listeners.is_empty());
    let rows: Vec<(String, String)> = audit
        .consent_by_page()
        .into_iter()
        .filter(|p| p.uses > 0)
        .map(|p| {
            let mut parts = Vec::new();
            if let Some(first) = p.listeners.first() {
                let resolve = match p.resolve {
                    Some("drops") => t!(lang, "consent-resolve-drops"),
                    Some("unknown") => t!(lang, "consent-resolve-unknown"),
                    _ => t!(lang, "consent-resolve-ok"),
                };
                parts.push(t!(
                    lang,
                    "consent-listener",
                    location = first.as_str(),
                    resolve = resolve
                ));
            }
            if let Some(first) = p.agree_buttons.first() {
                parts.push(t!(lang, "consent-agree-button", location = first.as_str()));
            }
            if let Some(first) = p.require_calls.first() {
                parts.push(t!(lang, "consent-require", location = first.as_str()));
            }
            if parts.is_empty() {
                parts.push(if any_listener {
                    t!(lang, "consent-page-none")
                } else {
                    t!(lang, "consent-page-official")
                });
            }
            (p.page, parts.join(&t!(lang, "list-separator")))
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    let width = rows
        .iter()
        .map(|(p, _)| display_width(p))
        .max()
        .unwrap_or(0);
    let _ = writeln!(text, "{}", t!(lang, "consent-by-page"));
    for (page, wiring) in rows {
        let _ = writeln!(text, "  {}  {wiring}", pad(&page, width));
    }
}

/// How the program logs in, and what identity work it does on the client
/// that belongs on a backend; nothing when it does neither.
fn write_identity(audit: &Audit, text: &mut String) {
    // (label, count, first place) per kind of fact, in a fixed order.
    let lang = audit.lang;
    let mut rows: BTreeMap<(u8, &str), (usize, String)> = BTreeMap::new();
    for fact in &audit.identity {
        let (order, label) = match fact.kind.name() {
            Some("login") => (0, "identity-login"),
            Some("check-session") => (1, "identity-check-session"),
            Some("code2session") => (2, "identity-code2session"),
            Some("server-api") => (3, "identity-server-api"),
            Some("app-secret") => (4, "identity-app-secret"),
            Some("session-key-stored") => (5, "identity-session-key-stored"),
            Some("session-key-sent") => (6, "identity-session-key-sent"),
            Some("decrypt") => (7, "identity-decrypt"),
            _ => continue,
        };
        let l = &fact.location;
        rows.entry((order, label))
            .or_insert_with(|| (0, format!("{}:{}:{}", l.file, l.line, l.column)))
            .0 += 1;
    }
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(text, "{}", t!(lang, "identity-heading"));
    if !rows.keys().any(|(order, _)| *order == 0) {
        let _ = writeln!(text, "  {}", t!(lang, "identity-no-login"));
    }
    let mut client_side = false;
    for ((order, label), (count, first)) in &rows {
        client_side |= *order >= 2;
        let more = if *count > 1 {
            t!(lang, "identity-more", count = count - 1)
        } else {
            String::new()
        };
        let mark = if *order >= 2 { "✖ " } else { "" };
        let _ = writeln!(
            text,
            "  {mark}{}{more}",
            t!(
                lang,
                "identity-row",
                what = lang.text(label, &[]),
                location = first.as_str()
            )
        );
    }
    if !client_side {
        let _ = writeln!(text, "  {}", t!(lang, "identity-nothing"));
    }
}

/// Per page: the privacy keys it reaches, so reviewers know which pages to open.
fn write_pages(audit: &Audit, text: &mut String) {
    if audit.pages.is_empty() || audit.inventory.iter().all(|u| u.privacy_keys.is_empty()) {
        return;
    }
    let lang = audit.lang;
    let all = audit.pages.len();
    let mut everywhere: BTreeSet<&str> = BTreeSet::new();
    let mut by_page: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut nowhere: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    // Uses without a known privacy type (a non-literal authorize scope,
    // `<open-data>`) are in the findings, not in this view.
    for u in audit
        .inventory
        .iter()
        .filter(|u| !u.privacy_keys.is_empty())
    {
        let keys = u.privacy_keys.iter().map(String::as_str);
        if u.pages.is_empty() {
            nowhere.entry(&u.file).or_default().extend(keys);
        } else if all > 1 && u.pages.len() == all {
            everywhere.extend(keys);
        } else {
            for page in &u.pages {
                by_page.entry(page).or_default().extend(keys.clone());
            }
        }
    }
    let separator = t!(lang, "list-separator");
    let join = |keys: &BTreeSet<&str>| keys.iter().copied().collect::<Vec<_>>().join(&separator);
    let mut rows: Vec<(String, String)> = audit
        .pages
        .iter()
        .filter_map(|p| by_page.get(p.as_str()).map(|k| (p.clone(), join(k))))
        .collect();
    if !everywhere.is_empty() {
        rows.insert(
            0,
            (t!(lang, "pages-every-page", all = all), join(&everywhere)),
        );
    }
    if !nowhere.is_empty() {
        let files: Vec<&str> = nowhere.keys().copied().collect();
        let mut shown = files[..files.len().min(3)].join(&separator);
        if files.len() > 3 {
            let _ = write!(
                shown,
                " {}",
                t!(lang, "pages-and-more", count = files.len() - 3)
            );
        }
        let keys: BTreeSet<&str> = nowhere.values().flatten().copied().collect();
        rows.push((
            t!(lang, "pages-no-page"),
            t!(
                lang,
                "pages-keys-in-files",
                keys = join(&keys),
                files = shown
            ),
        ));
    }
    let reached = if everywhere.is_empty() {
        by_page.len()
    } else {
        all
    };
    let _ = writeln!(
        text,
        "{}",
        t!(lang, "pages-heading", reached = reached, all = all)
    );
    let width = rows
        .iter()
        .map(|(p, _)| display_width(p))
        .max()
        .unwrap_or(0);
    for (page, keys) in rows {
        let _ = writeln!(text, "  {}  {keys}", pad(&page, width));
    }
}

fn write_summary(audit: &Audit, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = audit.lang;
    let errors = audit.count(Severity::Error);
    let warnings = audit.count(Severity::Warning);
    let head = if errors + warnings == 0 {
        t!(lang, "summary-clean")
    } else {
        t!(
            lang,
            "summary-problems",
            errors = errors,
            warnings = warnings
        )
    };
    let mut files = t!(lang, "summary-files", files = audit.files_scanned);
    if audit.files_failed > 0 {
        files.push_str(&t!(lang, "summary-unreadable", count = audit.files_failed));
    }
    let mut timing = if options.timing {
        t!(
            lang,
            "summary-elapsed",
            ms = audit.elapsed.as_millis().to_string()
        )
    } else {
        String::new()
    };
    if audit.suppressed > 0 {
        let _ = write!(
            timing,
            " · {}",
            t!(lang, "summary-suppressed", count = audit.suppressed)
        );
    }
    if let Some(baseline) = &audit.baseline {
        let _ = write!(
            timing,
            " · {}",
            t!(lang, "summary-baseline-hidden", count = baseline.hidden)
        );
    }
    writeln!(out, "{head} · {files}{timing}")
}

#[cfg(test)]
mod tests {
    use super::localize_help;

    #[test]
    fn the_help_prefix_is_replaced_only_by_one_as_wide() {
        let rendered = "  × message\n  help: do this, then\n        that\n";
        assert_eq!(
            localize_help(rendered, "建议："),
            "  × message\n  建议：do this, then\n        that\n"
        );
        let colored = "\u{1b}[36m  help: \u{1b}[0mdo this\n";
        assert_eq!(
            localize_help(colored, "建议："),
            "\u{1b}[36m  建议：\u{1b}[0mdo this\n"
        );
        assert_eq!(
            localize_help(rendered, "修复建议："),
            rendered,
            "a wider prefix would break the wrapped lines' alignment"
        );
        // Only at the start of a line, where miette puts it.
        let quoted = "  × the text help: here\n";
        assert_eq!(localize_help(quoted, "建议："), quoted);
    }
}
