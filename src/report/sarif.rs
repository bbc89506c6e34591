//! `--format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other
//! SARIF viewers, built with the `serde-sarif` types (generated from the
//! official schema).
//!
//! One run; `tool.driver.rules` lists every rule of [`ALL_RULES`] in order,
//! so a result's `ruleIndex` is the rule's index there. Paths are relative to
//! the audited folder (`uriBaseId` `%SRCROOT%`, declared in
//! `run.originalUriBaseIds` as the folder's absolute `file:` URI); columns
//! count Unicode code points (`run.columnKind`), like [`Location::column`].
//! Each result carries a `partialFingerprints` entry, `mpaudit/v1`, that
//! survives line moves (see [`fingerprint`]).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use serde_json::{json, Value};
use serde_sarif::sarif;

use super::span::Sources;
use crate::checks::{Rule, ALL_RULES};
use crate::diagnostic::{Finding, Location, Severity};
use crate::Audit;

/// The `$schema` written in the log.
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base id every artifact location is relative to: the audited folder.
pub const SRCROOT: &str = "%SRCROOT%";

/// The key of [`fingerprint`] in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "mpaudit/v1";

/// Writes the SARIF log as pretty JSON followed by a newline.
pub fn write(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(audit))?;
    writeln!(out)
}

/// The SARIF log of `audit`.
pub fn log(audit: &Audit) -> sarif::Sarif {
    let mut sources = Sources::new(audit);
    let (srcroot, prefix) = base_of(&audit.project.root);
    let fixes = fixes(audit, &prefix);
    let results: Vec<sarif::Result> = audit
        .findings
        .iter()
        .map(|finding| {
            let mut result = result(audit, finding, &prefix, &mut sources);
            if crate::fix::FIXABLE.contains(&finding.rule) && !fixes.is_empty() {
                result.fixes = Some(fixes.clone());
            }
            result
        })
        .collect();
    let driver = sarif::ToolComponent::builder()
        .name("mpaudit")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_REPOSITORY"))
        .rules(
            ALL_RULES
                .iter()
                .map(|r| descriptor(audit.lang, r))
                .collect::<Vec<_>>(),
        )
        .build();
    let mut base_ids = BTreeMap::new();
    base_ids.insert(SRCROOT.to_owned(), root_location(&srcroot));
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .original_uri_base_ids(base_ids)
        .column_kind(json!("unicodeCodePoints"))
        .results(results)
        .build();
    sarif::Sarif::builder()
        .schema(SCHEMA_URI)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

/// The reporting descriptor of `rule`.
fn descriptor(lang: crate::i18n::Lang, rule: &Rule) -> sarif::ReportingDescriptor {
    let markdown = lang.rule_docs(rule);
    let mut properties = sarif::PropertyBag::builder()
        .tags(vec!["privacy".to_owned()])
        .build();
    properties
        .additional_properties
        .insert("since".to_owned(), json!(rule.since));
    sarif::ReportingDescriptor::builder()
        .id(rule.code)
        .name(pascal_case(rule.code))
        .short_description(plain(lang.rule_summary(rule)))
        .full_description(plain(&what_it_does(&markdown)))
        .help(
            sarif::MultiformatMessageString::builder()
                .text(markdown.trim_end())
                .markdown(markdown.trim_end())
                .build(),
        )
        .help_uri(rule.help_uri())
        .default_configuration(
            sarif::ReportingConfiguration::builder()
                .level(json!(level(rule.severity).to_string()))
                .build(),
        )
        .properties(properties)
        .build()
}

/// What `mpaudit check --fix` would change, as SARIF fixes: one per file,
/// replacing the region where the text before and after differ. Attached to
/// the results of the rules it fixes.
fn fixes(audit: &Audit, prefix: &str) -> Vec<sarif::Fix> {
    crate::fix::plan(audit)
        .files
        .iter()
        .map(|file| {
            let bom = if file.before.starts_with('\u{feff}') {
                3
            } else {
                0
            };
            let (before, after) = (&file.before[bom..], &file.after[bom..]);
            let start = before
                .char_indices()
                .zip(after.chars())
                .find(|((_, a), b)| a != b)
                .map_or(before.len().min(after.len()), |((i, _), _)| i);
            let tail = before[start..]
                .chars()
                .rev()
                .zip(after[start..].chars().rev())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum::<usize>();
            let (end, inserted) = (before.len() - tail, &after[start..after.len() - tail]);
            let at = |offset: usize| {
                let line_start = before[..offset].rfind('\n').map_or(0, |i| i + 1);
                (
                    before[..offset].matches('\n').count() as i64 + 1,
                    before[line_start..offset].chars().count() as i64 + 1,
                )
            };
            let ((start_line, start_column), (end_line, end_column)) = (at(start), at(end));
            let region = sarif::Region::builder()
                .start_line(start_line)
                .start_column(start_column)
                .end_line(end_line)
                .end_column(end_column)
                .build();
            let replacement = sarif::Replacement::builder()
                .deleted_region(region)
                .inserted_content(sarif::ArtifactContent::builder().text(inserted).build())
                .build();
            let change = sarif::ArtifactChange::builder()
                .artifact_location(artifact(prefix, &file.rel))
                .replacements(vec![replacement])
                .build();
            sarif::Fix::builder()
                .description(text(&file.changes.join("; ")))
                .artifact_changes(vec![change])
                .build()
        })
        .collect()
}

/// The result for `finding`.
fn result(
    audit: &Audit,
    finding: &Finding,
    prefix: &str,
    sources: &mut Sources<'_>,
) -> sarif::Result {
    let rule_index = ALL_RULES.iter().position(|r| r.code == finding.rule);
    let message = super::message_with_help(audit, finding);
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert(FINGERPRINT_KEY.to_owned(), fingerprint(finding));
    let mut properties = BTreeMap::new();
    for (key, value) in [
        ("privacyKey", &finding.privacy_key),
        ("api", &finding.api),
        ("function", &finding.function),
        ("url", &finding.url),
    ] {
        if let Some(value) = value {
            properties.insert(key.to_owned(), Value::String(value.clone()));
        }
    }
    let location = sarif::Location::builder()
        .physical_location(
            sarif::PhysicalLocation::builder()
                .artifact_location(artifact(prefix, &finding.location.file))
                .region(region(&finding.location, sources))
                .build(),
        )
        .build();
    let mut result = sarif::Result::builder()
        .rule_id(finding.rule)
        .level(level(finding.severity))
        .message(text(&message))
        .locations(vec![location])
        .partial_fingerprints(fingerprints)
        .build();
    result.rule_index = rule_index.map(|i| i as i64);
    if !properties.is_empty() {
        result.properties = Some(
            sarif::PropertyBag::builder()
                .additional_properties(properties)
                .build(),
        );
    }
    result
}

fn level(severity: Severity) -> sarif::ResultLevel {
    match severity {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
    }
}

fn text(s: &str) -> sarif::Message {
    sarif::Message::builder().text(s).build()
}

fn plain(s: &str) -> sarif::MultiformatMessageString {
    sarif::MultiformatMessageString::builder().text(s).build()
}

/// The region of `location`: start, and end when the finding has a length
/// and the file can still be read. Columns in Unicode code points.
fn region(location: &Location, sources: &mut Sources<'_>) -> sarif::Region {
    let mut region = sarif::Region::builder()
        .start_line(location.line as i64)
        .start_column(location.column as i64)
        .build();
    if let Some(end) = sources.span(location).and_then(|span| span.end) {
        region.end_line = Some(end.line as i64);
        region.end_column = Some(end.column as i64);
    }
    region
}

/// What [`SRCROOT`] stands for, and the prefix of every relative URI. A
/// folder given as a relative path below the working directory (`mpaudit
/// check miniprogram-project`, as from a repository root in CI) makes
/// `%SRCROOT%` the working directory and `miniprogram-project/` the prefix,
/// because GitHub code scanning resolves URIs against the repository root.
/// Any other folder is `%SRCROOT%` itself.
fn base_of(root: &Path) -> (std::path::PathBuf, String) {
    use std::path::Component;
    let below_cwd = root.is_relative()
        && root
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !below_cwd {
        return (root.to_path_buf(), String::new());
    }
    let prefix: Vec<String> = root
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    (std::path::PathBuf::from("."), prefix.join("/"))
}

/// The artifact location of a finding's file: `prefix/file` relative to
/// [`SRCROOT`], or an absolute `file:` URI for a file outside the audited
/// folder given by an absolute path (`--declaration /elsewhere/privacy.json`).
fn artifact(prefix: &str, file: &str) -> sarif::ArtifactLocation {
    let path = Path::new(file);
    if path.is_absolute() {
        return sarif::ArtifactLocation::builder()
            .uri(file_uri(path, false))
            .build();
    }
    let file = file.replace('\\', "/");
    let mut rel = file.as_str();
    while let Some(rest) = rel.strip_prefix("./") {
        rel = rest;
    }
    let joined;
    if !prefix.is_empty() {
        joined = format!("{prefix}/{rel}");
        rel = &joined;
    }
    sarif::ArtifactLocation::builder()
        .uri(percent_encode(rel))
        .uri_base_id(SRCROOT)
        .build()
}

/// `originalUriBaseIds[SRCROOT]`: the audited folder as an absolute `file:`
/// URI ending in `/`.
fn root_location(root: &Path) -> sarif::ArtifactLocation {
    let absolute = std::fs::canonicalize(root)
        .or_else(|_| std::path::absolute(root))
        .unwrap_or_else(|_| root.to_path_buf());
    let mut builder = sarif::ArtifactLocation::builder()
        .description(text(if root == Path::new(".") {
            "the working directory mpaudit ran in"
        } else {
            "the folder mpaudit audited"
        }))
        .build();
    if absolute.is_absolute() {
        builder.uri = Some(file_uri(&absolute, true));
    }
    builder
}

/// The `file:` URI of an absolute path (`/a/b` → `file:///a/b`,
/// `C:\a` → `file:///C:/a`), with a trailing `/` for a folder.
fn file_uri(path: &Path, folder: bool) -> String {
    let raw = path.to_string_lossy().replace('\\', "/");
    // Windows verbatim prefixes from canonicalize: `//?/C:/x`, `//?/UNC/host/share`.
    let raw = match raw.strip_prefix("//?/") {
        Some(rest) => match rest.strip_prefix("UNC/") {
            Some(unc) => format!("//{unc}"),
            None => rest.to_owned(),
        },
        None => raw,
    };
    let mut uri = if let Some(unc) = raw.strip_prefix("//") {
        format!("file://{}", percent_encode(unc))
    } else if raw.len() >= 2 && raw.as_bytes()[1] == b':' && raw.as_bytes()[0].is_ascii_alphabetic()
    {
        format!("file:///{}:{}", &raw[..1], percent_encode(&raw[2..]))
    } else {
        format!("file://{}", percent_encode(&raw))
    };
    if folder && !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Percent-encodes a `/`-separated path for a URI: everything but RFC 3986
/// unreserved characters and `/` is written as `%XX` UTF-8 bytes.
pub fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A fingerprint of `finding` that survives line moves and message
/// rewording: FNV-1a (64 bits, hex) of the rule, file, API, privacy key and
/// enclosing function. Two findings of one rule for the same API in the same
/// function share it (GitHub tells them apart by their lines).
pub fn fingerprint(finding: &Finding) -> String {
    fingerprint_at(finding, &finding.location.file)
}

/// [`fingerprint`] with `file` standing for the finding's file (the GitLab
/// report hashes the path relative to the repository).
pub fn fingerprint_at(finding: &Finding, file: &str) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    let fields = [
        Some(finding.rule),
        Some(file),
        finding.api.as_deref(),
        finding.privacy_key.as_deref(),
        finding.function.as_deref(),
    ];
    for field in fields {
        match field {
            // 0x1f separates fields; 0x00 / 0x01 tell absent from empty.
            None => feed(&[0x00, 0x1f]),
            Some(value) => {
                feed(&[0x01]);
                feed(value.as_bytes());
                feed(&[0x1f]);
            }
        }
    }
    format!("{hash:016x}")
}

/// `undeclared-privacy-type` → `UndeclaredPrivacyType`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect()
}

