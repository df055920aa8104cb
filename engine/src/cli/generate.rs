//! `dealscope generate --out DIR [--deals N] [--seed S] [--lang en|zh]`.

use std::io::Write;
use std::path::PathBuf;

use super::{args, CliError};
use crate::generate::{generate, write_to, GenerateOptions, Lang};

pub fn run(args: &[String], out: &mut dyn Write) -> Result<(), CliError> {
    let parsed = args::parse(args, &["deals", "seed", "out", "lang"], &[])?;
    if let Some(word) = parsed.positional.first() {
        return Err(CliError::Usage(format!("unexpected argument `{word}`")));
    }
    let defaults = GenerateOptions::default();
    let options = GenerateOptions {
        deals: parsed
            .parsed("deals", "a whole number")?
            .unwrap_or(defaults.deals),
        seed: parsed
            .parsed("seed", "a whole number")?
            .unwrap_or(defaults.seed),
        lang: match parsed.value("lang") {
            None | Some("en") => Lang::En,
            Some("zh") => Lang::Zh,
            Some(other) => {
                return Err(CliError::Usage(format!(
                    "--lang must be en or zh, not `{other}`"
                )))
            }
        },
    };
    let dir = PathBuf::from(
        parsed
            .value("out")
            .ok_or_else(|| CliError::Usage("--out DIR is required".to_string()))?,
    );

    let files = generate(&options);
    write_to(&dir, &files).map_err(|source| CliError::Write {
        path: dir.clone(),
        source,
    })?;
    for file in &files {
        writeln!(
            out,
            "{:<40} {:>10} rows {:>12} bytes",
            dir.join(&file.name).display(),
            file.rows(),
            file.bytes.len()
        )?;
    }
    Ok(())
}
