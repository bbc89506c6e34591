//! The same-object calls between methods ([`Edge`]), and the paths over
//! them from the lifecycles to each method.

use std::collections::{HashMap, VecDeque};

use super::MAX_HOPS;

/// A same-object call `this.to()` inside method `from`.
pub(super) struct Edge {
    pub(super) owner: usize,
    pub(super) from: String,
    pub(super) to: String,
    pub(super) runs_with_method: bool,
    pub(super) sync: bool,
}

/// Same-object calls by (owner, method name).
pub(super) type EdgeIndex<'e> = HashMap<(usize, &'e str), Vec<&'e Edge>>;

/// For each method reached from a start: the shortest path, start first.
pub(super) type Paths = HashMap<String, Vec<String>>;

/// Breadth-first from every method of `owner` that `is_start`, over calls
/// that `keep`, at most [`MAX_HOPS`] calls deep. Starts are taken in name
/// order and calls in source order, so the path reported is stable.
pub(super) fn paths_from(
    edges: &[Edge],
    outgoing: &EdgeIndex<'_>,
    owner: usize,
    is_start: impl Fn(&str) -> bool,
    keep: impl Fn(&Edge) -> bool,
) -> Paths {
    let mut starts: Vec<&str> = edges
        .iter()
        .filter(|e| e.owner == owner && is_start(&e.from))
        .map(|e| e.from.as_str())
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut paths: Paths = HashMap::new();
    let mut queue = VecDeque::new();
    for start in starts {
        paths.insert(start.to_owned(), vec![start.to_owned()]);
        queue.push_back(start);
    }
    while let Some(current) = queue.pop_front() {
        let path = paths[current].clone();
        if path.len() > MAX_HOPS {
            continue;
        }
        for edge in outgoing.get(&(owner, current)).into_iter().flatten() {
            if keep(edge) && !paths.contains_key(&edge.to) {
                let mut next = path.clone();
                next.push(edge.to.clone());
                paths.insert(edge.to.clone(), next);
                queue.push_back(edge.to.as_str());
            }
        }
    }
    paths
}

/// `method` and every method reaching it over edges that `keep`.
pub(super) fn callers(
    incoming: &EdgeIndex<'_>,
    owner: usize,
    method: &str,
    keep: impl Fn(&Edge) -> bool,
) -> Vec<String> {
    let mut seen: Vec<String> = vec![method.to_owned()];
    let mut i = 0;
    while i < seen.len() && seen.len() < 64 {
        let current = seen[i].clone();
        for edge in incoming
            .get(&(owner, current.as_str()))
            .into_iter()
            .flatten()
        {
            if keep(edge) && !seen.contains(&edge.from) {
                seen.push(edge.from.clone());
            }
        }
        i += 1;
    }
    seen
}
