//! `<FilterBar/>`: the period and the segment filters above the dashboard.

use leptos::prelude::*;

use super::{Field, FilterChips, PeriodPicker, SegmentSelect};
use crate::i18n::tr;

/// The global filter: the period picker, one select per segment field and the chips of the
/// values in force.
#[component]
pub fn FilterBar() -> impl IntoView {
    view! {
        <section class="filter-bar" aria-label=move || tr("Filters", "筛选")>
            <div class="filter-row">
                <PeriodPicker />
                {Field::ALL.map(|field| view! { <SegmentSelect field=field /> }).collect_view()}
            </div>
            <FilterChips />
        </section>
    }
}
