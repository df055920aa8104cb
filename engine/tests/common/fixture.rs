//! A compact builder for hand-made `Dataset`s, shared by the metric tests.
//!
//! ```ignore
//! let mut f = Fixture::new();
//! f.customer("C1").industry("Retail").region("East").owner("Ann").channel("Web");
//! f.deal("D1", "Prospecting", "2024-01-05").customer("C1").won("2024-02-01").amount(100.0);
//! f.order("C1", "2024-02-01", 50.0);
//! f.survey("C1", "2024-02-01", 9);
//! f.spend("Web", "2024-01", 100.0);
//! let data = f.build();
//! ```
//!
//! Dates are ISO `YYYY-MM-DD` and panic when malformed (a test typo, not input). Customer codes
//! follow first appearance: customers-file rows first, then ids found on deals, orders and
//! responses, in that order. A deal's status is derived from its stage name (the won and lost
//! words of `METRICS.md`) unless set.
#![allow(dead_code)]

use engine::model::day;
use engine::model::{
    Customers, Dataset, Dates, Day, Deals, DictBuilder, Orders, Spend, Status, Surveys, NULL,
};
use std::collections::HashMap;

pub fn d(iso: &str) -> Day {
    day::parse_iso(iso).unwrap_or_else(|| panic!("bad fixture date {iso:?}"))
}

const WON_WORDS: [&str; 6] = ["closed won", "won", "赢单", "成交", "已成交", "签约"];
const LOST_WORDS: [&str; 6] = ["closed lost", "lost", "输单", "丢单", "流失", "关闭"];

/// The status a stage name implies (`METRICS.md` "Inputs").
pub fn status_of_stage(stage: &str) -> Status {
    let s = stage.trim().to_lowercase();
    if WON_WORDS.contains(&s.as_str()) {
        Status::Won
    } else if LOST_WORDS.contains(&s.as_str()) {
        Status::Lost
    } else {
        Status::Open
    }
}

#[derive(Clone, Debug, Default)]
pub struct CustomerRow {
    pub id: String,
    pub name: Option<String>,
    pub industry: Option<String>,
    pub region: Option<String>,
    pub size: Option<String>,
    pub channel: Option<String>,
    pub owner: Option<String>,
    pub created_at: Option<Day>,
    pub acquisition_cost: Option<f64>,
}

impl CustomerRow {
    pub fn name(&mut self, v: &str) -> &mut Self {
        self.name = Some(v.into());
        self
    }
    pub fn industry(&mut self, v: &str) -> &mut Self {
        self.industry = Some(v.into());
        self
    }
    pub fn region(&mut self, v: &str) -> &mut Self {
        self.region = Some(v.into());
        self
    }
    pub fn size(&mut self, v: &str) -> &mut Self {
        self.size = Some(v.into());
        self
    }
    pub fn channel(&mut self, v: &str) -> &mut Self {
        self.channel = Some(v.into());
        self
    }
    pub fn owner(&mut self, v: &str) -> &mut Self {
        self.owner = Some(v.into());
        self
    }
    pub fn created(&mut self, iso: &str) -> &mut Self {
        self.created_at = Some(d(iso));
        self
    }
    pub fn acquisition_cost(&mut self, v: f64) -> &mut Self {
        self.acquisition_cost = Some(v);
        self
    }
}

#[derive(Clone, Debug, Default)]
pub struct DealRow {
    pub id: String,
    pub customer: Option<String>,
    pub stage: String,
    /// `None`: derived from the stage name.
    pub status: Option<Status>,
    pub amount: f64,
    pub created_at: Day,
    pub closed_at: Option<Day>,
    pub lost_reason: Option<String>,
    pub lost_stage: Option<String>,
    pub owner: Option<String>,
    pub channel: Option<String>,
    pub last_activity_at: Option<Day>,
}

