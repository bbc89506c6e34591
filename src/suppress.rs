//! Applying inline suppressions (read from comments by
//! [`crate::parse::suppression`]) once all findings are known: rule ids
//! mpaudit does not know are reported, covered findings are removed, and
//! suppressions that cover nothing are reported as `unused-suppression`.

use std::collections::HashMap;

use crate::checks::{Rule, ALL_RULES};
use crate::diagnostic::Finding;
use crate::i18n::{t, Lang};
pub use crate::parse::suppression::{Named, Scope, Suppression, FILE, NEXT_LINE};

/// Drops the rule ids no rule has from `suppressions`, and suppressions left
/// naming none, with an `unused-suppression` finding for each such id (and a
/// "did you mean" when one is close).
pub fn check_names(suppressions: &mut Vec<Suppression>, lang: Lang) -> Vec<Finding> {
    let mut findings = Vec::new();
    for s in suppressions.iter_mut() {
        s.rules.retain(|named| {
            let code = named.code.as_str();
            if Rule::find(&ALL_RULES, code).is_some() {
                return true;
            }
            let message = if code.contains(char::is_whitespace) {
                t!(lang, "suppress-not-a-rule-id", code = code)
            } else {
                match Rule::closest(&ALL_RULES, code) {
                    Some(r) => t!(
                        lang,
                        "suppress-unknown-rule-did-you-mean",
                        directive = s.directive,
                        code = code,
                        known = r.code
                    ),
                    None => t!(
                        lang,
                        "suppress-unknown-rule",
                        directive = s.directive,
                        code = code
                    ),
                }
            };
            findings.push(
                Finding::new(
                    &crate::rule::pipeline::UNUSED_SUPPRESSION,
                    named.at.clone(),
                    message,
                )
                .label(t!(lang, "suppress-unknown-rule-label"))
                .help(t!(lang, "suppress-unknown-rule-help")),
            );
            false
        });
    }
    suppressions.retain(|s| !s.rules.is_empty());
    findings
}

/// Whether `finding`'s line is in the scope of `s` (the caller matches the rule).
fn covers(s: &Suppression, finding: &Finding) -> bool {
    match s.scope {
        Scope::File => true,
        Scope::Lines { first, last } => (first..=last).contains(&finding.location.line),
    }
}

/// Removes every finding a suppression covers and returns how many were
/// removed, plus an `unused-suppression` finding for each named rule that
/// suppressed nothing. `unused-suppression` itself can be named: such an
/// entry covers the findings of the first pass and the unused entries found
/// after it; when it covers nothing it is reported, and that report cannot be
/// suppressed.
pub fn apply(
    findings: &mut Vec<Finding>,
    suppressions: &[Suppression],
    lang: Lang,
) -> (usize, Vec<Finding>) {
    let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in suppressions.iter().enumerate() {
        by_file.entry(&s.at.file).or_default().push(i);
    }
    let mut used: Vec<Vec<bool>> = suppressions
        .iter()
        .map(|s| vec![false; s.rules.len()])
        .collect();
    let suppress = |finding: &Finding, used: &mut Vec<Vec<bool>>| {
        let mut hit = false;
        for &i in by_file
            .get(finding.location.file.as_str())
            .into_iter()
            .flatten()
        {
            let s = &suppressions[i];
            if !covers(s, finding) {
                continue;
            }
            for (j, named) in s.rules.iter().enumerate() {
                if named.code == finding.rule {
                    used[i][j] = true;
                    hit = true;
                }
            }
        }
        hit
    };
    let before = findings.len();
    findings.retain(|f| !suppress(f, &mut used));
    let suppressed = before - findings.len();

    let unused = |used: &Vec<Vec<bool>>, meta: bool| {
        let mut out = Vec::new();
        for (s, flags) in suppressions.iter().zip(used) {
            for (named, &hit) in s.rules.iter().zip(flags) {
                if hit || (named.code == crate::rule::pipeline::UNUSED_SUPPRESSION.code) != meta {
                    continue;
                }
                out.push(unused_finding(s, named, lang));
            }
        }
        out
    };
    let mut reported = unused(&used, false);
    let before = reported.len();
    reported.retain(|f| !suppress(f, &mut used));
    let suppressed = suppressed + before - reported.len();
    reported.extend(unused(&used, true));
    (suppressed, reported)
}

