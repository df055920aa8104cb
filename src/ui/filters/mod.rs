//! The global filter: the period and the segment filters, shown as removable chips. Every
//! change goes through `AppState::query`, which recomputes the dashboard.

mod filter_bar;
mod filter_chips;
mod period_picker;
mod segment_select;

pub use filter_bar::FilterBar;
pub use filter_chips::FilterChips;
pub use period_picker::PeriodPicker;
pub use segment_select::SegmentSelect;

use engine::query::Filters;
use engine::report::FilterValues;

use crate::i18n::tr;

/// A segment filter's field (`METRICS.md` "Period, as-of date, comparison").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Owner,
    Channel,
    Region,
    Industry,
    Size,
    Tier,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Owner,
        Field::Channel,
        Field::Region,
        Field::Industry,
        Field::Size,
        Field::Tier,
    ];

    /// The field's id: `data-testid="filter-<id>"`, `chip-<id>`.
    pub fn id(self) -> &'static str {
        match self {
            Field::Owner => "owner",
            Field::Channel => "channel",
            Field::Region => "region",
            Field::Industry => "industry",
            Field::Size => "size",
            Field::Tier => "tier",
        }
    }

    /// The field's name in the current language (reactive).
    pub fn label(self) -> &'static str {
        match self {
            Field::Owner => tr("Owner", "负责人"),
            Field::Channel => tr("Channel", "渠道"),
            Field::Region => tr("Region", "区域"),
            Field::Industry => tr("Industry", "行业"),
            Field::Size => tr("Size", "规模"),
            Field::Tier => tr("Tier", "客户分层"),
        }
    }

    /// The values chosen for this field.
    pub fn chosen(self, filters: &Filters) -> &Vec<String> {
        match self {
            Field::Owner => &filters.owner,
            Field::Channel => &filters.channel,
            Field::Region => &filters.region,
            Field::Industry => &filters.industry,
            Field::Size => &filters.size,
            Field::Tier => &filters.tier,
        }
    }

    pub fn chosen_mut(self, filters: &mut Filters) -> &mut Vec<String> {
        match self {
            Field::Owner => &mut filters.owner,
            Field::Channel => &mut filters.channel,
            Field::Region => &mut filters.region,
            Field::Industry => &mut filters.industry,
            Field::Size => &mut filters.size,
            Field::Tier => &mut filters.tier,
        }
    }

    /// The values the data offers for this field.
    pub fn offered(self, values: &FilterValues) -> &Vec<String> {
        match self {
            Field::Owner => &values.owner,
            Field::Channel => &values.channel,
            Field::Region => &values.region,
            Field::Industry => &values.industry,
            Field::Size => &values.size,
            Field::Tier => &values.tier,
        }
    }
}

/// Adds `value` to the field's filter unless it is there (several values mean any of them).
pub fn add(filters: &mut Filters, field: Field, value: &str) {
    let chosen = field.chosen_mut(filters);
    if !value.is_empty() && !chosen.iter().any(|v| v == value) {
        chosen.push(value.to_string());
    }
}

/// Removes `value` from the field's filter.
pub fn remove(filters: &mut Filters, field: Field, value: &str) {
    field.chosen_mut(filters).retain(|v| v != value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_once_and_remove() {
        let mut f = Filters::default();
        add(&mut f, Field::Region, "East");
        add(&mut f, Field::Region, "East");
        add(&mut f, Field::Region, "");
        add(&mut f, Field::Owner, "Ann");
        assert_eq!(f.region, ["East"]);
        assert_eq!(Field::Owner.chosen(&f), &["Ann"]);
        remove(&mut f, Field::Region, "East");
        assert!(f.region.is_empty());
        assert!(!f.is_empty());
    }

    #[test]
    fn ids_are_the_testids() {
        let ids: Vec<&str> = Field::ALL.iter().map(|f| f.id()).collect();
        assert_eq!(
            ids,
            ["owner", "channel", "region", "industry", "size", "tier"]
        );
    }
}
