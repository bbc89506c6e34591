//! The rules the pipeline's stages raise themselves, rather than a check:
//! input mpaudit cannot read (a file, a config, a syntax error), a crash of
//! its own, and suppressions that suppress nothing. Their logic is the stage
//! that raises them: `fs` and `project` (reading), `parse`, `config`, the
//! audit's crash guard, `suppress`.

use super::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a JS, TS or WXS file that does not parse, or a WXML template with
    /// broken markup (an unclosed tag, a stray end tag, an unterminated quote or
    /// comment), at the error's position. When the parser recovers, the rest of
    /// the file is still audited.
    ///
    /// ## Why is this bad?
    /// Privacy API uses in code that cannot be parsed cannot be audited, and
    /// WeChat's compiler will likely reject the file too.
    ///
    /// ## Example
    /// ```js
    /// wx.getLocation({ success( })
    /// ```
    ///
    /// Code nested so deeply that parsing it would overflow the stack
    /// (tens of thousands of nested brackets, calls or conditionals, which only
    /// generated code has) is reported the same way, as "nested too deeply",
    /// at the place where the parser gave up, and not audited.
    ///
    /// ## How to fix
    /// Fix the syntax error. TypeScript must be in `.ts` files. For code
    /// nested too deeply, generate it flatter, or leave the generated file out
    /// with `ignore` in `mpaudit.json`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/structure.html
    PARSE_ERROR, "parse-error", Error, since "0.1.0",
    "a JS/TS/WXS file does not parse or a WXML template has broken markup"
}

declare_rule! {
    /// ## What it does
    /// Reports app.json, project.config.json, privacy.json (or another JSON file of
    /// the mini program) that is not valid JSON or has a field of the wrong type,
    /// at the error's position. In mpaudit's own `mpaudit.json` it also reports
    /// unknown keys, unknown rule ids, severities other than off/warning/error and
    /// ignore patterns that are not globs. The rest of the audit still runs, with
    /// the rest of the file applied.
    ///
    /// ## Why is this bad?
    /// DevTools refuses to compile a project with a broken config, and a field of
    /// the wrong type (`"pages": "index"`) is silently ignored by some tools. A
    /// misspelt key in `mpaudit.json` (`"thirdParty"`) would otherwise be a setting
    /// that silently does nothing.
    ///
    /// ## Example
    /// ```json
    /// {"requiredPrivateInfos": "getLocation"}
    /// ```
    ///
    /// ## How to fix
    /// Fix the JSON, or give the field the type the docs require.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/devtools/projectconfig.html
    /// - README, "Configuration: `mpaudit.json`"
    INVALID_CONFIG, "invalid-config", Error, since "0.1.0",
    "a config file is not valid JSON, or has an unknown key or a value of the wrong type"
}

declare_rule! {
    /// ## What it does
    /// Reports a file or folder of the mini program that was not audited
    /// because it could not be read: permissions, a file removed during the
    /// run, a binary file (a NUL byte in its first 8000 bytes, not UTF-16), a
    /// broken symbolic link or a link loop, or a symbolic link mpaudit does not
    /// follow: a link to a file outside the audited folder, or a linked folder
    /// whose target is not inside the mini program root (the walk never
    /// follows linked folders). The rest is still audited.
    ///
    /// ## Why is this bad?
    /// Whatever the file holds was not audited: privacy API uses in it are
    /// missing from the inventory and the checks. Files outside the audited
    /// folder are never read, so a link cannot make mpaudit print them in a
    /// report (a CI log).
    ///
    /// ## Example
    /// A page file readable only by another user; `utils -> ../../shared/utils`,
    /// a folder shared between projects through a link.
    ///
    /// ## How to fix
    /// Fix the file's permissions, or remove it from the project. Replace a
    /// link by the files it points to (a build step, a git submodule inside
    /// the project), or audit the folder that holds both. A link that is meant
    /// to stay unaudited can be listed under `ignore` in `mpaudit.json`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/structure.html
    UNREADABLE_FILE, "unreadable-file", Error, since "0.1.0",
    "a file of the mini program could not be read, is binary, or is a symbolic link mpaudit does not follow"
}

declare_rule! {
    /// ## What it does
    /// Reports a file whose audit crashed inside mpaudit. The other files are
    /// still audited.
    ///
    /// ## Why is this bad?
    /// The file was not (fully) audited. This is a bug in mpaudit.
    ///
    /// ## Example
    /// Any file that makes mpaudit panic.
    ///
    /// ## How to fix
    /// Please report it with the file (or a reduced copy) attached.
    ///
    /// ## References
    /// - https://github.com/mpaudit/mpaudit/issues
    INTERNAL_ERROR, "internal-error", Error, since "0.1.0",
    "mpaudit crashed while auditing a file"
}

