//! A small argument parser: `--name value`, `--name=value`, switches and positional words.

use super::CliError;

#[derive(Debug, Default, PartialEq)]
pub struct ParsedArgs {
    /// Flags that take a value, in the order given.
    pub values: Vec<(String, String)>,
    /// Switches present (without the `--`).
    pub switches: Vec<String>,
    pub positional: Vec<String>,
}

impl ParsedArgs {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a repeatable flag, in the order given.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.values
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn switch(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }

    /// The value of `name` parsed as `T`, or `None` when the flag is absent.
    pub fn parsed<T: std::str::FromStr>(
        &self,
        name: &str,
        what: &str,
    ) -> Result<Option<T>, CliError> {
        self.value(name)
            .map(|v| {
                v.parse()
                    .map_err(|_| CliError::Usage(format!("--{name} must be {what}, not `{v}`")))
            })
            .transpose()
    }
}

/// Flags that may be given more than once (`--filter owner=Ann --filter owner=Bo`).
const REPEATABLE: &[&str] = &["filter"];

/// Splits `args` by the flags a subcommand knows: `with_value` take one value, `switches`
/// none. Unknown flags, missing values and repeated flags are usage errors.
pub fn parse(
    args: &[String],
    with_value: &[&str],
    switches: &[&str],
) -> Result<ParsedArgs, CliError> {
    let mut parsed = ParsedArgs::default();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let Some(flag) = arg.strip_prefix("--") else {
            parsed.positional.push(arg.clone());
            continue;
        };
        let (name, inline) = match flag.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (flag, None),
        };
        let seen =
            !REPEATABLE.contains(&name) && (parsed.value(name).is_some() || parsed.switch(name));
        if seen {
            return Err(CliError::Usage(format!("--{name} is given twice")));
        }
        if with_value.contains(&name) {
            let value = match inline {
                Some(v) => v,
                None => rest
                    .next()
                    .ok_or_else(|| CliError::Usage(format!("--{name} needs a value")))?
                    .clone(),
            };
            parsed.values.push((name.to_string(), value));
        } else if switches.contains(&name) && inline.is_none() {
            parsed.switches.push(name.to_string());
        } else {
            return Err(CliError::Usage(format!("unknown option `{arg}`")));
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn values_switches_and_positional_words() {
        let args = strings(&[
            "a.csv",
            "--from",
            "2024-01-01",
            "--json",
            "--to=2024-12-31",
            "b.csv",
        ]);
        let parsed = parse(&args, &["from", "to"], &["json"]).unwrap();
        assert_eq!(parsed.value("from"), Some("2024-01-01"));
        assert_eq!(parsed.value("to"), Some("2024-12-31"));
        assert!(parsed.switch("json"));
        let repeated = parse(
            &strings(&["--filter", "owner=Ann", "--filter=region=East"]),
            &["filter"],
            &[],
        )
        .unwrap();
        assert_eq!(
            repeated.all("filter").collect::<Vec<_>>(),
            ["owner=Ann", "region=East"]
        );
        assert_eq!(parsed.positional, strings(&["a.csv", "b.csv"]));
    }

    #[test]
    fn bad_arguments_are_usage_errors() {
        let bad = |words: &[&str]| match parse(&strings(words), &["deals"], &["json"]) {
            Err(CliError::Usage(message)) => message,
            other => panic!("expected a usage error, got {other:?}"),
        };
        assert_eq!(bad(&["--deals"]), "--deals needs a value");
        assert_eq!(
            bad(&["--deals", "1", "--deals", "2"]),
            "--deals is given twice"
        );
        assert_eq!(bad(&["--nope"]), "unknown option `--nope`");
        assert_eq!(bad(&["--json=yes"]), "unknown option `--json=yes`");
    }
}
