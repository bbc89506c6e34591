//! What hooks and CI runs see: the concise and gitlab formats, `--quiet`,
//! colors, file arguments (lint-staged) and walking up to the project.

use mpaudit::cli::Environment;
use serde_json::{json, Value};

use crate::util::{run, TempProject};

/// Runs the CLI in `env`; returns (exit code, stdout, stderr).
fn run_in(env: &Environment, args: &[&str]) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut argv = vec!["mpaudit"];
    argv.extend_from_slice(args);
    let code = mpaudit::cli::run_with(argv, env, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn concise_prints_one_line_per_finding_errors_first_then_a_summary() {
    let (code, out, err) = run(&["check", "fixtures/example-shop", "--format", "concise"]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6 + 5 + 1, "{out}");
    assert_eq!(
        lines[0],
        "fixtures/example-shop/miniprogram/pages/address/address.js:3:8: error [undeclared-privacy-type] `wx.chooseAddress` needs privacy type Address (地址), which privacy.json does not declare"
    );
    assert!(lines[..6].iter().all(|l| l.contains(": error [")), "{out}");
    assert!(
        lines[6..11].iter().all(|l| l.contains(": warning [")),
        "{out}"
    );
    assert_eq!(
        lines[10],
        "fixtures/example-shop/privacy.json:5:22: warning [unused-privacy-declaration] privacy type Record (麦克风) is declared but no code in the mini program uses it"
    );
    assert_eq!(lines[11], "mpaudit: 6 errors, 5 warnings in 6 files");

    let (code, out, _) = run(&["check", "fixtures/clean-project", "--format", "concise"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "mpaudit: 0 errors, 0 warnings in 8 files\n")
    );
}

#[test]
fn quiet_prints_only_the_errors_and_nothing_on_a_clean_run() {
    for format in ["human", "concise", "github"] {
        let (code, out, err) = run(&["check", "fixtures/clean-project", "-q", "--format", format]);
        assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""), "{format}");
    }
    // Warnings only: nothing printed either.
    let (code, out, _) = run(&[
        "check",
        "fixtures/example-shop",
        "-q",
        "--format",
        "concise",
    ]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 6, "{out}");
    assert!(out.lines().all(|l| l.contains(": error [")), "{out}");

    let (code, out, _) = run(&["check", "fixtures/example-shop", "-q"]);
    assert_eq!(code, 1);
    assert_eq!(out.matches("× ").count(), 6, "{out}");
    for gone in ["privacy inventory", "pages that reach", "✖", "warning"] {
        assert!(!out.contains(gone), "`{gone}` in {out}");
    }
}

#[test]
fn colors_only_on_a_terminal_unless_no_color_or_forced() {
    let has_ansi = |s: &str| s.contains('\x1b');
    let tty = Environment {
        stdout_terminal: true,
        stderr_terminal: true,
        ..Default::default()
    };
    let pipe = Environment::default();
    let no_color = Environment {
        no_color: true,
        ..tty.clone()
    };
    let forced = Environment {
        force_color: Some(true),
        no_color: true,
        ..Default::default()
    };
    let forced_off = Environment {
        force_color: Some(false),
        ..tty.clone()
    };
    // Help (stdout) and usage errors (stderr).
    for (env, want) in [
        (&tty, true),
        (&pipe, false),
        (&no_color, false),
        (&forced, true),
        (&forced_off, false),
    ] {
        let (code, out, _) = run_in(env, &["check", "--help"]);
        assert_eq!(code, 0);
        assert_eq!(has_ansi(&out), want, "help in {env:?}: {out}");
        let (code, _, err) = run_in(env, &["check", "--format", "yaml"]);
        assert_eq!(code, 2);
        assert_eq!(has_ansi(&err), want, "usage error in {env:?}: {err}");
        let (_, out, _) = run_in(env, &["check", "fixtures/example-shop", "-q"]);
        assert_eq!(has_ansi(&out), want, "report in {env:?}");
        let (_, out, _) = run_in(
            env,
            &["check", "fixtures/example-shop", "--format", "concise"],
        );
        assert_eq!(has_ansi(&out), want, "concise in {env:?}");
    }
    // --color wins over everything, also for usage errors.
    let (_, _, err) = run_in(&forced, &["check", "--color", "never", "--format", "yaml"]);
    assert!(!has_ansi(&err), "{err}");
    let (_, _, err) = run_in(&pipe, &["check", "--color=always", "--format", "yaml"]);
    assert!(has_ansi(&err), "{err}");
    let (_, out, _) = run_in(
        &no_color,
        &["check", "fixtures/example-shop", "--color", "always"],
    );
    assert!(has_ansi(&out));
    let (_, out, _) = run_in(
        &pipe,
        &[
            "check",
            "fixtures/example-shop",
            "--format",
            "concise",
            "--color",
            "always",
        ],
    );
    assert!(out.starts_with("fixtures/example-shop/miniprogram/pages/address/address.js:3:8: \x1b[1;31merror\x1b[0m ["), "{out}");
}

