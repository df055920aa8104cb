//! What a person clicked on the dashboard: a chart element, a table row or a tile. Panels turn a
//! click into a [`Pick`] and hand it to [`AppState::pick`](super::AppState::pick); the
//! drill-down and the cross-filter read [`AppState::picked`](super::AppState::picked).

/// One clickable element of the dashboard, named by the report's own labels (file text, as the
/// report spells it).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Pick {
    /// A funnel step (reached-stage view), by its label.
    FunnelStage { stage: String },
    /// A lost reason as the report lists it ("Unspecified" for none).
    LostReason(String),
    /// An open stage of the pipeline (or of the funnel's current-stage view).
    PipelineStage(String),
    /// A cohort by its label (`2024-03`, `2024-W05`, `2024-Q1`) and the bucket offset `k`.
    CohortCell { cohort: String, k: usize },
    /// `A`, `B` or `C`.
    Tier(String),
    /// `promoter`, `passive` or `detractor`.
    NpsCategory(String),
    /// `new`, `active`, `dormant`, `churned` or `prospects`.
    Lifecycle(String),
    /// A channel; `None` for the rows without one.
    Channel(Option<String>),
    /// An owner; `None` for the deals without one.
    Owner(Option<String>),
    /// The stalled open deals.
    Stalled,
    /// The won deals closed in the period.
    Won,
    /// The lost deals closed in the period.
    Lost,
}
