//! All integration tests link into this one binary (ripgrep's layout), so CI
//! builds swc once for them.

mod architecture;
mod bad_input;
mod bench_project;
mod cli;
mod config;
mod fix;
mod fixtures;
mod fuzz_corpus;
mod hooks;
mod i18n;
mod i18n_cli;
mod i18n_pipeline;
mod i18n_reports;
mod init;
mod integrations;
mod library;
mod manifest;
mod msrv;
mod readme;
mod readme_zh;
mod rules_data;
mod rules_file;
mod sarif_rdjson;
mod suppress;
mod util;
