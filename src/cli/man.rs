//! The manual: one page with every command and its options, exit status, environment and
//! files (clap_mangen renders the parts it knows; the rest is written here).

use std::io::{self, Write};

use clap::Command;

/// What the exit codes mean.
const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "Success, also an empty result and a closed standard output (micromasters list | head).",
    ),
    (
        "1",
        "The catalogue is invalid, a file cannot be read, an id is unknown, or the data cannot answer; validate exits 1 on a catalogue with problems however its output ended.",
    ),
    (
        "2",
        "The command line is wrong: an unknown flag, or a value out of range.",
    ),
];

/// The environment variables the tool reads.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "MICROMASTERS_CATALOG",
        "A :-separated list of catalogue files, loaded after the built-in catalogue and before those given with --catalog.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, neither help nor output is coloured (unless --color always).",
    ),
    (
        "CLICOLOR_FORCE",
        "When set and not 0, help and output are coloured even when not written to a terminal (NO_COLOR and --color never win).",
    ),
    (
        "COLUMNS",
        "The table width when standard output is not a terminal and --width is not given.",
    ),
    (
        "TERM",
        "dumb: no colour (unless --color always) and rules and chart axes drawn in ASCII.",
    ),
    (
        "MICROMASTERS_PROFILE",
        "A profile file (hours a week, aid, currency, budget, employer, shortlist) read when --profile is not given; else $XDG_CONFIG_HOME/micromasters/profile.toml.",
    ),
    (
        "SOURCE_DATE_EPOCH",
        "Seconds since 1970 that stand for the clock: which figures are stale, and the days since a check, can be reproduced.",
    ),
];

/// Examples, one a line: the command and what it answers.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "micromasters compare --kind micromasters --pacing self-paced --max-cost 1500",
        "Self-paced MicroMasters under $1,500, best score first.",
    ),
    (
        "micromasters plan --subject data,analytics --hours-per-week 8 --budget 1500",
        "Every route to a degree in data or analytics that may fit $1,500, at 8 hours a week.",
    ),
    (
        "micromasters estimate mitx-scm --then mit-scm-masters --salary-gain 15000",
        "The SCM credential, then the rest of MIT's master's, and when a $15,000 raise repays it.",
    ),
    (
        "micromasters show mitx-scm",
        "Every field of one program, with its sources and when each figure was checked.",
    ),
    (
        "micromasters validate my.toml",
        "Every problem of a catalogue of your own, as FILE:LINE:COLUMN.",
    ),
];

/// Related pages and documents.
const SEE_ALSO: &[(&str, &str)] = &[
    (
        "docs/catalog-format.md",
        "The catalogue format: every key, the limits, corrections and sources.",
    ),
    ("docs/profile.md", "The learner profile."),
    (
        "docs/json.md",
        "Every command's JSON record, key by key, and the format's version.",
    ),
    (
        "README.md",
        "A tour of every command with real output, and how figures are made.",
    ),
];

/// The files the tool reads.
const FILES: &[(&str, &str)] = &[
    (
        "data/catalog.toml",
        "The built-in catalogue, compiled into the binary and loaded first unless --no-builtin; micromasters audit lists what it does not know.",
    ),
    (
        "FILE given with --catalog or in MICROMASTERS_CATALOG",
        "Catalogues of your own (- is standard input), in TOML: an entry whose id already exists corrects it key by key.",
    ),
];

/// Escapes text for roff: a backslash, and a leading dot or quote.
fn roff(text: &str) -> String {
    let text = text.replace('\\', "\\\\").replace('-', "\\-");
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}

fn tagged(out: &mut dyn Write, title: &str, items: &[(&str, &str)]) -> io::Result<()> {
    writeln!(out, ".SH {title}")?;
    for (tag, text) in items {
        writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(tag), roff(text))?;
    }
    Ok(())
}

/// Writes the manual page of the whole command line.
pub fn man(out: &mut dyn Write) -> io::Result<()> {
    let mut text = Vec::new();
    page(<super::Cli as clap::CommandFactory>::command(), &mut text)?;
    // Markdown's code spans (from the help texts) are set in bold, as man pages set literals.
    for line in String::from_utf8_lossy(&text).lines() {
        writeln!(out, "{}", crate::render::text::code_spans(line, "\\fB", "\\fR"))?;
    }
    Ok(())
}

/// One synopsis line: the command, then each option with its argument (`--kind KIND`) and the
/// positional arguments (`[ID ...]`), as roff.
fn synopsis_line(path: &str, command: &Command) -> String {
    let mut line = format!("\\fB{}\\fR", roff(path));
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str();
        if matches!(id, "help" | "version") || arg.is_hide_set() {
            continue;
        }
        let value = arg
            .get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| id.to_uppercase(), ToString::to_string);
        let many = matches!(arg.get_action(), clap::ArgAction::Append);
        match arg.get_long() {
            Some(long) if arg.get_action().takes_values() => {
                line.push_str(&format!(
                    " [\\fB\\-\\-{}\\fR \\fI{}\\fR]",
                    roff(long),
                    roff(&value)
                ));
            }
            Some(long) => line.push_str(&format!(" [\\fB\\-\\-{}\\fR]", roff(long))),
            None => {
                let dots = if many { " ..." } else { "" };
                if arg.is_required_set() {
                    line.push_str(&format!(" \\fI{}\\fR{dots}", roff(&value)));
                } else {
                    line.push_str(&format!(" [\\fI{}\\fR{dots}]", roff(&value)));
                }
            }
        }
    }
    line
}

/// Writes the page for `root` (the whole command line, not yet built).
fn page(root: Command, out: &mut dyn Write) -> io::Result<()> {
    let subcommands: Vec<Command> = root
        .get_subcommands()
        .filter(|c| c.get_name() != "help")
        .cloned()
        .collect();
    let man_root = &root.clone();
    let man = clap_mangen::Man::new(root);
    man.render_title(out)?;
    man.render_name_section(out)?;
    // A line for the global options, then one per command with its own options' arguments.
    // No hyphenation inside option names.
    writeln!(out, ".SH SYNOPSIS\n.nh")?;
    writeln!(out, "{} \\fICOMMAND\\fR", synopsis_line("micromasters", man_root))?;
    for sub in &subcommands {
        writeln!(
            out,
            ".br\n{}",
            synopsis_line(&format!("micromasters {}", sub.get_name()), sub)
        )?;
    }
    writeln!(out, ".hy")?;
    man.render_description_section(out)?;
    // The global options, then each command with its own.
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in subcommands {
        let name = sub.get_name().to_string();
        let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
        writeln!(out, ".SS {name}\n{}", roff(&about))?;
        let mut options = Vec::new();
        clap_mangen::Man::new(sub).render_options_section(&mut options)?;
        // Its options as paragraphs under the command, not as sections of their own.
        let options = String::from_utf8_lossy(&options).replace(".SH OPTIONS\n", "");
        out.write_all(options.as_bytes())?;
    }
    tagged(out, "EXIT STATUS", EXIT_STATUS)?;
    tagged(out, "ENVIRONMENT", ENVIRONMENT)?;
    tagged(out, "FILES", FILES)?;
    tagged(out, "EXAMPLES", EXAMPLES)?;
    tagged(out, "SEE ALSO", SEE_ALSO)?;
    man.render_version_section(out)
}
