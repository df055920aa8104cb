//! What a file holds and which column is which field: header synonyms in English and
//! Chinese, CRM export headers (Salesforce, HubSpot, Zoho, 简道云/销售易/纷享销客 style), and the
//! user's corrections.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::report::FileError;

/// The fields of `METRICS.md` "Inputs, after import".
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    CustomerId,
    DealId,
    Stage,
    Status,
    Amount,
    CreatedAt,
    ClosedAt,
    LostReason,
    LostStage,
    Owner,
    Channel,
    LastActivityAt,
    Name,
    Industry,
    Region,
    Size,
    AcquisitionCost,
    Nps,
    Date,
    Score,
    Csat,
    Month,
    Spend,
}

impl Field {
    pub const ALL: [Field; 23] = [
        Field::CustomerId,
        Field::DealId,
        Field::Stage,
        Field::Status,
        Field::Amount,
        Field::CreatedAt,
        Field::ClosedAt,
        Field::LostReason,
        Field::LostStage,
        Field::Owner,
        Field::Channel,
        Field::LastActivityAt,
        Field::Name,
        Field::Industry,
        Field::Region,
        Field::Size,
        Field::AcquisitionCost,
        Field::Nps,
        Field::Date,
        Field::Score,
        Field::Csat,
        Field::Month,
        Field::Spend,
    ];

    /// The name used in `METRICS.md`, the mapping editor and stored overrides.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::CustomerId => "customer_id",
            Field::DealId => "deal_id",
            Field::Stage => "stage",
            Field::Status => "status",
            Field::Amount => "amount",
            Field::CreatedAt => "created_at",
            Field::ClosedAt => "closed_at",
            Field::LostReason => "lost_reason",
            Field::LostStage => "lost_stage",
            Field::Owner => "owner",
            Field::Channel => "channel",
            Field::LastActivityAt => "last_activity_at",
            Field::Name => "name",
            Field::Industry => "industry",
            Field::Region => "region",
            Field::Size => "size",
            Field::AcquisitionCost => "acquisition_cost",
            Field::Nps => "nps",
            Field::Date => "date",
            Field::Score => "score",
            Field::Csat => "csat",
            Field::Month => "month",
            Field::Spend => "spend",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == name)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// What a file holds.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Customers,
    Deals,
    Orders,
    Surveys,
    Spend,
}

impl FileKind {
    /// In the order recognition prefers them on a tie.
    pub const ALL: [FileKind; 5] = [
        FileKind::Deals,
        FileKind::Spend,
        FileKind::Surveys,
        FileKind::Orders,
        FileKind::Customers,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Customers => "customers",
            FileKind::Deals => "deals",
            FileKind::Orders => "orders",
            FileKind::Surveys => "surveys",
            FileKind::Spend => "spend",
        }
    }

    /// The fields a file of this kind can fill, for the mapping editor.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            FileKind::Customers => &[
                CustomerId,
                Name,
                Industry,
                Region,
                Size,
                Channel,
                Owner,
                CreatedAt,
                AcquisitionCost,
                Nps,
            ],
            FileKind::Deals => &[
                DealId,
                CustomerId,
                Stage,
                Status,
                Amount,
                CreatedAt,
                ClosedAt,
                LostReason,
                LostStage,
                Owner,
                Channel,
                LastActivityAt,
            ],
            FileKind::Orders => &[CustomerId, Date, Amount],
            FileKind::Surveys => &[CustomerId, Date, Score, Csat],
            FileKind::Spend => &[Channel, Month, Spend],
        }
    }

    /// Fields without which a row is rejected (`METRICS.md`).
    pub fn required(self) -> &'static [Field] {
        use Field::*;
        match self {
            FileKind::Customers => &[CustomerId],
            FileKind::Deals => &[DealId, Stage, CreatedAt],
            FileKind::Orders => &[Date, Amount],
            FileKind::Surveys => &[Date, Score],
            FileKind::Spend => &[Channel, Month, Spend],
        }
    }
}

