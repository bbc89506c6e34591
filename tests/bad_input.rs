//! Bad input: every odd file a real project contains gives a finding that
//! names it, and the rest of the project is still audited. Huge, deep,
//! unreadable and linked files are generated here; the small ones are
//! fixtures (`non-utf8-and-binary-files`, `empty-and-bom-only-files`,
//! `json-with-comments`, `app-json-wrong-types-and-duplicate-keys`,
//! `privacy-json-unknown-and-duplicate-keys`).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::util::{run, TempProject};

/// An app that handles consent and declares Location, with one ordinary use
/// of it in `pages/index/index.js`: the use every test expects to still find.
const BASE: &[(&str, &str)] = &[
    (
        "app.json",
        r#"{"pages": ["pages/index/index"], "requiredPrivateInfos": ["getLocation"], "permission": {"scope.userLocation": {"desc": "用于推荐附近门店"}}}"#,
    ),
    (
        "app.js",
        "App({ onLaunch() { wx.onNeedPrivacyAuthorization(r => r({ event: 'disagree' })) } })",
    ),
    (
        "privacy.json",
        r#"{"setting_list": [{"privacy_key": "Location", "privacy_text": "推荐附近门店"}, {"privacy_key": "PhoneNumber", "privacy_text": "登录时验证手机号"}, {"privacy_key": "Album", "privacy_text": "上传商品评价图片"}]}"#,
    ),
    (
        "pages/index/index.js",
        "Page({ locate() { wx.getLocation({ type: 'gcj02' }) }, pick() { wx.chooseImage({}) } })",
    ),
    (
        "pages/index/index.wxml",
        "<button bindtap=\"locate\">附近</button><button open-type=\"getPhoneNumber\">登录</button>",
    ),
];

fn project(name: &str, extra: &[(&str, &str)]) -> TempProject {
    let mut files = BASE.to_vec();
    files.extend_from_slice(extra);
    TempProject::new(name, &files)
}

/// Runs the mpaudit binary (a crash must show as a failed test, not take the
/// test process with it); returns its JSON report.
fn run_binary(args: &[&str]) -> Value {
    run_command(Command::new(env!("CARGO_BIN_EXE_mpaudit")), args)
}

/// [`run_binary`] through `command` (the binary, or a wrapper that runs it).
fn run_command(mut command: Command, args: &[&str]) -> Value {
    let output = command
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("{:?} runs: {error}", command.get_program()));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().unwrap_or_else(|| {
        panic!(
            "mpaudit was killed by a signal ({:?}; a stack overflow aborts): {stderr}",
            output.status
        )
    });
    assert!(matches!(code, 0 | 1), "exit code {code}: {stderr}");
    assert!(
        !stderr.contains("panicked"),
        "a panic reached stderr: {stderr}"
    );
    serde_json::from_slice(&output.stdout).expect("a JSON report")
}

fn findings(report: &Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn uses_in<'r>(report: &'r Value, file: &str) -> Vec<&'r str> {
    report["inventory"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["file"] == file)
        .map(|u| u["api"].as_str().unwrap())
        .collect()
}

/// The ordinary use next to the bad input is found.
fn assert_rest_audited(report: &Value) {
    assert_eq!(
        uses_in(report, "pages/index/index.js"),
        ["wx.getLocation", "wx.chooseImage"],
        "{report:#}"
    );
    assert_eq!(
        uses_in(report, "pages/index/index.wxml"),
        ["<button open-type=\"getPhoneNumber\">"],
        "{report:#}"
    );
}

const DEEP: usize = 100_000;

