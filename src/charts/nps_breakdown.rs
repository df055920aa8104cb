//! "NPS by segment": the score of each group of one breakdown (industry, region, size, channel,
//! owner or tier) as horizontal bars, green above zero and red below.

use charming::component::{Axis, Grid};
use charming::datatype::DataPointItem;
use charming::element::{AxisType, ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use engine::metrics::nps::Breakdown;

use super::common::{empty_title, one_decimal, rows_axis, GAP};
use super::palette;
use crate::i18n::tr;

/// The bars of one breakdown of the report's `nps_breakdown.breakdowns`, in its order.
pub fn nps_breakdown_chart(breakdown: &Breakdown) -> Chart {
    let names: Vec<String> = breakdown.groups.iter().map(|g| g.value.clone()).collect();
    let data: Vec<DataPointItem> = breakdown
        .groups
        .iter()
        .map(|g| match g.nps {
            Some(score) => DataPointItem::new(one_decimal(score)).item_style(
                ItemStyle::new().color(if score >= 0.0 {
                    palette::GOOD
                } else {
                    palette::BAD
                }),
            ),
            None => DataPointItem::new(GAP),
        })
        .collect();
    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(
            Grid::new()
                .left(8)
                .right(40)
                .top(24)
                .bottom(8)
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Value).min(-100).max(100))
        .y_axis(rows_axis(names))
        .series(
            Bar::new()
                .name("NPS")
                .bar_width("60%")
                .label(Label::new().show(true).position(LabelPosition::Right))
                .data(data),
        );
    if breakdown.groups.is_empty() {
        chart.title(empty_title(tr("No responses", "没有答卷")))
    } else {
        chart
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::common::{demo_report, to_json};
    use crate::charts::escape::{assert_names_are_data, HOSTILE};
    use engine::metrics::nps::{NpsGroup, Tally};
    use serde_json::json;

    fn group(value: &str, nps: Option<f64>) -> NpsGroup {
        NpsGroup {
            value: value.to_owned(),
            tally: Tally::default(),
            nps,
        }
    }

    fn breakdown(groups: Vec<NpsGroup>) -> Breakdown {
        Breakdown {
            field: "region".to_owned(),
            groups,
        }
    }

    #[test]
    fn one_bar_per_group_coloured_by_sign() {
        let json = to_json(&nps_breakdown_chart(&breakdown(vec![
            group("East", Some(32.65)),
            group("West", Some(-7.4)),
            group("(none)", None),
        ])));
        assert_eq!(json["yAxis"]["data"], json!(["East", "West", "(none)"]));
        let data = &json["series"][0]["data"];
        assert_eq!(data[0]["value"], 32.7);
        assert_eq!(data[0]["itemStyle"]["color"], palette::GOOD);
        assert_eq!(data[1]["value"], -7.4);
        assert_eq!(data[1]["itemStyle"]["color"], palette::BAD);
        assert_eq!(data[2]["value"], "-");
    }

    #[test]
    fn group_values_are_data() {
        assert_names_are_data(&to_json(&nps_breakdown_chart(&breakdown(vec![group(
            HOSTILE,
            Some(10.0),
        )]))));
    }

    #[test]
    fn the_demo_has_a_tier_breakdown() {
        let report = demo_report();
        let nps = report.nps_breakdown.as_ref().unwrap();
        let tier = nps.breakdowns.iter().find(|b| b.field == "tier").unwrap();
        let json = to_json(&nps_breakdown_chart(tier));
        assert_eq!(
            json["series"][0]["data"].as_array().map(Vec::len),
            Some(tier.groups.len())
        );
    }
}
