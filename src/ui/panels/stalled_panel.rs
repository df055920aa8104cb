//! `<StalledPanel/>`: the open deals idle for more than S days, longest idle first.

use leptos::prelude::*;

use super::{fmt, Input, MissingInput, Panel};
use crate::i18n::tr;
use crate::state::{AppState, Pick};

/// The stalled-deals panel: the count, the amount and the list.
#[component]
pub fn StalledPanel() -> impl IntoView {
    let state = AppState::expect();
    let has_deals = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref().map(|r| r.pipeline.is_some()))
    });
    let figure = move || {
        state.report.with(|r| {
            let p = r.as_ref()?.pipeline.as_ref()?;
            Some(view! {
                <p class="panel-figure">
                    <span class="big-number" data-testid="stalled-count">
                        {fmt::count(p.stalled_deals)}
                    </span>
                    {format!(
                        " {} · {} · {} {}",
                        tr("stalled deals", "个停滞商机"),
                        fmt::money(p.stalled_amount),
                        tr("idle for more than", "超过"),
                        fmt::days(Some(f64::from(p.stalled_days))),
                    )}
                </p>
            })
        })
    };
    let rows = move || {
        state.report.with(|r| {
            let report = r.as_ref()?;
            let listed = report.stalled_list.len();
            let total = report.pipeline.as_ref().map_or(0, |p| p.stalled_deals);
            if listed == 0 {
                return Some(
                    view! {
                        <p class="panel-empty">
                            {move || tr("No stalled deals.", "没有停滞商机。")}
                        </p>
                    }
                    .into_any(),
                );
            }
            let body = report
                .stalled_list
                .iter()
                .map(|d| {
                    let customer = d
                        .customer
                        .clone()
                        .or_else(|| d.customer_id.clone())
                        .unwrap_or_default();
                    view! {
                        <tr>
                            <th scope="row" class="id">{d.deal_id.clone()}</th>
                            <td>{customer}</td>
                            <td>{d.owner.clone().unwrap_or_default()}</td>
                            <td>{d.stage.clone().unwrap_or_default()}</td>
                            <td class="num">{fmt::money(d.amount)}</td>
                            <td class="num">{fmt::count(d.days_idle.max(0) as u64)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let more = (total as usize > listed).then(|| {
                format!(
                    "{} {} {}",
                    tr("The first", "仅列出前"),
                    fmt::count(listed as u64),
                    tr("are listed.", "个。"),
                )
            });
            Some(
                view! {
                    <div class="table-scroll">
                        <table class="data-table" data-testid="stalled-list">
                            <thead>
                                <tr>
                                    <th scope="col">{move || tr("Deal", "商机")}</th>
                                    <th scope="col">{move || tr("Customer", "客户")}</th>
                                    <th scope="col">{move || tr("Owner", "负责人")}</th>
                                    <th scope="col">{move || tr("Stage", "阶段")}</th>
                                    <th scope="col" class="num">{move || tr("Amount", "金额")}</th>
                                    <th scope="col" class="num">
                                        {move || tr("Days idle", "停滞天数")}
                                    </th>
                                </tr>
                            </thead>
                            <tbody>{body}</tbody>
                        </table>
                    </div>
                    <p class="panel-note">
                        {more}
                        " "
                        <button
                            type="button"
                            class="link"
                            on:click=move |_| state.pick(Pick::Stalled)
                        >
                            {move || tr("Open all stalled deals", "查看全部停滞商机")}
                        </button>
                    </p>
                }
                .into_any(),
            )
        })
    };
    view! {
        <Panel name="stalled" title=("Stalled deals", "停滞商机")>
            <Show
                when=move || has_deals.get() != Some(false)
                fallback=|| view! { <MissingInput input=Input::Deals /> }
            >
                {figure}
                {rows}
            </Show>
        </Panel>
    }
}

#[cfg(test)]
mod tests {
    use engine::api::{Engine, Query, Request, Response};
    use engine::report::TOP_STALLED;

    #[test]
    fn the_report_lists_the_longest_idle_stalled_deals_with_their_fields() {
        let mut engine = Engine::new();
        engine.handle(Request::LoadDemo);
        let Response::Dashboard(report) = engine.handle(Request::Query(Query::default())) else {
            panic!("a query answers with a dashboard");
        };
        let pipeline = report.pipeline.as_ref().expect("the demo has deals");
        let list = &report.stalled_list;
        assert_eq!(
            list.len(),
            (pipeline.stalled_deals as usize).min(TOP_STALLED)
        );
        for (row, stalled) in list.iter().zip(&pipeline.stalled) {
            assert_eq!(row.days_idle, stalled.days_idle);
            assert!(row.days_idle > pipeline.stalled_days);
            assert!(!row.deal_id.is_empty());
            assert!(row.stage.is_some());
        }
        assert!(list.windows(2).all(|w| w[0].days_idle >= w[1].days_idle));
        assert!(list
            .iter()
            .any(|r| r.customer.is_some() && r.owner.is_some()));
    }
}