/// One header of a file and the field it feeds.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ColumnMapping {
    pub header: String,
    /// `None`: the column is not used.
    pub field: Option<Field>,
    /// A second field filled from the same column: `name` from an account-name column that is
    /// also the customer id (the Maven accounts file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub also: Option<Field>,
    /// How the values are read where that is a guess the user may want to check, e.g.
    /// "dates read day/month/year".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A user's correction for one file, stored by the app keyed by the file's header signature.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct MappingOverride {
    /// The file name it applies to.
    pub file: String,
    /// Applies as well to any file with this header signature (`ImportReport::header_signature`).
    #[serde(default)]
    pub header_signature: Option<String>,
    /// Forces the kind.
    #[serde(default)]
    pub kind: Option<FileKind>,
    /// The worksheet to read (Excel files).
    #[serde(default)]
    pub sheet: Option<String>,
    /// Header → field assignments; `field: None` ignores the column. A header listed twice
    /// with two fields fills both (e.g. `customer_id` and `name`). Headers not listed keep
    /// their automatic mapping, except to fields assigned here.
    #[serde(default)]
    pub columns: Vec<ColumnOverride>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ColumnOverride {
    pub header: String,
    pub field: Option<Field>,
}

impl MappingOverride {
    pub(crate) fn matches_file(&self, name: &str) -> bool {
        !self.file.is_empty() && self.file == name
    }
}

/// What a header means before the file's kind is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    F(Field),
    /// `id`: the customer id of a customers file, the deal id of a deals file.
    Id,
    /// `Account`, `客户名称`: the customer on deals, orders and responses; the name (and the id
    /// when there is no id column) on a customers file.
    CustomerRef,
    /// `Opportunity Name`, `商机名称`: the deal id when there is no id column.
    DealName,
    /// `name`: the customer name, or a deal name on deals.
    Name,
    /// `date`: the order or response date, a deal's creation, a spend month.
    Date,
    OrderDate,
    OrderAmount,
    SurveyDate,
    /// `employees`: bucketed into a size.
    Headcount,
    /// `score`, `rating`: a survey score.
    Score,
}

fn synonyms() -> &'static [(String, Role)] {
    static TABLE: OnceLock<Vec<(String, Role)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        SYNONYMS
            .iter()
            .flat_map(|(role, names)| names.iter().map(move |n| (header_key(n), *role)))
            .collect()
    })
}

