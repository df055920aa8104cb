//! Cell values as CRM exports write them: dates, amounts, scores, status words.
//!
//! Every parser takes a trimmed cell and returns `None` when the text is not a value of its
//! type; the caller reports the row. Nothing here allocates on the common paths (ISO dates,
//! plain numbers), since they run once per cell of a million-row file.

use chrono::Datelike;

use crate::model::{Day, Status};

/// The order of day and month in dates written `a/b/yyyy`, detected per column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// `9/30/2014`: the default when no value tells.
    #[default]
    MonthFirst,
    /// `30/09/2014`: chosen when a value has more than 12 in the first position.
    DayFirst,
}

/// Looks at the values of one date column to choose its [`DateOrder`]: a value with more
/// than 12 in first position means day-first; otherwise month-first, except for a column of
/// dotted dates (`05.01.2024`, as German exports write them) with nothing above 12 in second
/// position either.
#[derive(Clone, Copy, Debug, Default)]
pub struct DateOrderProbe {
    first_over_12: bool,
    second_over_12: bool,
    dotted: bool,
    ambiguous: bool,
}

impl DateOrderProbe {
    pub fn observe(&mut self, text: &str) {
        let Some((a, b, sep)) = year_last_parts(date_part(text)) else {
            return;
        };
        if a > 12 {
            self.first_over_12 = true;
        } else if b > 12 {
            self.second_over_12 = true;
        } else {
            self.ambiguous = true;
        }
        self.dotted |= sep == b'.';
    }

    /// True once a value has settled the order (a column with values over 12 in both
    /// positions is inconsistent either way; its other rows are reported).
    pub fn decided(&self) -> bool {
        self.first_over_12 || self.second_over_12
    }

    /// True when the column holds `a/b/yyyy` values that did not settle the order.
    pub fn undecided(&self) -> bool {
        !self.decided() && self.ambiguous
    }

    pub fn order(&self) -> DateOrder {
        if self.first_over_12 || (self.dotted && !self.second_over_12) {
            DateOrder::DayFirst
        } else {
            DateOrder::MonthFirst
        }
    }

