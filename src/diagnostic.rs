//! Findings: what every check produces and every reporter consumes.

use crate::rule::Rule;
pub use crate::rule::Severity;
use crate::source;

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

/// A location at the start of a file, for findings about a whole file.
pub fn point(rel: &str) -> Location {
    Location {
        file: rel.to_owned(),
        line: 1,
        column: 1,
        offset: 0,
        len: 0,
    }
}

/// The location of a byte range of `text`.
pub fn locate(rel: &str, text: &str, offset: usize, len: usize) -> Location {
    let (line, column) = source::position(text, offset);
    Location {
        file: rel.to_owned(),
        line,
        column,
        offset,
        len,
    }
}

/// The location of a byte range of `text`, with the file's line index.
pub fn locate_indexed(
    rel: &str,
    text: &str,
    index: &source::LineIndex,
    offset: usize,
    len: usize,
) -> Location {
    let (line, column) = index.position(text, offset);
    Location {
        file: rel.to_owned(),
        line,
        column,
        offset,
        len,
    }
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
    /// `CallContext::function` in the inventory).
    /// Filled by [`crate::audit`] after the checks for findings located
    /// exactly at an inventory or consent use in a script; `None` elsewhere.
    /// Reporters use it to identify a finding across line moves.
    pub function: Option<String>,
}

impl Finding {
    /// A finding of `rule` at `location` with the rule's default severity.
    pub fn new(rule: &Rule, location: Location, message: impl Into<String>) -> Self {
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