/// Header synonyms by role, matched by [`header_key`] (so case, spaces, `_` and a trailing
/// parenthesis do not matter): canonical names, English CRM exports (Salesforce reports and
/// API names, HubSpot, Zoho, Maven) and Chinese ones (简道云, 销售易, 纷享销客 style).
#[rustfmt::skip]
const SYNONYMS: &[(Role, &[&str])] = {
    use Field::{
        AcquisitionCost, Amount, Channel, ClosedAt, CreatedAt, Csat, CustomerId, DealId, Industry,
        LastActivityAt, LostReason, LostStage, Month, Nps, Owner, Region, Size, Spend, Stage,
        Status,
    };
    use Role::*;
    &[
        (F(CustomerId), &[
            "customer_id", "customer id", "cust id", "client id", "account id", "company id",
            "customer code", "customer number", "customer no", "account number",
            "associated company id", "客户编号", "客户ID", "客户编码", "客户代码", "客户号", "公司编号",
        ]),
        (CustomerRef, &[
            "account", "account name", "customer", "customer name", "client", "client name",
            "company", "company name", "associated company", "organization", "organisation",
            "客户", "客户名称", "客户名", "公司", "公司名称", "企业名称", "客户全称", "关联公司", "账户",
            "账户名称",
        ]),
        (F(DealId), &[
            "deal_id", "deal id", "opportunity id", "opp id", "opportunity_id", "record id",
            "hs object id", "商机编号", "商机ID", "机会编号", "机会ID", "商机编码", "销售机会编号",
        ]),
        (DealName, &[
            "deal name", "opportunity name", "opportunity", "deal", "商机名称", "商机", "机会名称",
            "销售机会名称", "销售机会", "项目名称",
        ]),
        (Id, &["id", "编号"]),
        (Name, &["name", "名称"]),
        (F(Stage), &[
            "stage", "deal stage", "deal_stage", "stage name", "pipeline stage",
            "opportunity stage", "sales stage", "商机阶段", "阶段", "销售阶段", "跟进阶段",
        ]),
        (F(Status), &[
            "status", "deal status", "opportunity status", "outcome", "result", "状态", "商机状态",
            "赢输状态", "结果",
        ]),
        (F(Amount), &[
            "amount", "deal amount", "deal value", "value", "opportunity amount", "close value",
            "close_value", "amount in company currency", "total", "revenue", "sales", "金额",
            "预计金额", "商机金额", "合同金额", "成交金额", "销售额", "销售金额", "预计成交金额", "收入",
        ]),
        (F(CreatedAt), &[
            "created_at", "created", "created date", "create date", "created time",
            "creation date", "date created", "created on", "engage date", "engage_date",
            "open date", "customer since", "signup date", "sign up date", "创建时间", "创建日期",
            "建立时间", "录入时间", "商机创建时间", "注册时间", "注册日期",
        ]),
        (F(ClosedAt), &[
            "closed_at", "close date", "close_date", "closing date", "closed date", "date closed",
            "won date", "actual close date", "close time", "closed time", "成交日期", "赢单日期",
            "关闭日期", "结单日期", "签约日期", "成交时间", "预计成交日期", "预计结单日期",
        ]),
        (F(LostReason), &[
            "lost_reason", "lost reason", "loss reason", "closed lost reason", "reason lost",
            "reason for loss", "输单原因", "丢单原因", "失败原因", "流失原因",
        ]),
        (F(LostStage), &[
            "lost_stage", "lost stage", "lost at stage", "stage lost", "stage at loss", "输单阶段",
            "丢单阶段",
        ]),
        (F(Owner), &[
            "owner", "owner name", "deal owner", "opportunity owner", "account owner",
            "customer owner", "sales agent", "sales_agent", "sales rep", "salesperson",
            "sales person", "sales owner", "rep", "assigned to", "hubspot owner", "负责人", "销售",
            "销售人员", "销售负责人", "所有人", "拥有者", "跟进人", "归属人", "业务员", "客户经理",
            "销售代表",
        ]),
        (F(Channel), &[
            "channel", "lead source", "source", "acquisition channel", "marketing channel",
            "original source", "original source type", "来源", "来源渠道", "渠道", "获客渠道",
            "线索来源", "客户来源", "商机来源",
        ]),
        (F(LastActivityAt), &[
            "last_activity_at", "last activity", "last activity date", "last activity at",
            "last activity time", "last contacted", "last contact date", "last engagement date",
            "最后跟进时间", "最近跟进时间", "最后跟进日期", "最后活动时间", "最近活动时间",
            "最后联系时间",
        ]),
        (F(Industry), &["industry", "sector", "vertical", "所属行业", "行业", "行业分类"]),
        (F(Region), &[
            "region", "area", "territory", "country", "office location", "office_location",
            "location", "billing country", "区域", "地区", "所在地区", "大区", "省份", "国家", "城市",
        ]),
        (F(Size), &[
            "size", "company size", "customer size", "规模", "企业规模", "公司规模", "客户规模",
            "人员规模",
        ]),
        (Headcount, &[
            "employees", "number of employees", "employee count", "no of employees", "headcount",
            "员工数", "员工人数",
        ]),
        (F(AcquisitionCost), &[
            "acquisition_cost", "acquisition cost", "cac", "customer acquisition cost", "获客成本",
        ]),
        (F(Nps), &[
            "nps", "nps score", "likelihood to recommend", "推荐意愿", "推荐值", "NPS评分", "nps得分",
        ]),
        (Score, &["score", "rating", "survey score", "评分", "分数", "打分", "得分"]),
        (F(Csat), &[
            "csat", "csat score", "satisfaction", "customer satisfaction", "满意度", "满意度评分",
        ]),
        (Date, &["date", "日期"]),
        (OrderDate, &[
            "order date", "purchase date", "invoice date", "transaction date", "订单日期",
            "下单日期", "下单时间", "购买日期", "付款日期",
        ]),
        (OrderAmount, &[
            "order amount", "order total", "order value", "invoice amount", "transaction amount",
            "订单金额", "实付金额", "付款金额",
        ]),
        (SurveyDate, &[
            "survey date", "response date", "submitted at", "submission date", "responded at",
            "调查日期", "回复日期", "填写时间", "提交时间",
        ]),
        (F(Month), &["month", "spend month", "月份", "月"]),
        (F(Spend), &[
            "spend", "cost", "ad spend", "marketing spend", "amount spent", "投放金额", "花费",
            "费用", "投放费用", "营销费用", "广告费用", "广告花费", "消耗",
        ]),
    ]
};

