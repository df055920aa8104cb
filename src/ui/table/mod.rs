//! Drill-down: the rows behind a clicked chart element or tile, in a virtualised table that
//! asks the engine for the visible rows only (`STYLE.md` habit 9).

mod drill_bar;
mod drill_panel;
mod drill_table;

pub use drill_bar::DrillBar;
pub use drill_panel::DrillPanel;
pub use drill_table::DrillTable;

use engine::api::DrillTarget;

use crate::i18n::tr;
use crate::state::Pick;
use crate::ui::filters::Field;

/// The engine's drill-down target of a click.
pub fn target_of(pick: &Pick) -> DrillTarget {
    match pick.clone() {
        Pick::FunnelStage { stage } => DrillTarget::FunnelStage { stage },
        Pick::LostReason(reason) => DrillTarget::LostReason(reason),
        Pick::PipelineStage(stage) => DrillTarget::PipelineStage(stage),
        Pick::CohortCell { cohort, k } => DrillTarget::CohortCell { cohort, k },
        Pick::Tier(tier) => DrillTarget::Tier(tier),
        Pick::NpsCategory(category) => DrillTarget::NpsCategory(category),
        Pick::Lifecycle(state) => DrillTarget::Lifecycle(state),
        Pick::Channel(channel) => DrillTarget::Channel(channel),
        Pick::Owner(owner) => DrillTarget::Owner(owner),
        Pick::Stalled => DrillTarget::Stalled,
        Pick::Won => DrillTarget::Won,
        Pick::Lost => DrillTarget::Lost,
    }
}

/// The segment filter a target is a value of, if any: those clicks can filter the dashboard
/// instead of drilling down.
pub fn segment_of(target: &DrillTarget) -> Option<(Field, String)> {
    match target {
        DrillTarget::Channel(Some(channel)) => Some((Field::Channel, channel.clone())),
        DrillTarget::Owner(Some(owner)) => Some((Field::Owner, owner.clone())),
        DrillTarget::Tier(tier) => Some((Field::Tier, tier.clone())),
        _ => None,
    }
}

/// What the drill-down shows, in the current language (reactive).
pub fn title(target: &DrillTarget) -> String {
    let none = || tr("(none)", "（无）").to_string();
    match target {
        DrillTarget::FunnelStage { stage } => {
            format!("{}: {stage}", tr("Deals that reached", "到达该阶段的商机"))
        }
        DrillTarget::LostReason(reason) => {
            format!("{}: {reason}", tr("Lost deals by reason", "按原因的输单"))
        }
        DrillTarget::PipelineStage(stage) => {
            format!(
                "{}: {stage}",
                tr("Open deals in stage", "该阶段的进行中商机")
            )
        }
        DrillTarget::CohortCell { cohort, k } => format!(
            "{} {cohort}, +{k}: {}",
            tr("Cohort", "同期群"),
            tr("customers who bought", "有购买的客户")
        ),
        DrillTarget::Tier(tier) => format!("{} {tier}", tr("Customers of tier", "客户分层")),
        DrillTarget::NpsCategory(category) => {
            format!("{}: {category}", tr("Survey responses", "调研回复"))
        }
        DrillTarget::Lifecycle(state) => format!("{}: {state}", tr("Customers", "客户")),
        DrillTarget::Channel(channel) => format!(
            "{}: {}",
            tr("Deals of channel", "渠道的商机"),
            channel.clone().unwrap_or_else(none)
        ),
        DrillTarget::Owner(owner) => format!(
            "{}: {}",
            tr("Deals of owner", "负责人的商机"),
            owner.clone().unwrap_or_else(none)
        ),
        DrillTarget::Stalled => tr("Stalled deals", "停滞商机").to_string(),
        DrillTarget::Won => tr("Won deals", "赢单").to_string(),
        DrillTarget::Lost => tr("Lost deals", "输单").to_string(),
        DrillTarget::AllDeals => tr("Deals created in the period", "期间内新建的商机").to_string(),
        DrillTarget::AllCustomers => tr("Customers", "客户").to_string(),
    }
}

/// A short name for the CSV file: `won`, `funnel-stage`, …
pub fn file_stem(target: &DrillTarget) -> &'static str {
    match target {
        DrillTarget::FunnelStage { .. } => "funnel-stage",
        DrillTarget::LostReason(_) => "lost-reason",
        DrillTarget::PipelineStage(_) => "pipeline-stage",
        DrillTarget::CohortCell { .. } => "cohort",
        DrillTarget::Tier(_) => "tier",
        DrillTarget::NpsCategory(_) => "nps",
        DrillTarget::Lifecycle(_) => "lifecycle",
        DrillTarget::Channel(_) => "channel",
        DrillTarget::Owner(_) => "owner",
        DrillTarget::Stalled => "stalled-deals",
        DrillTarget::Won => "won-deals",
        DrillTarget::Lost => "lost-deals",
        DrillTarget::AllDeals => "deals",
        DrillTarget::AllCustomers => "customers",
    }
}

/// A column header in the current language (reactive); the id itself when unknown.
pub fn column_label(id: &str) -> String {
    let label = match id {
        "deal_id" => tr("Deal", "商机编号"),
        "customer_id" => tr("Customer ID", "客户编号"),
        "customer_name" | "name" => tr("Customer", "客户名称"),
        "stage" => tr("Stage", "阶段"),
        "status" => tr("Status", "状态"),
        "amount" => tr("Amount", "金额"),
        "created_at" => tr("Created", "创建日期"),
        "closed_at" => tr("Closed", "关闭日期"),
        "owner" => tr("Owner", "负责人"),
        "channel" => tr("Channel", "渠道"),
        "lost_reason" => tr("Lost reason", "输单原因"),
        "last_activity_at" => tr("Last activity", "最近活动"),
        "industry" => tr("Industry", "行业"),
        "region" => tr("Region", "区域"),
        "size" => tr("Size", "规模"),
        "revenue" => tr("Revenue in period", "期间收入"),
        "occasions" => tr("Purchases in period", "期间购买次数"),
        "last_occasion" => tr("Last purchase", "最近购买"),
        "date" => tr("Date", "日期"),
        "score" => tr("Score", "评分"),
        "category" => tr("Category", "类别"),
        "csat" => tr("CSAT", "满意度"),
        _ => return id.to_string(),
    };
    label.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_picks_can_filter_instead() {
        let channel = target_of(&Pick::Channel(Some("Web".into())));
        assert_eq!(segment_of(&channel), Some((Field::Channel, "Web".into())));
        assert_eq!(segment_of(&target_of(&Pick::Channel(None))), None);
        assert_eq!(
            segment_of(&target_of(&Pick::Tier("A".into()))),
            Some((Field::Tier, "A".into()))
        );
        assert_eq!(segment_of(&target_of(&Pick::Won)), None);
    }

    #[test]
    fn every_column_has_a_label() {
        for id in [
            "deal_id",
            "customer_id",
            "customer_name",
            "stage",
            "status",
            "amount",
            "created_at",
            "closed_at",
            "owner",
            "channel",
            "lost_reason",
            "last_activity_at",
            "name",
            "industry",
            "region",
            "size",
            "revenue",
            "occasions",
            "last_occasion",
            "date",
            "score",
            "category",
            "csat",
        ] {
            assert_ne!(column_label(id), id, "{id} has a label");
        }
    }
}
