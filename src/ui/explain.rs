//! `<Explain/>`: the info button of every tile and panel. It opens a popover with the metric's
//! definition from `METRICS.md` and the report's numbers behind it ("win rate = 344 won / 1,164
//! closed").

use engine::report::Report;
use leptos::prelude::*;

use super::panels::fmt;
use crate::i18n::tr;
use crate::state::AppState;

/// What a popover says: the definition, then the numbers of the current report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Explanation {
    pub definition: &'static str,
    pub numbers: Vec<String>,
}

/// The name of a topic, for the button's accessible name.
pub fn topic_title(topic: &str) -> &'static str {
    match topic {
        "revenue" => tr("Revenue", "收入"),
        "won_deals" => tr("Won deals", "赢单数"),
        "win_rate" => tr("Win rate", "赢单率"),
        "avg_deal_size" => tr("Average deal size", "平均客单价"),
        "sales_cycle_median" => tr("Median sales cycle", "销售周期中位数"),
        "pipeline_value" => tr("Open pipeline", "在途商机金额"),
        "stalled_deals" | "stalled" => tr("Stalled deals", "停滞商机"),
        "nps" => tr("NPS", "净推荐值"),
        "active_customers" => tr("Active customers", "活跃客户"),
        "churn_rate" => tr("Churn rate", "流失率"),
        "repurchase_rate" => tr("Repurchase rate", "复购率"),
        "clv" => tr("Customer lifetime value", "客户终身价值"),
        "a_tier_revenue_share" => tr("A-tier share of revenue", "A 类客户收入占比"),
        "funnel" => tr("Funnel", "销售漏斗"),
        "lost-reasons" => tr("Lost reasons", "输单原因"),
        "pipeline" => tr("Pipeline by stage", "各阶段在途商机"),
        "cohorts" => tr("Cohort retention", "同期群留存"),
        "abc" => tr("ABC tiers", "ABC 分层"),
        "lifecycle" => tr("Lifecycle", "客户生命周期"),
        "warnings" => tr("Early warnings", "流失预警"),
        "channels" => tr("Channels", "渠道"),
        "owners" => tr("Owner leaderboard", "销售排行榜"),
        "trend" => tr("Revenue and deals by month", "月度收入与商机"),
        _ => tr("This figure", "该指标"),
    }
}

