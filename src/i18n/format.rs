//! Numbers and dates as a person reads them, in the UI's language.
//!
//! Both languages group thousands with `,` and use `.` for decimals (`1,234.5`), as Chinese
//! business software does. The optional compact style writes large numbers short: `1.2万`,
//! `3.4亿` in Chinese, `1.2K`, `3.4M`, `5.6B` in English. Negative numbers take a true minus sign
//! (`−`); "no value" is a dash, never 0.
//!
//! Each function takes a [`NumberStyle`]; [`NumberStyle::current`] reads the chosen language and
//! style reactively, so a view that formats inside a closure follows the switches.

use super::{compact, lang, Lang};

/// What a missing value shows.
pub const NO_VALUE: &str = "—";
const MINUS: char = '\u{2212}';

/// The language and the number style to write in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NumberStyle {
    pub lang: Lang,
    /// Large numbers written short (万/亿, K/M/B).
    pub compact: bool,
}

impl NumberStyle {
    /// The style the person chose (reactive).
    pub fn current() -> Self {
        Self {
            lang: lang(),
            compact: compact(),
        }
    }
}

#[cfg(test)]
impl NumberStyle {
    /// English, full numbers.
    pub const EN: Self = Self {
        lang: Lang::En,
        compact: false,
    };
    /// Chinese, full numbers.
    pub const ZH: Self = Self {
        lang: Lang::Zh,
        compact: false,
    };

    /// The same language with the compact style on.
    pub fn compact(self) -> Self {
        Self {
            compact: true,
            ..self
        }
    }
}

/// `value` with `decimals` decimals and thousands grouped: `grouped(-1234.56, 1)` is `−1,234.6`.
/// A value that rounds to zero has no sign.
pub fn grouped(value: f64, decimals: usize) -> String {
    let fixed = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = match fixed.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (fixed.as_str(), None),
    };
    let is_zero = fixed.bytes().all(|b| b == b'0' || b == b'.');
    let mut out = String::with_capacity(fixed.len() + whole.len() / 3 + 3);
    if value.is_sign_negative() && !is_zero {
        out.push(MINUS);
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// The units of the compact style, smallest first: (size, suffix).
fn units(lang: Lang) -> &'static [(f64, &'static str)] {
    match lang {
        Lang::En => &[(1e3, "K"), (1e6, "M"), (1e9, "B"), (1e12, "T")],
        Lang::Zh => &[(1e4, "万"), (1e8, "亿"), (1e12, "万亿")],
    }
}

/// `value` written short when it is large enough for a unit of `lang`: one decimal below 100 of
/// the unit (`1.2万`, `12.3K`), none above (`123K`, `1,235万`), a trailing `.0` dropped.
/// `None` when `value` is below the smallest unit.
fn compact_number(value: f64, lang: Lang) -> Option<String> {
    let units = units(lang);
    let magnitude = value.abs();
    let mut index = units.iter().rposition(|(size, _)| magnitude >= *size)?;
    loop {
        let (size, suffix) = units[index];
        let scaled = magnitude / size;
        let decimals = if scaled < 100.0 { 1 } else { 0 };
        let factor = 10f64.powi(decimals as i32);
        let rounded = (scaled * factor).round() / factor;
        // 999,960 is 1M, not 1,000K: rounding may reach the next unit.
        if let Some((next, _)) = units.get(index + 1) {
            if rounded * size >= *next {
                index += 1;
                continue;
            }
        }
        let mut text = grouped(rounded.copysign(value), decimals);
        if text.ends_with(".0") {
            text.truncate(text.len() - 2);
        }
        text.push_str(suffix);
        return Some(text);
    }
}

/// A plain number with up to `decimals` decimals (compact when the style says so).
pub fn number(value: Option<f64>, decimals: usize, style: NumberStyle) -> String {
    let Some(value) = finite(value) else {
        return NO_VALUE.to_owned();
    };
    if style.compact {
        if let Some(text) = compact_number(value, style.lang) {
            return text;
        }
    }
    grouped(value, decimals)
}

/// An amount of money, without a currency (files mix them): whole units from 100 up
/// (`1,234,568`), cents below (`45.50`).
pub fn money(value: Option<f64>, style: NumberStyle) -> String {
    let decimals = match finite(value) {
        Some(v) if v.abs() < 100.0 && v.fract() != 0.0 => 2,
        _ => 0,
    };
    number(value, decimals, style)
}

/// A count of things: a whole number (`1,234`; compact `1.2K`, `1.2万`).
pub fn count(value: Option<f64>, style: NumberStyle) -> String {
    number(value, 0, style)
}

