//! `<PanelGrid/>`: every panel of the dashboard, in reading order, in a responsive grid
//! (style/panels.css): two columns on a laptop, one on a narrow window, wide panels across.

use leptos::prelude::*;

use super::{
    AbcPanel, ChannelsPanel, CohortsPanel, FunnelPanel, LifecyclePanel, LostReasonsPanel, NpsPanel,
    OwnersPanel, PipelinePanel, Staged, StalledPanel, TrendPanel, WarningsPanel,
};

/// The dashboard's panels, each taking a new report in a task of its own (`Staged`).
#[component]
pub fn PanelGrid() -> impl IntoView {
    view! {
        <div class="panel-grid" data-testid="panels">
            <Staged><TrendPanel /></Staged>
            <Staged><FunnelPanel /></Staged>
            <Staged><LostReasonsPanel /></Staged>
            <Staged><PipelinePanel /></Staged>
            <Staged><StalledPanel /></Staged>
            <Staged><CohortsPanel /></Staged>
            <Staged><AbcPanel /></Staged>
            <Staged><NpsPanel /></Staged>
            <Staged><LifecyclePanel /></Staged>
            <Staged><WarningsPanel /></Staged>
            <Staged><ChannelsPanel /></Staged>
            <Staged><OwnersPanel /></Staged>
        </div>
    }
}