/// A header reduced for matching: a trailing `(USD)` / `（元）` dropped, then only letters and
/// digits, lowercased (`Deal Owner`, `deal_owner` and `dealOwner` are one key).
pub fn header_key(header: &str) -> String {
    let mut h = header.trim().trim_start_matches('\u{feff}').trim();
    // Salesforce and Zoho API names of custom and system fields: `Loss_Reason__c`.
    for suffix in ["__c", "__s"] {
        h = h.strip_suffix(suffix).unwrap_or(h);
    }
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']')] {
        if h.ends_with(close) {
            if let Some(at) = h.rfind(open) {
                if at > 0 {
                    h = h[..at].trim_end();
                }
            }
        }
    }
    h.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn role_of(header: &str) -> Option<Role> {
    let lookup = |key: &str| synonyms().iter().find(|(k, _)| k == key).map(|(_, r)| *r);
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    if let Some(role) = lookup(&key) {
        return Some(role);
    }
    // Flattened JSON keys: `properties.dealname`.
    if let Some((_, last)) = header.rsplit_once('.') {
        if let Some(role) = lookup(&header_key(last)) {
            return Some(role);
        }
    }
    // Survey questions: "How likely are you to recommend us to a friend?"
    if key.contains("recommend") || key.contains("推荐") {
        return Some(Role::F(Field::Nps));
    }
    None
}

/// Which field a role feeds in a file of `kind`, and how sure that is (1 = a specific header,
/// 2 = a generic one, 3 = a fallback used only when nothing better has the field).
fn resolve(role: Role, kind: FileKind) -> Option<(Field, u8)> {
    use FileKind as K;
    use Role::*;
    Some(match (role, kind) {
        (F(Field::Nps), K::Surveys) => (Field::Score, 1),
        (F(Field::Amount), K::Spend) => (Field::Spend, 2),
        (F(Field::CreatedAt), K::Orders | K::Surveys) => (Field::Date, 2),
        (F(f), _) if kind.fields().contains(&f) => (f, 1),
        (Id, K::Customers) => (Field::CustomerId, 2),
        (Id, K::Deals) => (Field::DealId, 2),
        (CustomerRef, K::Deals | K::Orders | K::Surveys) => (Field::CustomerId, 2),
        (CustomerRef, K::Customers) => (Field::CustomerId, 3),
        (DealName | Name, K::Deals) => (Field::DealId, 3),
        (Name, K::Customers) => (Field::Name, 2),
        (Date, K::Deals) => (Field::CreatedAt, 2),
        (Date, K::Orders | K::Surveys) => (Field::Date, 2),
        (Date, K::Spend) => (Field::Month, 2),
        (OrderDate, K::Orders) => (Field::Date, 1),
        (OrderAmount, K::Orders) => (Field::Amount, 1),
        (SurveyDate, K::Surveys) => (Field::Date, 1),
        (Headcount, K::Customers) => (Field::Size, 2),
        (Score, K::Surveys) => (Field::Score, 1),
        _ => return None,
    })
}

