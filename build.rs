//! Loads and checks the built-in catalogue, `data/catalog.toml`, with the program's own loader
//! (its modules compiled in here), fails the build on any problem in it, and writes it in the
//! form the binary reads back at start-up without parsing TOML (`src/catalog/embed.rs`).

// The loader's modules are compiled here for `catalog::load` and `catalog::embed`; much of
// what they offer the program is not used by this script.
#![allow(dead_code, unused_imports, clippy::print_stdout)]

#[path = "src/catalog/mod.rs"]
mod catalog;
#[path = "src/named.rs"]
mod named;

/// What the loader asks of the crate it is part of: here, the build runs on one core.
fn cores() -> usize {
    1
}

/// The program reads the bytes this script writes; the script itself has none to read.
fn embedded_catalog() -> Option<catalog::Catalog> {
    None
}

fn main() {
    println!("cargo::rerun-if-changed=data/catalog.toml");
    println!("cargo::rerun-if-changed=src/catalog");
    println!("cargo::rerun-if-changed=src/named.rs");
    let loaded = catalog::load(vec![Ok(catalog::Source::builtin())]);
    if !loaded.problems.is_empty() {
        // Cargo shows a failed build script's output: each problem as the tool prints it.
        for problem in &loaded.problems {
            eprintln!("{problem}");
        }
        eprintln!(
            "error: the built-in catalogue has {} problem(s), listed above; fix data/catalog.toml",
            loaded.problems.len()
        );
        std::process::exit(1);
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("catalog.bin"), catalog::embed::encode(&loaded.catalog))
        .expect("OUT_DIR is writable");
}
