//! "Deals by month": deals created and deals won per month of the period.

use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisType, ItemStyle, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use engine::metrics::deals::MonthTrend;

use super::common::empty_title;
use super::palette;
use crate::i18n::tr;

/// The deals trend of the report's `revenue_trend`, one category per month.
pub fn deals_trend_chart(trend: &[MonthTrend]) -> Chart {
    let months: Vec<String> = trend.iter().map(|p| p.month.clone()).collect();
    let created: Vec<f64> = trend.iter().map(|p| p.deals_created as f64).collect();
    let won: Vec<f64> = trend.iter().map(|p| p.deals_won as f64).collect();
    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left(16)
                .right(16)
                .top(32)
                .bottom(40)
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Category).data(months))
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min_interval(1)
                .name(tr("Deals", "商机")),
        )
        .series(
            Bar::new()
                .name(tr("Deals created", "新建商机"))
                .item_style(ItemStyle::new().color(palette::DEALS).border_radius(3))
                .data(created),
        )
        .series(
            Bar::new()
                .name(tr("Deals won", "赢单"))
                .item_style(ItemStyle::new().color(palette::GOOD).border_radius(3))
                .data(won),
        );
    if trend.is_empty() {
        chart.title(empty_title(tr("No deals in this period", "本期没有商机")))
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
    fn created_and_won_per_month() {
        let json = to_json(&deals_trend_chart(&[
            MonthTrend {
                month: "2024-01".to_owned(),
                revenue: 10.0,
                deals_created: 12,
                deals_won: 3,
            },
            MonthTrend {
                month: "2024-02".to_owned(),
                revenue: 0.0,
                deals_created: 4,
                deals_won: 0,
            },
        ]));
        assert_eq!(json["xAxis"]["data"], json!(["2024-01", "2024-02"]));
        assert_eq!(json["series"][0]["name"], "Deals created");
        assert_eq!(json["series"][0]["data"], json!([12.0, 4.0]));
        assert_eq!(json["series"][1]["name"], "Deals won");
        assert_eq!(json["series"][1]["data"], json!([3.0, 0.0]));
    }

    #[test]
    fn the_demo_trend_counts_the_deals_created() {
        let report = demo_report();
        let json = to_json(&deals_trend_chart(&report.revenue_trend));
        let created: f64 = json["series"][0]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .sum();
        assert_eq!(created, report.deals.as_ref().unwrap().deals_created as f64);
    }
}
