//! "NPS by month": the score as a line (gaps in months without responses), the number of
//! responses as bars on the right-hand axis.

use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisType, ItemStyle, SplitLine, Tooltip, Trigger};
use charming::series::{Bar, Line};
use charming::Chart;
use engine::metrics::nps::NpsMonth;

use super::common::{empty_title, one_decimal, value_or_gap};
use super::palette;
use crate::i18n::tr;

/// The NPS trend of the report's `nps_breakdown.trend`.
pub fn nps_trend_chart(trend: &[NpsMonth]) -> Chart {
    let months: Vec<String> = trend.iter().map(|m| m.month.clone()).collect();
    let scores: Vec<_> = trend
        .iter()
        .map(|m| value_or_gap(m.nps.map(one_decimal)))
        .collect();
    let responses: Vec<f64> = trend.iter().map(|m| m.tally.responses as f64).collect();
    let chart = Chart::new()
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
        .x_axis(Axis::new().type_(AxisType::Category).data(months))
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name("NPS")
                .min(-100)
                .max(100),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(tr("Responses", "答卷"))
                .min_interval(1)
                .split_line(SplitLine::new().show(false)),
        )
        .series(
            Bar::new()
                .name(tr("Responses", "答卷"))
                .y_axis_index(1)
                .bar_width("50%")
                .item_style(ItemStyle::new().color(palette::SECONDARY).opacity(0.45))
                .data(responses),
        )
        .series(
            Line::new()
                .name("NPS")
                .item_style(ItemStyle::new().color(palette::REVENUE))
                .connect_nulls(false)
                .data(scores),
        );
    if trend.is_empty() {
        chart.title(empty_title(tr(
            "No survey responses in this period",
            "本期没有调查答卷",
        )))
    } else {
        chart
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::common::{demo_report, to_json};
    use engine::metrics::nps::Tally;
    use serde_json::json;

    fn month(month: &str, responses: u64, nps: Option<f64>) -> NpsMonth {
        NpsMonth {
            month: month.to_owned(),
            tally: Tally {
                responses,
                ..Tally::default()
            },
            nps,
        }
    }

    #[test]
    fn scores_with_gaps_and_responses_as_bars() {
        let json = to_json(&nps_trend_chart(&[
            month("2024-01", 3, Some(33.333)),
            month("2024-02", 0, None),
            month("2024-03", 2, Some(-50.0)),
        ]));
        assert_eq!(
            json["xAxis"]["data"],
            json!(["2024-01", "2024-02", "2024-03"])
        );
        assert_eq!(json["series"][0]["type"], "bar");
        assert_eq!(json["series"][0]["data"], json!([3.0, 0.0, 2.0]));
        assert_eq!(json["series"][1]["type"], "line");
        assert_eq!(json["series"][1]["data"], json!([33.3, "-", -50.0]));
    }

    #[test]
    fn the_demo_trend_has_a_point_per_month() {
        let report = demo_report();
        let trend = &report.nps_breakdown.as_ref().unwrap().trend;
        let json = to_json(&nps_trend_chart(trend));
        assert_eq!(
            json["series"][1]["data"].as_array().map(Vec::len),
            Some(trend.len())
        );
    }
}
