//! Completion scripts, with the ids of the catalogue as loaded offered where a command takes one.

use std::io::{self, Write};

use clap::builder::PossibleValuesParser;
use clap_complete::Shell;

/// The command-line definition with `ids` as the values completion scripts offer for program
/// ids (`compare`, `show`, `estimate`), and `degrees` for the flags that take a degree
/// (`--then`, `--toward`). Only completion scripts use it: the parser still accepts any id, so
/// that programs from catalogues added later work too.
pub fn with_id_completions(command: clap::Command, ids: &[String], degrees: &[String]) -> clap::Command {
    let values = |ids: &[String]| -> Vec<clap::builder::PossibleValue> {
        ids.iter()
            .map(|id| clap::builder::PossibleValue::new(id.clone()))
            .collect()
    };
    let (ids, degrees) = (values(ids), values(degrees));
    let offer = |arg: clap::Arg| arg.value_parser(PossibleValuesParser::new(ids.clone()));
    let degree = |arg: clap::Arg| arg.value_parser(PossibleValuesParser::new(degrees.clone()));
    command
        .mut_subcommand("compare", |c| c.mut_arg("ids", offer).mut_arg("toward", degree))
        .mut_subcommand("chart", |c| c.mut_arg("ids", offer).mut_arg("toward", degree))
        .mut_subcommand("list", |c| c.mut_arg("toward", degree))
        .mut_subcommand("audit", |c| c.mut_arg("toward", degree))
        .mut_subcommand("plan", |c| c.mut_arg("toward", degree))
        .mut_subcommand("show", |c| c.mut_arg("ids", offer))
        .mut_subcommand("estimate", |c| c.mut_arg("ids", offer).mut_arg("then", degree))
}

/// Writes the completion script for `shell`, offering `ids` and, where a flag takes a degree,
/// `degrees`.
pub fn completions(shell: Shell, ids: &[String], degrees: &[String], out: &mut dyn Write) -> io::Result<()> {
    let mut command = with_id_completions(<super::Cli as clap::CommandFactory>::command(), ids, degrees);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "micromasters", &mut script);
    out.write_all(&script)
}
