//! "Lifecycle": customers by state as of the period's end (new, active, dormant, churned) and
//! the prospects without a purchase.

use charming::component::{Axis, Grid};
use charming::datatype::DataPointItem;
use charming::element::{AxisLabel, AxisType, ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use engine::metrics::lifecycle::LifecycleCounts;

use super::common::empty_title;
use super::palette;
use crate::i18n::tr;

/// The states in bar order, by the names the drill-down takes.
pub const STATES: [&str; 5] = ["new", "active", "dormant", "churned", "prospects"];

/// The count of each state of `STATES`.
pub fn state_counts(counts: &LifecycleCounts) -> [u64; 5] {
    [
        counts.new,
        counts.active,
        counts.dormant,
        counts.churned,
        counts.prospects,
    ]
}

/// The name a person reads for a state of `STATES`.
pub fn state_label(state: &str) -> &'static str {
    match state {
        "new" => tr("New", "新客户"),
        "active" => tr("Active", "活跃"),
        "dormant" => tr("Dormant (at risk)", "沉睡（有风险）"),
        "churned" => tr("Churned", "已流失"),
        _ => tr("Prospects", "潜在客户"),
    }
}

/// The lifecycle bars of the report's `lifecycle`.
pub fn lifecycle_chart(counts: &LifecycleCounts) -> Chart {
    let colours = [
        palette::LINE,
        palette::GOOD,
        palette::NEUTRAL,
        palette::BAD,
        palette::SECONDARY,
    ];
    let names: Vec<String> = STATES.iter().map(|s| state_label(s).to_owned()).collect();
    let data: Vec<DataPointItem> = state_counts(counts)
        .iter()
        .zip(colours)
        .map(|(&count, colour)| {
            DataPointItem::new(count as f64)
                .item_style(ItemStyle::new().color(colour).border_radius(3))
        })
        .collect();
    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(
            Grid::new()
                .left(8)
                .right(8)
                .top(32)
                .bottom(8)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .axis_label(AxisLabel::new().interval(0))
                .data(names),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min_interval(1)
                .name(tr("Customers", "客户")),
        )
        .series(
            Bar::new()
                .name(tr("Customers", "客户"))
                .bar_width("55%")
                .label(Label::new().show(true).position(LabelPosition::Top))
                .data(data),
        );
    if state_counts(counts).iter().all(|&c| c == 0) {
        chart.title(empty_title(tr("No customers", "没有客户")))
    } else {
        chart
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::common::{demo_report, to_json};
    use serde_json::json;

    #[test]
    fn five_bars_in_state_order() {
        let json = to_json(&lifecycle_chart(&LifecycleCounts {
            new: 1,
            active: 2,
            dormant: 3,
            churned: 4,
            prospects: 5,
        }));
        assert_eq!(
            json["xAxis"]["data"],
            json!(["New", "Active", "Dormant (at risk)", "Churned", "Prospects"])
        );
        let values: Vec<f64> = json["series"][0]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["value"].as_f64().unwrap())
            .collect();
        assert_eq!(values, [1.0, 2.0, 3.0, 4.0, 5.0]);
        assert!(json.get("title").is_none());
    }

    #[test]
    fn nobody_says_so() {
        let json = to_json(&lifecycle_chart(&LifecycleCounts::default()));
        assert_eq!(json["title"][0]["text"], "No customers");
    }

    #[test]
    fn the_demo_lifecycle_matches_the_report() {
        let report = demo_report();
        let counts = report.lifecycle.expect("the demo has purchases");
        let json = to_json(&lifecycle_chart(&counts));
        assert_eq!(json["series"][0]["data"][1]["value"], counts.active as f64);
        assert_eq!(
            json["series"][0]["data"][4]["value"],
            counts.prospects as f64
        );
    }
}