/// A file's columns mapped for one kind.
#[derive(Clone, Debug)]
pub(crate) struct Mapping {
    pub kind: FileKind,
    /// The column of each field (`Field::index`).
    pub column_of: [Option<usize>; 23],
    /// The size column holds headcounts, bucketed into Small / Medium / Enterprise.
    pub headcount_size: bool,
    pub columns: Vec<ColumnMapping>,
    score: u32,
}

impl Mapping {
    pub fn column(&self, field: Field) -> Option<usize> {
        self.column_of[field.index()]
    }

    pub fn missing_required(&self) -> Vec<Field> {
        self.kind
            .required()
            .iter()
            .copied()
            .filter(|f| self.column(*f).is_none())
            .collect()
    }

    fn assign(&mut self, column: usize, field: Field) {
        if self.columns[column].field.is_none() {
            self.columns[column].field = Some(field);
        } else {
            self.columns[column].also = Some(field);
        }
        self.column_of[field.index()] = Some(column);
    }
}

/// Maps headers for `kind`, with the user's column assignments applied first.
pub(crate) fn map_for_kind(
    headers: &[String],
    kind: FileKind,
    overrides: &[ColumnOverride],
) -> Mapping {
    let mut m = Mapping {
        kind,
        column_of: [None; 23],
        headcount_size: false,
        columns: headers
            .iter()
            .map(|h| ColumnMapping {
                header: h.clone(),
                field: None,
                also: None,
                note: None,
            })
            .collect(),
        score: 0,
    };
    let roles: Vec<Option<Role>> = headers.iter().map(|h| role_of(h)).collect();
    let mut fixed = vec![false; headers.len()];
    for o in overrides {
        let column = headers.iter().position(|h| h == &o.header).or_else(|| {
            headers
                .iter()
                .position(|h| header_key(h) == header_key(&o.header))
        });
        let Some(column) = column else { continue };
        fixed[column] = true;
        if let Some(field) = o.field.filter(|f| kind.fields().contains(f)) {
            if m.column(field).is_none() {
                m.assign(column, field);
                m.score += 2;
            }
        }
    }
    for tier in 1..=3u8 {
        for (column, role) in roles.iter().enumerate() {
            let Some((field, t)) = role.and_then(|r| resolve(r, kind)) else {
                continue;
            };
            if t != tier || fixed[column] || m.columns[column].field.is_some() {
                continue;
            }
            if m.column(field).is_some() {
                if role == &Some(Role::CustomerRef) && kind == FileKind::Customers {
                    // An account-name column beside an id column is the name.
                    if m.column(Field::Name).is_none() {
                        m.assign(column, Field::Name);
                        m.score += 1;
                    }
                }
                continue;
            }
            m.assign(column, field);
            m.score += if t == 1 { 2 } else { 1 };
        }
    }
    if kind == FileKind::Customers {
        customers_fallbacks(&mut m, headers, &roles, &fixed);
    }
    m.headcount_size = m
        .column(Field::Size)
        .is_some_and(|c| roles[c] == Some(Role::Headcount));
    m
}

