//! How the panels show the report's figures: choices that change no figure, so the engine is
//! not asked again, but that a shared link must reopen (`state::url` writes them beside the
//! query).

/// Which funnel the funnel panel draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FunnelView {
    /// Deals by the furthest stage they reached.
    #[default]
    Reached,
    /// Deals by the stage they are in now (a snapshot).
    Current,
}

impl FunnelView {
    /// The value in the URL.
    pub fn key(self) -> &'static str {
        match self {
            FunnelView::Reached => "reached",
            FunnelView::Current => "current",
        }
    }

    /// The view a URL value names, `None` for one it does not know.
    pub fn from_key(key: &str) -> Option<FunnelView> {
        match key.trim() {
            "reached" => Some(FunnelView::Reached),
            "current" => Some(FunnelView::Current),
            _ => None,
        }
    }
}

/// The choices of every panel; `Default` is what a plain link shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PanelViews {
    pub funnel: FunnelView,
}
