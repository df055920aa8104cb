//! The words of the synthetic data in each language: headers, categories, people, companies.
//!
//! Every list is indexed the same way in both languages, so the generators draw indices and
//! the language only changes how a row is spelled.

use super::rng::Rng;
use super::Lang;

pub(crate) const INDUSTRIES: usize = 8;
pub(crate) const REGIONS: usize = 6;
pub(crate) const SIZES: usize = 3;
pub(crate) const CHANNELS: usize = 6;
pub(crate) const OWNERS: usize = 12;
/// Open pipeline stages, in order; `STAGE_WON` and `STAGE_LOST` follow them.
pub(crate) const OPEN_STAGES: usize = 5;
pub(crate) const STAGE_WON: usize = OPEN_STAGES;
pub(crate) const STAGE_LOST: usize = OPEN_STAGES + 1;
pub(crate) const LOST_REASONS: usize = 5;

pub(crate) struct Vocab {
    pub customers_header: [&'static str; 9],
    pub deals_header: [&'static str; 12],
    pub orders_header: [&'static str; 3],
    pub surveys_header: [&'static str; 3],
    pub spend_header: [&'static str; 3],
    pub industries: [&'static str; INDUSTRIES],
    pub regions: [&'static str; REGIONS],
    pub sizes: [&'static str; SIZES],
    pub channels: [&'static str; CHANNELS],
    pub owners: [&'static str; OWNERS],
    pub stages: [&'static str; OPEN_STAGES + 2],
    /// open, won, lost.
    pub statuses: [&'static str; 3],
    pub lost_reasons: [&'static str; LOST_REASONS],
    company: CompanyWords,
}

/// A company name is `first` + `second` + a word of its industry + `suffix`, joined as the
/// language writes them.
struct CompanyWords {
    first: &'static [&'static str],
    second: &'static [&'static str],
    by_industry: [[&'static str; 3]; INDUSTRIES],
    suffixes: &'static [&'static str],
    suffix_weights: &'static [f64],
    separator: &'static str,
}

impl Vocab {
    pub fn of(lang: Lang) -> &'static Vocab {
        match lang {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// Writes a company name of the given industry into `out` (cleared first).
    pub fn company_name(&self, rng: &mut Rng, industry: usize, out: &mut String) {
        let words = &self.company;
        out.clear();
        out.push_str(words.first[rng.below(words.first.len() as u64) as usize]);
        let second = words.second[rng.below(words.second.len() as u64) as usize];
        let core = words.by_industry[industry][rng.below(3) as usize];
        // English names use either the second word or the industry word; Chinese ones both.
        if words.separator.is_empty() {
            out.push_str(second);
            out.push_str(core);
        } else {
            out.push_str(words.separator);
            out.push_str(if rng.chance(0.5) { second } else { core });
        }
        out.push_str(words.suffixes[rng.weighted(words.suffix_weights)]);
    }
}

static EN: Vocab = Vocab {
    customers_header: [
        "customer_id",
        "name",
        "industry",
        "region",
        "size",
        "channel",
        "owner",
        "created_at",
        "acquisition_cost",
    ],
    deals_header: [
        "deal_id",
        "customer_id",
        "stage",
        "status",
        "amount",
        "created_at",
        "closed_at",
        "lost_reason",
        "lost_stage",
        "owner",
        "channel",
        "last_activity_at",
    ],
    orders_header: ["customer_id", "date", "amount"],
    surveys_header: ["customer_id", "date", "score"],
    spend_header: ["channel", "month", "spend"],
    industries: [
        "Software",
        "Manufacturing",
        "Retail",
        "Healthcare",
        "Finance",
        "Education",
        "Logistics",
        "Energy",
    ],
    regions: ["East", "West", "North", "South", "Central", "International"],
    sizes: ["Small", "Medium", "Enterprise"],
    channels: [
        "Website",
        "Referral",
        "Partner",
        "Events",
        "Paid Search",
        "Outbound",
    ],
    owners: [
        "Alice Chen",
        "Ben Carter",
        "Chloe Martin",
        "David Kim",
        "Emma Rossi",
        "Felix Wagner",
        "Grace Liu",
        "Henry Okafor",
        "Isabel Diaz",
        "Jack Thompson",
        "Keiko Sato",
        "Liam O'Brien",
    ],
    stages: [
        "Lead",
        "Prospecting",
        "Qualification",
        "Proposal",
        "Negotiation",
        "Closed Won",
        "Closed Lost",
    ],
    statuses: ["open", "won", "lost"],
    lost_reasons: ["Price", "Competitor", "No budget", "Timing", "No decision"],
    company: CompanyWords {
        first: &[
            "Acme",
            "Northwind",
            "Blue Ridge",
            "Summit",
            "Harbor",
            "Pinnacle",
            "Evergreen",
            "Silverline",
            "Redwood",
            "Crescent",
            "Ironclad",
            "Brightpath",
            "Cobalt",
            "Granite",
            "Lakeside",
            "Maple",
            "Orion",
            "Pioneer",
            "Quantum",
            "Riverbend",
            "Sterling",
            "Trident",
            "Unity",
            "Vertex",
            "Westbrook",
            "Apex",
            "Beacon",
            "Cascade",
            "Delta",
            "Falcon",
            "Horizon",
            "Keystone",
            "Liberty",
            "Meridian",
            "Nova",
            "Oakmont",
            "Prairie",
            "Sunrise",
        ],
        second: &[
            "Group",
            "Partners",
            "Holdings",
            "Works",
            "Solutions",
            "Enterprises",
            "Associates",
            "Brothers",
            "& Sons",
            "International",
        ],
        by_industry: [
            ["Software", "Systems", "Analytics"],
            ["Manufacturing", "Industries", "Machining"],
            ["Retail", "Stores", "Outfitters"],
            ["Health", "Medical", "Clinics"],
            ["Capital", "Financial", "Insurance"],
            ["Learning", "Academy", "Education"],
            ["Logistics", "Freight", "Shipping"],
            ["Energy", "Power", "Solar"],
        ],
        suffixes: &["", " Inc.", ", Inc.", " LLC", " Ltd", " Co."],
        suffix_weights: &[0.35, 0.25, 0.1, 0.15, 0.1, 0.05],
        separator: " ",
    },
};

static ZH: Vocab = Vocab {
    customers_header: [
        "客户ID",
        "客户名称",
        "所属行业",
        "区域",
        "规模",
        "来源渠道",
        "负责人",
        "创建时间",
        "获客成本",
    ],
    deals_header: [
        "商机编号",
        "客户ID",
        "商机阶段",
        "状态",
        "金额",
        "创建时间",
        "成交日期",
        "输单原因",
        "输单阶段",
        "负责人",
        "来源渠道",
        "最后跟进时间",
    ],
    orders_header: ["客户ID", "订单日期", "订单金额"],
    surveys_header: ["客户ID", "调查日期", "NPS评分"],
    spend_header: ["渠道", "月份", "投放金额"],
    industries: [
        "软件",
        "制造业",
        "零售",
        "医疗",
        "金融",
        "教育",
        "物流",
        "能源",
    ],
    regions: ["华东", "华南", "华北", "华中", "西南", "西北"],
    sizes: ["小型", "中型", "大型"],
    channels: ["官网", "转介绍", "合作伙伴", "展会", "付费搜索", "电话外呼"],
    owners: [
        "张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴婷", "徐强",
        "孙丽",
    ],
    stages: [
        "线索",
        "初步接触",
        "需求确认",
        "方案报价",
        "谈判",
        "赢单",
        "输单",
    ],
    statuses: ["进行中", "赢单", "输单"],
    lost_reasons: ["价格", "竞争对手", "无预算", "时机不对", "未决策"],
    company: CompanyWords {
        first: &[
            "上海", "北京", "深圳", "广州", "杭州", "成都", "南京", "武汉", "苏州", "西安", "天津",
            "重庆", "长沙", "青岛", "厦门", "宁波",
        ],
        second: &[
            "恒信", "华瑞", "金科", "博远", "天成", "鼎盛", "新峰", "中泰", "安达", "锐思", "宏图",
            "启明", "德润", "星辰", "海纳", "云帆",
        ],
        by_industry: [
            ["软件科技", "信息技术", "网络科技"],
            ["机械制造", "精密工业", "电子"],
            ["商贸", "百货", "零售连锁"],
            ["医疗器械", "生物科技", "健康管理"],
            ["投资管理", "融资租赁", "金融服务"],
            ["教育科技", "培训", "文化传播"],
            ["物流", "供应链管理", "货运"],
            ["能源", "新能源科技", "电力设备"],
        ],
        suffixes: &["有限公司", "股份有限公司", "集团有限公司"],
        suffix_weights: &[0.7, 0.2, 0.1],
        separator: "",
    },
};