/// The definition of a topic (a tile id or a panel name), as `METRICS.md` words it.
pub fn definition(topic: &str) -> &'static str {
    match topic {
        "revenue" => tr(
            "Revenue = Σ amount of won deals whose closed_at is in the period; where an orders file is loaded, Σ amount of the orders dated in the period.",
            "收入 = 成交日期（closed_at）在本期内的赢单金额之和；导入了订单文件时，为本期订单金额之和。",
        ),
        "won_deals" => tr(
            "Won deals = deals with status won whose closed_at is in the period.",
            "赢单数 = 状态为赢单且成交日期在本期内的商机数。",
        ),
        "win_rate" => tr(
            "Win rate = won / (won + lost), over the deals whose closed_at is in the period.",
            "赢单率 = 赢单 / (赢单 + 输单)，统计成交日期在本期内的商机。",
        ),
        "avg_deal_size" => tr(
            "Average deal size = amount of the won deals / number of won deals, closed in the period.",
            "平均客单价 = 本期赢单金额 / 本期赢单数。",
        ),
        "sales_cycle_median" => tr(
            "Sales cycle = days from created_at to closed_at of the won deals closed in the period; the tile is the median. A deal closed before it was created is a data error and left out.",
            "销售周期 = 本期赢单从创建到成交的天数；指标为中位数。成交早于创建的商机属数据错误，不计入。",
        ),
        "pipeline_value" => tr(
            "Open pipeline = Σ amount of the open deals created on or before the period's end (a snapshot: what the export says is open now).",
            "在途商机金额 = 期末及之前创建、当前仍未结束的商机金额之和（快照：以导出时的状态为准）。",
        ),
        "stalled_deals" | "stalled" => tr(
            "Stalled deals = open deals with no activity for more than S days as of the period's end (last_activity_at, else created_at; S = 7 by default).",
            "停滞商机 = 截至期末超过 S 天没有跟进的在途商机（按 last_activity_at，缺失时按 created_at；S 默认 7 天）。",
        ),
        "nps" => tr(
            "NPS = 100 × (promoters − detractors) / responses, over the survey responses dated in the period. Promoters score 9–10, passives 7–8, detractors 0–6. No responses: no value.",
            "NPS = 100 × (推荐者 − 贬损者) / 答卷数，统计本期内的调查答卷。9–10 分为推荐者，7–8 分为中立者，0–6 分为贬损者。没有答卷时无值。",
        ),
        "active_customers" => tr(
            "Active customers = new + active customers as of the period's end: new = first purchase at most 30 days before; active = last purchase at most W / 2 = 90 days before.",
            "活跃客户 = 截至期末的新客户 + 活跃客户：新客户 = 首次购买在 30 天内；活跃 = 最近一次购买在 W / 2 = 90 天内。",
        ),
        "churn_rate" => tr(
            "Churn rate = customers of the base that are churned at the period's end / base. The base: customers with a purchase, not churned, at the period's start. Churned: no purchase for more than W = 180 days.",
            "流失率 = 基数中在期末已流失的客户 / 基数。基数：期初有购买且未流失的客户。流失：超过 W = 180 天没有购买。",
        ),
        "repurchase_rate" => tr(
            "Repurchase rate = customers with at least 2 purchase occasions / customers with at least 1, over all history up to the period's end (same customer, same day = one occasion).",
            "复购率 = 至少购买 2 次的客户 / 至少购买 1 次的客户，统计截至期末的全部历史（同一客户同一天算一次）。",
        ),
        "clv" => tr(
            "CLV = AOV × F × L − CAC over the last 365 days: AOV = revenue / purchase occasions; F = occasions / customers; L = 1 / annual churn rate, at most 10 years; CAC = spend / new customers (0 when no spend file is loaded).",
            "CLV = AOV × F × L − CAC，统计最近 365 天：AOV = 收入 / 购买次数；F = 购买次数 / 客户数；L = 1 / 年流失率，最多 10 年；CAC = 营销投入 / 新客户数（未导入投入文件时为 0）。",
        ),
        "a_tier_revenue_share" => tr(
            "A-tier share = revenue of the A-tier customers / revenue of all customers with revenue in the period. By revenue share, a customer is A while the customers ranked before it hold less than 80 % of the revenue.",
            "A 类收入占比 = A 类客户收入 / 本期有收入客户的总收入。按收入占比分层时，排在前面的客户累计不足 80% 时该客户为 A 类。",
        ),
        "funnel" => tr(
            "The deals created in the period. A deal's furthest stage is its current stage if open, Won if won, its lost stage if lost (else the first stage). reached(s) = deals whose furthest stage is at or after s; step conversion = reached(s) / reached(previous step). The current-stage view counts the same deals by the stage they are in now.",
            "本期新建的商机。商机的最远阶段：在途为当前阶段，赢单为赢单，输单为输单阶段（缺失时为第一阶段）。到达(s) = 最远阶段不早于 s 的商机数；环节转化率 = 到达(s) / 到达(上一阶段)。“当前阶段”视图按商机现在所处阶段计数。",
        ),
        "lost-reasons" => tr(
            "Lost deals whose closed_at is in the period, by lost_reason (empty: Unspecified): count and Σ amount.",
            "成交日期在本期内的输单，按输单原因（为空记为“未注明”）统计数量和金额。",
        ),
        "pipeline" => tr(
            "Open deals created on or before the period's end, count and Σ amount by stage (a snapshot of what the export says is open now).",
            "期末及之前创建的在途商机，按阶段统计数量和金额（以导出时的状态为准的快照）。",
        ),
        "cohorts" => tr(
            "A customer's cohort is the month (or week, quarter) of its first purchase. Customer retention (c, k) = customers of cohort c with a purchase in bucket c + k / the cohort's size. Revenue retention (c, k) = the cohort's revenue in bucket c + k / its revenue in bucket c.",
            "客户的批次为其首次购买所在的月（或周、季度）。客户留存 (c, k) = 批次 c 中在第 c + k 期有购买的客户 / 批次人数。收入留存 (c, k) = 批次在第 c + k 期的收入 / 其在第 c 期的收入。",
        ),
        "abc" => tr(
            "Customers with revenue in the period, ranked by revenue. By revenue share (80 / 95): A while the customers ranked before hold less than 80 % of the revenue, B below 95 %, else C. By customer rank (20 / 50): A = the top ceil(20 n / 100), B = the top ceil(50 n / 100), else C.",
            "本期有收入的客户按收入排序。按收入占比（80 / 95）：排在前面的客户累计不足 80% 时为 A，不足 95% 为 B，其余为 C。按客户排名（20 / 50）：前 ceil(20n/100) 名为 A，前 ceil(50n/100) 名为 B，其余为 C。",
        ),
        "lifecycle" => tr(
            "As of the period's end, with W = 180 days: new = first purchase at most 30 days before; active = last purchase at most 90 days before; dormant = 90 to 180 days; churned = more than 180 days; prospects = no purchase yet.",
            "截至期末，W = 180 天：新客户 = 首次购买在 30 天内；活跃 = 最近购买在 90 天内；沉睡 = 90 至 180 天；流失 = 超过 180 天；潜在客户 = 尚无购买。",
        ),
        "warnings" => tr(
            "Customers not churned with a warning signal: interval stretched (days since the last purchase > 2 × the customer's median gap, with 3 or more purchases); spend falling (revenue of the last 90 days < 50 % of the 90 days before); detractor (latest NPS score 0–6); stalled deal (owns a stalled deal). Most valuable first (revenue of the last 365 days).",
            "未流失且出现预警信号的客户：购买间隔拉长（距上次购买天数 > 2 × 该客户购买间隔中位数，至少 3 次购买）；消费下滑（最近 90 天收入 < 前 90 天的 50%）；贬损者（最近一次 NPS 为 0–6 分）；停滞商机（名下有停滞商机）。按最近 365 天收入从高到低排列。",
        ),
        "channels" => tr(
            "Per channel, in the period: deals created, won, win rate, revenue, new customers (first purchase in the period). Where spend is loaded: CAC = spend / new customers, ROI = (revenue − spend) / spend.",
            "按渠道统计本期：新建商机、赢单、赢单率、收入、新客户（首次购买在本期）。导入营销投入后：CAC = 投入 / 新客户数，ROI = (收入 − 投入) / 投入。",
        ),
        "owners" => tr(
            "Per owner, in the period: deals created, won, win rate, revenue, average deal size, median sales cycle, stalled deals.",
            "按销售负责人统计本期：新建商机、赢单、赢单率、收入、平均客单价、销售周期中位数、停滞商机。",
        ),
        "trend" => tr(
            "By month of the period: revenue (won deals closed in the month, or orders dated in it), won deals, and deals created.",
            "按月统计本期：收入（当月成交的赢单，或当月订单）、赢单数、新建商机数。",
        ),
        _ => "",
    }
}

