//! Fuzzes `mpaudit::internals::fuzzing::script`: the whole audit of a project holding the input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mpaudit::internals::fuzzing::script(data));
