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
