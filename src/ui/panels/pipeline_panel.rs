//! `<PipelinePanel/>`: the open pipeline by stage, amount and number of deals.

use leptos::prelude::*;

use super::{fmt, Input, MissingInput, Panel};
use crate::charts::{pipeline_chart, ChartClick, EChart};
use crate::i18n::tr;
use crate::state::{AppState, Pick};

/// The pipeline panel.
#[component]
pub fn PipelinePanel() -> impl IntoView {
    let state = AppState::expect();
    let has_deals = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref().map(|r| r.pipeline.is_some()))
    });
    let chart = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref()?.pipeline.as_ref().map(pipeline_chart))
    });
    let on_click = Callback::new(move |click: ChartClick| {
        let stage = state.report.with_untracked(|r| {
            r.as_ref()?
                .pipeline
                .as_ref()?
                .by_stage
                .get(click.data_index)
                .map(|s| s.stage.clone())
        });
        if let Some(stage) = stage {
            state.pick(Pick::PipelineStage(stage));
        }
    });
    let figure = move || {
        state.report.with(|r| {
            let p = r.as_ref()?.pipeline.as_ref()?;
            Some(format!(
                "{} {} · {}",
                fmt::count(p.open_deals),
                tr("open deals", "个在途商机"),
                fmt::money(p.pipeline_value)
            ))
        })
    };
    view! {
        <Panel name="pipeline" title=("Pipeline by stage", "各阶段在途商机")>
            <Show
                when=move || has_deals.get() != Some(false)
                fallback=|| view! { <MissingInput input=Input::Deals /> }
            >
                <p class="panel-figure">{figure}</p>
                <EChart
                    id="chart-pipeline"
                    kind="pipeline"
                    label="Pipeline by stage"
                    chart=chart
                    on_click=on_click
                />
            </Show>
        </Panel>
    }
}
