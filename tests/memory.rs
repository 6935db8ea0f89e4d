//! Memory stays proportional to the file for any input. This file holds one test, so that the
//! peak the OS reports for this process's children is that of the one run it makes.

mod common;

/// 20 MB of blank lines after `format = 1`: once, the TOML parser spent some fifty bytes of
/// memory on each. The peak must stay under 6x the file plus 32 MiB, read from the OS
/// (`getrusage` of the waited-for child, as `benches/` does with `wait4`).
#[test]
fn a_file_of_blank_lines_costs_memory_in_proportion() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.toml");
    let size = 20_000_000;
    let mut text = String::from("format = 1\n");
    text.push_str(&"\n".repeat(size));
    std::fs::write(&path, &text).unwrap();
    let output = common::micromasters()
        .args(["--no-builtin", "validate"])
        .arg(&path)
        .output()
        .unwrap();
    // Valid TOML, but no programs: one problem, reported as usual.
    assert_eq!(output.status.code(), Some(1));
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN).unwrap();
    // Linux reports kilobytes.
    let peak = usage.max_rss() as u64 * 1024;
    let limit = 6 * text.len() as u64 + (32 << 20);
    assert!(peak > 0, "the OS reported no peak");
    assert!(peak < limit, "peak {} MiB, limit {} MiB", peak >> 20, limit >> 20);
}