impl DealRow {
    pub fn customer(&mut self, v: &str) -> &mut Self {
        self.customer = Some(v.into());
        self
    }
    pub fn status(&mut self, s: Status) -> &mut Self {
        self.status = Some(s);
        self
    }
    pub fn amount(&mut self, v: f64) -> &mut Self {
        self.amount = v;
        self
    }
    pub fn closed(&mut self, iso: &str) -> &mut Self {
        self.closed_at = Some(d(iso));
        self
    }
    /// Status won, closed on `iso`.
    pub fn won(&mut self, iso: &str) -> &mut Self {
        self.status = Some(Status::Won);
        self.closed(iso)
    }
    /// Status lost, closed on `iso`.
    pub fn lost(&mut self, iso: &str) -> &mut Self {
        self.status = Some(Status::Lost);
        self.closed(iso)
    }
    pub fn lost_reason(&mut self, v: &str) -> &mut Self {
        self.lost_reason = Some(v.into());
        self
    }
    /// Sets the lost stage (and marks the deals table as having that column).
    pub fn lost_stage(&mut self, v: &str) -> &mut Self {
        self.lost_stage = Some(v.into());
        self
    }
    pub fn owner(&mut self, v: &str) -> &mut Self {
        self.owner = Some(v.into());
        self
    }
    pub fn channel(&mut self, v: &str) -> &mut Self {
        self.channel = Some(v.into());
        self
    }
    pub fn activity(&mut self, iso: &str) -> &mut Self {
        self.last_activity_at = Some(d(iso));
        self
    }
}

#[derive(Clone, Debug)]
struct OrderRow {
    customer: Option<String>,
    date: Day,
    amount: f64,
}

#[derive(Clone, Debug)]
struct SurveyRow {
    customer: Option<String>,
    date: Option<Day>,
    score: u8,
    csat: Option<u8>,
}

#[derive(Clone, Debug)]
struct SpendRow {
    channel: Option<String>,
    month: i32,
    amount: f64,
}

#[derive(Debug, Default)]
pub struct Fixture {
    customers: Vec<CustomerRow>,
    deals: Vec<DealRow>,
    orders: Option<Vec<OrderRow>>,
    surveys: Option<Vec<SurveyRow>>,
    spend: Option<Vec<SpendRow>>,
    /// Force `Deals::has_lost_stage` even when no deal sets one.
    has_lost_stage: bool,
}

impl Fixture {
    pub fn new() -> Self {
        Self::default()
    }

    /// A row of the customers file.
    pub fn customer(&mut self, id: &str) -> &mut CustomerRow {
        self.customers.push(CustomerRow {
            id: id.into(),
            ..Default::default()
        });
        self.customers.last_mut().unwrap()
    }

    /// A deal with its required fields; open unless the stage is a won/lost word or set.
    pub fn deal(&mut self, id: &str, stage: &str, created: &str) -> &mut DealRow {
        self.deals.push(DealRow {
            id: id.into(),
            stage: stage.into(),
            created_at: d(created),
            ..Default::default()
        });
        self.deals.last_mut().unwrap()
    }

    /// Marks the deals file as having a lost-stage column.
    pub fn with_lost_stage_column(&mut self) -> &mut Self {
        self.has_lost_stage = true;
        self
    }

    /// An order; `customer` "" for none. Loads the orders table.
    pub fn order(&mut self, customer: &str, date: &str, amount: f64) -> &mut Self {
        let customer = (!customer.is_empty()).then(|| customer.to_string());
        self.orders.get_or_insert_with(Vec::new).push(OrderRow {
            customer,
            date: d(date),
            amount,
        });
        self
    }

    /// A survey response; `customer` "" for none, `date` "" for an undated (customers `nps`
    /// column) response.
    pub fn survey(&mut self, customer: &str, date: &str, score: u8) -> &mut Self {
        self.survey_csat(customer, date, score, None)
    }

    pub fn survey_csat(
        &mut self,
        customer: &str,
        date: &str,
        score: u8,
        csat: Option<u8>,
    ) -> &mut Self {
        let customer = (!customer.is_empty()).then(|| customer.to_string());
        let date = (!date.is_empty()).then(|| d(date));
        self.surveys.get_or_insert_with(Vec::new).push(SurveyRow {
            customer,
            date,
            score,
            csat,
        });
        self
    }

    /// A spend row; `month` is `YYYY-MM`, `channel` "" for none.
    pub fn spend(&mut self, channel: &str, month: &str, amount: f64) -> &mut Self {
        let channel = (!channel.is_empty()).then(|| channel.to_string());
        let month = day::month_index(d(&format!("{month}-01")));
        self.spend.get_or_insert_with(Vec::new).push(SpendRow {
            channel,
            month,
            amount,
        });
        self
    }

