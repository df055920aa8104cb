//! The `dealscope` command line: a subcommand name, then its flags. One module per
//! subcommand, each with a `run(args, out)`; `run` below dispatches and turns errors into
//! exit codes (0 success, 1 failure, 2 bad arguments).

mod args;
mod generate;
mod report;

use std::io::Write;
use std::path::PathBuf;

pub use args::{parse, ParsedArgs};

pub const USAGE: &str = "\
usage:
  dealscope generate --out DIR [--deals N] [--seed S] [--lang en|zh]
      writes customers.csv, deals.csv, orders.csv, surveys.csv and spend.csv into DIR
      (defaults: 5000 deals, seed 42, English headers)
  dealscope report FILE... [--from DATE] [--to DATE] [--all-time] [--filter FIELD=VALUE]... [--json]
      imports the files as the app does and prints every metric (JSON with --json);
      the period defaults to the 365 days ending on the data's last date;
      FIELD is owner, channel, region, industry, size or tier
  dealscope --help";

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The arguments are wrong: the message, then the usage, go to stderr (exit 2).
    #[error("{0}")]
    Usage(String),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot print: {0}")]
    Output(#[from] std::io::Error),
}

/// Runs the command line on the arguments after the program name; returns the exit code.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    // `dealscope SUBCOMMAND --help` prints the usage too.
    let help = args.iter().any(|a| a == "--help" || a == "-h");
    let result = match args.first().map(String::as_str) {
        _ if help => writeln!(out, "{USAGE}").map_err(CliError::from),
        Some("generate") => generate::run(&args[1..], out),
        Some("report") => report::run(&args[1..], out, err),
        Some("help") => writeln!(out, "{USAGE}").map_err(CliError::from),
        Some(other) => Err(CliError::Usage(format!("unknown command `{other}`"))),
        None => Err(CliError::Usage("missing command".to_string())),
    };
    match result {
        Ok(()) => 0,
        Err(e @ CliError::Usage(_)) => {
            let _ = writeln!(err, "dealscope: {e}\n\n{USAGE}");
            2
        }
        Err(e) => {
            let _ = writeln!(err, "dealscope: {e}");
            1
        }
    }
}
