//! micromasters: compare MicroMasters programs and their alternatives by cost, time, pacing and
//! credit transfer, from a TOML catalogue.

mod named;

pub mod audit;
pub mod catalog;
pub mod chart;
pub mod cli;
pub mod cmd;
pub mod estimate;
pub mod filter;
pub mod front;
pub mod money;
pub mod pace;
pub mod plan;
pub mod profile;
pub mod quantity;
pub mod rank;
pub mod render;
pub mod route;
pub mod schedule;

/// The built-in catalogue as `build.rs` loaded, checked and wrote it (`catalog::embed`); `None`
/// only where the bytes do not read back, and the TOML text is loaded instead.
pub(crate) fn embedded_catalog() -> Option<catalog::Catalog> {
    catalog::embed::decode(include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin")))
}

/// The cores large work is shared among: a large catalogue read and checked, a long listing
/// written. Asked once, and only of large work: the answer costs a dozen system calls (cgroup
/// quotas).
pub(crate) fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}
