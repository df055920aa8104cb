//! "NPS split": promoters, passives and detractors of the period as a donut.

use charming::component::Legend;
use charming::datatype::DataPointItem;
use charming::element::{ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Pie;
use charming::Chart;
use engine::metrics::nps::NpsReport;

use super::common::empty_title;
use super::palette;
use crate::i18n::tr;

/// The categories in slice order, by the names the drill-down takes.
pub const CATEGORIES: [&str; 3] = ["promoter", "passive", "detractor"];

/// The donut of the report's `nps_breakdown`.
pub fn nps_split_chart(nps: &NpsReport) -> Chart {
    let t = &nps.tally;
    let slices = [
        (
            tr("Promoters (9–10)", "推荐者（9–10）"),
            t.promoters,
            palette::GOOD,
        ),
        (
            tr("Passives (7–8)", "中立者（7–8）"),
            t.passives,
            palette::NEUTRAL,
        ),
        (
            tr("Detractors (0–6)", "贬损者（0–6）"),
            t.detractors,
            palette::BAD,
        ),
    ];
    let data: Vec<DataPointItem> = slices
        .iter()
        .map(|&(name, count, colour)| {
            DataPointItem::new(count as f64)
                .name(name)
                .item_style(ItemStyle::new().color(colour))
        })
        .collect();
    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().bottom(0))
        .series(
            Pie::new()
                .name(tr("Responses", "答卷"))
                .radius(vec!["45%", "70%"])
                .center(vec!["50%", "45%"])
                .label(
                    Label::new()
                        .show(true)
                        .position(LabelPosition::Inside)
                        .color("#ffffff")
                        .font_size(11)
                        .formatter("{d}%"),
                )
                .data(data),
        );
    if t.responses == 0 {
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
    use serde_json::json;

    #[test]
    fn three_slices_in_category_order() {
        let report = demo_report();
        let nps = report.nps_breakdown.as_ref().expect("the demo has surveys");
        let json = to_json(&nps_split_chart(nps));
        let data = json["series"][0]["data"].as_array().unwrap();
        let values: Vec<f64> = data.iter().map(|d| d["value"].as_f64().unwrap()).collect();
        assert_eq!(
            values,
            [
                nps.tally.promoters as f64,
                nps.tally.passives as f64,
                nps.tally.detractors as f64
            ]
        );
        assert_eq!(data[0]["name"], "Promoters (9–10)");
        assert_eq!(data[2]["itemStyle"]["color"], palette::BAD);
        assert_eq!(json["series"][0]["radius"], json!(["45%", "70%"]));
        assert!(json.get("title").is_none());
    }
}
