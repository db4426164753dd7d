//! Wire tests of the generated `stytch-api` crate live in `tests/`. The repository README is
//! included here so that its Rust examples compile as doctests.
#![doc = include_str!("../../README.md")]
