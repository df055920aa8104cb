//! `<PanelGrid/>`: every panel of the dashboard, in reading order, in a responsive grid
//! (style/panels.css): two columns on a laptop, one on a narrow window, wide panels across.

use leptos::prelude::*;

use super::{
    AbcPanel, ChannelsPanel, CohortsPanel, FunnelPanel, LifecyclePanel, LostReasonsPanel, NpsPanel,
    OwnersPanel, PipelinePanel, StalledPanel, TrendPanel, WarningsPanel,
};

/// The dashboard's panels.
#[component]
pub fn PanelGrid() -> impl IntoView {
    view! {
        <div class="panel-grid" data-testid="panels">
            <TrendPanel />
            <FunnelPanel />
            <LostReasonsPanel />
            <PipelinePanel />
            <StalledPanel />
            <CohortsPanel />
            <AbcPanel />
            <NpsPanel />
            <LifecyclePanel />
            <WarningsPanel />
            <ChannelsPanel />
            <OwnersPanel />
        </div>
    }
}