/// A fraction as a percentage with one decimal: `0.2777` is `27.8%`.
pub fn percent(fraction: Option<f64>, style: NumberStyle) -> String {
    let _ = style;
    match finite(fraction) {
        Some(f) => format!("{}%", grouped(f * 100.0, 1)),
        None => NO_VALUE.to_owned(),
    }
}

/// A number of days: `34 days`, `1 day`, `34.5 days`; `34 天`.
pub fn days(value: Option<f64>, style: NumberStyle) -> String {
    let Some(value) = finite(value) else {
        return NO_VALUE.to_owned();
    };
    let decimals = if (value * 10.0).round() % 10.0 == 0.0 {
        0
    } else {
        1
    };
    let text = grouped(value, decimals);
    match style.lang {
        Lang::En if text == "1" => "1 day".to_owned(),
        Lang::En => format!("{text} days"),
        Lang::Zh => format!("{text} 天"),
    }
}

/// A net promoter score, on −100…100, with one decimal and its sign: `+32.5`, `−5.0`, `0.0`.
pub fn nps(value: Option<f64>, style: NumberStyle) -> String {
    let _ = style;
    signed(value, 1).unwrap_or_else(|| NO_VALUE.to_owned())
}

/// A change with its sign (`+12.5`, `−3.0`, `0.0`); `None` for no value.
pub fn signed(value: Option<f64>, decimals: usize) -> Option<String> {
    let value = finite(value)?;
    let text = grouped(value, decimals);
    let zero = !text.chars().any(|c| c.is_ascii_digit() && c != '0');
    Some(if zero || text.starts_with(MINUS) {
        text
    } else {
        format!("+{text}")
    })
}

/// A relative change as a signed percentage: `0.123` is `+12.3%`.
pub fn change_percent(change: Option<f64>, style: NumberStyle) -> String {
    let _ = style;
    match signed(change.map(|c| c * 100.0), 1) {
        Some(text) => format!("{text}%"),
        None => NO_VALUE.to_owned(),
    }
}

