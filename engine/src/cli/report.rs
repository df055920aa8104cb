//! `dealscope report FILE… [--from DATE] [--to DATE] [--all-time] [--filter field=value]… [--json]`.

use std::io::Write;
use std::path::PathBuf;

use super::{args, CliError};
use crate::api::{Engine, InputFile, Preset, Query, Request};
use crate::model::day;
use crate::query::Filters;
use crate::report::Report;

pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<(), CliError> {
    let parsed = args::parse(args, &["from", "to", "filter"], &["all-time", "json"])?;
    if parsed.positional.is_empty() {
        return Err(CliError::Usage(
            "name at least one file to report on".to_string(),
        ));
    }
    let query = Query {
        period: period(&parsed)?,
        filters: filters(&parsed)?,
        ..Query::default()
    };

    let mut files = Vec::with_capacity(parsed.positional.len());
    for name in &parsed.positional {
        let path = PathBuf::from(name);
        let bytes = std::fs::read(&path).map_err(|source| CliError::Read {
            path: path.clone(),
            source,
        })?;
        let name = path
            .file_name()
            .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
        files.push(InputFile { name, bytes });
    }
    let mut engine = Engine::new();
    if let crate::api::Response::Loaded { reports, .. } = engine.handle(Request::Load(files)) {
        for r in &reports {
            let kind = r.kind.map_or("unknown", |k| k.as_str());
            writeln!(
                err,
                "{}: {kind}, {} rows, {} loaded, {} rejected, {} flagged",
                r.file, r.rows, r.loaded, r.rejected, r.flagged
            )?;
            if let Some(message) = &r.error {
                writeln!(err, "  {message}")?;
            }
        }
    }
    let report = engine.report(&query);
    if parsed.switch("json") {
        serde_json::to_writer_pretty(&mut *out, &report).map_err(|e| CliError::Output(e.into()))?;
        writeln!(out)?;
    } else {
        print_text(&report, out)?;
    }
    Ok(())
}

fn period(parsed: &args::ParsedArgs) -> Result<Preset, CliError> {
    let date = |name: &str| -> Result<Option<day::Day>, CliError> {
        parsed
            .value(name)
            .map(|v| {
                day::parse_iso(v).ok_or_else(|| {
                    CliError::Usage(format!("--{name} must be a date YYYY-MM-DD, not `{v}`"))
                })
            })
            .transpose()
    };
    let (from, to) = (date("from")?, date("to")?);
    if parsed.switch("all-time") {
        if from.is_some() || to.is_some() {
            return Err(CliError::Usage(
                "--all-time cannot be combined with --from or --to".to_string(),
            ));
        }
        return Ok(Preset::AllTime);
    }
    Ok(if from.is_none() && to.is_none() {
        Preset::default()
    } else {
        Preset::Custom { from, to }
    })
}

fn filters(parsed: &args::ParsedArgs) -> Result<Filters, CliError> {
    let mut filters = Filters::default();
    for spec in parsed.all("filter") {
        let (field, value) = spec
            .split_once('=')
            .ok_or_else(|| CliError::Usage(format!("--filter takes FIELD=VALUE, not `{spec}`")))?;
        let values = match field.trim() {
            "owner" => &mut filters.owner,
            "channel" => &mut filters.channel,
            "region" => &mut filters.region,
            "industry" => &mut filters.industry,
            "size" => &mut filters.size,
            "tier" => &mut filters.tier,
            other => {
                return Err(CliError::Usage(format!(
                    "cannot filter by `{other}`: use owner, channel, region, industry, size or tier"
                )))
            }
        };
        values.push(value.trim().to_string());
    }
    Ok(filters)
}

/// A number as the text report shows it; "—" for no value.
fn show(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.4}"))
}

fn print_text(report: &Report, out: &mut dyn Write) -> Result<(), CliError> {
    let Some(period) = &report.period else {
        writeln!(
            out,
            "No dated rows were loaded: there is nothing to report."
        )?;
        return Ok(());
    };
    writeln!(
        out,
        "Period {} … {} (previous {} … {}); data {} … {}",
        period.from,
        period.to,
        period.previous_from,
        period.previous_to,
        period.data_first,
        period.data_last
    )?;
    writeln!(out, "\n{:<24} {:>18} {:>18}", "tile", "value", "previous")?;
    for ((id, value), (_, previous)) in report
        .tiles
        .entries()
        .into_iter()
        .zip(report.previous.entries())
    {
        writeln!(out, "{id:<24} {:>18} {:>18}", show(value), show(previous))?;
    }
    writeln!(
        out,
        "\nFunnel (deals created in the period, by furthest stage)"
    )?;
    for s in &report.funnel {
        writeln!(
            out,
            "  {:<28} {:>10} {:>10}",
            s.stage,
            s.reached,
            show(s.conversion_from_previous)
        )?;
    }
    writeln!(out, "\nLost reasons")?;
    for r in &report.lost_reasons {
        writeln!(out, "  {:<28} {:>10} {:>16.2}", r.reason, r.deals, r.amount)?;
    }
    for (title, tiers) in [
        ("ABC by revenue share", &report.abc),
        ("ABC by customer rank", &report.abc_by_rank),
    ] {
        writeln!(out, "\n{title}")?;
        for t in tiers {
            writeln!(
                out,
                "  {:<4} {:>10} customers {:>18.2} revenue {:>8}",
                t.tier.as_str(),
                t.customers,
                t.revenue,
                show(t.revenue_share)
            )?;
        }
    }
    writeln!(out, "\nCohorts (customer retention)")?;
    for c in &report.cohorts {
        let cells: Vec<String> = c.retention.iter().map(|r| format!("{:.2}", r)).collect();
        writeln!(out, "  {:<10} {:>7}  {}", c.cohort, c.size, cells.join(" "))?;
    }
    if let Some(l) = &report.lifecycle {
        writeln!(
            out,
            "\nLifecycle: new {}, active {}, dormant {}, churned {}, prospects {}",
            l.new, l.active, l.dormant, l.churned, l.prospects
        )?;
    }
    writeln!(out, "\nChannels")?;
    for c in &report.channels {
        writeln!(
            out,
            "  {:<20} created {:>8} won {:>8} revenue {:>16.2} new customers {:>6}",
            c.channel.as_deref().unwrap_or("(none)"),
            c.deals_created,
            c.won,
            c.revenue,
            c.new_customers
        )?;
    }
    writeln!(out, "\nOwners")?;
    for o in &report.owners {
        writeln!(
            out,
            "  {:<20} created {:>8} won {:>8} revenue {:>16.2}",
            o.owner.as_deref().unwrap_or("(none)"),
            o.deals_created,
            o.won,
            o.revenue
        )?;
    }
    writeln!(
        out,
        "\nEarly warnings: {} shown (top {})",
        report.warnings.len(),
        crate::report::TOP_WARNINGS
    )?;
    let r = &report.rejected;
    writeln!(
        out,
        "\nImport: {} files, {} rows read, {} loaded, {} rejected, {} flagged",
        r.files, r.rows, r.loaded, r.rejected, r.flagged
    )?;
    Ok(())
}
