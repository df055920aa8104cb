//! "Funnel, by current stage": the deals created in the period counted by the stage they are in
//! now (a snapshot), the open steps, then Won and Lost.

use charming::component::{Axis, Grid};
use charming::datatype::DataPointItem;
use charming::element::{AxisType, ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use engine::metrics::funnel::CurrentStage;

use super::common::{empty_title, rows_axis};
use super::palette;
use crate::i18n::tr;

/// Which entry of the report's `by_current_stage` a bar is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurrentKind {
    Open,
    Won,
    Lost,
}

/// The kind of entry `index` of `by_current_stage` (`len` entries): the open steps, then Won,
/// then the lost deals.
pub fn current_kind(index: usize, len: usize) -> CurrentKind {
    if len >= 2 && index == len - 1 {
        CurrentKind::Lost
    } else if len >= 2 && index == len - 2 {
        CurrentKind::Won
    } else {
        CurrentKind::Open
    }
}

/// The by-current-stage view of the report's `funnel_detail.by_current_stage`.
pub fn current_stage_chart(stages: &[CurrentStage]) -> Chart {
    let names: Vec<String> = stages.iter().map(|s| s.stage.clone()).collect();
    let data: Vec<DataPointItem> = stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let colour = match current_kind(i, stages.len()) {
                CurrentKind::Open => palette::REVENUE,
                CurrentKind::Won => palette::GOOD,
                CurrentKind::Lost => palette::BAD,
            };
            DataPointItem::new(s.deals as f64)
                .item_style(ItemStyle::new().color(colour).border_radius(3))
        })
        .collect();
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
                .name(tr("Deals now in this stage", "当前处于该阶段的商机"))
                .bar_width("60%")
                .label(Label::new().show(true).position(LabelPosition::Right))
                .data(data),
        );
    if stages.iter().all(|s| s.deals == 0) {
        chart.title(empty_title(tr(
            "No deals created in this period",
            "本期没有新建商机",
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

    fn stage(name: &str, deals: u64) -> CurrentStage {
        CurrentStage {
            stage: name.to_owned(),
            deals,
            amount: deals as f64 * 10.0,
        }
    }

    #[test]
    fn open_steps_then_won_then_lost() {
        let json = to_json(&current_stage_chart(&[
            stage("Lead", 5),
            stage("Proposal", 2),
            stage("Closed Won", 3),
            stage("Closed Lost", 4),
        ]));
        assert_eq!(
            json["yAxis"]["data"],
            json!(["Lead", "Proposal", "Closed Won", "Closed Lost"])
        );
        let data = json["series"][0]["data"].as_array().unwrap();
        let values: Vec<f64> = data.iter().map(|d| d["value"].as_f64().unwrap()).collect();
        assert_eq!(values, [5.0, 2.0, 3.0, 4.0]);
        assert_eq!(data[2]["itemStyle"]["color"], palette::GOOD);
        assert_eq!(data[3]["itemStyle"]["color"], palette::BAD);
        assert_eq!(current_kind(0, 4), CurrentKind::Open);
        assert_eq!(current_kind(2, 4), CurrentKind::Won);
        assert_eq!(current_kind(3, 4), CurrentKind::Lost);
    }

    #[test]
    fn stage_names_are_data() {
        assert_names_are_data(&to_json(&current_stage_chart(&[
            stage(HOSTILE, 1),
            stage("Won", 0),
            stage("Lost", 0),
        ])));
    }

    #[test]
    fn the_demo_snapshot_counts_every_deal_created() {
        let report = demo_report();
        let detail = report.funnel_detail.as_ref().expect("the demo has deals");
        let json = to_json(&current_stage_chart(&detail.by_current_stage));
        let total: f64 = json["series"][0]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["value"].as_f64().unwrap())
            .sum();
        assert_eq!(total, detail.deals as f64);
    }
}