declare_rule! {
    /// ## What it does
    /// Reports an inline suppression that does nothing: one that names a rule id
    /// mpaudit does not have, that names no rule at all, or that suppressed no
    /// finding (`// mpaudit-ignore-next-line <rule>` above a line without a
    /// `<rule>` finding, `mpaudit-ignore-file <rule>` in a file without one). A
    /// comment that starts with `mpaudit-ignore` but is not one of the two
    /// directives is reported too. Each rule id of a comment is judged on its own.
    ///
    /// ## Why is this bad?
    /// A suppression that suppresses nothing is noise at best. At worst it hides a
    /// mistake: a misspelled rule id, or a comment left one line too high, so the
    /// finding it was meant for is still reported, or a future finding on that
    /// line will be hidden without anyone deciding it.
    ///
    /// ## Example
    /// ```js
    /// // mpaudit-ignore-next-line undeclared-privacy-typ: typo, suppresses nothing
    /// wx.getLocation({})
    ///
    /// // mpaudit-ignore-next-line deprecated-api: the call was removed, the comment stayed
    /// wx.login()
    /// ```
    ///
    /// ## How to fix
    /// Fix the rule id (`mpaudit rules` lists them), put the comment right above
    /// the line of the finding, or remove it. Findings in JSON files (app.json,
    /// privacy.json) cannot be suppressed inline; use a baseline
    /// (`mpaudit check --write-baseline FILE`).
    ///
    /// ## References
    /// - https://eslint.org/docs/latest/use/command-line-interface#--report-unused-disable-directives
    /// - https://docs.astral.sh/ruff/rules/unused-noqa/
    UNUSED_SUPPRESSION, "unused-suppression", Warning, since "0.1.0",
    "an inline suppression names an unknown rule or suppresses nothing"
}

declare_rule! {
    /// ## What it does
    /// Reports a file of the mini program larger than `--max-file-size`
    /// (`max-file-size` in `mpaudit.json`; 10 MB by default). Its size is read
    /// from the file system; the file itself is not read or audited.
    ///
    /// ## Why is this bad?
    /// Privacy API uses in the file are not in the inventory. Such files are
    /// usually generated bundles or data left in the project; a code package
    /// (the main package, each subpackage) is limited to 2 MB, so a file this
    /// size rarely ships as it is.
    ///
    /// ## Example
    /// A 50 MB `vendor.js` built without minification and left in the project.
    ///
    /// ## How to fix
    /// Remove the file from the mini program, or raise the limit
    /// (`--max-file-size 64MB`) to audit it. To skip it on purpose, list it
    /// under `ignore` in `mpaudit.json`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/subpackages.html
    FILE_TOO_LARGE, "file-too-large", Warning, since "0.1.0",
    "a file is larger than --max-file-size and was not audited"
}

declare_rule! {
    /// ## What it does
    /// Reports a file of the mini program that is not UTF-8: legacy code saved
    /// as GBK (or another encoding), or UTF-16 with a byte order mark. It is
    /// still audited: UTF-16 is decoded, and bytes that are not UTF-8 are read
    /// as U+FFFD, so code in ASCII is audited as usual. The finding points at
    /// the first byte that is not UTF-8.
    ///
    /// ## Why is this bad?
    /// WeChat DevTools reads source files as UTF-8: Chinese text saved as GBK
    /// (a `desc`, a `privacy_text`, a toast) shows as mojibake, and the
    /// compiler may reject the file. What mpaudit reads of such text (for
    /// example a `desc` length) may differ from what users see.
    ///
    /// ## Example
    /// A `utils/legacy.js` saved by an old editor in GBK, with `// 获取位置`
    /// comments.
    ///
    /// ## How to fix
    /// Save the file as UTF-8 (without a byte order mark):
    /// `iconv -f GBK -t UTF-8 legacy.js > legacy.utf8.js`, or "Save with
    /// Encoding" in the editor.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/structure.html
    NON_UTF8_FILE, "non-utf8-file", Warning, since "0.1.0",
    "a file is not UTF-8; it was audited with the bytes that are not UTF-8 replaced"
}

/// Every rule of this file.
pub static RULES: &[&super::Rule] = &[
    &PARSE_ERROR,
    &INVALID_CONFIG,
    &UNREADABLE_FILE,
    &INTERNAL_ERROR,
    &UNUSED_SUPPRESSION,
    &FILE_TOO_LARGE,
    &NON_UTF8_FILE,
];