/// The "What it does" section of a rule's Markdown docs as plain text:
/// the lines of a paragraph joined (list items kept on lines of their own),
/// inline code marks dropped.
fn what_it_does(markdown: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut inside = false;
    for line in markdown.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            if inside {
                break;
            }
            // English docs, or the Chinese ones of `--lang zh`.
            inside = matches!(heading.trim(), "What it does" | "作用");
            continue;
        }
        if !inside {
            continue;
        }
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                // List items keep their own lines.
                let item = line.starts_with("- ") || line.starts_with("* ");
                current.push(if item { '\n' } else { ' ' });
            }
            current.push_str(&line.replace('`', ""));
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_descriptions_come_from_the_rule() {
        assert_eq!(
            pascal_case("undeclared-privacy-type"),
            "UndeclaredPrivacyType"
        );
        let plain = what_it_does(
            &crate::checks::undeclared_privacy_type::UNDECLARED_PRIVACY_TYPE.markdown(),
        );
        assert!(
            plain.starts_with("Reports each use of a privacy API whose privacy type (privacy_key) is not declared in the project's privacy guideline copy (privacy.json)."),
            "{plain}"
        );
        assert!(!plain.contains('\n') && !plain.contains("##"), "{plain}");
        let list =
            what_it_does(&crate::checks::getuserprofile_misuse::GETUSERPROFILE_MISUSE.markdown());
        assert!(
            list.contains("one finding per problem:\n- the options have no desc"),
            "{list}"
        );
        for rule in ALL_RULES.iter() {
            assert!(!what_it_does(&rule.markdown()).is_empty(), "{}", rule.code);
        }
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            percent_encode("pages/定位 a#b.js"),
            "pages/%E5%AE%9A%E4%BD%8D%20a%23b.js"
        );
        assert_eq!(percent_encode("a:b.js"), "a%3Ab.js");
        assert_eq!(
            artifact("", "./miniprogram/app.json").uri.as_deref(),
            Some("miniprogram/app.json")
        );
        assert_eq!(artifact("", "a\\b.js").uri.as_deref(), Some("a/b.js"));
        assert_eq!(
            artifact("shop", "./pages/a.js").uri.as_deref(),
            Some("shop/pages/a.js")
        );
        assert_eq!(
            file_uri(Path::new("/tmp/my app"), true),
            "file:///tmp/my%20app/"
        );
    }

    #[cfg(unix)]
    #[test]
    fn absolute_files_have_no_base_id() {
        let a = artifact("shop", "/elsewhere/privacy.json");
        assert_eq!(a.uri.as_deref(), Some("file:///elsewhere/privacy.json"));
        assert_eq!(a.uri_base_id, None);
    }

    #[test]
    fn folders_below_the_working_directory_become_uri_prefixes() {
        assert_eq!(
            base_of(Path::new("./apps/shop/")),
            (std::path::PathBuf::from("."), "apps/shop".to_owned())
        );
        assert_eq!(
            base_of(Path::new(".")),
            (std::path::PathBuf::from("."), String::new())
        );
        assert_eq!(
            base_of(Path::new("../shop")),
            (std::path::PathBuf::from("../shop"), String::new())
        );
        assert_eq!(
            base_of(Path::new("/abs/shop")),
            (std::path::PathBuf::from("/abs/shop"), String::new())
        );
    }

    #[test]
    fn fingerprints_ignore_position_and_message() {
        let at = |line, offset| Location {
            file: "pages/a.js".to_owned(),
            line,
            column: 3,
            offset,
            len: 11,
        };
        let a = Finding::new(
            &crate::checks::undeclared_privacy_type::UNDECLARED_PRIVACY_TYPE,
            at(3, 40),
            "one",
        )
        .api("wx.getLocation")
        .privacy_key("Location");
        let mut b = Finding::new(
            &crate::checks::undeclared_privacy_type::UNDECLARED_PRIVACY_TYPE,
            at(9, 90),
            "two",
        )
        .api("wx.getLocation")
        .privacy_key("Location");
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a).len(), 16);
        b.function = Some("onLoad".to_owned());
        assert_ne!(fingerprint(&a), fingerprint(&b));
        let c = a.clone().privacy_key("Album");
        assert_ne!(fingerprint(&a), fingerprint(&c));
        // Absent and empty differ.
        let mut d = a.clone();
        d.function = Some(String::new());
        assert_ne!(fingerprint(&a), fingerprint(&d));
        // Pinned: a change of the hash would re-open every alert on GitHub.
        assert_eq!(fingerprint(&a), "b7371166b8158f85");
    }
}
