//! Support shared by the integration tests and the benchmarks: a plain
//! reference implementation of the rank module docs and a seeded synthetic library
//! generator. Benchmarks include this file with `#[path]`.
#![allow(dead_code)]

pub mod reference;
#[cfg(feature = "search")]
pub mod search;
pub mod synthetic;