#[test]
fn code_nested_100000_deep_is_a_finding_or_audited_never_a_crash() {
    let r = |s: &str, n: usize| s.repeat(n);
    // Nested too deeply to parse safely: a parse-error names the file.
    let refused = [
        (
            "parens.js",
            format!("x = {}wx.getLocation(){}", r("(", DEEP), r(")", DEEP)),
        ),
        (
            "arrays.js",
            format!("x = {}wx.getLocation(){}", r("[", DEEP), r("]", DEEP)),
        ),
        (
            "calls.js",
            format!("x = {}wx.getLocation(){}", r("f(", DEEP), r(")", DEEP)),
        ),
        (
            "ternaries.js",
            format!("x = {}wx.getLocation(){}", r("a ? ", DEEP), r(" : 0", DEEP)),
        ),
        (
            "ternary-chain.js",
            format!("x = {}wx.getLocation()", r("a ? 0 : ", DEEP)),
        ),
        (
            "objects.js",
            format!("x = {}1{}", r("{a:", DEEP), r("}", DEEP)),
        ),
        ("arrows.js", format!("x = {}1", r("y => ", DEEP))),
        (
            "blocks.js",
            format!("{}wx.getLocation(){}", r("{", DEEP), r("}", DEEP)),
        ),
        (
            "functions.js",
            format!("{}{}", r("function f(){", DEEP), r("}", DEEP)),
        ),
        ("ifs.js", format!("{}wx.getLocation()", r("if (a) ", DEEP))),
        (
            "templates.js",
            format!("x = {}1{}", r("`${", DEEP), r("}`", DEEP)),
        ),
        (
            "jsx.js",
            format!("x = {}{}", r("<a>", DEEP), r("</a>", DEEP)),
        ),
        (
            "generics.ts",
            format!("let x: {}B{};", r("A<", DEEP), r(">", DEEP)),
        ),
        // swc's time and memory grow with the square of nested labels, its
        // time with the square of an `else if` chain, and faster with nested
        // type assertions.
        ("labels.js", format!("{}x;", r("a:", DEEP))),
        // Chains over 100,000 links or operands (their trees take memory
        // in proportion).
        (
            "long-sum.js",
            format!("x = {}wx.getLocation()", r("1 + ", 3 * DEEP)),
        ),
        (
            "long-member.js",
            format!("x = wx.getLocation(){}", r(".a", 3 * DEEP)),
        ),
        (
            "else-if-chain.js",
            format!("if (a) f();{}", r(" else if (a) f();", 20_000)),
        ),
        (
            "assertions.ts",
            format!("x = {}wx.getLocation();", r("<T>", 5_000)),
        ),
    ];
    // Chains the parser builds in a loop, and nesting within the budget:
    // audited, the use at the far end found.
    let audited = [
        (
            "sum.js",
            format!("x = {}wx.getLocation()", r("1 + ", 90_000)),
        ),
        (
            "member.js",
            format!("x = wx.getLocation(){}", r(".a", 90_000)),
        ),
        (
            "then.js",
            format!("x = wx.getLocation(){}", r(".then(f)", 45_000)),
        ),
        (
            "or.js",
            format!("x = {}wx.getLocation()", r("a || ", 90_000)),
        ),
        (
            "else-if.js",
            format!(
                "if (a) f();{} else wx.getLocation()",
                r(" else if (a) f();", 10_000)
            ),
        ),
        ("nots.js", format!("x = {}wx.getLocation()", r("!", 50_000))),
        (
            "assignments.js",
            format!("x = {}wx.getLocation()", r("a = ", 50_000)),
        ),
        (
            "parens-1000.js",
            format!("x = {}wx.getLocation(){}", r("(", 1_000), r(")", 1_000)),
        ),
    ];
    let mut files: Vec<(String, String)> = Vec::new();
    for (name, text) in refused.iter().chain(&audited) {
        files.push((format!("deep/{name}"), text.clone()));
    }
    files.push((
        "deep/tags.wxml".to_owned(),
        format!(
            "{}<button open-type=\"getPhoneNumber\">登录</button>{}",
            r("<view>", DEEP),
            r("</view>", DEEP)
        ),
    ));
    files.push((
        "deep/expressions.wxml".to_owned(),
        format!(
            "<view wx:if=\"{{{{{}a{}}}}}\"></view><button open-type=\"{{{{{}'getPhoneNumber'}}}}\">登录</button>",
            r("(", DEEP),
            r(")", DEEP),
            r("a || ", 90_000)
        ),
    ));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let project = project("deep", &borrowed);
    let report = run_binary(&["check", project.path(), "--format", "json"]);
    assert_rest_audited(&report);
    let found = findings(&report);
    for (name, _) in &refused {
        let file = format!("deep/{name}");
        let errors: Vec<&(String, String, String)> =
            found.iter().filter(|(_, f, _)| *f == file).collect();
        assert_eq!(errors.len(), 1, "{file}: {errors:?}");
        let (rule, _, message) = errors[0];
        assert_eq!(rule, "parse-error", "{file}");
        let prefix = format!("{file} was not audited: ");
        assert!(
            message.starts_with(&format!("{prefix}nested too deeply to parse"))
                || message.starts_with(&format!("{prefix}too long to parse")),
            "{file}: {message}"
        );
    }
    for (name, _) in &audited {
        let file = format!("deep/{name}");
        assert_eq!(uses_in(&report, &file), ["wx.getLocation"], "{file}");
        assert!(
            !found
                .iter()
                .any(|(rule, f, _)| *f == file && rule != "privacy-call-on-launch"),
            "{file}: {found:?}"
        );
    }
    for file in ["deep/tags.wxml", "deep/expressions.wxml"] {
        assert_eq!(
            uses_in(&report, file),
            ["<button open-type=\"getPhoneNumber\">"],
            "{file}"
        );
    }
}

