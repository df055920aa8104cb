//! "Cohort retention": one row per cohort (oldest on top), one column per bucket since the
//! cohort's first purchase, each cell the customer or revenue retention in percent.

use charming::component::{Axis, Grid, VisualMap, VisualMapChannel};
use charming::datatype::{CompositeValue, DataFrame};
use charming::element::{
    AxisType, Emphasis, ItemStyle, Label, NameLocation, Orient, SplitArea, Tooltip, Trigger,
};
use charming::series::Heatmap;
use charming::Chart;
use engine::metrics::cohort::CohortRow;
use engine::metrics::settings::CohortGrain;

use super::common::{empty_title, percent, value_or_gap};
use super::palette;
use crate::i18n::tr;

/// Which retention the heatmap shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CohortMode {
    /// Customers with an occasion in bucket `c + k` / the cohort's size.
    #[default]
    Customers,
    /// Revenue in bucket `c + k` / revenue in bucket `c`.
    Revenue,
}

/// Cells are labelled with their number when there are at most this many columns.
const LABELLED_COLUMNS: usize = 16;

/// The cohort and offset `k` of data item `index` (cells are listed row by row, every `k` of a
/// row, in the order of `cohorts`).
pub fn cohort_cell(cohorts: &[CohortRow], index: usize) -> Option<(String, usize)> {
    let mut start = 0;
    for row in cohorts {
        let width = row.retention.len();
        if index < start + width {
            return Some((row.cohort.clone(), index - start));
        }
        start += width;
    }
    None
}

/// The retention heatmap of the report's `cohorts`.
pub fn cohort_chart(cohorts: &[CohortRow], grain: CohortGrain, mode: CohortMode) -> Chart {
    let columns = cohorts.iter().map(|c| c.retention.len()).max().unwrap_or(0);
    let ks: Vec<String> = (0..columns).map(|k| k.to_string()).collect();
    let rows: Vec<String> = cohorts
        .iter()
        .map(|c| format!("{} · {}", c.cohort, c.size))
        .collect();
    let mut cells: Vec<DataFrame> = Vec::new();
    for (r, row) in cohorts.iter().enumerate() {
        for k in 0..row.retention.len() {
            let value = match mode {
                CohortMode::Customers => Some(percent(row.retention[k])),
                CohortMode::Revenue => row.revenue_retention.get(k).copied().flatten().map(percent),
            };
            cells.push(vec![
                CompositeValue::from(k as i64).into(),
                CompositeValue::from(r as i64).into(),
                value_or_gap(value).into(),
            ]);
        }
    }
    let (x_name, series_name) = axis_names(grain, mode);

    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(32)
                .bottom(72)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .name(x_name)
                .name_location(NameLocation::Middle)
                .name_gap(26)
                .split_area(SplitArea::new().show(true))
                .data(ks),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(rows),
        )
        .visual_map(
            VisualMap::new()
                .min(0)
                .max(100)
                .calculable(true)
                .orient(Orient::Horizontal)
                .left("center")
                .bottom(0)
                .item_height(120)
                .item_width(12)
                .in_range(VisualMapChannel::new().color(palette::HEAT.to_vec())),
        )
        .series(
            Heatmap::new()
                .name(series_name)
                .label(Label::new().show(columns <= LABELLED_COLUMNS).font_size(10))
                .emphasis(Emphasis::new().item_style(ItemStyle::new().border_width(1)))
                .data(cells),
        );
    if cohorts.is_empty() {
        chart.title(empty_title(tr(
            "No first purchases in this period",
            "本期没有首次购买的客户",
        )))
    } else {
        chart
    }
}

