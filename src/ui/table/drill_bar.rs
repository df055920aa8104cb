//! `<DrillBar/>`: buttons that open the rows behind the deal tiles, and the drill-down panel
//! that every pick opens.

use engine::api::DrillTarget;
use leptos::prelude::*;

use super::{segment_of, target_of, DrillPanel};
use crate::i18n::tr;
use crate::state::{AppState, Pick};
use crate::ui::filters;

/// "Show the rows" buttons next to the tiles (`data-testid="drill-won"`, `drill-lost`,
/// `drill-stalled`, `drill-deals`, `drill-customers`) and the `<DrillPanel/>` they open. A click
/// on a chart element (`AppState::picked`) opens the panel too, unless it is a segment value
/// (channel, owner, tier) and the "filter instead" switch (`data-testid="pick-filters"`) is on:
/// then it is added to the filters.
#[component]
pub fn DrillBar() -> impl IntoView {
    let state = AppState::expect();
    let target: RwSignal<Option<DrillTarget>> = RwSignal::new(None);
    let filter_instead = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(pick) = state.picked.get() else {
            return;
        };
        let to = target_of(&pick);
        match segment_of(&to).filter(|_| filter_instead.get_untracked()) {
            Some((field, value)) => {
                state
                    .query
                    .update(|q| filters::add(&mut q.filters, field, &value));
                state.picked.set(None);
            }
            None => target.set(Some(to)),
        }
    });
    let open = move |to: DrillTarget| {
        state.picked.set(None);
        target.set(Some(to));
    };
    let buttons = move || {
        let deal_tiles = [
            ("drill-won", tr("Won deals", "赢单"), Pick::Won),
            ("drill-lost", tr("Lost deals", "输单"), Pick::Lost),
            (
                "drill-stalled",
                tr("Stalled deals", "停滞商机"),
                Pick::Stalled,
            ),
        ]
        .map(|(testid, text, pick)| {
            view! {
                <button type="button" class="drill-button" data-testid=testid
                    on:click=move |_| state.pick(pick.clone())>
                    {text}
                </button>
            }
        });
        let lists = [
            (
                "drill-deals",
                tr("All deals", "全部商机"),
                DrillTarget::AllDeals,
            ),
            (
                "drill-customers",
                tr("All customers", "全部客户"),
                DrillTarget::AllCustomers,
            ),
        ]
        .map(|(testid, text, to)| {
            view! {
                <button type="button" class="drill-button" data-testid=testid
                    on:click=move |_| open(to.clone())>
                    {text}
                </button>
            }
        });
        (deal_tiles, lists)
    };

    view! {
        <nav class="drill-bar" aria-label=move || tr("Rows behind the figures", "数据明细")>
            <span class="drill-bar-label">{move || tr("Show the rows:", "查看明细：")}</span>
            {buttons}
            <label class="drill-toggle">
                <input
                    type="checkbox"
                    data-testid="pick-filters"
                    prop:checked=move || filter_instead.get()
                    on:change=move |ev| filter_instead.set(event_target_checked(&ev))
                />
                {move || {
                    tr(
                        "Clicking a channel, owner or tier filters the dashboard",
                        "点击渠道、负责人或分层时筛选仪表盘",
                    )
                }}
            </label>
        </nav>
        <DrillPanel target=target />
    }
}
