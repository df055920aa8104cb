//! "Pareto": the ranked customers' revenue as bars coloured by ABC tier (one stacked series per
//! tier), with the cumulative share of revenue as a line on the right-hand axis.

use charming::component::{Axis, Grid, Legend};
use charming::datatype::CompositeValue;
use charming::element::{AxisLabel, AxisType, ItemStyle, LineStyle, Symbol, Tooltip, Trigger};
use charming::series::{Bar, Line};
use charming::Chart;
use engine::metrics::abc::{ParetoPoint, Tier};

use super::common::{empty_title, percent, GAP};
use super::palette;
use crate::i18n::tr;

/// Customer names are written under the bars when there are at most this many.
const NAMED_BARS: usize = 30;

/// The series index of the cumulative line (after the three tiers).
pub const CUMULATIVE_SERIES: usize = 3;

/// The name a customer is shown by: its name, else its id.
pub fn customer_label(point: &ParetoPoint) -> String {
    point
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| point.customer_id.clone())
}

/// The Pareto chart of the report's `pareto` (best customer first).
pub fn pareto_chart(points: &[ParetoPoint]) -> Chart {
    let names: Vec<String> = points.iter().map(customer_label).collect();
    let cumulative: Vec<f64> = points.iter().map(|p| percent(p.cumulative_share)).collect();
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left(8)
                .right(8)
                .top(32)
                .bottom(36)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .axis_label(AxisLabel::new().show(points.len() <= NAMED_BARS).rotate(30))
                .data(names),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(tr("Revenue", "收入")),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(tr("Cumulative share (%)", "累计占比（%）"))
                .min(0)
                .max(100)
                .split_line(charming::element::SplitLine::new().show(false)),
        );
    for tier in Tier::ALL {
        let data: Vec<CompositeValue> = points
            .iter()
            .map(|p| {
                if p.tier == tier {
                    CompositeValue::from(p.revenue)
                } else {
                    CompositeValue::from(GAP)
                }
            })
            .collect();
        chart = chart.series(
            Bar::new()
                .name(format!("{} {}", tr("Tier", "层级"), tier.as_str()))
                .stack("revenue")
                .bar_width("80%")
                .item_style(ItemStyle::new().color(palette::tier(tier.as_str())))
                .data(data),
        );
    }
    chart = chart.series(
        Line::new()
            .name(tr("Cumulative share (%)", "累计占比（%）"))
            .y_axis_index(1)
            .symbol(Symbol::None)
            .line_style(LineStyle::new().color(palette::LINE).width(2))
            .item_style(ItemStyle::new().color(palette::LINE))
            .data(cumulative),
    );
    if points.is_empty() {
        chart.title(empty_title(tr(
            "No customer with revenue in this period",
            "本期没有产生收入的客户",
        )))
    } else {
        chart
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::common::{demo_report, to_json};
    use crate::charts::escape::{assert_names_are_data, HOSTILE};
    use serde_json::json;

    fn point(
        id: &str,
        name: Option<&str>,
        revenue: f64,
        cumulative: f64,
        tier: Tier,
    ) -> ParetoPoint {
        ParetoPoint {
            customer_id: id.to_owned(),
            name: name.map(str::to_owned),
            revenue,
            cumulative_share: cumulative,
            tier,
        }
    }

    fn points() -> Vec<ParetoPoint> {
        vec![
            point("C1", Some("Acme"), 600.0, 0.6, Tier::A),
            point("C2", None, 300.0, 0.9, Tier::B),
            point("C3", Some(""), 100.0, 1.0, Tier::C),
        ]
    }

    #[test]
    fn bars_by_tier_and_the_cumulative_line() {
        let json = to_json(&pareto_chart(&points()));
        assert_eq!(json["xAxis"]["data"], json!(["Acme", "C2", "C3"]));
        let series = json["series"].as_array().unwrap();
        assert_eq!(series.len(), 4);
        assert_eq!(series[0]["name"], "Tier A");
        assert_eq!(series[0]["data"], json!([600.0, "-", "-"]));
        assert_eq!(series[1]["data"], json!(["-", 300.0, "-"]));
        assert_eq!(series[2]["data"], json!(["-", "-", 100.0]));
        assert_eq!(series[CUMULATIVE_SERIES]["type"], "line");
        assert_eq!(series[CUMULATIVE_SERIES]["yAxisIndex"], 1.0);
        assert_eq!(
            series[CUMULATIVE_SERIES]["data"],
            json!([60.0, 90.0, 100.0])
        );
    }

    #[test]
    fn customer_names_are_data() {
        let json = to_json(&pareto_chart(&[point(
            "C1",
            Some(HOSTILE),
            1.0,
            1.0,
            Tier::A,
        )]));
        assert_names_are_data(&json);
    }

    #[test]
    fn no_revenue_says_so() {
        let json = to_json(&pareto_chart(&[]));
        assert_eq!(
            json["title"][0]["text"],
            "No customer with revenue in this period"
        );
    }

    #[test]
    fn the_demo_pareto_climbs_to_the_whole() {
        let report = demo_report();
        assert!(!report.pareto.is_empty());
        let json = to_json(&pareto_chart(&report.pareto));
        let line = json["series"][CUMULATIVE_SERIES]["data"]
            .as_array()
            .unwrap();
        assert_eq!(line.len(), report.pareto.len());
        let values: Vec<f64> = line.iter().map(|v| v.as_f64().unwrap()).collect();
        assert!(
            values.windows(2).all(|w| w[0] <= w[1]),
            "cumulative share never falls"
        );
        let bars: usize = (0..3)
            .map(|s| {
                json["series"][s]["data"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|v| v.is_number())
                    .count()
            })
            .sum();
        assert_eq!(
            bars,
            report.pareto.len(),
            "each customer is one bar, in its tier"
        );
    }
}
