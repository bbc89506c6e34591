//! Replays the fuzzers' seed corpus (and every crash they found, kept as a
//! seed) through the same entry points the fuzz targets call, as an ordinary
//! test: no fuzzing in CI, but nothing fuzzing once broke may break again.

fn replay(target: &str, entry: fn(&[u8])) {
    let dir = std::path::Path::new("fuzz/corpus").join(target);
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("seed-"))
        })
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 10, "{target}: only {} seeds", seeds.len());
    for seed in seeds {
        let data = std::fs::read(&seed).unwrap();
        let outcome = std::panic::catch_unwind(|| entry(&data));
        assert!(outcome.is_ok(), "{} crashes mpaudit", seed.display());
    }
}

#[test]
fn script_seeds() {
    replay("script", mpaudit::internals::fuzzing::script);
}

#[test]
fn template_seeds() {
    replay("template", mpaudit::internals::fuzzing::template);
}

#[test]
fn config_seeds() {
    replay("config", mpaudit::internals::fuzzing::config);
}