    pub fn build(&self) -> Dataset {
        let mut code_of: HashMap<String, u32> = HashMap::new();
        let mut ids: Vec<String> = Vec::new();
        let mut intern = |id: &str, code_of: &mut HashMap<String, u32>| -> u32 {
            *code_of.entry(id.to_string()).or_insert_with(|| {
                ids.push(id.to_string());
                ids.len() as u32 - 1
            })
        };
        for c in &self.customers {
            intern(&c.id, &mut code_of);
        }
        let deal_customers: Vec<u32> = self
            .deals
            .iter()
            .map(|r| {
                r.customer
                    .as_deref()
                    .map_or(NULL, |c| intern(c, &mut code_of))
            })
            .collect();
        let order_customers: Vec<u32> = self
            .orders
            .iter()
            .flatten()
            .map(|r| {
                r.customer
                    .as_deref()
                    .map_or(NULL, |c| intern(c, &mut code_of))
            })
            .collect();
        let survey_customers: Vec<u32> = self
            .surveys
            .iter()
            .flatten()
            .map(|r| {
                r.customer
                    .as_deref()
                    .map_or(NULL, |c| intern(c, &mut code_of))
            })
            .collect();
        let n = ids.len();

        // Customers: one row per code, attributes only for rows of the customers file.
        let by_code: HashMap<u32, &CustomerRow> =
            self.customers.iter().map(|c| (code_of[&c.id], c)).collect();
        let mut name = DictBuilder::new();
        let mut industry = DictBuilder::new();
        let mut region = DictBuilder::new();
        let mut size = DictBuilder::new();
        let mut channel = DictBuilder::new();
        let mut owner = DictBuilder::new();
        let mut created_at = Dates::default();
        let mut acquisition_cost = Vec::with_capacity(n);
        let mut in_file = Vec::with_capacity(n);
        for code in 0..n as u32 {
            let row = by_code.get(&code);
            in_file.push(row.is_some());
            name.push(row.and_then(|r| r.name.as_deref()));
            industry.push(row.and_then(|r| r.industry.as_deref()));
            region.push(row.and_then(|r| r.region.as_deref()));
            size.push(row.and_then(|r| r.size.as_deref()));
            channel.push(row.and_then(|r| r.channel.as_deref()));
            owner.push(row.and_then(|r| r.owner.as_deref()));
            created_at.push(row.and_then(|r| r.created_at));
            acquisition_cost.push(row.and_then(|r| r.acquisition_cost));
        }
        let customers = Customers {
            ids,
            in_file,
            name: name.finish(),
            industry: industry.finish(),
            region: region.finish(),
            size: size.finish(),
            channel: channel.finish(),
            owner: owner.finish(),
            created_at,
            acquisition_cost,
        };

        let mut stage = DictBuilder::case_insensitive();
        let mut lost_reason = DictBuilder::new();
        let mut lost_stage = DictBuilder::case_insensitive();
        let mut d_owner = DictBuilder::new();
        let mut d_channel = DictBuilder::new();
        let mut deals = Deals::default();
        for (r, &cust) in self.deals.iter().zip(&deal_customers) {
            deals.id.push(&r.id);
            deals.customer.push(cust);
            stage.push(Some(&r.stage));
            deals
                .status
                .push(r.status.unwrap_or_else(|| status_of_stage(&r.stage)));
            deals.amount.push(r.amount);
            deals.created_at.push(r.created_at);
            deals.closed_at.push(r.closed_at);
            lost_reason.push(r.lost_reason.as_deref());
            lost_stage.push(r.lost_stage.as_deref());
            d_owner.push(r.owner.as_deref());
            d_channel.push(r.channel.as_deref());
            deals.last_activity_at.push(r.last_activity_at);
        }
        deals.stage = stage.finish();
        deals.lost_reason = lost_reason.finish();
        deals.lost_stage = lost_stage.finish();
        deals.has_lost_stage =
            self.has_lost_stage || self.deals.iter().any(|r| r.lost_stage.is_some());
        deals.owner = d_owner.finish();
        deals.channel = d_channel.finish();

        let orders = self.orders.as_ref().map(|rows| Orders {
            customer: order_customers.clone(),
            date: rows.iter().map(|r| r.date).collect(),
            amount: rows.iter().map(|r| r.amount).collect(),
        });
        let surveys = self.surveys.as_ref().map(|rows| Surveys {
            customer: survey_customers.clone(),
            date: Dates(
                rows.iter()
                    .map(|r| r.date.unwrap_or(engine::model::NO_DAY))
                    .collect(),
            ),
            score: rows.iter().map(|r| r.score).collect(),
            csat: rows.iter().map(|r| r.csat).collect(),
        });
        let spend = self.spend.as_ref().map(|rows| {
            let mut ch = DictBuilder::new();
            for r in rows {
                ch.push(r.channel.as_deref());
            }
            Spend {
                channel: ch.finish(),
                month: rows.iter().map(|r| r.month).collect(),
                amount: rows.iter().map(|r| r.amount).collect(),
            }
        });
        Dataset {
            customers,
            deals,
            orders,
            surveys,
            spend,
        }
    }
}