    /// Whether the column holds any `a/b/yyyy` value (so the order matters to the user).
    pub fn seen(&self) -> bool {
        self.first_over_12 || self.second_over_12 || self.ambiguous
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date, or `None` if it does not exist.
/// Years are limited to 1000–9999: anything else in a CRM export is a typo.
pub fn ymd(year: i64, month: i64, day: i64) -> Option<Day> {
    if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || day < 1 {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let dim = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > dim {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) as Day)
}

/// An Excel serial date (1900 date system, with Excel's phantom 1900-02-29 folded onto the
/// 28th); the time of day is dropped.
pub fn serial_to_day(serial: f64) -> Option<Day> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let whole = serial.floor() as i64;
    let day = if whole >= 61 {
        whole - 25_569
    } else {
        whole.min(59) - 25_568
    };
    Some(day as Day)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A month name or its three-letter abbreviation (`Sept` too), 1–12.
fn month_name(word: &str) -> Option<i64> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 || !w.is_ascii() {
        return None;
    }
    let lower = w.to_ascii_lowercase();
    let index = MONTHS.iter().position(|m| lower.starts_with(m))?;
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let ok = lower.len() == 3 || FULL[index].starts_with(lower.as_str()) || lower == "sept";
    ok.then_some(index as i64 + 1)
}

fn digits(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A two-digit year is 2000–2069 or 1970–1999.
fn full_year(text: &str, value: i64) -> i64 {
    if text.len() <= 2 {
        if value < 70 {
            2000 + value
        } else {
            1900 + value
        }
    } else {
        value
    }
}

/// The part of a cell that holds the date: before a time (`2024-01-05T10:00+08:00`,
/// `2024/1/5 13:45`).
fn date_part(text: &str) -> &str {
    let text = text.trim();
    let bytes = text.as_bytes();
    let end = bytes
        .iter()
        .enumerate()
        .position(|(i, &b)| b == b' ' || (b == b'T' && i > 0 && bytes[i - 1].is_ascii_digit()))
        .unwrap_or(bytes.len());
    &text[..end]
}

/// `a/b/yyyy` (or with `-` or `.`): the first two numbers and the separator.
fn year_last_parts(text: &str) -> Option<(i64, i64, u8)> {
    let sep = *text
        .as_bytes()
        .iter()
        .find(|b| matches!(b, b'/' | b'-' | b'.'))?;
    let mut parts = text.split(sep as char);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || a.len() > 2 || b.len() > 2 || !(y.len() == 4 || y.len() == 2) {
        return None;
    }
    Some((digits(a)?, digits(b)?, sep))
}

/// A date as CRM exports write it: ISO `2024-01-05`, `2024/1/5`, `2024.01.05`, `2024年1月5日`,
/// `05/01/2024` in the column's order, `5 Jan 2024`, `Jan 5, 2024`, `05-Jan-24`, `20240105`,
/// Excel serials (`45296`), Unix time in seconds or milliseconds, each optionally followed by
/// a time and offset, which are ignored (a timestamp's date is the date as written).
pub fn parse_date(text: &str, order: DateOrder) -> Option<Day> {
    let text = text.trim();
    let b = text.as_bytes();
    // Fast path: ISO date, optionally with a time.
    if b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && (b.len() == 10 || matches!(b[10], b'T' | b' ' | b't'))
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
    {
        let n = |i: usize| (b[i] - b'0') as i64;
        return ymd(
            n(0) * 1000 + n(1) * 100 + n(2) * 10 + n(3),
            n(5) * 10 + n(6),
            n(8) * 10 + n(9),
        );
    }
    if text.contains('年') {
        return chinese_date(text);
    }
    let part = date_part(text);
    numeric_date(part, order).or_else(|| named_month_date(text))
}

fn numeric_date(part: &str, order: DateOrder) -> Option<Day> {
    let bytes = part.as_bytes();
    if bytes.is_empty() {
        return None;
    }
    if bytes.iter().all(|b| b.is_ascii_digit() || *b == b'.') {
        if let Some(day) = number_date(part) {
            return Some(day);
        }
    }
    let sep = *bytes.iter().find(|b| matches!(b, b'/' | b'-' | b'.'))?;
    let mut parts = part.split(sep as char);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    if a.len() == 4 {
        // Year first: 2024-1-5, 2024/01/05, 2024.1.5.
        return ymd(digits(a)?, digits(b)?, digits(c)?);
    }
    if let Some(month) = month_name(b) {
        // 05-Jan-2024, 5-Jan-24.
        return ymd(full_year(c, digits(c)?), month, digits(a)?);
    }
    let (x, y) = (digits(a)?, digits(b)?);
    if a.len() > 2 || b.len() > 2 || !(c.len() == 4 || c.len() == 2) {
        return None;
    }
    let year = full_year(c, digits(c)?);
    match order {
        DateOrder::MonthFirst => ymd(year, x, y),
        DateOrder::DayFirst => ymd(year, y, x),
    }
}

/// A cell of digits: `20240105`, an Excel serial (5 digits, maybe with a time fraction),
/// Unix seconds (10 digits) or milliseconds (13 digits).
fn number_date(part: &str) -> Option<Day> {
    let (whole, fraction) = part.split_once('.').unwrap_or((part, ""));
    if whole.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match whole.len() {
        5 => serial_to_day(part.parse().ok()?),
        8 if fraction.is_empty() => {
            let v = digits(whole)?;
            ymd(v / 10_000, v / 100 % 100, v % 100)
        }
        10 | 13 if fraction.is_empty() => {
            let v: i64 = whole.parse().ok()?;
            let seconds = if whole.len() == 13 { v / 1000 } else { v };
            let day = seconds.div_euclid(86_400);
            (day <= 2_932_896).then_some(day as Day)
        }
        _ => None,
    }
}

/// `2024年1月5日`, `2024年01月05日 10:30`.
fn chinese_date(text: &str) -> Option<Day> {
    let (y, rest) = text.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.split_once('日').map_or(rest, |(d, _)| d);
    let d = date_part(d);
    ymd(digits(y.trim())?, digits(m.trim())?, digits(d.trim())?)
}

/// `Jan 5, 2024`, `January 5 2024`, `5 Jan 2024`, `Fri, 5 January 2024 10:00`: one month
/// name, one day and one four-digit year among the words; times and weekdays are skipped.
fn named_month_date(text: &str) -> Option<Day> {
    let (mut month, mut day, mut year) = (None, None, None);
    for word in text.split(|c: char| c.is_whitespace() || c == ',') {
        if word.is_empty() || word.contains(':') {
            continue;
        }
        if let Some(m) = month_name(word) {
            if month.replace(m).is_some() {
                return None;
            }
            continue;
        }
        let number = word.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        match (digits(number), number.len()) {
            (Some(v), 4) if year.is_none() => year = Some(v),
            (Some(v), 1 | 2) if day.is_none() => day = Some(v),
            (None, _) if is_weekday_or_meridiem(word) => {}
            _ => return None,
        }
    }
    ymd(year?, month?, day?)
}

fn is_weekday_or_meridiem(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "am", "pm", "utc", "gmt",
    ]
    .iter()
    .any(|d| w.starts_with(d))
}

/// A month: `2024-01`, `2024/1`, `2024年1月`, `Jan 2024`, `January 2024`, `202401`, or any
/// date reduced to its month. Returns the month index (`year * 12 + month - 1`).
pub fn parse_month(text: &str, order: DateOrder) -> Option<i32> {
    let text = text.trim();
    let month_index = |y: i64, m: i64| ymd(y, m, 1).map(|_| (y * 12 + m - 1) as i32);
    if let Some(day) = parse_date(text, order) {
        let date = crate::model::day::to_date(day);
        return month_index(date.year() as i64, date.month() as i64);
    }
    if let Some((y, rest)) = text.split_once('年') {
        let m = rest.trim_end_matches('月').trim();
        return month_index(digits(y.trim())?, digits(m)?);
    }
    let part = date_part(text);
    if part.len() == 6 && part.bytes().all(|b| b.is_ascii_digit()) {
        let v = digits(part)?;
        return month_index(v / 100, v % 100);
    }
    if let Some(sep) = part.bytes().find(|b| matches!(b, b'-' | b'/' | b'.')) {
        let (a, b) = part.split_once(sep as char)?;
        if a.len() == 4 {
            return month_index(digits(a)?, digits(b)?);
        }
        if b.len() == 4 {
            let m = digits(a).or_else(|| month_name(a))?;
            return month_index(digits(b)?, m);
        }
        if let (Some(m), 2) = (month_name(a), b.len()) {
            return month_index(full_year(b, digits(b)?), m);
        }
        return None;
    }
    // "Jan 2024", "January 2024".
    let mut words = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let (a, b) = (words.next()?, words.next()?);
    if words.next().is_some() {
        return None;
    }
    let (m, y) = match (month_name(a), month_name(b)) {
        (Some(m), None) => (m, b),
        (None, Some(m)) => (m, a),
        _ => return None,
    };
    (y.len() == 4).then_some(())?;
    month_index(digits(y)?, m)
}

/// An amount: `1234.5`, `1,234.50`, `1.234,50`, `1 234,50`, `¥1,234`, `$-5`, `€ 12`, `£3`,
/// `USD 1,200`, `1200元`, `1.2万`, `3亿`, `2.5k`, `(1,234)` and `-1234` for negatives.
pub fn parse_amount(text: &str) -> Option<f64> {
    let text = text.trim();
    let first = *text.as_bytes().first()?;
    // Fast path: a plain number.
    let plain = |b: u8| b.is_ascii_digit() || b == b'.' || b == b'-';
    let starts = first.is_ascii_digit() || ((first == b'-' || first == b'.') && text.len() > 1);
    if starts && text.bytes().all(plain) {
        if let Some(v) = short_decimal(text.as_bytes()) {
            return Some(v);
        }
        if let Ok(v) = text.parse::<f64>() {
            return v.is_finite().then_some(v);
        }
    }
    amount_slow(text)
}

/// `-?digits[.digits]` of at most 15 digits, as `str::parse` reads it but faster (wasm has no
/// 128-bit multiply for the general algorithm): the digits and the power of ten are exact
/// doubles, so their quotient is the correctly rounded value.
pub fn short_decimal(text: &[u8]) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, digits) = match text {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, text),
    };
    let (mut mantissa, mut count, mut point) = (0u64, 0usize, None);
    for (i, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' if count < 15 => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                count += 1;
            }
            b'.' if point.is_none() => point = Some(digits.len() - i - 1),
            _ => return None,
        }
    }
    if count == 0 {
        return None;
    }
    // Every byte after the point is a digit, so there are at most 15 of them.
    let value = mantissa as f64 / POW10[point.unwrap_or(0)];
    Some(if negative { -value } else { value })
}