fn customers_fallbacks(
    m: &mut Mapping,
    headers: &[String],
    roles: &[Option<Role>],
    fixed: &[bool],
) {
    // `State` beside `State Name`: the code is the id and the other the name.
    if m.column(Field::CustomerId).is_none() {
        let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
        let pair = keys.iter().enumerate().find_map(|(i, key)| {
            if key.is_empty() || fixed[i] || m.columns[i].field.is_some() {
                return None;
            }
            let j = keys.iter().position(|k| {
                k.strip_prefix(key.as_str())
                    .is_some_and(|rest| rest == "name" || rest == "名称")
            })?;
            let free = !fixed[j] && matches!(m.columns[j].field, None | Some(Field::Name));
            free.then_some((i, j))
        });
        if let Some((i, j)) = pair {
            if let Some(old) = m.column(Field::Name) {
                m.columns[old].field = None;
            }
            m.columns[j].field = None;
            m.assign(i, Field::CustomerId);
            m.assign(j, Field::Name);
            m.score += 2;
        }
    }
    // An account-name column used as the id also gives the name.
    if let Some(id) = m.column(Field::CustomerId) {
        if roles[id] == Some(Role::CustomerRef) && m.column(Field::Name).is_none() {
            m.assign(id, Field::Name);
        }
    }
}

/// The outcome of recognising a file from its headers.
pub(crate) enum Recognised {
    Kind(Mapping),
    /// The kind was forced by the user but required columns are missing.
    Incomplete(Mapping),
    Unknown(FileError),
}

/// Recognises the kind of a file from its headers (or takes the user's), and maps it.
pub(crate) fn recognise(headers: &[String], choice: Option<&MappingOverride>) -> Recognised {
    let columns = choice.map_or(&[][..], |o| &o.columns[..]);
    if let Some(kind) = choice.and_then(|o| o.kind) {
        let m = map_for_kind(headers, kind, columns);
        return if m.missing_required().is_empty() {
            Recognised::Kind(m)
        } else {
            Recognised::Incomplete(m)
        };
    }
    let mut best: Option<Mapping> = None;
    let mut closest: Option<Mapping> = None;
    for kind in FileKind::ALL {
        let m = map_for_kind(headers, kind, columns);
        let missing = m.missing_required().len();
        if missing == 0 {
            if best.as_ref().is_none_or(|b| m.score > b.score) {
                best = Some(m);
            }
        } else if missing < kind.required().len()
            && closest.as_ref().is_none_or(|c| m.score > c.score)
        {
            closest = Some(m);
        }
    }
    match best {
        Some(m) => Recognised::Kind(m),
        None => Recognised::Unknown(unrecognised(headers, closest.as_ref())),
    }
}

fn unrecognised(headers: &[String], closest: Option<&Mapping>) -> FileError {
    let mut shown = headers
        .iter()
        .take(8)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if headers.len() > 8 {
        shown.push_str(", …");
    }
    let closest = closest.map_or(String::new(), |m| {
        format!(
            " It looks closest to a {} file, which also needs {}.",
            m.kind.as_str(),
            missing_list(m)
        )
    });
    FileError::Unrecognised {
        headers: shown,
        closest,
    }
}

fn missing_list(m: &Mapping) -> String {
    m.missing_required()
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(" and ")
}

/// The error for a kind the user forced when required columns are missing.
pub(crate) fn missing_columns(m: &Mapping) -> FileError {
    FileError::MissingColumns {
        kind: m.kind.as_str(),
        missing: missing_list(m),
    }
}