/// The `unused-suppression` finding for a named rule that suppressed nothing.
fn unused_finding(s: &Suppression, named: &Named, lang: Lang) -> Finding {
    let code = named.code.as_str();
    let (message, help) = match s.scope {
        Scope::File => (
            t!(lang, "suppress-unused-file", directive = FILE, code = code),
            t!(lang, "suppress-unused-file-help"),
        ),
        Scope::Lines { first, last } => (
            if first == last {
                t!(
                    lang,
                    "suppress-unused-line",
                    directive = NEXT_LINE,
                    code = code,
                    line = first.to_string()
                )
            } else {
                t!(
                    lang,
                    "suppress-unused-lines",
                    directive = NEXT_LINE,
                    code = code,
                    first = first.to_string(),
                    last = last.to_string()
                )
            },
            t!(lang, "suppress-unused-line-help"),
        ),
    };
    Finding::new(
        &crate::rule::pipeline::UNUSED_SUPPRESSION,
        named.at.clone(),
        message,
    )
    .label(t!(lang, "suppress-unused-label"))
    .help(help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, Severity};
    use crate::parse::suppression::tests::read_js;

    #[test]
    fn unknown_rule_ids_are_reported_where_written() {
        let text = "b(); // mpaudit-ignore-next-line parse-error, bogus\nc();";
        let (mut found, _) = read_js(text);
        let findings = check_names(&mut found, Lang::En);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rules.len(), 1, "bogus is dropped");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, "unused-suppression");
        assert!(findings[0].message.contains("unknown rule `bogus`"));
        assert_eq!(&text[findings[0].location.offset..][..5], "bogus");
    }

    #[test]
    fn unknown_rules_get_a_did_you_mean() {
        let text = "// mpaudit-ignore-next-line deprecated-apis -- 旧页面\na();\n// mpaudit-ignore-next-line undeclared_privacy_type：旧页面\nb();\n// mpaudit-ignore-next-line nothing-like-it\nc();";
        let (mut found, _) = read_js(text);
        let findings = check_names(&mut found, Lang::En);
        assert!(found.is_empty());
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`mpaudit-ignore-next-line` names the unknown rule `deprecated-apis`; did you mean `deprecated-api`?",
                "`mpaudit-ignore-next-line` names the unknown rule `undeclared_privacy_type`; did you mean `undeclared-privacy-type`?",
                "`mpaudit-ignore-next-line` names the unknown rule `nothing-like-it`",
            ]
        );
    }

    fn finding(rule: &'static Rule, line: usize) -> Finding {
        Finding::new(
            rule,
            Location {
                file: "a.js".into(),
                line,
                column: 1,
                offset: 0,
                len: 0,
            },
            "x",
        )
    }

    #[test]
    fn apply_removes_covered_findings_and_reports_unused_ones() {
        let (suppressions, _) = read_js(
            "// mpaudit-ignore-next-line deprecated-api, parse-error\nwx.getUserInfo()\n\n/* mpaudit-ignore-file undeclared-privacy-type */\n",
        );
        let mut findings = vec![
            finding(&crate::checks::deprecated_api::DEPRECATED_API, 2),
            finding(&crate::checks::deprecated_api::DEPRECATED_API, 3),
            finding(
                &crate::checks::undeclared_privacy_type::UNDECLARED_PRIVACY_TYPE,
                9,
            ),
            finding(
                &crate::checks::undeclared_privacy_type::UNDECLARED_PRIVACY_TYPE,
                1,
            ),
        ];
        let (suppressed, unused) = apply(&mut findings, &suppressions, Lang::En);
        assert_eq!(suppressed, 3);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.line, 3);
        assert_eq!(unused.len(), 1);
        assert_eq!(unused[0].severity, Severity::Warning);
        assert!(
            unused[0]
                .message
                .contains("no `parse-error` finding on line 2"),
            "{}",
            unused[0].message
        );
    }

    #[test]
    fn unused_suppression_can_be_suppressed_for_a_file() {
        let (suppressions, _) = read_js(
            "/* mpaudit-ignore-file unused-suppression */\n// mpaudit-ignore-next-line deprecated-api\nfoo()",
        );
        let mut findings = Vec::new();
        let (suppressed, unused) = apply(&mut findings, &suppressions, Lang::En);
        assert_eq!((suppressed, unused.len()), (1, 0));
        let (suppressions, _) = read_js("/* mpaudit-ignore-file unused-suppression */");
        let (suppressed, unused) = apply(&mut findings, &suppressions, Lang::En);
        assert_eq!(suppressed, 0);
        assert_eq!(
            unused.len(),
            1,
            "naming unused-suppression for nothing is reported"
        );
    }
}