#[test]
fn a_50_mb_file_is_skipped_with_a_finding_unless_the_limit_allows_it() {
    let line = "var a=1;".repeat(50 * 1024 * 1024 / 8);
    let project = project(
        "huge",
        &[
            ("vendor/huge.js", line.as_str()),
            (
                "vendor/two-mb.js",
                &format!("{}wx.chooseImage({{}})", " ".repeat(2 << 20)),
            ),
        ],
    );
    let (code, out, err) = run(&["check", project.path(), "--format", "json"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_rest_audited(&report);
    assert_eq!(
        findings(&report),
        [(
            "file-too-large".to_owned(),
            "vendor/huge.js".to_owned(),
            "vendor/huge.js is 50 MB, over the 10 MB limit; it was not audited".to_owned()
        )]
    );
    assert_eq!(report["findings"][0]["severity"], "warning");
    assert_eq!(report["files"]["failed"], 1);
    assert_eq!(uses_in(&report, "vendor/two-mb.js"), ["wx.chooseImage"]);

    // The human report does not read the file back either.
    let (code, out, _) = run(&["check", project.path(), "--color", "never"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("vendor/huge.js:1:1: vendor/huge.js is 50 MB"),
        "{out}"
    );

    // A lower limit, on the command line or in mpaudit.json.
    for args in [
        &["--max-file-size", "1MB"][..],
        &["--max-file-size", "1048576"][..],
    ] {
        let mut argv = vec!["check", project.path(), "--format", "json"];
        argv.extend_from_slice(args);
        let (_, out, _) = run(&argv);
        let report: Value = serde_json::from_str(&out).unwrap();
        let skipped: Vec<String> = findings(&report)
            .into_iter()
            .filter(|(rule, ..)| rule == "file-too-large")
            .map(|(_, file, message)| format!("{file}: {message}"))
            .collect();
        assert_eq!(
            skipped,
            [
                "vendor/huge.js: vendor/huge.js is 50 MB, over the 1 MB limit; it was not audited",
                "vendor/two-mb.js: vendor/two-mb.js is 2.0 MB, over the 1 MB limit; it was not audited"
            ],
            "{args:?}"
        );
        assert_rest_audited(&report);
    }
    std::fs::write(
        project.0.join("mpaudit.json"),
        r#"{"max-file-size": "1MB"}"#,
    )
    .unwrap();
    let (_, out, _) = run(&["check", project.path(), "--format", "json"]);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert!(uses_in(&report, "vendor/two-mb.js").is_empty(), "{out}");
    // The flag wins over the file.
    let (_, out, _) = run(&[
        "check",
        project.path(),
        "--format",
        "json",
        "--max-file-size",
        "3MB",
    ]);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(uses_in(&report, "vendor/two-mb.js"), ["wx.chooseImage"]);

    let (code, _, err) = run(&["check", project.path(), "--max-file-size", "10 TB"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown unit `tb`"), "{err}");
}

#[cfg(unix)]
#[test]
fn symbolic_links_outside_broken_or_looping_are_findings_and_inside_ones_are_audited() {
    use std::os::unix::fs::symlink;
    let outside = TempProject::new(
        "links-outside",
        &[
            ("secret.js", "wx.chooseImage({})"),
            ("lib/geo.js", "wx.chooseImage({})"),
        ],
    );
    let project = project(
        "links",
        &[
            ("utils/real.js", "module.exports = () => wx.chooseImage({})"),
            ("shared/util.js", "module.exports = 1"),
        ],
    );
    let root = &project.0;
    symlink(outside.0.join("secret.js"), root.join("utils/secret.js")).unwrap();
    symlink(outside.0.join("lib"), root.join("lib")).unwrap();
    symlink(root.join("utils/real.js"), root.join("utils/alias.js")).unwrap();
    symlink(root.join("shared"), root.join("pages/shared")).unwrap();
    symlink(root.join("missing.js"), root.join("utils/broken.js")).unwrap();
    symlink(root.join("utils/loop-b.js"), root.join("utils/loop-a.js")).unwrap();
    symlink(root.join("utils/loop-a.js"), root.join("utils/loop-b.js")).unwrap();
    symlink(root, root.join("pages/up")).unwrap();
    symlink(outside.0.join("lib"), root.join("node_modules")).unwrap();
    symlink(root.join("gone.png"), root.join("logo.png")).unwrap();
    // A named pipe would block a read forever: not a regular file.
    let fifo = Command::new("mkfifo")
        .arg(root.join("utils/pipe"))
        .status()
        .is_ok_and(|s| s.success());
    if fifo {
        symlink(root.join("utils/pipe"), root.join("utils/pipe.js")).unwrap();
    }

    let report = run_binary(&["check", project.path(), "--format", "json"]);
    assert_rest_audited(&report);
    let found: Vec<(String, String)> = findings(&report)
        .into_iter()
        .map(|(rule, file, message)| (format!("{rule} {file}"), message))
        .collect();
    let rules: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    let mut expected = vec![
        "unreadable-file lib",
        "unreadable-file utils/broken.js",
        "unreadable-file utils/loop-a.js",
        "unreadable-file utils/loop-b.js",
    ];
    if fifo {
        expected.push("unreadable-file utils/pipe.js");
    }
    expected.push("unreadable-file utils/secret.js");
    assert_eq!(rules, expected, "{found:#?}");
    let message = |prefix: &str| {
        found
            .iter()
            .find(|(r, _)| r.ends_with(prefix))
            .map(|(_, m)| m.as_str())
            .unwrap()
    };
    assert!(
        message(" lib").contains("symbolic link to the folder")
            && message(" lib").contains("not followed"),
        "{}",
        message(" lib")
    );
    if fifo {
        assert_eq!(
            message("pipe.js"),
            "cannot read utils/pipe.js: not a regular file"
        );
    }
    assert!(message("broken.js").contains("broken symbolic link"));
    assert!(message("loop-a.js").contains("symbolic link loop"));
    assert!(message("secret.js").contains("outside the audited folder; it was not read"));
    // Nothing outside was read; the link to a file inside is audited like it.
    assert!(uses_in(&report, "utils/secret.js").is_empty());
    assert!(uses_in(&report, "lib/geo.js").is_empty());
    assert_eq!(uses_in(&report, "utils/alias.js"), ["wx.chooseImage"]);
    assert_eq!(uses_in(&report, "utils/real.js"), ["wx.chooseImage"]);

    // A link left out with `ignore` is not reported.
    std::fs::write(
        root.join("mpaudit.json"),
        r#"{"ignore": ["/lib", "utils/secret.js", "utils/pipe*"]}"#,
    )
    .unwrap();
    let report = run_binary(&["check", project.path(), "--format", "json"]);
    let files: Vec<String> = findings(&report).into_iter().map(|(_, f, _)| f).collect();
    assert_eq!(
        files,
        ["utils/broken.js", "utils/loop-a.js", "utils/loop-b.js"]
    );
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_findings() {
    use std::os::unix::fs::PermissionsExt;
    let project = project(
        "unreadable",
        &[
            ("pages/secret/secret.js", "wx.chooseImage({})"),
            ("locked/inner.js", "wx.chooseImage({})"),
        ],
    );
    let file = project.0.join("pages/secret/secret.js");
    let folder = project.0.join("locked");
    let mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    mode(&file, 0o000);
    mode(&folder, 0o000);
    let args = ["check", project.path(), "--format", "json"];
    // root (CI containers) reads whatever the mode says: the binary runs as
    // nobody instead (setpriv, from util-linux), so the modes apply.
    let report = if std::fs::read(&file).is_ok() {
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        command.arg(env!("CARGO_BIN_EXE_mpaudit"));
        run_command(command, &args)
    } else {
        run_binary(&args)
    };
    mode(&folder, 0o755);
    mode(&file, 0o644);
    assert_rest_audited(&report);
    let found = findings(&report);
    let unreadable: Vec<(&str, &str)> = found
        .iter()
        .filter(|(rule, ..)| rule == "unreadable-file")
        .map(|(_, file, message)| (file.as_str(), message.as_str()))
        .collect();
    assert_eq!(unreadable.len(), 2, "{found:?}");
    assert_eq!(unreadable[0].0, "locked");
    assert_eq!(unreadable[1].0, "pages/secret/secret.js");
    assert!(
        unreadable[1]
            .1
            .starts_with("cannot read pages/secret/secret.js: Permission denied"),
        "{}",
        unreadable[1].1
    );
}

#[test]
fn a_file_that_disappears_before_it_is_read_is_a_finding() {
    let project = project("vanishing", &[("pages/gone/gone.js", "wx.chooseImage({})")]);
    let discovered = mpaudit::internals::project::discover(
        &project.0,
        &mpaudit::internals::config::Ignore::default(),
        &mpaudit::internals::ruleset::Ruleset::builtin(),
        mpaudit::Lang::En,
    )
    .unwrap();
    let gone = discovered
        .files
        .iter()
        .find(|f| f.rel == "pages/gone/gone.js")
        .unwrap()
        .clone();
    std::fs::remove_file(&gone.path).unwrap();
    let ruleset = mpaudit::internals::ruleset::Ruleset::builtin();
    let result = mpaudit::internals::inventory::analyze_file(
        &gone,
        &ruleset,
        &[],
        u64::MAX,
        mpaudit::Lang::En,
    );
    assert!(result.failed);
    assert!(result.uses.is_empty());
    assert_eq!(result.findings.len(), 1);
    let finding = &result.findings[0];
    assert_eq!(finding.rule, "unreadable-file");
    assert_eq!(finding.location.file, "pages/gone/gone.js");
    assert!(
        finding
            .message
            .starts_with("cannot read pages/gone/gone.js: No such file or directory"),
        "{}",
        finding.message
    );
    // The files around it are audited as usual.
    let index = discovered
        .files
        .iter()
        .find(|f| f.rel == "pages/index/index.js")
        .unwrap();
    let result = mpaudit::internals::inventory::analyze_file(
        index,
        &ruleset,
        &[],
        u64::MAX,
        mpaudit::Lang::En,
    );
    assert_eq!(result.uses.len(), 2);
}

#[test]
fn a_failed_report_write_leaves_the_previous_report_whole() {
    let project = project("atomic", &[]);
    // Outside the project, whose JSON files are audited.
    let reports = TempProject::new("atomic-out", &[]);
    let out = reports.0.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let report = out.join("report.json");
    std::fs::write(&report, "previous report").unwrap();
    // The temporary file's place is taken by a folder: the write fails
    // before the rename.
    let blocker = out.join(format!(".report.json.mpaudit-{}.tmp", std::process::id()));
    std::fs::create_dir_all(blocker.join("x")).unwrap();
    let (code, _, err) = run(&["check", project.path(), "-o", report.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.starts_with("error: cannot write"), "{err}");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "previous report");
    std::fs::remove_dir_all(&blocker).unwrap();
    let (code, _, err) = run(&["check", project.path(), "-o", report.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(std::fs::read_to_string(&report)
        .unwrap()
        .contains("Location (位置信息)"));

    // `manifest --write --force` the same way: privacy.json stays as it was.
    let privacy = project.0.join("privacy.json");
    let before = std::fs::read_to_string(&privacy).unwrap();
    let blocker = project
        .0
        .join(format!(".privacy.json.mpaudit-{}.tmp", std::process::id()));
    std::fs::create_dir_all(blocker.join("x")).unwrap();
    let (code, _, err) = run(&["manifest", project.path(), "--write", "--force"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(std::fs::read_to_string(&privacy).unwrap(), before);
}
