//! `<KpiTile/>`: one key figure, with its change against the previous period.

use leptos::prelude::*;

use crate::i18n::format::{self, NumberStyle};
use crate::i18n::{tr, Lang};

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

/// A metric id of the testing contract (PRODUCT.md): its unit, whether less is better, and its
/// title in English and Chinese.
fn describe(id: &str) -> (Unit, bool, &'static str, &'static str) {
    match id {
        "revenue" => (Unit::Money, false, "Revenue", "收入"),
        "won_deals" => (Unit::Count, false, "Won deals", "赢单数"),
        "win_rate" => (Unit::Rate, false, "Win rate", "赢单率"),
        "avg_deal_size" => (Unit::Money, false, "Average deal size", "平均成交金额"),
        "sales_cycle_median" => (Unit::Days, true, "Median sales cycle", "销售周期中位数"),
        "pipeline_value" => (Unit::Money, false, "Open pipeline", "在途商机金额"),
        "stalled_deals" => (Unit::Count, true, "Stalled deals", "停滞商机"),
        "nps" => (Unit::Score, false, "NPS", "净推荐值 NPS"),
        "active_customers" => (Unit::Count, false, "Active customers", "活跃客户"),
        "churn_rate" => (Unit::Rate, true, "Churn rate", "流失率"),
        "repurchase_rate" => (Unit::Rate, false, "Repurchase rate", "复购率"),
        "clv" => (
            Unit::Money,
            false,
            "Customer lifetime value",
            "客户终身价值",
        ),
        "a_tier_revenue_share" => (
            Unit::Rate,
            false,
            "A-tier share of revenue",
            "A 类客户收入占比",
        ),
        _ => (Unit::Count, false, "", ""),
    }
}

/// `value` as a person reads it on a tile; `—` for no value.
fn format_value(unit: Unit, value: Option<f64>, style: NumberStyle) -> String {
    match unit {
        Unit::Money => format::money(value, style),
        Unit::Count => format::count(value, style),
        Unit::Rate => format::percent(value, style),
        Unit::Days => format::days(value, style),
        Unit::Score => format::nps(value, style),
    }
}

/// Which way a figure moved against the previous period.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Trend {
    Up,
    Down,
    Flat,
}

impl Trend {
    fn name(self) -> &'static str {
        match self {
            Trend::Up => "up",
            Trend::Down => "down",
            Trend::Flat => "flat",
        }
    }

    fn arrow(self) -> &'static str {
        match self {
            Trend::Up => "▲",
            Trend::Down => "▼",
            Trend::Flat => "",
        }
    }
}

/// The change of `value` against `previous`: relative for amounts, counts and days (`+12.3%`),
/// in points for rates and NPS. `None` when either is missing or a relative change has no base.
fn change(
    unit: Unit,
    value: Option<f64>,
    previous: Option<f64>,
    style: NumberStyle,
) -> Option<(Trend, String)> {
    let (value, previous) = (
        value.filter(|v| v.is_finite())?,
        previous.filter(|v| v.is_finite())?,
    );
    let difference = value - previous;
    let text = match unit {
        Unit::Rate => format::change_points(Some(difference), style),
        Unit::Score => {
            let points = format::signed(Some(difference), 1)?;
            match style.lang {
                Lang::En => format!("{points} pts"),
                Lang::Zh => format!("{points} 分"),
            }
        }
        Unit::Money | Unit::Count | Unit::Days => {
            if previous == 0.0 {
                return None;
            }
            format::change_percent(Some(difference / previous.abs()), style)
        }
    };
    let moved = text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let trend = match (moved, difference > 0.0) {
        (false, _) => Trend::Flat,
        (true, true) => Trend::Up,
        (true, false) => Trend::Down,
    };
    Some((trend, text))
}