const CURRENCY_WORDS: [&str; 14] = [
    "人民币",
    "RMB",
    "CNY",
    "USD",
    "US$",
    "HK$",
    "HKD",
    "EUR",
    "GBP",
    "JPY",
    "元",
    "圆",
    "円",
    "块",
];

fn amount_slow(text: &str) -> Option<f64> {
    let mut s = text.trim();
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') && s.len() > 2 {
        negative = true;
        s = s[1..s.len() - 1].trim();
    } else if s.starts_with('（') && s.ends_with('）') && s.len() > 6 {
        negative = true;
        s = s['（'.len_utf8()..s.len() - '）'.len_utf8()].trim();
    }
    let mut multiplier = 1.0;
    // Currency signs and words, a sign, on either side, in any order.
    loop {
        let before = s;
        s = s.trim();
        for w in CURRENCY_WORDS {
            if let Some(rest) = strip_prefix_ci(s, w) {
                s = rest;
            }
            if let Some(rest) = strip_suffix_ci(s, w) {
                s = rest;
            }
        }
        for c in ['¥', '￥', '$', '€', '£', '₩', '₹'] {
            s = s.trim_start_matches(c).trim_end_matches(c);
        }
        for c in ['-', '−', '–'] {
            if let Some(rest) = s.strip_prefix(c) {
                negative = !negative;
                s = rest;
            } else if let Some(rest) = s.strip_suffix(c) {
                negative = !negative;
                s = rest;
            }
        }
        if let Some(rest) = s.strip_prefix('+') {
            s = rest;
        }
        if s == before {
            break;
        }
    }
    for (suffix, m) in [
        ("万", 1e4),
        ("亿", 1e8),
        ("千", 1e3),
        ("k", 1e3),
        ("K", 1e3),
        ("M", 1e6),
    ] {
        if let Some(rest) = s.strip_suffix(suffix) {
            multiplier = m;
            s = rest.trim_end();
            break;
        }
    }
    let mut digits = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '0'..='9' | '.' | ',' => digits.push(c),
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’' => {}
            _ => return None,
        }
    }
    let normalised = normalise_separators(&digits)?;
    let value: f64 = normalised.parse().ok()?;
    let value = value * multiplier;
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..cut])
}

