//! The event handlers a WXML template binds (`bindtap="getProfile"`), so
//! checks can tell whether a page method runs on a tap.

use crate::parse::wxml::Document;

/// Attribute prefixes that bind an event, longest first.
const BIND_PREFIXES: [&str; 5] = ["capture-catch", "capture-bind", "mut-bind", "catch", "bind"];

/// Events that come from a tap on a built-in component. `submit` is counted
/// too: a form is submitted by tapping its `form-type="submit"` button.
const TAP_EVENTS: [&str; 4] = ["tap", "longpress", "longtap", "submit"];

/// Built-in WXML components and template tags, sorted (for binary search).
/// Any other tag is a custom component, whose events (`<van-button
/// bind:click>`) may come from a tap.
const BUILTIN_TAGS: &[&str] = &[
    "ad",
    "ad-custom",
    "audio",
    "block",
    "button",
    "camera",
    "canvas",
    "channel-live",
    "channel-video",
    "checkbox",
    "checkbox-group",
    "cover-image",
    "cover-view",
    "editor",
    "form",
    "functional-page-navigator",
    "grid-view",
    "icon",
    "image",
    "import",
    "include",
    "input",
    "keyboard-accessory",
    "label",
    "list-view",
    "live-player",
    "live-pusher",
    "map",
    "match-media",
    "movable-area",
    "movable-view",
    "navigation-bar",
    "navigator",
    "official-account",
    "open-data",
    "page-container",
    "page-meta",
    "picker",
    "picker-view",
    "picker-view-column",
    "progress",
    "radio",
    "radio-group",
    "rich-text",
    "root-portal",
    "scroll-view",
    "share-element",
    "slider",
    "slot",
    "sticky-header",
    "sticky-section",
    "swiper",
    "swiper-item",
    "switch",
    "template",
    "text",
    "textarea",
    "video",
    "view",
    "voip-room",
    "web-view",
    "wxs",
];

/// One event binding, e.g. `bindtap="getProfile"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handler {
    /// The method name bound.
    pub name: String,
    /// The event, e.g. `tap`, `getphonenumber`, `click`.
    pub event: String,
    /// Whether the event may come from a tap: `tap`, `longpress`, `longtap`
    /// or `submit`, or any event of a custom component.
    pub tap: bool,
}

/// The event bindings of one template.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateEvents {
    /// Every binding with a literal method name.
    pub handlers: Vec<Handler>,
    /// Whether some binding's method name is computed (`bindtap="{{h}}"`),
    /// so the template may bind any method.
    pub dynamic: bool,
    /// The `src` of each `<import>` and `<include>`, as written.
    pub includes: Vec<String>,
    /// Filled by the link stage: the audited-folder paths of `includes`;
    /// `None` when one of them does not resolve to a project file.
    pub resolved: Option<Vec<String>>,
}

impl TemplateEvents {
    /// Whether `method` is bound to an event that may come from a tap.
    pub fn binds_tap(&self, method: &str) -> bool {
        self.handlers.iter().any(|h| h.tap && h.name == method)
    }
}

/// The event name of a binding attribute: `tap` for `bindtap`, `bind:tap`,
/// `catch:tap`, `mut-bind:tap`, `capture-bind:tap`.
pub fn event_of(attr: &str) -> Option<&str> {
    let rest = BIND_PREFIXES
        .iter()
        .find_map(|prefix| attr.strip_prefix(prefix))?;
    let event = rest.strip_prefix(':').unwrap_or(rest);
    (!event.is_empty()
        && event
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    .then_some(event)
}

/// Collects the event bindings, imports and includes of `doc`.
pub fn collect(doc: &Document) -> TemplateEvents {
    let mut out = TemplateEvents::default();
    for element in &doc.elements {
        if matches!(&*element.name, "import" | "include") {
            if let Some(src) = element.attr("src").and_then(|a| a.value.as_deref()) {
                out.includes.push(src.trim().to_owned());
            }
        }
        let custom = || BUILTIN_TAGS.binary_search(&&*element.name).is_err();
        for attr in &element.attrs {
            let Some(event) = event_of(&attr.name) else {
                continue;
            };
            let Some(value) = attr.value.as_deref().map(str::trim) else {
                continue;
            };
            if value.contains("{{") {
                out.dynamic = true;
                continue;
            }
            if value.is_empty() {
                continue;
            }
            out.handlers.push(Handler {
                name: value.to_owned(),
                event: event.to_owned(),
                tap: TAP_EVENTS.contains(&event) || custom(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::wxml;

    #[test]
    fn builtin_tags_are_sorted_for_binary_search() {
        assert!(BUILTIN_TAGS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn binding_forms() {
        for (attr, event) in [
            ("bindtap", Some("tap")),
            ("catchtap", Some("tap")),
            ("bind:tap", Some("tap")),
            ("catch:longpress", Some("longpress")),
            ("mut-bind:tap", Some("tap")),
            ("capture-bind:tap", Some("tap")),
            ("capture-catch:touchstart", Some("touchstart")),
            ("bindgetphonenumber", Some("getphonenumber")),
            ("bind", None),
            ("class", None),
            ("data-bindtap", None),
        ] {
            assert_eq!(event_of(attr), event, "{attr}");
        }
    }

    #[test]
    fn taps_custom_components_and_dynamic_names() {
        let doc = wxml::read(
            r#"<import src="../common/tpl.wxml"/><include src="/parts/footer.wxml"/>
<button bindtap="getProfile">a</button>
<view catch:longpress="hold" bindtouchstart="touch"></view>
<van-button bind:click="vant">b</van-button>
<button bindgetphonenumber="phone" open-type="getPhoneNumber">c</button>"#,
        );
        let events = collect(&doc);
        assert!(events.binds_tap("getProfile"));
        assert!(events.binds_tap("hold"));
        assert!(events.binds_tap("vant"));
        assert!(!events.binds_tap("touch"));
        assert!(!events.binds_tap("phone"));
        assert!(!events.dynamic);
        assert_eq!(
            events.includes,
            ["../common/tpl.wxml", "/parts/footer.wxml"]
        );
        assert!(collect(&wxml::read(r#"<view bindtap="{{h}}"/>"#)).dynamic);
    }
}