/// A short, stable identifier of a header row (FNV-1a over the header keys), so that a
/// corrected mapping is remembered for files with the same headers.
pub fn header_signature(headers: &[String]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for h in headers {
        for b in header_key(h).bytes().chain([0x1f]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &str) -> Vec<String> {
        list.split(',').map(str::to_string).collect()
    }

    fn mapped(list: &str) -> (FileKind, Vec<Option<&'static str>>) {
        match recognise(&headers(list), None) {
            Recognised::Kind(m) => (
                m.kind,
                m.columns
                    .iter()
                    .map(|c| c.field.map(Field::as_str))
                    .collect(),
            ),
            Recognised::Incomplete(_) => panic!("incomplete"),
            Recognised::Unknown(e) => panic!("{e}"),
        }
    }

    #[test]
    fn keys() {
        assert_eq!(header_key(" Deal Owner "), "dealowner");
        assert_eq!(header_key("deal_owner"), "dealowner");
        assert_eq!(header_key("dealOwner"), "dealowner");
        assert_eq!(header_key("Amount (USD)"), "amount");
        assert_eq!(header_key("金额（元）"), "金额");
        assert_eq!(header_key("NPS评分"), "nps评分");
        assert_eq!(header_key("(x)"), "x");
        assert_eq!(header_key("Loss_Reason__c"), "lossreason");
    }

    #[test]
    fn canonical_names_map_to_themselves() {
        for kind in FileKind::ALL {
            for &field in kind.fields() {
                let m = map_for_kind(&[field.as_str().to_string()], kind, &[]);
                assert_eq!(m.columns[0].field, Some(field), "{kind:?} {field:?}");
            }
        }
    }

    #[test]
    fn crm_exports() {
        let (kind, fields) = mapped(
            "Opportunity Name,Opportunity ID,Account Name,Stage,Amount,Close Date,Created Date,\
             Opportunity Owner,Lead Source,Loss Reason",
        );
        assert_eq!(kind, FileKind::Deals);
        assert_eq!(
            fields,
            [
                None,
                Some("deal_id"),
                Some("customer_id"),
                Some("stage"),
                Some("amount"),
                Some("closed_at"),
                Some("created_at"),
                Some("owner"),
                Some("channel"),
                Some("lost_reason")
            ]
        );
        let (kind, fields) = mapped(
            "Deal Name,Account Name,Stage,Amount,Closing Date,Created Time,Deal Owner,Lead Source",
        );
        assert_eq!(kind, FileKind::Deals);
        assert_eq!(fields[0], Some("deal_id"));
        assert_eq!(fields[5], Some("created_at"));
    }

    #[test]
    fn kinds() {
        assert_eq!(mapped("customer_id,date,amount").0, FileKind::Orders);
        assert_eq!(mapped("客户编号,订单日期,订单金额").0, FileKind::Orders);
        assert_eq!(mapped("customer_id,date,score,csat").0, FileKind::Surveys);
        assert_eq!(mapped("客户编号,调查日期,NPS评分").0, FileKind::Surveys);
        assert_eq!(mapped("渠道,月份,投放金额").0, FileKind::Spend);
        assert_eq!(mapped("channel,month,spend").0, FileKind::Spend);
        assert_eq!(
            mapped("customer_id,name,industry,region,created_at,revenue").0,
            FileKind::Customers
        );
        assert_eq!(
            mapped("客户编号,客户名称,所属行业,区域").1,
            [
                Some("customer_id"),
                Some("name"),
                Some("industry"),
                Some("region")
            ]
        );
    }

    #[test]
    fn unknown_says_what_is_missing() {
        let Recognised::Unknown(e) = recognise(&headers("Opportunity ID,Stage,Amount"), None)
        else {
            panic!()
        };
        let msg = e.to_string();
        assert!(msg.starts_with(
            "Could not tell what this file holds: its headers (Opportunity ID, Stage, Amount)"
        ));
        assert!(
            msg.contains("closest to a deals file, which also needs created_at"),
            "{msg}"
        );
    }

    #[test]
    fn overrides_win() {
        let o = MappingOverride {
            file: "x.csv".into(),
            kind: Some(FileKind::Customers),
            columns: vec![
                ColumnOverride {
                    header: "code".into(),
                    field: Some(Field::CustomerId),
                },
                ColumnOverride {
                    header: "region".into(),
                    field: None,
                },
            ],
            ..Default::default()
        };
        let Recognised::Kind(m) = recognise(&headers("code,region,industry"), Some(&o)) else {
            panic!()
        };
        let fields: Vec<_> = m.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [Some(Field::CustomerId), None, Some(Field::Industry)]
        );
    }

    #[test]
    fn signature_ignores_spelling_only() {
        assert_eq!(
            header_signature(&headers("Deal ID,Stage")),
            header_signature(&headers("deal_id,stage"))
        );
        assert_ne!(
            header_signature(&headers("a,b")),
            header_signature(&headers("ab"))
        );
    }
}