/// Digits with `.` and `,`: the last separator is the decimal point when both occur; a lone
/// kind of separator is a thousands separator when it repeats or has exactly three digits
/// after it (`1,234` is 1234, `12,5` is 12.5, `1.234.567` is 1234567).
fn normalise_separators(s: &str) -> Option<String> {
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let (thousands, decimal) = match (dots, commas) {
        (0, 0) => return Some(s.to_string()),
        (_, 0) => {
            if dots > 1 {
                ('.', None)
            } else {
                (',', Some('.'))
            }
        }
        (0, _) => {
            let after = s.rsplit(',').next().map_or(0, str::len);
            if commas > 1 || after == 3 {
                (',', None)
            } else {
                ('.', Some(','))
            }
        }
        _ => {
            let last_dot = s.rfind('.')?;
            let last_comma = s.rfind(',')?;
            if last_dot > last_comma {
                (',', Some('.'))
            } else {
                ('.', Some(','))
            }
        }
    };
    if let Some(d) = decimal {
        if s.matches(d).count() > 1 {
            return None;
        }
    }
    // Thousands groups must have three digits.
    let integer = match decimal {
        Some(d) => s.split(d).next().unwrap_or(""),
        None => s,
    };
    let groups: Vec<&str> = integer.split(thousands).collect();
    if groups.len() > 1 && (groups[0].is_empty() || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == thousands {
            continue;
        }
        out.push(if Some(c) == decimal { '.' } else { c });
    }
    Some(out)
}

/// A survey score: a whole number 0–10 (`9` and `9.0` are 9; `7.5`, `11` and `-1` are not).
pub fn parse_score(text: &str) -> Option<u8> {
    let text = text.trim();
    let text = text.strip_suffix('分').unwrap_or(text).trim_end();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || whole.len() > 2 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|b| b == b'0') {
        return None;
    }
    let v: u8 = whole.parse().ok()?;
    (v <= 10).then_some(v)
}

/// A score held as a number (an Excel cell).
pub fn score_from_number(value: f64) -> Option<u8> {
    (value.fract() == 0.0 && (0.0..=10.0).contains(&value)).then_some(value as u8)
}