/// A key figure: `data-metric` is its id, `data-value` the unrounded number (empty when there
/// is no value), and the text is the rounded number for people, in the chosen language.
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
    let (unit, less_is_better, en, zh) = describe(id);
    let title = move || if en.is_empty() { id } else { tr(en, zh) };
    let raw = move || value.get().map(|v| v.to_string()).unwrap_or_default();
    let movement =
        Memo::new(move |_| change(unit, value.get(), previous.get(), NumberStyle::current()));
    let trend = move || movement.get().map(|(trend, _)| trend.name());
    let good = move || {
        movement.get().and_then(|(trend, _)| match trend {
            Trend::Flat => None,
            Trend::Up => Some(if less_is_better { "false" } else { "true" }),
            Trend::Down => Some(if less_is_better { "true" } else { "false" }),
        })
    };

    view! {
        <article class="kpi-tile" data-metric=id data-value=raw>
            <h3 class="kpi-title">{title}</h3>
            // The definition and the numbers behind the figure (ui/explain.rs).
            <super::Explain topic=id />
            <p class="kpi-value">{move || format_value(unit, value.get(), NumberStyle::current())}</p>
            <p class="kpi-previous">
                <Show when=move || movement.with(Option::is_some)>
                    <span
                        class="kpi-change"
                        data-trend=trend
                        data-good=good
                        title=move || tr("Change against the previous period", "与上期相比")
                    >
                        {move || {
                            movement
                                .get()
                                .map(|(trend, text)| format!("{}{}", trend.arrow(), text))
                        }}
                    </span>
                </Show>
                <span class="kpi-previous-value">
                    {move || tr("Previous period: ", "上期：")}
                    {move || format_value(unit, previous.get(), NumberStyle::current())}
                </span>
            </p>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: NumberStyle = NumberStyle::EN;
    const ZH: NumberStyle = NumberStyle::ZH;

    #[test]
    fn values_read_in_their_unit() {
        assert_eq!(
            format_value(Unit::Money, Some(1_234_567.891), EN),
            "1,234,568"
        );
        assert_eq!(format_value(Unit::Money, Some(-2500.0), EN), "−2,500");
        assert_eq!(
            format_value(Unit::Money, Some(1_234_567.891), ZH.compact()),
            "123万"
        );
        assert_eq!(format_value(Unit::Count, Some(42.0), ZH), "42");
        assert_eq!(format_value(Unit::Rate, Some(0.2777), EN), "27.8%");
        assert_eq!(format_value(Unit::Days, Some(34.0), EN), "34 days");
        assert_eq!(format_value(Unit::Days, Some(34.0), ZH), "34 天");
        assert_eq!(format_value(Unit::Score, Some(32.0), EN), "+32.0");
        assert_eq!(format_value(Unit::Score, Some(-5.0), EN), "−5.0");
    }

    #[test]
    fn no_value_is_a_dash_not_zero() {
        assert_eq!(format_value(Unit::Money, None, EN), "—");
        assert_eq!(format_value(Unit::Rate, Some(f64::NAN), ZH), "—");
    }

    #[test]
    fn changes_are_relative_for_amounts_and_in_points_for_rates() {
        assert_eq!(
            change(Unit::Money, Some(1_100.0), Some(1_000.0), EN),
            Some((Trend::Up, "+10.0%".to_owned()))
        );
        assert_eq!(
            change(Unit::Count, Some(5.0), Some(10.0), ZH),
            Some((Trend::Down, "−50.0%".to_owned()))
        );
        assert_eq!(
            change(Unit::Rate, Some(0.30), Some(0.25), EN),
            Some((Trend::Up, "+5.0 pts".to_owned()))
        );
        assert_eq!(
            change(Unit::Score, Some(20.0), Some(25.0), ZH),
            Some((Trend::Down, "−5.0 分".to_owned()))
        );
        assert_eq!(
            change(Unit::Money, Some(1_000.0), Some(1_000.0), EN),
            Some((Trend::Flat, "0.0%".to_owned()))
        );
    }

    #[test]
    fn no_change_without_both_values_or_a_base() {
        assert_eq!(change(Unit::Money, Some(5.0), None, EN), None);
        assert_eq!(change(Unit::Money, None, Some(5.0), EN), None);
        assert_eq!(change(Unit::Money, Some(5.0), Some(0.0), EN), None);
        assert!(change(Unit::Rate, Some(0.5), Some(0.0), EN).is_some());
    }

    #[test]
    fn every_contract_id_has_a_title_in_both_languages() {
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
            let (_, _, en, zh) = describe(id);
            assert!(!en.is_empty() && !zh.is_empty(), "{id} has titles");
            assert_ne!(en, zh, "{id} is translated");
        }
        assert_eq!(describe("revenue").3, "收入");
    }
}
