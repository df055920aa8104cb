//! "Pipeline by stage": the open deals' amount per stage as bars, with the number of deals on
//! the right-hand axis.

use charming::component::{Axis, Grid};
use charming::element::{AxisType, ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use engine::metrics::pipeline::PipelineReport;

use super::common::{empty_title, right_figures_axis, rows_axis};
use super::palette;
use crate::i18n::tr;

/// The open pipeline of the report's `pipeline`, one bar per open stage in funnel order.
pub fn pipeline_chart(pipeline: &PipelineReport) -> Chart {
    let stages = &pipeline.by_stage;
    let names: Vec<String> = stages.iter().map(|s| s.stage.clone()).collect();
    let amounts: Vec<f64> = stages.iter().map(|s| s.amount.round()).collect();
    let counts: Vec<String> = stages.iter().map(|s| s.deals.to_string()).collect();
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
        .x_axis(Axis::new().type_(AxisType::Value))
        .y_axis(rows_axis(names))
        .y_axis(right_figures_axis(tr("Deals", "商机"), counts))
        .series(
            Bar::new()
                .name(tr("Open amount", "在途金额"))
                .bar_width("60%")
                .item_style(ItemStyle::new().color(palette::REVENUE).border_radius(3))
                .label(Label::new().show(false).position(LabelPosition::Right))
                .data(amounts),
        );
    if pipeline.open_deals == 0 {
        chart.title(empty_title(tr("No open deals", "没有在途商机")))
    } else {
        chart
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::common::{demo_report, to_json};
    use crate::charts::escape::{assert_names_are_data, HOSTILE};
    use engine::metrics::pipeline::PipelineStage;
    use serde_json::json;

    fn pipeline(stages: &[(&str, u64, f64)]) -> PipelineReport {
        PipelineReport {
            open_deals: stages.iter().map(|s| s.1).sum(),
            pipeline_value: stages.iter().map(|s| s.2).sum(),
            by_stage: stages
                .iter()
                .map(|&(stage, deals, amount)| PipelineStage {
                    stage: stage.to_owned(),
                    deals,
                    amount,
                })
                .collect(),
            stalled_days: 7,
            stalled_deals: 0,
            stalled_amount: 0.0,
            stalled: Vec::new(),
        }
    }

    #[test]
    fn amounts_as_bars_and_counts_on_the_right() {
        let json = to_json(&pipeline_chart(&pipeline(&[
            ("Lead", 3, 1500.4),
            ("Negotiation", 0, 0.0),
        ])));
        assert_eq!(json["yAxis"][0]["data"], json!(["Lead", "Negotiation"]));
        assert_eq!(json["yAxis"][1]["data"], json!(["3", "0"]));
        assert_eq!(json["series"][0]["data"], json!([1500.0, 0.0]));
        assert!(json.get("title").is_none());
    }

    #[test]
    fn no_open_deal_says_so() {
        let json = to_json(&pipeline_chart(&pipeline(&[("Lead", 0, 0.0)])));
        assert_eq!(json["title"][0]["text"], "No open deals");
    }

    #[test]
    fn stage_names_are_data() {
        assert_names_are_data(&to_json(&pipeline_chart(&pipeline(&[(HOSTILE, 1, 1.0)]))));
    }

    #[test]
    fn the_demo_pipeline_draws_every_open_stage() {
        let report = demo_report();
        let p = report.pipeline.as_ref().expect("the demo has deals");
        let json = to_json(&pipeline_chart(p));
        assert_eq!(
            json["series"][0]["data"].as_array().map(Vec::len),
            Some(p.by_stage.len())
        );
        let counted: u64 = p.by_stage.iter().map(|s| s.deals).sum();
        assert_eq!(counted, p.open_deals);
    }
}
