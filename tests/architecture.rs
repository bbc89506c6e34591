//! The architecture test: the modules of `src/` form layers, and imports only
//! run downward.
//!
//! [`LAYERS`] lists every module from the bottom of the pipeline to the top.
//! A module may use what is listed before it (or itself and its own
//! submodules), never what is listed after it. Every `crate::`, `super::` and
//! child-module path in `src/` is read with `syn` (uses, expressions, types,
//! patterns and macro paths), so a new upward import fails here, naming the
//! file, the line and the module it reaches up to. Unit-test modules
//! (`#[cfg(test)]`) are not read: a test may use what is above it.
//!
//! `cargo test --test integration architecture -- --nocapture` prints the
//! module graph: every edge between layer entries, with its count.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// The layers, bottom first: `(name, module paths)`. A file belongs to the
/// longest module path that prefixes its own; a module may import from entries
/// earlier in this list, and from inside its own entry.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundations",
        &[
            "stack",
            "rule",
            "i18n",
            "source",
            "diagnostic",
            "fs",
            "json",
            "config_file",
        ],
    ),
    ("syntax", &["parse"]),
    ("data", &["ruleset", "config"]),
    ("discover", &["project", "declaration"]),
    ("extract", &["inventory", "graph"]),
    ("check", &["checks", "suppress", "baseline"]),
    ("audit", &[""]),
    ("output", &["manifest", "fix", "report"]),
    ("cli", &["cli", "fuzzing"]),
];

/// One `src/` file: its module path (`inventory::js`; the crate root is "").
struct File {
    module: Vec<String>,
    path: PathBuf,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every library file under `src/` (not the binary's `main.rs`).
fn files() -> Vec<File> {
    let mut out = Vec::new();
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("src/ entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src()).expect("under src/");
            let mut module: Vec<String> = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if module == ["main"] {
                continue;
            }
            if module == ["lib"] || module.last().is_some_and(|m| m == "mod") {
                module.pop();
            }
            out.push(File { module, path });
        }
    }
    out.sort_by(|a, b| a.module.cmp(&b.module));
    out
}

/// The paths one file names, as module paths relative to the crate root,
/// with the line they are on.
struct Paths<'a> {
    /// The file's module, plus the inline modules the walk is inside.
    here: Vec<String>,
    modules: &'a BTreeSet<Vec<String>>,
    found: Vec<(Vec<String>, usize)>,
}

impl Paths<'_> {
    /// Resolves a path's segments to an absolute module path, if it starts
    /// with `crate`, `super`, `self` or a child module of the current one.
    fn resolve(&self, segments: &[String]) -> Option<Vec<String>> {
        let mut base = self.here.clone();
        let mut rest = segments;
        match segments.first()?.as_str() {
            "crate" => {
                base.clear();
                rest = &segments[1..];
            }
            "self" => rest = &segments[1..],
            "super" => {
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
            }
            first => {
                let mut child = base.clone();
                child.push(first.to_owned());
                if !self.modules.contains(&child) {
                    return None;
                }
            }
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    fn record(&mut self, segments: Vec<String>, line: usize) {
        if let Some(path) = self.resolve(&segments) {
            self.found.push((path, line));
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree, line: usize) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree, line);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let mut path = prefix.clone();
                if n.ident != "self" {
                    path.push(n.ident.to_string());
                }
                self.record(path, line);
            }
            syn::UseTree::Rename(r) => {
                let mut path = prefix.clone();
                path.push(r.ident.to_string());
                self.record(path, line);
            }
            syn::UseTree::Glob(_) => self.record(prefix.clone(), line),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(prefix, tree, line);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Paths<'_> {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let line = item.use_token.span.start().line;
        self.use_tree(&mut Vec::new(), &item.tree, line);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none() && path.segments.len() > 1 {
            let line = path
                .segments
                .first()
                .map_or(0, |s| s.ident.span().start().line);
            let segments = path.segments.iter().map(|s| s.ident.to_string()).collect();
            self.record(segments, line);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if item.content.is_some() && !is_cfg_test(&item.attrs) {
            self.here.push(item.ident.to_string());
            syn::visit::visit_item_mod(self, item);
            self.here.pop();
        }
    }
}

/// `#[cfg(test)]`: unit tests may reach up (for the full rule registry, say);
/// the code that ships may not.
fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

/// The layer entry a module belongs to: `(rank, entry)`.
fn entry_of(module: &[String]) -> Option<(usize, &'static str)> {
    let mut best: Option<(usize, &str, usize)> = None;
    let mut rank = 0;
    for (_, entries) in LAYERS {
        for entry in *entries {
            let parts: Vec<&str> = entry.split("::").filter(|p| !p.is_empty()).collect();
            let matches =
                parts.len() <= module.len() && parts.iter().zip(module).all(|(a, b)| a == b);
            if matches && best.is_none_or(|(_, _, len)| parts.len() >= len) {
                best = Some((rank, entry, parts.len()));
            }
            rank += 1;
        }
    }
    best.map(|(rank, entry, _)| (rank, entry))
}

