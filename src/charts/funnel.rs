//! "Funnel": deals that reached each step (reached-stage view), as horizontal bars from the first
//! step down to Won, with each step's conversion from the one before on the right-hand axis.

use charming::component::{Axis, Grid};
use charming::datatype::DataPointItem;
use charming::element::{AxisType, ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use engine::metrics::funnel::FunnelStage;

use super::common::{empty_title, percent, right_figures_axis, rows_axis};
use super::palette;
use crate::i18n::tr;

/// The reached-stage funnel of `stages` (the report's `funnel`, or one part of a split).
pub fn funnel_chart(stages: &[FunnelStage]) -> Chart {
    let names: Vec<String> = stages.iter().map(|s| s.stage.clone()).collect();
    let reached: Vec<f64> = stages.iter().map(|s| s.reached as f64).collect();
    let conversions: Vec<String> = stages.iter().map(conversion_label).collect();
    let last = stages.len().saturating_sub(1);
    let data: Vec<DataPointItem> = reached
        .iter()
        .enumerate()
        .map(|(i, &value)| {
            let colour = if i == last && i > 0 {
                palette::GOOD
            } else {
                palette::REVENUE
            };
            DataPointItem::new(value).item_style(ItemStyle::new().color(colour).border_radius(3))
        })
        .collect();

    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(32)
                .bottom(8)
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Value).min_interval(1))
        .y_axis(rows_axis(names))
        .y_axis(right_figures_axis(
            tr("Step conversion", "环节转化率"),
            conversions,
        ))
        .series(
            Bar::new()
                .name(tr("Deals reached", "到达商机数"))
                .bar_width("60%")
                .label(Label::new().show(true).position(LabelPosition::Right))
                .data(data),
        );
    if stages.is_empty() {
        chart.title(empty_title(tr(
            "No deals created in this period",
            "本期没有新建商机",
        )))
    } else {
        chart
    }
}

/// The right-hand axis text of a step: its conversion from the step before (none on the first).
fn conversion_label(stage: &FunnelStage) -> String {
    match stage.conversion_from_previous {
        Some(c) => format!("{:.1}%", percent(c)),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::common::{demo_report, to_json};
    use crate::charts::escape::{assert_names_are_data, HOSTILE};
    use serde_json::json;

    fn stage(name: &str, reached: u64, conversion: Option<f64>) -> FunnelStage {
        FunnelStage {
            stage: name.to_owned(),
            reached,
            ended_here: 0,
            conversion_from_previous: conversion,
            share_of_first: None,
        }
    }

    #[test]
    fn one_bar_per_step_with_conversions_on_the_right() {
        let json = to_json(&funnel_chart(&[
            stage("Lead", 200, None),
            stage("Proposal", 80, Some(0.4)),
            stage("Won", 20, Some(0.25)),
        ]));
        assert_eq!(json["yAxis"][0]["data"], json!(["Lead", "Proposal", "Won"]));
        assert_eq!(json["yAxis"][0]["inverse"], true);
        assert_eq!(json["yAxis"][1]["data"], json!(["", "40.0%", "25.0%"]));
        let data = &json["series"][0]["data"];
        assert_eq!(data[0]["value"], 200.0);
        assert_eq!(data[1]["value"], 80.0);
        assert_eq!(data[2]["value"], 20.0);
        assert_eq!(data[2]["itemStyle"]["color"], palette::GOOD);
        assert!(json.get("title").is_none());
    }

    #[test]
    fn no_deals_says_so() {
        let json = to_json(&funnel_chart(&[]));
        assert_eq!(json["title"][0]["text"], "No deals created in this period");
    }

    #[test]
    fn stage_names_are_data() {
        assert_names_are_data(&to_json(&funnel_chart(&[stage(HOSTILE, 3, None)])));
    }

    #[test]
    fn the_demo_funnel_draws_every_step() {
        let report = demo_report();
        let json = to_json(&funnel_chart(&report.funnel));
        let reached: Vec<f64> = report.funnel.iter().map(|s| s.reached as f64).collect();
        let drawn: Vec<f64> = json["series"][0]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["value"].as_f64().unwrap())
            .collect();
        assert_eq!(drawn, reached);
        assert!(
            reached.windows(2).all(|w| w[0] >= w[1]),
            "a funnel never grows"
        );
    }
}