/// A status cell: `open`, `won`, `lost` and their Chinese and CRM spellings. Anything else
/// means "derive from the stage" (`METRICS.md`, "Decisions on edge cases").
pub fn parse_status(text: &str) -> Option<Status> {
    let t = text.trim();
    const OPEN: [&str; 6] = ["open", "进行中", "跟进中", "未关闭", "未成交", "开放"];
    const WON: [&str; 6] = ["won", "closed won", "赢单", "成交", "已成交", "签约"];
    const LOST: [&str; 6] = ["lost", "closed lost", "输单", "丢单", "流失", "关闭"];
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(t));
    if is(&OPEN) {
        Some(Status::Open)
    } else if is(&WON) {
        Some(Status::Won)
    } else if is(&LOST) {
        Some(Status::Lost)
    } else {
        None
    }
}

/// The status a stage name implies: the won and lost words of `METRICS.md`, matched as whole
/// values after trimming, case-insensitively; anything else is open.
pub fn status_from_stage(stage: &str) -> Status {
    let t = stage.trim();
    const WON: [&str; 6] = ["Closed Won", "Won", "赢单", "成交", "已成交", "签约"];
    const LOST: [&str; 6] = ["Closed Lost", "Lost", "输单", "丢单", "流失", "关闭"];
    if WON.iter().any(|w| w.eq_ignore_ascii_case(t)) {
        Status::Won
    } else if LOST.iter().any(|w| w.eq_ignore_ascii_case(t)) {
        Status::Lost
    } else {
        Status::Open
    }
}

