//! "Lost reasons": lost deals closed in the period by reason, most frequent first.

use charming::component::{Axis, Grid};
use charming::element::{AxisType, ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use engine::metrics::deals::LostReason;

use super::common::{empty_title, rows_axis};
use super::palette;
use crate::i18n::tr;

/// The lost reasons of the report's `lost_reasons`, in its order.
pub fn lost_reasons_chart(reasons: &[LostReason]) -> Chart {
    let names: Vec<String> = reasons.iter().map(|r| r.reason.clone()).collect();
    let deals: Vec<f64> = reasons.iter().map(|r| r.deals as f64).collect();
    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(
            Grid::new()
                .left(8)
                .right(32)
                .top(24)
                .bottom(8)
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Value).min_interval(1))
        .y_axis(rows_axis(names))
        .series(
            Bar::new()
                .name(tr("Lost deals", "输单"))
                .bar_width("60%")
                .item_style(ItemStyle::new().color(palette::BAD).border_radius(3))
                .label(Label::new().show(true).position(LabelPosition::Right))
                .data(deals),
        );
    if reasons.is_empty() {
        chart.title(empty_title(tr(
            "No deals lost in this period",
            "本期没有输单",
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

    fn reason(name: &str, deals: u64) -> LostReason {
        LostReason {
            reason: name.to_owned(),
            deals,
            amount: 1.0,
        }
    }

    #[test]
    fn one_bar_per_reason_in_the_report_order() {
        let json = to_json(&lost_reasons_chart(&[
            reason("Price", 7),
            reason("Unspecified", 2),
        ]));
        assert_eq!(json["yAxis"]["data"], json!(["Price", "Unspecified"]));
        assert_eq!(json["series"][0]["data"], json!([7.0, 2.0]));
        assert!(json.get("title").is_none());
    }

    #[test]
    fn nothing_lost_says_so() {
        let json = to_json(&lost_reasons_chart(&[]));
        assert_eq!(json["title"][0]["text"], "No deals lost in this period");
    }

    #[test]
    fn reasons_are_data() {
        assert_names_are_data(&to_json(&lost_reasons_chart(&[reason(HOSTILE, 1)])));
    }

    #[test]
    fn the_demo_reasons_add_up_to_the_lost_deals() {
        let report = demo_report();
        let json = to_json(&lost_reasons_chart(&report.lost_reasons));
        let total: f64 = json["series"][0]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .sum();
        assert_eq!(total, report.deals.as_ref().unwrap().lost_deals as f64);
    }
}
