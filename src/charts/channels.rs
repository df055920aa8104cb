//! "Channels": revenue per channel as bars, with marketing spend beside it where spend is
//! loaded.

use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisType, ItemStyle, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use engine::metrics::channel::ChannelRow;

use super::common::{empty_title, rows_axis, value_or_gap};
use super::palette;
use crate::i18n::tr;

/// How the rows without a channel are labelled.
pub fn channel_label(channel: Option<&str>) -> String {
    match channel {
        Some(name) => name.to_owned(),
        None => tr("(no channel)", "（无渠道）").to_owned(),
    }
}

/// Whether any channel has spend (a marketing spend file is loaded).
pub fn has_spend(rows: &[ChannelRow]) -> bool {
    rows.iter().any(|r| r.spend.is_some())
}

/// The channel bars of the report's `channels`, in its order.
pub fn channels_chart(rows: &[ChannelRow]) -> Chart {
    let names: Vec<String> = rows
        .iter()
        .map(|r| channel_label(r.channel.as_deref()))
        .collect();
    let revenue: Vec<f64> = rows.iter().map(|r| r.revenue.round()).collect();
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left(8)
                .right(24)
                .top(24)
                .bottom(32)
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Value))
        .y_axis(rows_axis(names))
        .series(
            Bar::new()
                .name(tr("Revenue", "收入"))
                .item_style(ItemStyle::new().color(palette::REVENUE).border_radius(3))
                .data(revenue),
        );
    if has_spend(rows) {
        let spend: Vec<_> = rows
            .iter()
            .map(|r| value_or_gap(r.spend.map(f64::round)))
            .collect();
        chart = chart.series(
            Bar::new()
                .name(tr("Marketing spend", "营销投入"))
                .item_style(ItemStyle::new().color(palette::SPEND).border_radius(3))
                .data(spend),
        );
    }
    if rows.is_empty() {
        chart.title(empty_title(tr("No channels", "没有渠道数据")))
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

    fn row(channel: Option<&str>, revenue: f64, spend: Option<f64>) -> ChannelRow {
        ChannelRow {
            channel: channel.map(str::to_owned),
            deals_created: 0,
            won: 0,
            lost: 0,
            win_rate: None,
            revenue,
            new_customers: 0,
            spend,
            cac: None,
            roi: None,
        }
    }

    #[test]
    fn revenue_only_without_spend() {
        let json = to_json(&channels_chart(&[
            row(Some("Website"), 1000.4, None),
            row(None, 10.0, None),
        ]));
        assert_eq!(json["yAxis"]["data"], json!(["Website", "(no channel)"]));
        let series = json["series"].as_array().unwrap();
        assert_eq!(series.len(), 1);
        assert_eq!(series[0]["data"], json!([1000.0, 10.0]));
    }

    #[test]
    fn spend_beside_revenue_where_loaded() {
        let json = to_json(&channels_chart(&[
            row(Some("Website"), 1000.0, Some(250.0)),
            row(None, 10.0, None),
        ]));
        assert_eq!(json["series"][1]["data"], json!([250.0, "-"]));
    }

    #[test]
    fn channel_names_are_data() {
        assert_names_are_data(&to_json(&channels_chart(&[row(Some(HOSTILE), 1.0, None)])));
    }

    #[test]
    fn the_demo_channels_have_spend() {
        let report = demo_report();
        assert!(has_spend(&report.channels));
        let json = to_json(&channels_chart(&report.channels));
        assert_eq!(
            json["series"][0]["data"].as_array().map(Vec::len),
            Some(report.channels.len())
        );
        assert_eq!(json["series"].as_array().map(Vec::len), Some(2));
    }
}