/// The column axis name and the series name of a grain and mode.
fn axis_names(grain: CohortGrain, mode: CohortMode) -> (&'static str, &'static str) {
    let x = match grain {
        CohortGrain::Month => tr("Months since first purchase", "首购后月数"),
        CohortGrain::Week => tr("Weeks since first purchase", "首购后周数"),
        CohortGrain::Quarter => tr("Quarters since first purchase", "首购后季度数"),
    };
    let series = match mode {
        CohortMode::Customers => tr("Customers retained (%)", "客户留存率（%）"),
        CohortMode::Revenue => tr("Revenue retained (%)", "收入留存率（%）"),
    };
    (x, series)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::common::{demo_report, to_json};
    use serde_json::json;

    fn row(cohort: &str, retention: &[f64], revenue: &[Option<f64>]) -> CohortRow {
        CohortRow {
            cohort: cohort.to_owned(),
            start: format!("{cohort}-01"),
            size: 10,
            retention: retention.to_vec(),
            revenue_retention: revenue.to_vec(),
            active: Vec::new(),
            revenue: Vec::new(),
        }
    }

    fn rows() -> Vec<CohortRow> {
        vec![
            row("2024-01", &[1.0, 0.5, 0.25], &[Some(1.0), Some(1.5), None]),
            row("2024-02", &[1.0, 0.333_33], &[None, None]),
        ]
    }

    #[test]
    fn customer_retention_cells_row_by_row() {
        let json = to_json(&cohort_chart(
            &rows(),
            CohortGrain::Month,
            CohortMode::Customers,
        ));
        assert_eq!(json["xAxis"]["data"], json!(["0", "1", "2"]));
        assert_eq!(
            json["yAxis"]["data"],
            json!(["2024-01 · 10", "2024-02 · 10"])
        );
        assert_eq!(
            json["series"][0]["data"],
            json!([
                [0, 0, 100.0],
                [1, 0, 50.0],
                [2, 0, 25.0],
                [0, 1, 100.0],
                [1, 1, 33.3]
            ])
        );
        assert_eq!(json["xAxis"]["name"], "Months since first purchase");
    }

    #[test]
    fn revenue_retention_has_gaps_where_the_base_is_zero() {
        let json = to_json(&cohort_chart(
            &rows(),
            CohortGrain::Week,
            CohortMode::Revenue,
        ));
        assert_eq!(
            json["series"][0]["data"],
            json!([
                [0, 0, 100.0],
                [1, 0, 150.0],
                [2, 0, "-"],
                [0, 1, "-"],
                [1, 1, "-"]
            ])
        );
        assert_eq!(json["xAxis"]["name"], "Weeks since first purchase");
    }

    #[test]
    fn a_data_index_names_its_cohort_and_offset() {
        let rows = rows();
        assert_eq!(cohort_cell(&rows, 0), Some(("2024-01".to_owned(), 0)));
        assert_eq!(cohort_cell(&rows, 2), Some(("2024-01".to_owned(), 2)));
        assert_eq!(cohort_cell(&rows, 4), Some(("2024-02".to_owned(), 1)));
        assert_eq!(cohort_cell(&rows, 5), None);
    }

    #[test]
    fn no_cohort_says_so() {
        let json = to_json(&cohort_chart(
            &[],
            CohortGrain::Quarter,
            CohortMode::Customers,
        ));
        assert_eq!(
            json["title"][0]["text"],
            "No first purchases in this period"
        );
    }

    #[test]
    fn the_demo_heatmap_has_a_cell_per_cohort_and_offset() {
        let report = demo_report();
        let json = to_json(&cohort_chart(
            &report.cohorts,
            CohortGrain::Month,
            CohortMode::Customers,
        ));
        let cells: usize = report.cohorts.iter().map(|c| c.retention.len()).sum();
        assert!(cells > 0);
        assert_eq!(
            json["series"][0]["data"].as_array().map(Vec::len),
            Some(cells)
        );
        let last = cells - 1;
        let (cohort, k) = cohort_cell(&report.cohorts, last).unwrap();
        assert_eq!(cohort, report.cohorts.last().unwrap().cohort);
        assert_eq!(k, report.cohorts.last().unwrap().retention.len() - 1);
    }
}
