//! `<KpiTile/>`: one key figure, with its previous-period value.

use leptos::prelude::*;

/// How a metric's number reads.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    Money,
    Count,
    /// A fraction shown as a percentage.
    Rate,
    Days,
    /// NPS, on −100…100.
    Score,
}

/// The tile title and unit of a metric id of the testing contract (PRODUCT.md).
fn describe(id: &str) -> (&'static str, Unit) {
    match id {
        "revenue" => ("Revenue", Unit::Money),
        "won_deals" => ("Won deals", Unit::Count),
        "win_rate" => ("Win rate", Unit::Rate),
        "avg_deal_size" => ("Average deal size", Unit::Money),
        "sales_cycle_median" => ("Median sales cycle", Unit::Days),
        "pipeline_value" => ("Open pipeline", Unit::Money),
        "stalled_deals" => ("Stalled deals", Unit::Count),
        "nps" => ("NPS", Unit::Score),
        "active_customers" => ("Active customers", Unit::Count),
        "churn_rate" => ("Churn rate", Unit::Rate),
        "repurchase_rate" => ("Repurchase rate", Unit::Rate),
        "clv" => ("Customer lifetime value", Unit::Money),
        "a_tier_revenue_share" => ("A-tier share of revenue", Unit::Rate),
        _ => ("", Unit::Count),
    }
}

/// Digits of a non-negative whole number grouped by thousands: `1234567` → `1,234,567`.
fn group_thousands(whole: u64) -> String {
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `value` as a person reads it on a tile; `—` for no value.
fn format_value(unit: Unit, value: Option<f64>) -> String {
    let Some(value) = value.filter(|v| v.is_finite()) else {
        return "—".to_owned();
    };
    let sign = if value < 0.0 { "−" } else { "" };
    match unit {
        Unit::Money | Unit::Count => {
            format!("{sign}{}", group_thousands(value.abs().round() as u64))
        }
        Unit::Rate => format!("{:.1} %", value * 100.0),
        Unit::Days => format!("{} days", group_thousands(value.abs().round() as u64)),
        Unit::Score => format!("{value:+.0}"),
    }
}

/// A key figure: `data-metric` is its id, `data-value` the unrounded number (empty when there
/// is no value), and the text is the rounded number for people.
#[component]
pub fn KpiTile(
    /// Metric id of the testing contract, such as `revenue` or `win_rate`.
    id: &'static str,
    /// The value for the selected period; `None` when it has none.
    #[prop(into)]
    value: Signal<Option<f64>>,
    /// The value for the previous period of the same length.
    #[prop(into)]
    previous: Signal<Option<f64>>,
) -> impl IntoView {
    let (title, unit) = describe(id);
    let title = if title.is_empty() { id } else { title };
    let raw = move || value.get().map(|v| v.to_string()).unwrap_or_default();

    view! {
        <article class="kpi-tile" data-metric=id data-value=raw>
            <h3 class="kpi-title">{title}</h3>
            <p class="kpi-value">{move || format_value(unit, value.get())}</p>
            <p class="kpi-previous">
                "Previous period: " {move || format_value(unit, previous.get())}
            </p>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000), "1,000");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn values_read_in_their_unit() {
        assert_eq!(format_value(Unit::Money, Some(1_234_567.891)), "1,234,568");
        assert_eq!(format_value(Unit::Money, Some(-2500.0)), "−2,500");
        assert_eq!(format_value(Unit::Count, Some(42.0)), "42");
        assert_eq!(format_value(Unit::Rate, Some(0.2777)), "27.8 %");
        assert_eq!(format_value(Unit::Days, Some(34.4)), "34 days");
        assert_eq!(format_value(Unit::Score, Some(32.0)), "+32");
        assert_eq!(format_value(Unit::Score, Some(-5.0)), "-5");
    }

    #[test]
    fn no_value_is_a_dash_not_zero() {
        assert_eq!(format_value(Unit::Money, None), "—");
        assert_eq!(format_value(Unit::Rate, Some(f64::NAN)), "—");
    }

    #[test]
    fn every_contract_id_has_a_title() {
        for id in [
            "revenue",
            "won_deals",
            "win_rate",
            "avg_deal_size",
            "sales_cycle_median",
            "pipeline_value",
            "stalled_deals",
            "nps",
            "active_customers",
            "churn_rate",
            "repurchase_rate",
            "clv",
            "a_tier_revenue_share",
        ] {
            assert!(!describe(id).0.is_empty(), "{id} has a title");
        }
    }
}