/// The numbers behind a topic in `report`, as sentences; empty without a report or an input.
pub fn numbers(topic: &str, report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    let deals = report.deals.as_ref();
    match topic {
        "revenue" => {
            if let Some(d) = deals {
                out.push(format!(
                    "{} = {}",
                    tr("revenue", "收入"),
                    fmt::money(d.revenue)
                ));
                out.push(match d.revenue_source {
                    engine::metrics::deals::RevenueSource::Orders => {
                        tr("from the orders file", "来自订单文件").to_owned()
                    }
                    engine::metrics::deals::RevenueSource::WonDeals => format!(
                        "{} {} {}",
                        tr("from", "来自"),
                        fmt::count(d.won_deals),
                        tr("won deals", "笔赢单")
                    ),
                });
            }
        }
        "won_deals" | "win_rate" => {
            if let Some(d) = deals {
                let closed = d.won_deals + d.lost_deals;
                out.push(format!(
                    "{} = {} {} / {} {} ({} {} + {} {})",
                    tr("win rate", "赢单率"),
                    fmt::count(d.won_deals),
                    tr("won", "赢单"),
                    fmt::count(closed),
                    tr("closed", "已结束"),
                    fmt::count(d.won_deals),
                    tr("won", "赢单"),
                    fmt::count(d.lost_deals),
                    tr("lost", "输单"),
                ));
                out.push(format!("= {}", fmt::percent(d.win_rate)));
            }
        }
        "avg_deal_size" => {
            if let Some(d) = deals {
                out.push(format!(
                    "{} / {} {} = {}",
                    fmt::money(d.won_amount),
                    fmt::count(d.won_deals),
                    tr("won deals", "笔赢单"),
                    fmt::money_or_dash(d.avg_deal_size)
                ));
            }
        }
        "sales_cycle_median" => {
            if let Some(d) = deals {
                out.push(format!(
                    "{} {} · {} {} · {} {}",
                    tr("median", "中位数"),
                    fmt::days(d.sales_cycle_median),
                    tr("mean", "平均"),
                    fmt::days(d.sales_cycle_mean.map(|m| (m * 10.0).round() / 10.0)),
                    tr("90th percentile", "90 分位"),
                    fmt::days(d.sales_cycle_p90),
                ));
                out.push(format!(
                    "{} {}",
                    tr("won deals in the period:", "本期赢单："),
                    fmt::count(d.won_deals)
                ));
                if d.closed_before_created > 0 {
                    out.push(format!(
                        "{} {}",
                        fmt::count(d.closed_before_created),
                        tr(
                            "closed before they were created (left out)",
                            "笔成交早于创建（未计入）"
                        )
                    ));
                }
            }
        }
        "pipeline_value" | "pipeline" => {
            if let Some(p) = &report.pipeline {
                out.push(format!(
                    "{} {} = {}",
                    fmt::count(p.open_deals),
                    tr("open deals", "个在途商机"),
                    fmt::money(p.pipeline_value)
                ));
            }
        }
        "stalled_deals" | "stalled" => {
            if let Some(p) = &report.pipeline {
                out.push(format!(
                    "{} {} {} {} {}",
                    fmt::count(p.stalled_deals),
                    tr("stalled of", "个停滞，共"),
                    fmt::count(p.open_deals),
                    tr("open deals, amount", "个在途商机，金额"),
                    fmt::money(p.stalled_amount),
                ));
                out.push(format!(
                    "S = {}",
                    fmt::days(Some(f64::from(p.stalled_days)))
                ));
            }
        }
        "nps" => {
            if let Some(n) = &report.nps_breakdown {
                let t = &n.tally;
                out.push(format!(
                    "NPS = 100 × ({} − {}) / {} = {}",
                    fmt::count(t.promoters),
                    fmt::count(t.detractors),
                    fmt::count(t.responses),
                    fmt::nps(n.nps)
                ));
                out.push(format!(
                    "{} {} · {} {} · {} {}",
                    fmt::count(t.promoters),
                    tr("promoters", "推荐者"),
                    fmt::count(t.passives),
                    tr("passives", "中立者"),
                    fmt::count(t.detractors),
                    tr("detractors", "贬损者"),
                ));
                if n.latest_only {
                    out.push(
                        tr(
                            "latest response per customer only",
                            "每位客户只计最近一份答卷",
                        )
                        .to_owned(),
                    );
                }
            }
        }
        "active_customers" | "lifecycle" => {
            if let Some(l) = &report.lifecycle_detail {
                let c = &l.counts;
                out.push(format!(
                    "{} = {} {} + {} {}",
                    fmt::count(l.active_customers),
                    fmt::count(c.new),
                    tr("new", "新客户"),
                    fmt::count(c.active),
                    tr("active", "活跃"),
                ));
                if topic == "lifecycle" {
                    out.push(format!(
                        "{} {} · {} {} · {} {}",
                        fmt::count(c.dormant),
                        tr("dormant", "沉睡"),
                        fmt::count(c.churned),
                        tr("churned", "流失"),
                        fmt::count(c.prospects),
                        tr("prospects", "潜在客户"),
                    ));
                }
                out.push(format!("W = {}", fmt::days(Some(f64::from(l.window)))));
            }
        }
        "churn_rate" => {
            if let Some(l) = &report.lifecycle_detail {
                out.push(format!(
                    "{} {} / {} {} = {}",
                    fmt::count(l.churn.churned),
                    tr("churned", "流失"),
                    fmt::count(l.churn.base),
                    tr("in the base", "基数"),
                    fmt::percent(l.churn.churn_rate)
                ));
            }
        }
        "repurchase_rate" => {
            if let Some(r) = &report.repurchase {
                out.push(format!(
                    "{} / {} {} = {}",
                    fmt::count(r.repeat_customers),
                    fmt::count(r.customers),
                    tr("customers", "位客户"),
                    fmt::percent(r.repurchase_rate)
                ));
                out.push(format!(
                    "{} {}",
                    tr("median repurchase interval", "复购间隔中位数"),
                    fmt::days(r.median_interval_days)
                ));
            }
        }
        "clv" => {
            if let Some(c) = &report.clv_detail {
                out.push(format!(
                    "AOV {} × F {} × L {} − CAC {} = {}",
                    fmt::money_or_dash(c.aov),
                    fmt::number(c.frequency, 2),
                    fmt::number(c.lifetime_years, 2),
                    fmt::money_or_dash(c.cac),
                    fmt::money_or_dash(c.clv)
                ));
                if c.cac_missing {
                    out.push(
                        tr(
                            "CAC is missing (no marketing spend file): taken as 0",
                            "缺少 CAC（未导入营销投入文件）：按 0 计",
                        )
                        .to_owned(),
                    );
                }
                if let Some(reason) = c.reason {
                    use engine::metrics::clv::NoClvReason;
                    out.push(
                        match reason {
                            NoClvReason::NoChurnBase => tr(
                                "No value: less than a year of history (empty churn base)",
                                "无值：历史不足一年（流失基数为空）",
                            ),
                            NoClvReason::NoPurchases => tr(
                                "No value: no purchase in the last 365 days",
                                "无值：最近 365 天没有购买",
                            ),
                            NoClvReason::NoNewCustomers => tr(
                                "No value: spend is loaded but no customer is new",
                                "无值：有营销投入但没有新客户",
                            ),
                        }
                        .to_owned(),
                    );
                }
            }
        }
        "a_tier_revenue_share" | "abc" => {
            let total: f64 = report.abc.iter().map(|t| t.revenue).sum();
            let ranked: u64 = report.abc.iter().map(|t| t.customers).sum();
            if let Some(a) = report.abc.first().filter(|_| ranked > 0) {
                out.push(format!(
                    "{} / {} = {}",
                    fmt::money(a.revenue),
                    fmt::money(total),
                    fmt::percent(a.revenue_share)
                ));
                out.push(format!(
                    "{} {} {} {}",
                    fmt::count(a.customers),
                    tr("A-tier customers of", "位 A 类客户，共"),
                    fmt::count(ranked),
                    tr("ranked", "位有收入客户"),
                ));
            }
        }
        "funnel" => {
            if let Some(f) = &report.funnel_detail {
                let won = f.stages.last().map_or(0, |s| s.reached);
                out.push(format!(
                    "{} {} / {} {} = {}",
                    fmt::count(won),
                    tr("reached Won", "到达赢单"),
                    fmt::count(f.deals),
                    tr("created", "新建"),
                    fmt::percent(f.overall_conversion)
                ));
                out.push(format!(
                    "{} {}",
                    fmt::count(f.lost_without_stage),
                    tr(
                        "lost deals without a lost stage, counted at the first stage only",
                        "笔输单没有输单阶段，只计入第一阶段",
                    )
                ));
            }
        }
        "lost-reasons" => {
            if let Some(d) = deals {
                let amount: f64 = d.lost_reasons.iter().map(|r| r.amount).sum();
                out.push(format!(
                    "{} {} · {}",
                    fmt::count(d.lost_deals),
                    tr("lost deals", "笔输单"),
                    fmt::money(amount)
                ));
            }
        }
        "cohorts" => {
            let customers: u64 = report.cohorts.iter().map(|c| c.size).sum();
            if !report.cohorts.is_empty() {
                out.push(format!(
                    "{} {} · {} {}",
                    fmt::count(report.cohorts.len() as u64),
                    tr("cohorts", "个批次"),
                    fmt::count(customers),
                    tr("customers", "位客户"),
                ));
            }
        }
        "warnings" => {
            out.push(format!(
                "{} {}",
                fmt::count(report.warnings.len() as u64),
                tr("customers listed (at most 50)", "位客户（最多列出 50 位）")
            ));
        }
        "channels" => {
            out.push(format!(
                "{} {}",
                fmt::count(report.channels.len() as u64),
                tr("channels", "个渠道")
            ));
            if !crate::charts::has_spend(&report.channels) {
                out.push(
                    tr(
                        "No marketing spend loaded: CAC and ROI have no value",
                        "未导入营销投入：CAC 与 ROI 无值",
                    )
                    .to_owned(),
                );
            }
        }
        "owners" => {
            out.push(format!(
                "{} {}",
                fmt::count(report.owners.len() as u64),
                tr("owners", "位负责人")
            ));
        }
        "trend" => {
            if let Some(d) = deals {
                out.push(format!(
                    "{} {} · {} {} · {} {}",
                    fmt::money(d.revenue),
                    tr("revenue", "收入"),
                    fmt::count(d.won_deals),
                    tr("won", "赢单"),
                    fmt::count(d.deals_created),
                    tr("created", "新建"),
                ));
            }
        }
        _ => {}
    }
    out
}

