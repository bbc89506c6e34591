//! Fuzzes `mpaudit::internals::fuzzing::template`: the whole audit of a project holding the input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mpaudit::internals::fuzzing::template(data));
