#!/usr/bin/env python3
"""Scaffolds a new rule: `python3 scripts/new-rule.py <rule-id> [error|warning]`.

Creates src/checks/<rule_id>.rs (the docs headings, declare_rule!, an empty
`run`), adds it to `pub mod` and CHECKS in src/checks/mod.rs in sorted order,
a stub of its Chinese docs (locales/zh-CN/rules/<rule-id>.md, listed in
src/i18n/rules.rs), and a fixture folder fixtures/<rule-id>/ with an
expect.json to fill in.
CONTRIBUTING.md walks through the rest.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    if len(sys.argv) not in (2, 3) or not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", sys.argv[1]):
        sys.exit("usage: scripts/new-rule.py <rule-id in kebab-case> [error|warning]")
    code = sys.argv[1]
    severity = (sys.argv[2] if len(sys.argv) == 3 else "warning").capitalize()
    if severity not in ("Error", "Warning"):
        sys.exit("severity: error or warning")
    stem = code.replace("-", "_")
    name = stem.upper()
    with open(os.path.join(ROOT, "Cargo.toml")) as f:
        version = re.search(r'^version = "([^"]+)"', f.read(), re.M).group(1)
    check = os.path.join(ROOT, "src", "checks", stem + ".rs")
    if os.path.exists(check):
        sys.exit(f"{check} exists")
    with open(check, "w") as f:
        f.write(f'''//! `{code}`: TODO one line, lowercase, no period.

use super::Context;
use crate::diagnostic::Finding;
use crate::rule::declare_rule;

declare_rule! {{
    /// ## What it does
    /// TODO
    ///
    /// ## Why is this bad?
    /// TODO: what WeChat does (review rejection, errno), with the date.
    ///
    /// ## Example
    /// ```js
    /// TODO
    /// ```
    ///
    /// ## How to fix
    /// TODO
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/TODO
    {name}, "{code}", {severity}, since "{version}",
    "TODO one line, lowercase, no period"
}}

/// `{code}`: TODO what it looks at.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {{
    let _ = (ctx, out);
}}
''')
    mod = os.path.join(ROOT, "src", "checks", "mod.rs")
    with open(mod) as f:
        text = f.read()
    mods = re.findall(r"^((?:pub )?mod ([a-z0-9_]+);\n)", text, re.M)
    first = text.index(mods[0][0])
    last = text.index(mods[-1][0]) + len(mods[-1][0])
    lines = sorted({line for line, _ in mods} | {f"pub mod {stem};\n"}, key=lambda l: l.split()[-1])
    text = text[:first] + "".join(lines) + text[last:]
    entries = re.findall(r"    Check \{\n        rule: &([a-z0-9_]+)::([A-Z0-9_]+),\n        run: [a-z0-9_]+::run,\n    \},\n", text)
    start = text.index("pub static CHECKS: &[Check] = &[\n") + len("pub static CHECKS: &[Check] = &[\n")
    end = text.index("];\n", start)
    entries = sorted(set(entries) | {(stem, name)}, key=lambda e: e[0].replace("_", "-"))
    table = "".join(f"    Check {{\n        rule: &{s}::{n},\n        run: {s}::run,\n    }},\n" for s, n in entries)
    text = text[:start] + table + text[end:]
    with open(mod, "w") as f:
        f.write(text)
    zh_list = os.path.join(ROOT, "src", "i18n", "rules.rs")
    with open(zh_list) as f:
        text = f.read()
    start = text.index("zh_rules!(\n") + len("zh_rules!(\n")
    end = text.index(");", start)
    ids = sorted(set(re.findall(r'"([a-z0-9-]+)",', text[start:end])) | {code})
    text = text[:start] + "".join(f'    "{i}",\n' for i in ids) + text[end:]
    with open(zh_list, "w") as f:
        f.write(text)
    with open(os.path.join(ROOT, "locales", "zh-CN", "rules", code + ".md"), "w") as f:
        f.write("TODO 一句话摘要\n\n## 作用\nTODO\n\n## 为什么有问题\nTODO\n\n## 示例\n\n## 如何修复\nTODO\n\n## 参考\n")
    fixture = os.path.join(ROOT, "fixtures", code)
    os.makedirs(os.path.join(fixture, "pages", "index"), exist_ok=True)
    files = {
        "project.config.json": '{\n  "appid": "touristappid",\n  "projectname": "%s"\n}\n' % code,
        "app.json": '{\n  "pages": ["pages/index/index"]\n}\n',
        "pages/index/index.js": "Page({\n  onLoad() {\n    // TODO: the code that triggers the rule\n  }\n})\n",
        "expect.json": '{\n  "description": "TODO: what this fixture shows",\n  "findings": [\n    {"rule": "%s", "file": "pages/index/index.js", "line": 3, "column": 5}\n  ]\n}\n' % code,
    }
    for rel, content in files.items():
        with open(os.path.join(fixture, rel), "w") as f:
            f.write(content)
    print(f"created src/checks/{stem}.rs, locales/zh-CN/rules/{code}.md, fixtures/{code}/; added to CHECKS and src/i18n/rules.rs")
    print("next: write the docs and run(), the fixture, then `cargo test` (see CONTRIBUTING.md)")


main()