/// The whole explanation of `topic`.
pub fn explanation(topic: &str, report: Option<&Report>) -> Explanation {
    Explanation {
        definition: definition(topic),
        numbers: report.map(|r| numbers(topic, r)).unwrap_or_default(),
    }
}

/// An info button that opens the explanation of `topic`: its definition and the numbers behind
/// it. Escape or the button closes it again.
#[component]
pub fn Explain(
    /// A tile id (`win_rate`) or a panel name (`funnel`).
    topic: &'static str,
) -> impl IntoView {
    let state = AppState::expect();
    let open = RwSignal::new(false);
    let popover_id = format!("explain-{topic}");
    let button: NodeRef<leptos::html::Button> = NodeRef::new();
    let close = move || {
        open.set(false);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    let content = move || {
        let e = state
            .report
            .with(|report| explanation(topic, report.as_deref()));
        view! {
            <p class="explain-definition">{e.definition}</p>
            <ul class="explain-numbers">
                {e.numbers.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        }
    };
    view! {
        <span
            class="explain"
            on:keydown=move |ev| {
                if ev.key() == "Escape" && open.get_untracked() {
                    ev.stop_propagation();
                    close();
                }
            }
        >
            <button
                type="button"
                class="explain-button"
                node_ref=button
                aria-label=move || format!("{} {}", tr("About", "说明："), topic_title(topic))
                aria-expanded=move || open.get().to_string()
                aria-controls=popover_id.clone()
                data-explain=topic
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "i"
            </button>
            <div
                class="explain-popover"
                id=popover_id
                role="note"
                hidden=move || !open.get()
            >
                <div class="explain-head">
                    <strong>{move || topic_title(topic)}</strong>
                    <button
                        type="button"
                        class="explain-close"
                        aria-label=move || tr("Close", "关闭")
                        on:click=move |_| close()
                    >
                        "×"
                    </button>
                </div>
                {move || open.get().then(content)}
            </div>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Report {
        use engine::api::{Engine, Query, Request, Response};
        let mut engine = Engine::new();
        engine.handle(Request::LoadDemo);
        match engine.handle(Request::Query(Query::default())) {
            Response::Dashboard(report) => *report,
            _ => panic!("a query answers with a dashboard"),
        }
    }

    const TOPICS: [&str; 24] = [
        "revenue",
        "won_deals",
        "win_rate",
        "avg_deal_size",
        "sales_cycle_median",
        "pipeline_value",
        "stalled_deals",
        "nps",
        "active_customers",
        "churn_rate",
        "repurchase_rate",
        "clv",
        "a_tier_revenue_share",
        "funnel",
        "lost-reasons",
        "pipeline",
        "stalled",
        "cohorts",
        "abc",
        "lifecycle",
        "warnings",
        "channels",
        "owners",
        "trend",
    ];

    #[test]
    fn every_tile_and_panel_has_a_definition_and_numbers() {
        let report = demo();
        for topic in TOPICS {
            let e = explanation(topic, Some(&report));
            assert!(!e.definition.is_empty(), "{topic} has a definition");
            assert!(!e.numbers.is_empty(), "{topic} shows its numbers");
            assert_ne!(topic_title(topic), topic_title("?"), "{topic} has a title");
        }
        assert!(definition("nps").contains("promoters − detractors"));
    }

    #[test]
    fn win_rate_shows_won_over_closed() {
        let report = demo();
        let d = report.deals.as_ref().unwrap();
        let e = explanation("win_rate", Some(&report));
        let expected = format!(
            "win rate = {} won / {} closed ({} won + {} lost)",
            fmt::count(d.won_deals),
            fmt::count(d.won_deals + d.lost_deals),
            fmt::count(d.won_deals),
            fmt::count(d.lost_deals)
        );
        assert_eq!(e.numbers[0], expected);
        assert!(
            e.numbers[0].contains("344 won / 1,164 closed"),
            "{:?}",
            e.numbers
        );
    }

    #[test]
    fn nps_shows_its_arithmetic() {
        let e = explanation("nps", Some(&demo()));
        assert_eq!(e.numbers[0], "NPS = 100 × (142 − 42) / 247 = +40.5");
    }

    #[test]
    fn without_a_report_only_the_definition() {
        let e = explanation("win_rate", None);
        assert!(e.definition.starts_with("Win rate = won / (won + lost)"));
        assert!(e.numbers.is_empty());
    }
}
