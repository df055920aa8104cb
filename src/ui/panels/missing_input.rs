//! `<MissingInput/>`: what a panel says instead of zeros when the file it needs is not loaded.

use leptos::prelude::*;

use crate::i18n::tr;

/// The file a panel needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// A deals file.
    Deals,
    /// Won deals or an orders file (purchases).
    Purchases,
    /// Survey responses, or an `nps` column on customers.
    Surveys,
    /// A marketing spend file.
    Spend,
}

impl Input {
    fn key(self) -> &'static str {
        match self {
            Input::Deals => "deals",
            Input::Purchases => "purchases",
            Input::Surveys => "surveys",
            Input::Spend => "spend",
        }
    }

    /// Which file fills the panel, in words.
    pub fn message(self) -> &'static str {
        match self {
            Input::Deals => tr(
                "Load a deals file (deal_id, stage, created_at, amount, status…) to see this.",
                "导入商机文件（deal_id、stage、created_at、amount、status……）后显示。",
            ),
            Input::Purchases => tr(
                "Load a deals file with won deals, or an orders file (customer_id, date, amount), to see this.",
                "导入含赢单的商机文件，或订单文件（customer_id、date、amount）后显示。",
            ),
            Input::Surveys => tr(
                "Load a survey responses file (customer_id, date, score 0–10), or customers with an nps column, to see NPS.",
                "导入调查答卷文件（customer_id、date、score 0–10），或含 nps 列的客户文件后显示 NPS。",
            ),
            Input::Spend => tr(
                "Load a marketing spend file (channel, month, spend) to see CAC and ROI per channel.",
                "导入营销投入文件（channel、month、spend）后显示各渠道的 CAC 与 ROI。",
            ),
        }
    }
}

/// The note shown in place of a panel's content when its input file is absent.
#[component]
pub fn MissingInput(
    /// The file that would fill the panel.
    input: Input,
) -> impl IntoView {
    view! {
        <p class="missing-input" data-missing=input.key()>
            {move || input.message()}
        </p>
    }
}