/// A difference of two rates in percentage points: `0.021` is `+2.1 pts` / `+2.1 个百分点`.
pub fn change_points(difference: Option<f64>, style: NumberStyle) -> String {
    match signed(difference.map(|d| d * 100.0), 1) {
        Some(text) => match style.lang {
            Lang::En => format!("{text} pts"),
            Lang::Zh => format!("{text} 个百分点"),
        },
        None => NO_VALUE.to_owned(),
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `(year, month, day)` of an ISO date `YYYY-MM-DD` (`day` is `None` for `YYYY-MM`).
fn parse_iso(text: &str) -> Option<(i32, u32, Option<u32>)> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day = match parts.next() {
        Some(day) => Some(day.get(..2).unwrap_or(day).parse().ok()?),
        None => None,
    };
    ((1..=12).contains(&month) && day.is_none_or(|d| (1..=31).contains(&d)))
        .then_some((year, month, day))
}

/// An ISO date (`2024-01-05`) as a person reads it: `5 Jan 2024`, `2024年1月5日`. Text that is
/// not an ISO date comes back unchanged.
pub fn date(iso: &str, lang: Lang) -> String {
    match parse_iso(iso) {
        Some((year, month, Some(day))) => match lang {
            Lang::En => format!("{day} {} {year}", MONTHS_EN[month as usize - 1]),
            Lang::Zh => format!("{year}年{month}月{day}日"),
        },
        _ => iso.to_owned(),
    }
}

/// A period `from – to`, both ISO dates: `1 Jan 2024 – 31 Dec 2024`.
pub fn period(from: &str, to: &str, lang: Lang) -> String {
    format!("{} – {}", date(from, lang), date(to, lang))
}

fn finite(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: NumberStyle = NumberStyle::EN;
    const ZH: NumberStyle = NumberStyle::ZH;

    #[test]
    fn thousands_are_grouped_with_a_true_minus() {
        assert_eq!(grouped(0.0, 0), "0");
        assert_eq!(grouped(999.0, 0), "999");
        assert_eq!(grouped(1_000.0, 0), "1,000");
        assert_eq!(grouped(1_234.5, 1), "1,234.5");
        assert_eq!(grouped(1_234_567.891, 0), "1,234,568");
        assert_eq!(grouped(-2_500.0, 0), "−2,500");
        assert_eq!(
            grouped(-0.04, 1),
            "0.0",
            "a value that rounds to zero has no sign"
        );
        assert_eq!(grouped(-0.0, 0), "0");
        assert_eq!(grouped(999_999.5, 0), "1,000,000");
    }

    #[test]
    fn both_languages_write_full_numbers_alike_by_default() {
        for style in [EN, ZH] {
            assert_eq!(number(Some(1_234.5), 1, style), "1,234.5");
            assert_eq!(money(Some(1_234_567.891), style), "1,234,568");
            assert_eq!(money(Some(-2_500.0), style), "−2,500");
            assert_eq!(money(Some(45.5), style), "45.50");
            assert_eq!(money(Some(45.0), style), "45");
            assert_eq!(count(Some(42.0), style), "42");
            assert_eq!(count(Some(12_345.0), style), "12,345");
        }
    }

    #[test]
    fn chinese_compact_style_counts_in_wan_and_yi() {
        let zh = ZH.compact();
        assert_eq!(money(Some(9_999.0), zh), "9,999", "below 1万 stays whole");
        assert_eq!(money(Some(12_000.0), zh), "1.2万");
        assert_eq!(money(Some(10_000.0), zh), "1万");
        assert_eq!(money(Some(123_456.0), zh), "12.3万");
        assert_eq!(money(Some(12_345_678.0), zh), "1,235万");
        assert_eq!(money(Some(99_990_000.0), zh), "9,999万");
        assert_eq!(
            money(Some(99_999_999.0), zh),
            "1亿",
            "rounding reaches the next unit"
        );
        assert_eq!(money(Some(340_000_000.0), zh), "3.4亿");
        assert_eq!(money(Some(-15_000.0), zh), "−1.5万");
        assert_eq!(count(Some(250_000.0), zh), "25万");
    }

    #[test]
    fn english_compact_style_counts_in_thousands_and_millions() {
        let en = EN.compact();
        assert_eq!(money(Some(999.0), en), "999");
        assert_eq!(money(Some(1_200.0), en), "1.2K");
        assert_eq!(money(Some(12_345.0), en), "12.3K");
        assert_eq!(money(Some(123_456.0), en), "123K");
        assert_eq!(money(Some(999_960.0), en), "1M");
        assert_eq!(money(Some(3_400_000.0), en), "3.4M");
        assert_eq!(money(Some(5_600_000_000.0), en), "5.6B");
    }

    #[test]
    fn rates_read_as_percentages() {
        assert_eq!(percent(Some(0.2777), EN), "27.8%");
        assert_eq!(percent(Some(0.2777), ZH), "27.8%");
        assert_eq!(percent(Some(1.0), EN), "100.0%");
        assert_eq!(percent(Some(0.0), ZH), "0.0%");
    }

    #[test]
    fn days_say_their_unit() {
        assert_eq!(days(Some(34.4), EN), "34.4 days");
        assert_eq!(days(Some(34.0), EN), "34 days");
        assert_eq!(days(Some(1.0), EN), "1 day");
        assert_eq!(days(Some(34.5), ZH), "34.5 天");
        assert_eq!(days(Some(1_200.0), ZH), "1,200 天");
    }

    #[test]
    fn nps_has_one_decimal_and_its_sign() {
        assert_eq!(nps(Some(32.0), EN), "+32.0");
        assert_eq!(nps(Some(32.46), ZH), "+32.5");
        assert_eq!(nps(Some(-5.0), EN), "−5.0");
        assert_eq!(nps(Some(0.0), EN), "0.0");
        assert_eq!(nps(Some(-0.01), EN), "0.0");
    }

    #[test]
    fn changes_carry_a_sign() {
        assert_eq!(change_percent(Some(0.123), EN), "+12.3%");
        assert_eq!(change_percent(Some(-0.5), ZH), "−50.0%");
        assert_eq!(change_points(Some(0.021), EN), "+2.1 pts");
        assert_eq!(change_points(Some(-0.021), ZH), "−2.1 个百分点");
        assert_eq!(change_percent(None, EN), NO_VALUE);
    }

    #[test]
    fn no_value_is_a_dash_not_zero() {
        for style in [EN, ZH, EN.compact(), ZH.compact()] {
            assert_eq!(money(None, style), NO_VALUE);
            assert_eq!(count(Some(f64::NAN), style), NO_VALUE);
            assert_eq!(percent(Some(f64::INFINITY), style), NO_VALUE);
            assert_eq!(days(None, style), NO_VALUE);
            assert_eq!(nps(None, style), NO_VALUE);
        }
    }

    #[test]
    fn dates_read_in_each_language() {
        assert_eq!(date("2024-01-05", Lang::En), "5 Jan 2024");
        assert_eq!(date("2024-01-05", Lang::Zh), "2024年1月5日");
        assert_eq!(date("2024-12-31T10:00:00", Lang::En), "31 Dec 2024");
        assert_eq!(date("not a date", Lang::Zh), "not a date");
        assert_eq!(date("2024-13-01", Lang::En), "2024-13-01");
        assert_eq!(
            period("2024-01-01", "2024-12-31", Lang::Zh),
            "2024年1月1日 – 2024年12月31日"
        );
    }
}
