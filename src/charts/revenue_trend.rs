//! "Revenue by month": won revenue as bars, won deals as a line on a second axis.

use charming::component::{Axis, Grid, Legend, Title};
use charming::element::{AxisLabel, AxisType, ItemStyle, TextStyle, Tooltip, Trigger};
use charming::series::{Bar, Line};
use charming::Chart;
use engine::metrics::deals::MonthTrend;
use engine::report::Report;

use super::palette;
use crate::i18n::tr;

/// The revenue trend of `report`, one category per month of its period.
pub fn revenue_trend_chart(report: &Report) -> Chart {
    trend_chart(&report.revenue_trend)
}

/// The chart of a monthly trend, in the order given.
fn trend_chart(trend: &[MonthTrend]) -> Chart {
    let months: Vec<String> = trend.iter().map(|p| p.month.clone()).collect();
    let revenue: Vec<f64> = trend.iter().map(|p| p.revenue).collect();
    let won: Vec<f64> = trend.iter().map(|p| p.deals_won as f64).collect();

    let (revenue_name, won_name) = (tr("Revenue", "收入"), tr("Won deals", "赢单数"));
    let mut chart = Chart::new()
        .color(vec![palette::REVENUE, palette::DEALS])
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0).data(vec![revenue_name, won_name]))
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
                .name(revenue_name)
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(won_name)
                .min_interval(1)
                .split_line(charming::element::SplitLine::new().show(false))
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .series(
            Bar::new()
                .name(revenue_name)
                .bar_width("60%")
                .item_style(ItemStyle::new().border_radius(3))
                .data(revenue),
        )
        .series(Line::new().name(won_name).y_axis_index(1).data(won));

    if trend.is_empty() {
        chart = chart.title(
            Title::new()
                .text(tr("No deals in this period", "本期没有商机"))
                .left("center")
                .top("middle")
                .text_style(TextStyle::new().color(palette::MUTED).font_size(14)),
        );
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::api::{Engine, Query, Request, Response};
    use serde_json::{json, Value};

    fn point(month: &str, revenue: f64, won: u64) -> MonthTrend {
        MonthTrend {
            month: month.to_string(),
            revenue,
            deals_created: won * 3,
            deals_won: won,
        }
    }

    fn to_json(chart: &Chart) -> Value {
        serde_json::to_value(chart).expect("a chart serialises to JSON")
    }

    #[test]
    fn one_category_per_month_with_revenue_bars_and_won_deals_line() {
        let chart = trend_chart(&[
            point("2024-01", 1500.5, 2),
            point("2024-02", 0.0, 0),
            point("2024-03", 99_000.25, 7),
        ]);
        let json = to_json(&chart);

        assert_eq!(json["xAxis"]["type"], "category");
        assert_eq!(
            json["xAxis"]["data"],
            json!(["2024-01", "2024-02", "2024-03"])
        );
        let series = json["series"].as_array().unwrap();
        assert_eq!(series.len(), 2);
        assert_eq!(series[0]["type"], "bar");
        assert_eq!(series[0]["name"], "Revenue");
        assert_eq!(series[0]["data"], json!([1500.5, 0.0, 99000.25]));
        assert_eq!(series[1]["type"], "line");
        assert_eq!(series[1]["name"], "Won deals");
        assert_eq!(series[1]["yAxisIndex"], 1.0);
        assert_eq!(series[1]["data"], json!([2.0, 0.0, 7.0]));
        assert!(json.get("title").is_none(), "no empty-state title: {json}");
    }

    #[test]
    fn an_empty_trend_says_so() {
        let json = to_json(&trend_chart(&[]));
        assert_eq!(json["title"][0]["text"], "No deals in this period");
        assert!(json["xAxis"].get("data").is_none());
    }

    #[test]
    fn month_labels_stay_plain_text() {
        // Labels are data, not markup: they reach ECharts as strings, never as a formatter.
        let json = to_json(&trend_chart(&[point(
            "<img src=x onerror=alert(1)>",
            1.0,
            1,
        )]));
        assert_eq!(json["xAxis"]["data"][0], "<img src=x onerror=alert(1)>");
        assert!(json["tooltip"].get("formatter").is_none());
    }

    #[test]
    fn the_demo_report_draws_every_month_of_its_trend() {
        let mut engine = Engine::new();
        assert!(matches!(
            engine.handle(Request::LoadDemo),
            Response::Loaded { demo: true, .. }
        ));
        let Response::Dashboard(report) = engine.handle(Request::Query(Query::default())) else {
            panic!("a query answers with a dashboard");
        };
        assert!(
            !report.revenue_trend.is_empty(),
            "the demo data has a trend"
        );

        let json = to_json(&revenue_trend_chart(&report));
        let months: Vec<&str> = report
            .revenue_trend
            .iter()
            .map(|p| p.month.as_str())
            .collect();
        assert_eq!(json["xAxis"]["data"], json!(months));
        assert_eq!(
            json["series"][0]["data"].as_array().map(Vec::len),
            Some(months.len())
        );
    }
}