/// A company size from a headcount: under 1,000 Small, under 5,000 Medium, else Enterprise
/// (the buckets of the Maven accounts file's provenance).
pub fn size_from_headcount(employees: f64) -> &'static str {
    if employees < 1000.0 {
        "Small"
    } else if employees < 5000.0 {
        "Medium"
    } else {
        "Enterprise"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::day::from_ymd;

    fn d(y: i32, m: u32, day: u32) -> Option<Day> {
        from_ymd(y, m, day)
    }

    #[test]
    fn ymd_agrees_with_chrono() {
        for (y, m, day) in [
            (1970, 1, 1),
            (1969, 12, 31),
            (2000, 2, 29),
            (2024, 12, 31),
            (1000, 1, 1),
        ] {
            assert_eq!(
                ymd(y as i64, m as i64, day as i64),
                d(y, m, day),
                "{y}-{m}-{day}"
            );
        }
        assert_eq!(ymd(2023, 2, 29), None);
        assert_eq!(ymd(2024, 13, 1), None);
        assert_eq!(ymd(2024, 4, 31), None);
        assert_eq!(ymd(999, 1, 1), None);
        let mut day = ymd(1600, 1, 1).unwrap();
        let mut date = chrono::NaiveDate::from_ymd_opt(1600, 1, 1).unwrap();
        while date.year() < 2500 {
            assert_eq!(crate::model::day::from_date(date), day);
            date = date.succ_opt().unwrap();
            day += 1;
        }
    }

    #[test]
    fn iso_dates_and_timestamps() {
        let mf = DateOrder::MonthFirst;
        assert_eq!(parse_date("2024-01-05", mf), d(2024, 1, 5));
        assert_eq!(parse_date(" 2024-01-05 ", mf), d(2024, 1, 5));
        assert_eq!(parse_date("2024-01-05T23:30:00+08:00", mf), d(2024, 1, 5));
        assert_eq!(parse_date("2024-01-05T23:30:00Z", mf), d(2024, 1, 5));
        assert_eq!(parse_date("2024-01-05 23:30", mf), d(2024, 1, 5));
        assert_eq!(parse_date("2024-02-30", mf), None);
        assert_eq!(parse_date("2024-1-5", mf), d(2024, 1, 5));
    }

    #[test]
    fn year_first_forms() {
        let mf = DateOrder::MonthFirst;
        assert_eq!(parse_date("2024/1/5", mf), d(2024, 1, 5));
        assert_eq!(parse_date("2024/01/05 13:45:00", mf), d(2024, 1, 5));
        assert_eq!(parse_date("2024.01.05", mf), d(2024, 1, 5));
        assert_eq!(parse_date("20240105", mf), d(2024, 1, 5));
    }

    #[test]
    fn chinese_dates() {
        let mf = DateOrder::MonthFirst;
        assert_eq!(parse_date("2024年1月5日", mf), d(2024, 1, 5));
        assert_eq!(parse_date("2024年01月05日 10:30", mf), d(2024, 1, 5));
        assert_eq!(parse_date("2024年1月", mf), None);
        assert_eq!(parse_date("2024年13月5日", mf), None);
    }

    #[test]
    fn day_month_order() {
        assert_eq!(
            parse_date("05/01/2024", DateOrder::MonthFirst),
            d(2024, 5, 1)
        );
        assert_eq!(parse_date("05/01/2024", DateOrder::DayFirst), d(2024, 1, 5));
        assert_eq!(
            parse_date("9/30/2014", DateOrder::MonthFirst),
            d(2014, 9, 30)
        );
        assert_eq!(parse_date("9/30/2014", DateOrder::DayFirst), None);
        assert_eq!(
            parse_date("30.09.2014", DateOrder::DayFirst),
            d(2014, 9, 30)
        );
        assert_eq!(parse_date("1/5/24", DateOrder::MonthFirst), d(2024, 1, 5));
        assert_eq!(parse_date("1/5/99", DateOrder::MonthFirst), d(1999, 1, 5));
        assert_eq!(
            parse_date("1/5/2024 1:45 PM", DateOrder::MonthFirst),
            d(2024, 1, 5)
        );
    }

    #[test]
    fn probe_detects_order() {
        let probe = |values: &[&str]| {
            let mut p = DateOrderProbe::default();
            values.iter().for_each(|v| p.observe(v));
            p
        };
        assert_eq!(
            probe(&["01/02/2024", "13/02/2024"]).order(),
            DateOrder::DayFirst
        );
        assert!(probe(&["13/02/2024"]).decided());
        assert_eq!(
            probe(&["01/02/2024", "02/13/2024"]).order(),
            DateOrder::MonthFirst
        );
        let ambiguous = probe(&["01/02/2024", "03/04/2024"]);
        assert_eq!(ambiguous.order(), DateOrder::MonthFirst);
        assert!(ambiguous.undecided());
        assert_eq!(probe(&["01.02.2024"]).order(), DateOrder::DayFirst);
        assert_eq!(probe(&["2024-01-02"]).order(), DateOrder::MonthFirst);
        assert!(!probe(&["2024-01-02"]).seen());
        // HCAHPS reports.csv.
        assert_eq!(
            probe(&["10/1/2013", "9/30/2014"]).order(),
            DateOrder::MonthFirst
        );
    }

    #[test]
    fn named_months() {
        let mf = DateOrder::MonthFirst;
        assert_eq!(parse_date("Jan 5, 2024", mf), d(2024, 1, 5));
        assert_eq!(parse_date("January 5 2024", mf), d(2024, 1, 5));
        assert_eq!(parse_date("5 Jan 2024", mf), d(2024, 1, 5));
        assert_eq!(parse_date("Fri, 5 January 2024 10:00", mf), d(2024, 1, 5));
        assert_eq!(parse_date("05-Jan-2024", mf), d(2024, 1, 5));
        assert_eq!(parse_date("05-Jan-24", mf), d(2024, 1, 5));
        assert_eq!(parse_date("Sept 30, 2014", mf), d(2014, 9, 30));
        assert_eq!(parse_date("5th March 2024", mf), d(2024, 3, 5));
        assert_eq!(parse_date("Janvier 5 2024", mf), None);
    }

    #[test]
    fn serials_and_unix_time() {
        let mf = DateOrder::MonthFirst;
        assert_eq!(serial_to_day(45296.0), d(2024, 1, 5));
        assert_eq!(serial_to_day(45296.75), d(2024, 1, 5));
        assert_eq!(serial_to_day(61.0), d(1900, 3, 1));
        assert_eq!(serial_to_day(59.0), d(1900, 2, 28));
        assert_eq!(serial_to_day(1.0), d(1900, 1, 1));
        assert_eq!(serial_to_day(0.0), None);
        assert_eq!(serial_to_day(f64::NAN), None);
        assert_eq!(serial_to_day(-3.0), None);
        assert_eq!(parse_date("45296", mf), d(2024, 1, 5));
        assert_eq!(parse_date("45296.5", mf), d(2024, 1, 5));
        assert_eq!(parse_date("1704412800", mf), d(2024, 1, 5));
        assert_eq!(parse_date("1704412800000", mf), d(2024, 1, 5));
        assert_eq!(parse_date("12", mf), None);
        assert_eq!(parse_date("", mf), None);
        assert_eq!(parse_date("n/a", mf), None);
        assert_eq!(parse_date("2024-01-05-07", mf), None);
    }

    #[test]
    fn months() {
        let mf = DateOrder::MonthFirst;
        let m = |y: i32, mo: i32| Some(y * 12 + mo - 1);
        assert_eq!(parse_month("2024-01", mf), m(2024, 1));
        assert_eq!(parse_month("2024/1", mf), m(2024, 1));
        assert_eq!(parse_month("2024年1月", mf), m(2024, 1));
        assert_eq!(parse_month("202401", mf), m(2024, 1));
        assert_eq!(parse_month("Jan 2024", mf), m(2024, 1));
        assert_eq!(parse_month("January 2024", mf), m(2024, 1));
        assert_eq!(parse_month("Jan-24", mf), m(2024, 1));
        assert_eq!(parse_month("01/2024", mf), m(2024, 1));
        assert_eq!(parse_month("2024-01-31", mf), m(2024, 1));
        assert_eq!(parse_month("45296", mf), m(2024, 1));
        assert_eq!(parse_month("2024-13", mf), None);
        assert_eq!(parse_month("soon", mf), None);
    }

    #[test]
    fn amounts() {
        let cases: [(&str, f64); 26] = [
            ("1234", 1234.0),
            ("1234.5", 1234.5),
            ("-12.5", -12.5),
            (".5", 0.5),
            ("1,234.50", 1234.5),
            ("1.234,50", 1234.5),
            ("1 234,50", 1234.5),
            ("1\u{a0}234", 1234.0),
            ("12,5", 12.5),
            ("1,234", 1234.0),
            ("1.234.567", 1234567.0),
            ("¥1,234", 1234.0),
            ("￥ 1,234.00", 1234.0),
            ("$-5", -5.0),
            ("-$5", -5.0),
            ("€ 12", 12.0),
            ("£3", 3.0),
            ("USD 1,200", 1200.0),
            ("1200 usd", 1200.0),
            ("1200元", 1200.0),
            ("1.2万", 12000.0),
            ("3亿", 3e8),
            ("2.5k", 2500.0),
            ("(1,234)", -1234.0),
            ("（500）", -500.0),
            ("1'234.5", 1234.5),
        ];
        for (text, want) in cases {
            assert_eq!(parse_amount(text), Some(want), "{text}");
        }
        for bad in [
            "",
            "abc",
            "1,23,4",
            "1.2.3,4,5",
            "$",
            "inf",
            "NaN",
            "12%",
            "1e999",
            "--",
        ] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
    }

    #[test]
    fn scores() {
        assert_eq!(parse_score("9"), Some(9));
        assert_eq!(parse_score("9.0"), Some(9));
        assert_eq!(parse_score("10"), Some(10));
        assert_eq!(parse_score("0"), Some(0));
        assert_eq!(parse_score("8分"), Some(8));
        for bad in ["7.5", "11", "-1", "", "nine", "1e1", ".0"] {
            assert_eq!(parse_score(bad), None, "{bad}");
        }
        assert_eq!(score_from_number(9.0), Some(9));
        assert_eq!(score_from_number(7.5), None);
        assert_eq!(score_from_number(11.0), None);
    }

    #[test]
    fn status_words() {
        assert_eq!(parse_status(" WON "), Some(Status::Won));
        assert_eq!(parse_status("进行中"), Some(Status::Open));
        assert_eq!(parse_status("输单"), Some(Status::Lost));
        assert_eq!(parse_status("Closed"), None);
        assert_eq!(status_from_stage("closed won"), Status::Won);
        assert_eq!(status_from_stage("已成交"), Status::Won);
        assert_eq!(status_from_stage(" Lost"), Status::Lost);
        assert_eq!(status_from_stage("关闭"), Status::Lost);
        assert_eq!(status_from_stage("Won deal"), Status::Open);
        assert_eq!(status_from_stage("Negotiation"), Status::Open);
    }

    #[test]
    fn headcount_buckets() {
        assert_eq!(size_from_headcount(999.0), "Small");
        assert_eq!(size_from_headcount(1000.0), "Medium");
        assert_eq!(size_from_headcount(5000.0), "Enterprise");
    }
}
