//! `<PeriodPicker/>`: the dashboard's period, as a preset or custom dates.

use engine::api::Preset;
use engine::model::day;
use leptos::prelude::*;

use crate::i18n::tr;
use crate::state::AppState;

/// The `<option>` value of a preset.
fn key(preset: &Preset) -> &'static str {
    match preset {
        Preset::ThisMonth => "this_month",
        Preset::ThisQuarter => "this_quarter",
        Preset::ThisYear => "this_year",
        Preset::Last12Months => "last_12_months",
        Preset::AllTime => "all_time",
        Preset::Custom { .. } => "custom",
    }
}

/// The preset of an `<option>` value; `custom` starts from the period now shown (`from`, `to`
/// ISO), so choosing it changes nothing until a date is edited.
fn preset(key: &str, from: Option<&str>, to: Option<&str>) -> Option<Preset> {
    Some(match key {
        "this_month" => Preset::ThisMonth,
        "this_quarter" => Preset::ThisQuarter,
        "this_year" => Preset::ThisYear,
        "last_12_months" => Preset::Last12Months,
        "all_time" => Preset::AllTime,
        "custom" => Preset::Custom {
            from: from.and_then(day::parse_iso),
            to: to.and_then(day::parse_iso),
        },
        _ => return None,
    })
}

/// The period select (`data-testid="filter-period"`) and, for a custom period, the from and to
/// dates (`filter-from`, `filter-to`). Bound to `AppState::query`.
#[component]
pub fn PeriodPicker() -> impl IntoView {
    let state = AppState::expect();
    let current = Memo::new(move |_| state.query.with(|q| q.period));
    // The period the engine resolved: the dates a custom period starts from.
    let shown = Memo::new(move |_| {
        state.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.period.as_ref())
                .map(|p| (p.from.clone(), p.to.clone()))
        })
    });
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let (from, to) = shown.get_untracked().unzip();
        if let Some(p) = preset(&value, from.as_deref(), to.as_deref()) {
            state.query.update(|q| q.period = p);
        }
    };
    // A custom bound edited: the other bound stays as shown.
    let set_bound = move |is_from: bool, text: String| {
        let Some(d) = day::parse_iso(&text) else {
            return;
        };
        let (shown_from, shown_to) = shown.get_untracked().unzip();
        let (mut from, mut to) = match current.get_untracked() {
            Preset::Custom { from, to } => (from, to),
            _ => (None, None),
        };
        from = from.or_else(|| shown_from.as_deref().and_then(day::parse_iso));
        to = to.or_else(|| shown_to.as_deref().and_then(day::parse_iso));
        if is_from {
            from = Some(d);
        } else {
            to = Some(d);
        }
        state
            .query
            .update(|q| q.period = Preset::Custom { from, to });
    };
    let bound = move |is_from: bool| {
        move || {
            let (from, to) = shown.get().unzip();
            if is_from { from } else { to }.unwrap_or_default()
        }
    };
    let options = move || {
        [
            ("this_month", tr("This month", "本月")),
            ("this_quarter", tr("This quarter", "本季度")),
            ("this_year", tr("This year", "今年")),
            ("last_12_months", tr("Last 12 months", "最近 12 个月")),
            ("all_time", tr("All time", "全部时间")),
            ("custom", tr("Custom dates…", "自定义日期…")),
        ]
        .into_iter()
        .map(|(value, text)| {
            view! {
                <option value=value selected=move || key(&current.get()) == value>
                    {text}
                </option>
            }
        })
        .collect_view()
    };

    view! {
        <div class="period-picker">
            <label class="filter-field">
                <span class="filter-label">{move || tr("Period", "期间")}</span>
                <select
                    data-testid="filter-period"
                    prop:value=move || key(&current.get())
                    on:change=choose
                >
                    {options}
                </select>
            </label>
            <Show when=move || matches!(current.get(), Preset::Custom { .. })>
                <label class="filter-field">
                    <span class="filter-label">{move || tr("From", "从")}</span>
                    <input
                        type="date"
                        data-testid="filter-from"
                        prop:value=bound(true)
                        on:change=move |ev| set_bound(true, event_target_value(&ev))
                    />
                </label>
                <label class="filter-field">
                    <span class="filter-label">{move || tr("To", "至")}</span>
                    <input
                        type="date"
                        data-testid="filter-to"
                        prop:value=bound(false)
                        on:change=move |ev| set_bound(false, event_target_value(&ev))
                    />
                </label>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_round_trips_through_its_key() {
        for p in [
            Preset::ThisMonth,
            Preset::ThisQuarter,
            Preset::ThisYear,
            Preset::Last12Months,
            Preset::AllTime,
        ] {
            assert_eq!(preset(key(&p), None, None), Some(p));
        }
        let custom = preset("custom", Some("2024-01-01"), Some("2024-03-31")).unwrap();
        assert_eq!(
            custom,
            Preset::Custom {
                from: day::parse_iso("2024-01-01"),
                to: day::parse_iso("2024-03-31"),
            }
        );
        assert_eq!(key(&custom), "custom");
        assert_eq!(preset("nonsense", None, None), None);
    }
}