/// The longest known module that prefixes `path`.
fn module_of<'m>(path: &[String], modules: &'m BTreeSet<Vec<String>>) -> &'m Vec<String> {
    (0..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n].to_vec()))
        .expect("the crate root is a module")
}

/// One import from one module to another: `(file, line, from, to)`.
type Edge = (PathBuf, usize, Vec<String>, Vec<String>);

fn edges() -> Vec<Edge> {
    let files = files();
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    let mut out = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(&file.path).expect("source is readable");
        let ast = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", file.path.display()));
        let mut paths = Paths {
            here: file.module.clone(),
            modules: &modules,
            found: Vec::new(),
        };
        paths.visit_file(&ast);
        for (path, line) in paths.found {
            let target = module_of(&path, &modules);
            if *target != file.module {
                out.push((file.path.clone(), line, file.module.clone(), target.clone()));
            }
        }
    }
    out
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_owned()
    } else {
        module.join("::")
    }
}

#[test]
fn every_module_has_a_layer() {
    let missing: Vec<String> = files()
        .iter()
        .filter(|f| entry_of(&f.module).is_none())
        .map(|f| name(&f.module))
        .collect();
    assert!(
        missing.is_empty(),
        "modules missing from LAYERS: {missing:?}"
    );
}

#[test]
fn imports_only_run_downward() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // One entry per (module, module it reaches up to), at its first line.
    let mut upward: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut graph: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (file, line, from, to) in edges() {
        let (Some((from_rank, from_entry)), Some((to_rank, to_entry))) =
            (entry_of(&from), entry_of(&to))
        else {
            continue;
        };
        if from_entry != to_entry {
            *graph.entry((from_entry, to_entry)).or_default() += 1;
        }
        // A module may use its own submodules, wherever they are listed.
        let own_child = to.starts_with(&from);
        if to_rank > from_rank && !own_child {
            upward.entry((name(&from), name(&to))).or_insert_with(|| {
                format!(
                    "{}:{line}: {} ({from_entry}) uses {} ({to_entry}), a layer above",
                    file.strip_prefix(root).unwrap_or(&file).display(),
                    name(&from),
                    name(&to),
                )
            });
        }
    }
    println!("module graph (layer entry -> entry it uses: number of paths):");
    for ((from, to), count) in &graph {
        let from = if from.is_empty() { "crate" } else { from };
        let to = if to.is_empty() { "crate" } else { to };
        println!("  {from} -> {to}: {count}");
    }
    assert!(
        upward.is_empty(),
        "{} imports run up the layers (see LAYERS in tests/architecture.rs):\n{}",
        upward.len(),
        upward.into_values().collect::<Vec<_>>().join("\n")
    );
}

/// The strongly connected components of the module graph with more than one
/// module (Tarjan's algorithm): the import circles.
fn circles(edges: &[Edge]) -> Vec<Vec<String>> {
    let mut next: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, _, from, to) in edges {
        next.entry(name(from)).or_default().insert(name(to));
        next.entry(name(to)).or_default();
    }
    struct Tarjan<'g> {
        next: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, (usize, usize)>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, v: &'g str) {
            let n = self.index.len();
            self.index.insert(v, (n, n));
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in &self.next[v] {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.index[w].1.min(self.index[v].1);
                    self.index.get_mut(v).expect("visited").1 = low;
                } else if self.on_stack.contains(w) {
                    let low = self.index[w].0.min(self.index[v].1);
                    self.index.get_mut(v).expect("visited").1 = low;
                }
            }
            if self.index[v].0 == self.index[v].1 {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w.to_owned());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.out.push(component);
                }
            }
        }
    }
    let mut tarjan = Tarjan {
        next: &next,
        index: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in next.keys() {
        if !tarjan.index.contains_key(v.as_str()) {
            tarjan.visit(v);
        }
    }
    tarjan.out
}

#[test]
fn no_circle_spans_two_layer_entries() {
    // The crate root's re-exports of what sits above it (the library API
    // names `write_report`, the `internals` of the tests): like a module's
    // use of its own submodules, they do not count.
    let root_rank = entry_of(&[]).map(|(rank, _)| rank);
    let edges: Vec<Edge> = edges()
        .into_iter()
        .filter(|(_, _, from, to)| {
            !(from.is_empty() && entry_of(to).map(|(rank, _)| rank) > root_rank)
        })
        .collect();
    let circles = circles(&edges);
    println!("import circles between modules:");
    for circle in &circles {
        println!("  {} modules: {}", circle.len(), circle.join(", "));
    }
    let spanning: Vec<&Vec<String>> = circles
        .iter()
        .filter(|circle| {
            let entries: BTreeSet<_> = circle
                .iter()
                .map(|m| {
                    let module: Vec<String> = if m == "crate" {
                        Vec::new()
                    } else {
                        m.split("::").map(str::to_owned).collect()
                    };
                    entry_of(&module).map(|(_, e)| e)
                })
                .collect();
            entries.len() > 1
        })
        .collect();
    assert!(
        spanning.is_empty(),
        "import circles across layer entries: {spanning:?}"
    );
}