/// A project whose mini program lives in `miniprogram/`, with one error in
/// each of two pages and a cloud function outside the mini program.
fn two_pages(name: &str) -> TempProject {
    TempProject::new(
        name,
        &[
            (
                "project.config.json",
                r#"{"miniprogramRoot": "miniprogram/"}"#,
            ),
            (
                "privacy.json",
                r#"{"setting_list": [{"privacy_key": "Album", "privacy_text": "上传商品评价图片"}]}"#,
            ),
            (
                "miniprogram/app.json",
                r#"{"pages": ["pages/a/a", "pages/b/b"]}"#,
            ),
            (
                "miniprogram/app.js",
                "wx.onNeedPrivacyAuthorization((resolve) => pending.push(resolve))",
            ),
            (
                "miniprogram/pages/a/a.js",
                "Page({ tap() { wx.getClipboardData({}) } })",
            ),
            (
                "miniprogram/pages/b/b.js",
                "Page({ tap() { wx.setClipboardData({}) } })",
            ),
            (
                "miniprogram/pages/b/b.wxml",
                "<view bindtap=\"tap\">b</view>",
            ),
            ("cloudfunctions/login/index.js", "exports.main = () => 1"),
        ],
    )
}

/// `(rule, file)` of each finding in a JSON report.
fn findings(out: &str) -> Vec<(String, String)> {
    let report: Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"));
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn file_arguments_report_their_project_wide_findings_and_their_own() {
    let project = two_pages("files");
    let path = |rel: &str| format!("{}/{rel}", project.path());
    let whole = run(&["check", project.path(), "--format", "json"]);
    assert_eq!(
        findings(&whole.1),
        [
            (
                "undeclared-privacy-type".into(),
                "miniprogram/pages/a/a.js".into()
            ),
            (
                "undeclared-privacy-type".into(),
                "miniprogram/pages/b/b.js".into()
            ),
            ("unused-privacy-declaration".into(), "privacy.json".into()),
        ]
    );

    // What lint-staged runs: `mpaudit check <staged files>`.
    let a = path("miniprogram/pages/a/a.js");
    let (code, out, err) = run(&["check", &a, "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        findings(&out),
        [
            (
                "undeclared-privacy-type".into(),
                "miniprogram/pages/a/a.js".into()
            ),
            ("unused-privacy-declaration".into(), "privacy.json".into()),
        ]
    );
    assert_eq!(
        err,
        format!(
            "note: 1 finding in other files of {0} not shown; `mpaudit check {0}` reports them\n",
            project.path()
        )
    );
    // The project root, not the mini program folder holding app.json: the
    // declaration at the top was read.
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["declaration"], "privacy.json");

    // A file with no finding: only project-wide findings; exit 0.
    let (code, out, _) = run(&[
        "check",
        &path("miniprogram/pages/b/b.wxml"),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        findings(&out),
        [("unused-privacy-declaration".into(), "privacy.json".into())]
    );

    // Two files of one project: one audit, both files' findings.
    let (code, out, err) = run(&[
        "check",
        &a,
        &path("miniprogram/pages/b/b.js"),
        "--format",
        "concise",
        "-q",
    ]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert_eq!(err, "");
    // app.json among them: the whole project.
    let (_, out, _) = run(&[
        "check",
        &a,
        &path("miniprogram/app.json"),
        "--format",
        "json",
    ]);
    assert_eq!(findings(&out), findings(&whole.1));

    // A file mpaudit does not audit says so; it does not pass silently.
    let (code, out, err) = run(&[
        "check",
        &path("cloudfunctions/login/index.js"),
        "--format",
        "concise",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        err.contains("note: cloudfunctions/login/index.js is not audited: it is outside the mini program root"),
        "{err}"
    );
}

#[test]
fn a_subfolder_walks_up_to_its_project() {
    let project = two_pages("walk");
    let pages = format!("{}/miniprogram/pages", project.path());
    let (code, out, err) = run(&["check", &pages, "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(findings(&out).len(), 3, "the whole project: {out}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["miniprogram_root"], "miniprogram");
    assert_eq!(
        std::fs::canonicalize(report["root"].as_str().unwrap()).unwrap(),
        std::fs::canonicalize(project.path()).unwrap()
    );
    // A folder that holds app.json is audited as given.
    let (_, out, _) = run(&[
        "check",
        &format!("{}/miniprogram", project.path()),
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["miniprogram_root"], ".");
    // manifest walks up too.
    let (code, out, _) = run(&["manifest", &pages]);
    assert_eq!(code, 0);
    assert!(out.contains("\"Clipboard\""), "{out}");
}

#[test]
fn paths_of_several_projects_are_audited_one_by_one() {
    let one = two_pages("multi-one");
    let two = TempProject::new("multi-two", &[("app.json", r#"{"pages": []}"#)]);
    let a = format!("{}/miniprogram/pages/a/a.js", one.path());
    let (code, out, _) = run(&["check", &a, two.path(), "--format", "concise"]);
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("mpaudit: ")).count(),
        2,
        "{out}"
    );
    let (code, out, err) = run(&["check", &a, two.path(), "--format", "json"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("belong to 2 projects"), "{err}");
    let (code, _, err) = run(&["check", &a, "--write-baseline", "b.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--write-baseline records the whole project"),
        "{err}"
    );
}

#[test]
fn a_path_that_does_not_exist_says_so() {
    let (code, out, err) = run(&[
        "check",
        "fixtures/example-shop",
        "fixtures/example-shop/nope.js",
    ]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "error: cannot audit fixtures/example-shop/nope.js: no such file or folder\n"
    );
}

/// GitLab's Code Quality report format, as its documentation lists the
/// fields GitLab reads (docs.gitlab.com/ci/testing/code_quality/, "Code
/// Quality report format"): an array of objects with `description`,
/// `check_name`, `fingerprint`, `severity` (one of `info`, `minor`, `major`,
/// `critical`, `blocker`), `location.path` (relative to the repository, not
/// prefixed with `./`) and `location.lines.begin` (or
/// `location.positions.begin.line`).
fn gitlab_schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "array",
        "items": {
            "type": "object",
            "required": ["description", "check_name", "fingerprint", "severity", "location"],
            "properties": {
                "description": { "type": "string", "minLength": 1 },
                "check_name": { "type": "string", "minLength": 1 },
                "fingerprint": { "type": "string", "minLength": 1 },
                "severity": { "enum": ["info", "minor", "major", "critical", "blocker"] },
                "location": {
                    "type": "object",
                    "required": ["path", "lines"],
                    "properties": {
                        "path": { "type": "string", "pattern": "^(?!\\./)(?!/)(?!\\.\\./)[^\\\\]+$" },
                        "lines": {
                            "type": "object",
                            "required": ["begin"],
                            "properties": { "begin": { "type": "integer", "minimum": 1 } }
                        }
                    }
                }
            }
        }
    })
}

fn gitlab_report(args: &[&str]) -> Value {
    let mut argv = vec!["check", "--format", "gitlab"];
    argv.extend_from_slice(args);
    let (_, out, err) = run(&argv);
    let report: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    let schema = jsonschema::validator_for(&gitlab_schema()).unwrap();
    let errors: Vec<String> = schema
        .iter_errors(&report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    report
}

#[test]
fn gitlab_report_has_the_fields_gitlab_reads_with_repository_paths() {
    let report = gitlab_report(&["fixtures/example-shop"]);
    let issues = report.as_array().unwrap();
    assert_eq!(issues.len(), 11);
    // Sorted by file and line, as in every format.
    assert_eq!(issues[0]["check_name"], "missing-privacy-authorization");
    assert_eq!(issues[0]["severity"], "minor");
    assert_eq!(issues[1]["check_name"], "undeclared-privacy-type");
    assert_eq!(issues[1]["severity"], "major");
    assert_eq!(
        issues[1]["location"]["path"],
        "fixtures/example-shop/miniprogram/pages/address/address.js"
    );
    assert_eq!(issues[1]["location"]["lines"]["begin"], 3);
    assert!(issues[1]["description"]
        .as_str()
        .unwrap()
        .contains("\nhelp: "));
    // GitLab keeps one issue per fingerprint: the two clipboard uses in one
    // file stay two issues.
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), issues.len());

    // A clean project is an empty array, not nothing.
    assert_eq!(gitlab_report(&["fixtures/clean-project"]), json!([]));
}

#[test]
fn gitlab_paths_start_at_the_repository_and_fingerprints_survive_line_moves() {
    let page = "Page({ onLoad() {}, tap() { wx.getClipboardData({}) } })";
    let repo = TempProject::new(
        "gitlab",
        &[
            (".git/HEAD", "ref: refs/heads/main\n"),
            ("apps/shop/app.json", r#"{"pages": ["pages/a/a"]}"#),
            (
                "apps/shop/app.js",
                "wx.onNeedPrivacyAuthorization((resolve) => pending.push(resolve))",
            ),
            ("apps/shop/privacy.json", r#"{"setting_list": []}"#),
            ("apps/shop/pages/a/a.js", page),
        ],
    );
    let shop = format!("{}/apps/shop", repo.path());
    let before = gitlab_report(&[&shop]);
    assert_eq!(before[0]["location"]["path"], "apps/shop/pages/a/a.js");
    std::fs::write(
        format!("{shop}/pages/a/a.js"),
        format!("// moved\n\n{page}"),
    )
    .unwrap();
    let after = gitlab_report(&[&shop]);
    assert_eq!(after[0]["location"]["lines"]["begin"], 3);
    assert_eq!(after[0]["fingerprint"], before[0]["fingerprint"]);
}
