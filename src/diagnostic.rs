//! Findings: what every check produces and every reporter consumes.

use serde::Serialize;

/// How serious a finding is. Error-level findings make `mpaudit check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth fixing; does not fail the run.
    Warning,
    /// Will be rejected by review or fail at run time; fails the run.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a file of the audited project.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Path relative to the audited folder, with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
    /// Byte offset of the start in the (BOM-stripped) file text.
    pub offset: usize,
    /// Length in bytes of the highlighted text (0 for a point).
    pub len: usize,
}

/// One problem found in the audited project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The stable rule id, e.g. `undeclared-privacy-type`.
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// Where the problem is.
    pub location: Location,
    /// One line saying what is wrong.
    pub message: String,
    /// Short text shown under the highlighted code.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// The privacy key involved, when there is one.
    pub privacy_key: Option<String>,
    /// The canonical API involved (`wx.getLocation`), when there is one.
    pub api: Option<String>,
    /// Where the underlying fact comes from (official docs URL).
    pub url: Option<String>,
    /// The nearest enclosing named function of the use the finding is at
    /// (`onLoad`, `locate`, `Svc.run`; see
    /// [`CallContext::function`](crate::inventory::context::CallContext::function)).
    /// Filled by [`crate::audit`] after the checks for findings located
    /// exactly at an inventory or consent use in a script; `None` elsewhere.
    /// Reporters use it to identify a finding across line moves.
    pub function: Option<String>,
}

impl Finding {
    /// A finding of `rule` at `location` with the rule's default severity.
    pub fn new(rule: &crate::checks::Rule, location: Location, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.code,
            severity: rule.severity,
            location,
            message: message.into(),
            label: None,
            help: None,
            privacy_key: None,
            api: None,
            url: None,
            function: None,
        }
    }

    /// Sets the label shown at the highlighted code.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the privacy key.
    pub fn privacy_key(mut self, key: impl Into<String>) -> Self {
        self.privacy_key = Some(key.into());
        self
    }

    /// Sets the API.
    pub fn api(mut self, api: impl Into<String>) -> Self {
        self.api = Some(api.into());
        self
    }

    /// Sets the source URL.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// The order findings are reported in: by file, position, rule, then message.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str, Option<&str>) {
        (
            &self.location.file,
            self.location.line,
            self.location.column,
            self.rule,
            &self.message,
            self.privacy_key.as_deref(),
        )
    }
}
