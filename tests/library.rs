//! mpaudit as a library: what an embedding program sees.

use std::path::Path;

use mpaudit::{Error, Format, Options, ReportOptions};

const FORMATS: [Format; 8] = [
    Format::Human,
    Format::Concise,
    Format::Json,
    Format::Github,
    Format::Gitlab,
    Format::Sarif,
    Format::Rdjson,
    Format::Html,
];

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every format, rendered from `audit`.
fn reports(audit: &mpaudit::Audit) -> Vec<String> {
    let options = ReportOptions {
        color: false,
        width: 100,
        timing: false,
        quiet: false,
    };
    FORMATS
        .iter()
        .map(|format| {
            let mut out = Vec::new();
            mpaudit::write_report(*format, audit, &options, None, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        })
        .collect()
}

/// Asserts that `audit` still renders as `before`, naming the format that
/// does not.
fn renders_as(audit: &mpaudit::Audit, before: &[String]) {
    for ((format, now), then) in FORMATS.iter().zip(reports(audit)).zip(before) {
        if now != *then {
            let at = now
                .bytes()
                .zip(then.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(now.len().min(then.len()));
            let from = at.saturating_sub(40);
            panic!(
                "{format:?} changed at byte {at}:\nnow:  {}\nthen: {}",
                &now[from..(at + 200).min(now.len())],
                &then[from..(at + 200).min(then.len())]
            );
        }
    }
}

#[test]
fn reports_are_a_function_of_the_audit_alone() {
    let dir = std::env::temp_dir().join(format!("mpaudit-library-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy(Path::new("fixtures/example-shop"), &dir);
    let audit = mpaudit::audit(&Options {
        root: dir.clone(),
        threads: Some(2),
        ..Options::default()
    })
    .unwrap();
    let before = reports(&audit);
    let manifest = mpaudit::internals::manifest::Manifest::from_audit(&audit);
    let draft = mpaudit::internals::manifest::draft(&audit, &manifest).to_text();
    let markdown = mpaudit::internals::manifest::markdown(&manifest);

    // The project changes, then goes away: the reports do not notice.
    for file in &audit.findings {
        let path = dir.join(&file.location.file);
        if path.is_file() {
            std::fs::write(&path, "// rewritten after the audit\n").unwrap();
        }
    }
    std::fs::write(
        dir.join("project.config.json"),
        r#"{"projectname": "changed"}"#,
    )
    .unwrap();
    renders_as(&audit, &before);
    std::fs::remove_dir_all(&dir).unwrap();
    renders_as(&audit, &before);
    let manifest = mpaudit::internals::manifest::Manifest::from_audit(&audit);
    assert_eq!(
        mpaudit::internals::manifest::draft(&audit, &manifest).to_text(),
        draft
    );
    assert_eq!(mpaudit::internals::manifest::markdown(&manifest), markdown);

    // The snippets are there: the human report shows the source lines.
    let finding = audit
        .findings
        .iter()
        .find(|f| f.location.line > 0 && f.location.file.ends_with(".js"))
        .expect("a finding in a script");
    let text = audit.source_text(&finding.location.file).unwrap();
    let line = text.lines().nth(finding.location.line - 1).unwrap().trim();
    assert!(before[0].contains(line), "{line}\n{}", before[0]);
}

#[test]
fn why_an_audit_cannot_run_is_a_typed_error() {
    let err = mpaudit::audit(&Options {
        root: "fixtures/no-such-fixture".into(),
        ..Options::default()
    })
    .unwrap_err();
    assert!(matches!(err, Error::Discover(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "cannot audit fixtures/no-such-fixture: no such file or folder"
    );

    let err = mpaudit::audit(&Options {
        root: "fixtures/example-shop".into(),
        baseline: Some("fixtures/no-such-baseline.json".into()),
        ..Options::default()
    })
    .unwrap_err();
    assert!(matches!(err, Error::Baseline(_)), "{err:?}");

    let err = mpaudit::audit(&Options {
        root: "fixtures/example-shop".into(),
        rules_file: Some("fixtures/no-such-rules.json".into()),
        ..Options::default()
    })
    .unwrap_err();
    assert!(matches!(err, Error::Rules(_)), "{err:?}");
    assert!(
        err.to_string().starts_with("cannot read rules file"),
        "{err}"
    );

    let err = mpaudit::audit(&Options {
        root: "fixtures/example-shop".into(),
        declaration: Some("fixtures/no-such-privacy.json".into()),
        ..Options::default()
    })
    .unwrap_err();
    assert!(matches!(err, Error::Declaration(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "declaration file fixtures/no-such-privacy.json does not exist"
    );

    let err = mpaudit::audit(&Options {
        root: "fixtures/example-shop".into(),
        config: Some("fixtures/no-such-mpaudit.json".into()),
        ..Options::default()
    })
    .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}
