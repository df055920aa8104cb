//! Appending accepted rows to the columnar model: one dictionary per text column, one
//! customer-code space shared by every table, customer attributes set by code and padded at
//! the end (ids seen only on deals, orders or responses get `in_file == false`, no attributes).

use std::hash::Hasher;

use super::mapping::FileKind;
use super::table::trim;
use crate::model::hash::{FastHasher, FastMap};
use crate::model::{
    Customers, Dataset, Dates, Day, Deals, DictBuilder, DictColumn, Ids, Orders, Spend, Status,
    Surveys, NO_DAY, NULL,
};

/// An id of up to 15 bytes packed into two words (bytes, then the length in the last byte):
/// most CRM ids fit, and comparing two is comparing two integers, with no pointer to chase.
/// Longer ids all get [`ShortId::LONG`] and are compared as strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ShortId(u64, u64);

impl ShortId {
    /// Not a packed id: a packed id's last byte is its length, at most 15.
    const LONG: ShortId = ShortId(u64::MAX, u64::MAX);

    fn new(id: &str) -> Self {
        let bytes = id.as_bytes();
        if bytes.len() > 15 {
            return Self::LONG;
        }
        let (lo, hi) = bytes.split_at(bytes.len().min(8));
        Self(word(lo), word(hi) | (bytes.len() as u64) << 56)
    }

    /// A multiplicative hash of both words: its high bits are the ones to use.
    fn hash(self) -> u64 {
        (self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ self.1).wrapping_mul(0xc4ce_b9fe_1a85_ec53)
    }

    /// One of `slots`, a power of two: the hash's high bits.
    fn slot(self, slots: usize) -> usize {
        let bits = slots.trailing_zeros();
        self.hash().checked_shr(64 - bits).unwrap_or(0) as usize
    }
}

/// Up to 8 bytes as a little-endian word, read in two overlapping parts rather than byte by
/// byte: the bytes both parts hold are the same, so or-ing them is exact.
fn word(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let at = |i: usize, shift: usize| u64::from(bytes[i]) << (shift * 8);
    match n {
        0 => 0,
        1..=3 => at(0, 0) | at(n / 2, n / 2) | at(n - 1, n - 1),
        _ => {
            let four = |i: usize| {
                u64::from(u32::from_le_bytes([
                    bytes[i],
                    bytes[i + 1],
                    bytes[i + 2],
                    bytes[i + 3],
                ]))
            };
            four(0) | four(n - 4) << ((n - 4) * 8)
        }
    }
}

/// Customer code by id, exact: short ids packed in the slots of an open-addressed table
/// (linear probing, at most seven eighths full), longer ones as strings in a map. Lookups
/// mostly find a code (a customer has many deals and orders), and a hit needs no second
/// memory access to confirm it. [`IdIndex::touch`] lets a batch of lookups wait on memory
/// together rather than one after another.
#[derive(Default)]
struct IdIndex {
    /// Packed id and row + 1; row + 1 of 0 marks an empty slot.
    slots: Vec<(ShortId, u32)>,
    len: usize,
    long: FastMap<Box<str>, u32>,
}

impl IdIndex {
    fn reserve(&mut self, additional: usize) {
        self.grow_to(self.len + additional);
    }

    fn grow_to(&mut self, len: usize) {
        let want = (len.max(7) * 8 / 7 + 1).next_power_of_two();
        if want <= self.slots.len() {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![(ShortId::LONG, 0); want]);
        for (key, row1) in old.into_iter().filter(|s| s.1 != 0) {
            let mut at = key.slot(want);
            while self.slots[at].1 != 0 {
                at = (at + 1) & (want - 1);
            }
            self.slots[at] = (key, row1);
        }
    }

    /// Reads the slot where a lookup of `key` starts, so that it is in the cache by then.
    fn touch(&self, key: ShortId) -> u32 {
        match self.slots.get(key.slot(self.slots.len())) {
            Some(slot) => slot.1,
            None => 0,
        }
    }

    /// Records `id` (packed as `key`) at `row`, or returns the row it already has.
    fn get_or_insert(&mut self, id: &str, key: ShortId, row: u32) -> Result<(), u32> {
        if key == ShortId::LONG {
            return match self.long.get(id) {
                Some(&existing) => Err(existing),
                None => {
                    self.long.insert(id.into(), row);
                    Ok(())
                }
            };
        }
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.grow_to(self.len + 1);
        }
        let mask = self.slots.len() - 1;
        let mut at = key.slot(self.slots.len());
        loop {
            let (k, row1) = self.slots[at];
            if row1 == 0 {
                self.slots[at] = (key, row + 1);
                self.len += 1;
                return Ok(());
            }
            if k == key {
                return Err(row1 - 1);
            }
            at = (at + 1) & mask;
        }
    }
}

/// Ids of one shape, a prefix and then a decimal number (`C000123`, `CUST-17`, `10045`), by
/// number: an array read instead of a hash probe, and an array of a few bytes an id, which
/// mostly stays in the cache where a hash table would not. Exact: an id of that shape, in
/// the array's range, is only ever recorded here; any other id is left to the [`IdIndex`].
struct Numbered {
    prefix: Box<[u8]>,
    /// The digits after the prefix: `Some(n)` exactly `n` (numbers padded with zeros), `None`
    /// any number of them without a leading zero. Either way one number has one spelling.
    width: Option<usize>,
    /// The number of the array's first slot.
    first: u64,
    /// Code + 1 by number − `first`; 0 where no id has that number.
    codes: Vec<u32>,
    /// The ids recorded.
    count: usize,
    /// Whether an id of the shape past the array's end was left to the index.
    spilled: bool,
}

impl Numbered {
    /// The most digits a number has: it fits in a `u64` with room to spare.
    const DIGITS: usize = 9;

    /// The shape of `ids` (in code order), if most have the shape of the first and their
    /// numbers are dense enough to be an array's indexes (at most four slots an id).
    fn of(ids: &[String]) -> Option<Numbered> {
        let first = ids.first()?.as_bytes();
        let digits = first
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > Self::DIGITS {
            return None;
        }
        let padded = digits > 1 && first[first.len() - digits] == b'0';
        let mut shape = Numbered {
            prefix: first[..first.len() - digits].into(),
            width: padded.then_some(digits),
            first: 0,
            codes: Vec::new(),
            count: 0,
            spilled: false,
        };
        let numbers: Vec<(u64, u32)> = ids
            .iter()
            .enumerate()
            .filter_map(|(code, id)| Some((shape.number(id.as_bytes())?, code as u32)))
            .collect();
        let (min, max) = numbers
            .iter()
            .fold((u64::MAX, 0), |(lo, hi), &(n, _)| (lo.min(n), hi.max(n)));
        let span = max.checked_sub(min)? as usize + 1;
        if numbers.len() * 2 < ids.len() || span > numbers.len() * 4 {
            return None;
        }
        shape.first = min;
        shape.count = numbers.len();
        shape.codes = vec![0; span];
        for (n, code) in numbers {
            shape.codes[(n - min) as usize] = code + 1;
        }
        Some(shape)
    }

    /// The number of an id of this shape, whatever the range.
    fn number(&self, id: &[u8]) -> Option<u64> {
        let digits = id.strip_prefix(&*self.prefix)?;
        let fits = match self.width {
            Some(width) => digits.len() == width,
            None => {
                (1..=Self::DIGITS).contains(&digits.len())
                    && (digits.len() == 1 || digits[0] != b'0')
            }
        };
        if !fits {
            return None;
        }
        digits.iter().try_fold(0u64, |n, &b| {
            let digit = b.wrapping_sub(b'0');
            (digit <= 9).then(|| n * 10 + u64::from(digit))
        })
    }

    /// Records `id` of this shape at `code`, or returns the code it already has; `None` for
    /// an id of another shape or out of the array's range.
    fn get_or_insert(&mut self, id: &str, code: u32) -> Option<Result<(), u32>> {
        let n = self.number(id.as_bytes())?;
        let at = usize::try_from(n.checked_sub(self.first)?).ok()?;
        if at >= self.codes.len() && !self.grow(at) {
            return None;
        }
        match self.codes[at] {
            0 => {
                self.codes[at] = code + 1;
                self.count += 1;
                Some(Ok(()))
            }
            existing => Some(Err(existing - 1)),
        }
    }

    /// Grows the array to hold slot `at` (ids numbered in order, as a customers file lists
    /// them), while it stays dense. Once an id past the end is left to the index, the array
    /// never grows again: that id must not come into its range.
    fn grow(&mut self, at: usize) -> bool {
        let most = 4 * (self.count + 1);
        if self.spilled || at >= most {
            self.spilled = true;
            return false;
        }
        let len = (at + 1).max(2 * self.codes.len()).min(most);
        self.codes.resize(len, 0);
        true
    }
}

/// Row index by id for ids kept beside it, as compact as it can be so that a million ids cost
/// one cache line per lookup: open addressing with linear probing over 8-byte slots (row + 1,
/// high half of the id's 64-bit hash), at most three quarters full. A hash match is confirmed
/// against the id itself, so the index is exact.
#[derive(Default)]
pub struct HashIndex {
    slots: Vec<(u32, u32)>,
    len: usize,
}

impl HashIndex {
    pub fn reserve(&mut self, additional: usize) {
        self.grow_to(self.len + additional);
    }

    fn grow_to(&mut self, len: usize) {
        let want = (len.max(6) * 4 / 3 + 1).next_power_of_two();
        if want <= self.slots.len() {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); want]);
        let mask = want - 1;
        for (row1, tag) in old.into_iter().filter(|s| s.0 != 0) {
            // The slot keeps only the high half of the hash; the low half is rebuilt from the
            // tag, which is why the position comes from the tag on growth.
            let mut at = Self::home(tag, mask);
            while self.slots[at].0 != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = (row1, tag);
        }
    }

    fn home(tag: u32, mask: usize) -> usize {
        (u64::from(tag).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 20) as usize & mask
    }

    /// Records `id` at `row`, or returns the row it already has; `is` tells whether a row
    /// already recorded holds `id`.
    pub fn get_or_insert(
        &mut self,
        id: &str,
        row: u32,
        is: impl Fn(u32) -> bool,
    ) -> Result<(), u32> {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow_to(self.len + 1);
        }
        let mut hasher = FastHasher::default();
        hasher.write(id.as_bytes());
        let tag = (hasher.finish() >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut at = Self::home(tag, mask);
        loop {
            let (row1, t) = self.slots[at];
            if row1 == 0 {
                self.slots[at] = (row + 1, tag);
                self.len += 1;
                return Ok(());
            }
            if t == tag && is(row1 - 1) {
                return Err(row1 - 1);
            }
            at = (at + 1) & mask;
        }
    }
}

/// Slots of [`TextCol::recent`]: a column's usual values (stages, owners, regions) all fit.
const RECENT: usize = 64;

/// A dictionary-encoded text column being built.
pub struct TextCol {
    dict: DictBuilder,
    /// Raw spelling → code, so that repeated values cost one lookup and no allocation.
    /// `None` for a column of mostly distinct values (customer names): each value is stored as
    /// it comes, without a lookup, a repeated one again.
    cache: Option<FastMap<Box<str>, u32>>,
    /// Short values seen lately, one per slot by a hash of the packed value: most cells are
    /// found here with two integer comparisons, no string hashed or compared.
    recent: Box<[(ShortId, u32); RECENT]>,
    pub codes: Vec<u32>,
}

impl TextCol {
    pub fn new(case_insensitive: bool) -> Self {
        Self {
            dict: if case_insensitive {
                DictBuilder::case_insensitive()
            } else {
                DictBuilder::new()
            },
            cache: Some(FastMap::default()),
            // `LONG` is never stored, so it marks an empty slot.
            recent: Box::new([(ShortId::LONG, NULL); RECENT]),
            codes: Vec::new(),
        }
    }

    /// A column of mostly distinct values (customer names), stored without lookups: a value
    /// interned would be hashed, compared and kept twice, for nothing shared.
    pub fn distinct() -> Self {
        Self {
            cache: None,
            ..Self::new(false)
        }
    }

    pub fn code(&mut self, value: &str) -> u32 {
        let value = trim(value);
        if value.is_empty() {
            return NULL;
        }
        let Some(cache) = &mut self.cache else {
            return self.dict.append(value);
        };
        let key = ShortId::new(value);
        let slot = key.slot(RECENT);
        if key != ShortId::LONG && self.recent[slot].0 == key {
            return self.recent[slot].1;
        }
        let code = match cache.get(value) {
            Some(&code) => code,
            None => {
                let code = self.dict.intern(value);
                cache.insert(value.into(), code);
                code
            }
        };
        if key != ShortId::LONG {
            self.recent[slot] = (key, code);
        }
        code
    }

    pub fn push(&mut self, value: Option<&str>) {
        let code = value.map_or(NULL, |v| self.code(v));
        self.codes.push(code);
    }

    /// Sets row `row`, growing the column with `NULL`s.
    pub fn set(&mut self, row: usize, value: &str) {
        let code = self.code(value);
        if self.codes.len() <= row {
            self.codes.resize(row + 1, NULL);
        }
        self.codes[row] = code;
    }

    pub fn finish(mut self, len: usize) -> DictColumn {
        self.codes.resize(len, NULL);
        DictColumn {
            codes: self.codes,
            values: self.dict.finish().values,
        }
    }
}

impl Default for TextCol {
    fn default() -> Self {
        Self::new(false)
    }
}

/// Where a row was first seen: file index and line.
pub type Origin = (u32, u32);

pub struct CustomersBuilder {
    ids: Vec<String>,
    index: IdIndex,
    /// The ids' numbers, once enough ids are known to find them [`Numbered`]
    /// ([`CustomersBuilder::number_ids`]).
    numbered: Option<Numbered>,
    /// How many ids there were when [`Numbered::of`] last found them not numbered.
    numbered_tried: usize,
    /// The packed ids of a batch being looked up ([`CustomersBuilder::codes`]).
    keys: Vec<ShortId>,
    /// By code; `Some` once the id has a row in a customers file.
    pub origin: Vec<Option<Origin>>,
    pub name: TextCol,
    pub industry: TextCol,
    pub region: TextCol,
    pub size: TextCol,
    pub channel: TextCol,
    pub owner: TextCol,
    pub created_at: Vec<Day>,
    pub acquisition_cost: Vec<Option<f64>>,
}

impl Default for CustomersBuilder {
    fn default() -> Self {
        Self {
            ids: Vec::new(),
            index: IdIndex::default(),
            numbered: None,
            numbered_tried: 0,
            keys: Vec::new(),
            origin: Vec::new(),
            name: TextCol::distinct(),
            industry: TextCol::default(),
            region: TextCol::default(),
            size: TextCol::default(),
            channel: TextCol::default(),
            owner: TextCol::default(),
            created_at: Vec::new(),
            acquisition_cost: Vec::new(),
        }
    }
}

impl CustomersBuilder {
    /// The code of a customer id (trimmed, matched case-sensitively), interned if new.
    pub fn code(&mut self, id: &str) -> u32 {
        let id = trim(id);
        if id.is_empty() {
            return NULL;
        }
        self.number_ids();
        self.code_of_key(id, None)
    }

    /// Looks for [`Numbered`] ids once there are enough to tell, and again as their count
    /// doubles.
    fn number_ids(&mut self) {
        if self.numbered.is_none() && self.ids.len() >= 1024.max(2 * self.numbered_tried) {
            self.numbered = Numbered::of(&self.ids);
            self.numbered_tried = self.ids.len();
        }
    }

    /// The codes of the ids `text[start..end]` of `ranges`, as [`CustomersBuilder::code`]
    /// gives them one by one, into `out`. Ids that are [`Numbered`] are found by number;
    /// otherwise each lookup's slot is read a few ids ahead, so that their cache misses
    /// overlap rather than follow one another.
    pub fn codes(&mut self, text: &str, ranges: &[(usize, usize)], out: &mut Vec<u32>) {
        const AHEAD: usize = 8;
        let id = |&(start, end): &(usize, usize)| trim(&text[start..end]);
        self.number_ids();
        let mut keys = std::mem::take(&mut self.keys);
        keys.clear();
        // Packed for the index only: numbered ids need none.
        if self.numbered.is_none() {
            keys.extend(ranges.iter().map(|r| ShortId::new(id(r))));
        }
        out.clear();
        let mut sink = 0;
        for (i, range) in ranges.iter().enumerate() {
            if let Some(&ahead) = keys.get(i + AHEAD) {
                sink ^= self.index.touch(ahead);
            }
            let id = id(range);
            out.push(match id.is_empty() {
                true => NULL,
                false => self.code_of_key(id, keys.get(i).copied()),
            });
        }
        std::hint::black_box(sink);
        self.keys = keys;
    }

    /// The code of `id`, interned if new; `key` is its packed form if it was packed already.
    fn code_of_key(&mut self, id: &str, key: Option<ShortId>) -> u32 {
        let code = self.ids.len() as u32;
        let found = match self
            .numbered
            .as_mut()
            .and_then(|n| n.get_or_insert(id, code))
        {
            Some(found) => found,
            None => {
                let key = key.unwrap_or_else(|| ShortId::new(id));
                self.index.get_or_insert(id, key, code)
            }
        };
        if let Err(existing) = found {
            return existing;
        }
        self.ids.push(id.to_string());
        self.origin.push(None);
        code
    }

    pub fn reserve(&mut self, rows: usize) {
        self.index.reserve(rows);
        self.ids.reserve_exact(rows);
        self.origin.reserve_exact(rows);
        // The attributes too, set by code as rows come: grown row by row, they were copied
        // each time they doubled.
        let text = [
            &mut self.name,
            &mut self.industry,
            &mut self.region,
            &mut self.size,
            &mut self.channel,
            &mut self.owner,
        ];
        for column in text {
            column.codes.reserve_exact(rows);
        }
        self.created_at.reserve_exact(rows);
        self.acquisition_cost.reserve_exact(rows);
    }

    pub fn set_created_at(&mut self, code: u32, day: Option<Day>) {
        let row = code as usize;
        if self.created_at.len() <= row {
            self.created_at.resize(row + 1, NO_DAY);
        }
        self.created_at[row] = day.unwrap_or(NO_DAY);
    }

    pub fn set_acquisition_cost(&mut self, code: u32, cost: Option<f64>) {
        let row = code as usize;
        if self.acquisition_cost.len() <= row {
            self.acquisition_cost.resize(row + 1, None);
        }
        self.acquisition_cost[row] = cost;
    }

    fn finish(self) -> Customers {
        let n = self.ids.len();
        let mut created_at = self.created_at;
        created_at.resize(n, NO_DAY);
        let mut acquisition_cost = self.acquisition_cost;
        acquisition_cost.resize(n, None);
        Customers {
            in_file: self.origin.iter().map(Option::is_some).collect(),
            ids: self.ids,
            name: self.name.finish(n),
            industry: self.industry.finish(n),
            region: self.region.finish(n),
            size: self.size.finish(n),
            channel: self.channel.finish(n),
            owner: self.owner.finish(n),
            created_at: Dates(created_at),
            acquisition_cost,
        }
    }
}

pub struct DealsBuilder {
    pub id: Ids,
    /// Every row by id, kept only once an id has come out of strictly increasing byte order:
    /// till then (an export sorted by id) an id greater than the last is new, with no lookup.
    index: Option<HashIndex>,
    pub origin: Vec<Origin>,
    pub customer: Vec<u32>,
    pub stage: TextCol,
    pub status: Vec<Status>,
    pub amount: Vec<f64>,
    pub created_at: Vec<Day>,
    pub closed_at: Vec<Day>,
    pub lost_reason: TextCol,
    pub lost_stage: TextCol,
    pub has_lost_stage: bool,
    pub owner: TextCol,
    pub channel: TextCol,
    pub last_activity_at: Vec<Day>,
}

impl Default for DealsBuilder {
    fn default() -> Self {
        Self {
            id: Ids::default(),
            index: None,
            origin: Vec::new(),
            customer: Vec::new(),
            stage: TextCol::new(true),
            status: Vec::new(),
            amount: Vec::new(),
            created_at: Vec::new(),
            closed_at: Vec::new(),
            lost_reason: TextCol::default(),
            lost_stage: TextCol::new(true),
            has_lost_stage: false,
            owner: TextCol::default(),
            channel: TextCol::default(),
            last_activity_at: Vec::new(),
        }
    }
}

impl DealsBuilder {
    pub fn reserve(&mut self, n: usize) {
        self.id.reserve(n);
        if let Some(index) = &mut self.index {
            index.reserve(n);
        }
        self.origin.reserve_exact(n);
        self.customer.reserve_exact(n);
        self.stage.codes.reserve_exact(n);
        self.status.reserve_exact(n);
        self.amount.reserve_exact(n);
        self.created_at.reserve_exact(n);
        self.closed_at.reserve_exact(n);
        self.lost_reason.codes.reserve_exact(n);
        self.lost_stage.codes.reserve_exact(n);
        self.owner.codes.reserve_exact(n);
        self.channel.codes.reserve_exact(n);
        self.last_activity_at.reserve_exact(n);
    }

    /// [`DatasetBuilder::room`] for deals, whose ids need room too.
    fn room(&mut self, rows: usize) {
        let len = self.customer.len();
        if self.customer.capacity() - len < rows || !self.id.has_room(rows) {
            self.reserve(rows.max(len / 8));
        }
    }

    /// Starts rows with their ids, in order (the caller pushes every other column of the rows
    /// that get `None`); a repeated id gets `Some` of where it was first loaded. The index is
    /// probed for all ids first and the strings stored after, so that the probes of many rows
    /// overlap in memory.
    pub fn push_ids<'i>(
        &mut self,
        ids: impl Iterator<Item = (&'i str, Origin)>,
        out: &mut Vec<Option<Origin>>,
    ) {
        let DealsBuilder {
            id: stored,
            index,
            origin: origins,
            ..
        } = self;
        let base = stored.len() as u32;
        let mut new: Vec<&str> = Vec::new();
        for (id, origin) in ids {
            let row = base + new.len() as u32;
            let id_of = |r: u32| match r.checked_sub(base) {
                None => stored.get(r as usize),
                Some(i) => new.get(i as usize).copied(),
            };
            let index = match index {
                Some(index) => index,
                None => {
                    let last = row.checked_sub(1).and_then(id_of);
                    if last.is_none_or(|last| id.as_bytes() > last.as_bytes()) {
                        new.push(id);
                        origins.push(origin);
                        out.push(None);
                        continue;
                    }
                    // Out of order: the rows so far (all distinct) are indexed, and so is the rest.
                    let mut all = HashIndex::default();
                    all.reserve(row as usize);
                    for r in 0..row {
                        if let Some(earlier) = id_of(r) {
                            let _ = all.get_or_insert(earlier, r, |_| false);
                        }
                    }
                    index.insert(all)
                }
            };
            match index.get_or_insert(id, row, |r| id_of(r) == Some(id)) {
                Ok(()) => {
                    new.push(id);
                    origins.push(origin);
                    out.push(None);
                }
                Err(first) => {
                    out.push(Some(origins.get(first as usize).copied().unwrap_or((0, 0))))
                }
            }
        }
        for id in new {
            stored.push(id);
        }
    }

    fn finish(self) -> Deals {
        let n = self.id.len();
        Deals {
            id: self.id,
            customer: self.customer,
            stage: self.stage.finish(n),
            status: self.status,
            amount: self.amount,
            created_at: self.created_at,
            closed_at: Dates(self.closed_at),
            lost_reason: self.lost_reason.finish(n),
            lost_stage: self.lost_stage.finish(n),
            has_lost_stage: self.has_lost_stage,
            owner: self.owner.finish(n),
            channel: self.channel.finish(n),
            last_activity_at: Dates(self.last_activity_at),
        }
    }
}

#[derive(Default)]
pub struct SpendBuilder {
    pub channel: TextCol,
    pub month: Vec<i32>,
    pub amount: Vec<f64>,
}

/// Everything loaded so far.
#[derive(Default)]
pub struct DatasetBuilder {
    /// File names by index, for "first on line 3 of other.csv".
    pub files: Vec<String>,
    pub customers: CustomersBuilder,
    pub deals: DealsBuilder,
    pub orders: Orders,
    pub surveys: Surveys,
    pub spend: SpendBuilder,
    /// Scores from an `nps` column on customers: used only when no survey file is loaded.
    pub customer_nps: Vec<(u32, u8)>,
}

impl DatasetBuilder {
    /// Sizes the tables for `rows` more rows of a file of `kind`, exactly: a reserve that
    /// doubled a column would hold up to twice its memory.
    pub fn reserve(&mut self, kind: FileKind, rows: usize) {
        match kind {
            FileKind::Deals => self.deals.reserve(rows),
            FileKind::Customers => self.customers.reserve(rows),
            FileKind::Orders => {
                self.orders.customer.reserve_exact(rows);
                self.orders.date.reserve_exact(rows);
                self.orders.amount.reserve_exact(rows);
            }
            FileKind::Surveys => {
                self.surveys.customer.reserve_exact(rows);
                self.surveys.date.0.reserve_exact(rows);
                self.surveys.score.reserve_exact(rows);
                self.surveys.csat.reserve_exact(rows);
            }
            FileKind::Spend => {
                self.spend.month.reserve_exact(rows);
                self.spend.amount.reserve_exact(rows);
                self.spend.channel.codes.reserve_exact(rows);
            }
        }
    }

    /// Makes room for `rows` more rows of `kind` before they are pushed. The tables are sized
    /// from an estimate of a file's rows; past it, a column that doubled as it filled would
    /// hold up to twice the memory (at a million deals, tens of MB), so they grow by an eighth.
    pub fn room(&mut self, kind: FileKind, rows: usize) {
        let (len, capacity) = match kind {
            FileKind::Deals => return self.deals.room(rows),
            FileKind::Customers => (
                self.customers.origin.len(),
                self.customers.origin.capacity(),
            ),
            FileKind::Orders => (self.orders.customer.len(), self.orders.customer.capacity()),
            FileKind::Surveys => (
                self.surveys.customer.len(),
                self.surveys.customer.capacity(),
            ),
            FileKind::Spend => (self.spend.month.len(), self.spend.month.capacity()),
        };
        if capacity - len < rows {
            self.reserve(kind, rows.max(len / 8));
        }
    }

    pub fn finish(self) -> Dataset {
        let mut surveys = self.surveys;
        if surveys.is_empty() {
            for (customer, score) in self.customer_nps {
                surveys.customer.push(customer);
                surveys.date.push(None);
                surveys.score.push(score);
                surveys.csat.push(None);
            }
        }
        let spend = Spend {
            month: self.spend.month,
            amount: self.spend.amount,
            channel: {
                let n = self.spend.channel.codes.len();
                self.spend.channel.finish(n)
            },
        };
        Dataset {
            customers: self.customers.finish(),
            deals: self.deals.finish(),
            orders: (!self.orders.is_empty()).then_some(self.orders),
            surveys: (!surveys.is_empty()).then_some(surveys),
            spend: (!spend.is_empty()).then_some(spend),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_pack_every_byte_and_the_length() {
        let text = "0123456789abcdefg";
        for len in 0..=16 {
            let id = &text[..len];
            let key = ShortId::new(id);
            if len > 15 {
                assert_eq!(key, ShortId::LONG);
                continue;
            }
            let mut bytes = [0u8; 16];
            bytes[..len].copy_from_slice(id.as_bytes());
            bytes[15] = len as u8;
            let lo = u64::from_le_bytes(bytes[..8].try_into().unwrap());
            let hi = u64::from_le_bytes(bytes[8..].try_into().unwrap());
            assert_eq!(key, ShortId(lo, hi), "{id:?}");
        }
    }

    #[test]
    fn customer_codes_for_short_and_long_ids() {
        let ids: Vec<String> = (0..20_000)
            .map(|i| {
                if i % 2 == 0 {
                    format!("C{i}")
                } else {
                    format!("{i:0>20}")
                }
            })
            .collect();
        let mut customers = CustomersBuilder::default();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(customers.code(id), i as u32);
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(customers.code(id), i as u32);
        }
        // Trailing zero bytes and lengths are told apart.
        assert!(ShortId::new("a") != ShortId::new("a\0"));
        assert_eq!(customers.code("C0\0"), 20_000);
        assert_eq!(ShortId::new("0123456789abcdef"), ShortId::LONG);
        assert_ne!(ShortId::new("0123456789abcde"), ShortId::LONG);
    }

    #[test]
    fn hash_index_checks_ids_and_spills_collisions() {
        let ids: Vec<String> = (0..20_000).map(|i| format!("D{i}")).collect();
        let mut index = HashIndex::default();
        for (i, id) in ids.iter().enumerate() {
            let is = |r: u32| ids[..i].get(r as usize) == Some(id);
            assert_eq!(index.get_or_insert(id, i as u32, is), Ok(()));
        }
        for (i, id) in ids.iter().enumerate() {
            let is = |r: u32| ids.get(r as usize) == Some(id);
            assert_eq!(index.get_or_insert(id, 0, is), Err(i as u32));
        }
        // Two ids with the same tag are still told apart by the ids themselves.
        let mut index = HashIndex::default();
        let ids = ["a".to_string(), "b".to_string()];
        let mut hasher = FastHasher::default();
        hasher.write(b"a");
        let tag_a = (hasher.finish() >> 32) as u32;
        index.reserve(4);
        let home = HashIndex::home(tag_a, index.slots.len() - 1);
        index.slots[home] = (1, tag_a);
        index.len = 1;
        let mut hasher = FastHasher::default();
        hasher.write(b"b");
        let tag_b = (hasher.finish() >> 32) as u32;
        let home_b = HashIndex::home(tag_b, index.slots.len() - 1);
        index.slots[home_b] = (1, tag_b);
        index.len = 2;
        // "b" finds a slot with its tag holding row 0 ("a"): not a match, so it is new.
        let is = |r: u32| ids.get(r as usize).is_some_and(|s| s == "b");
        assert_eq!(index.get_or_insert("b", 1, is), Ok(()));
        assert_eq!(index.get_or_insert("b", 5, is), Err(1));
    }

    #[test]
    fn push_ids_finds_repeats_within_and_across_batches() {
        let mut deals = DealsBuilder::default();
        let mut out = Vec::new();
        deals.push_ids(
            [("D1", (0, 2)), ("D2", (0, 3)), ("D1", (0, 4))].into_iter(),
            &mut out,
        );
        assert_eq!(out, [None, None, Some((0, 2))]);
        out.clear();
        deals.push_ids([("D2", (1, 2)), ("D3", (1, 3))].into_iter(), &mut out);
        assert_eq!(out, [Some((0, 3)), None]);
        assert_eq!(deals.id, ["D1", "D2", "D3"]);
        assert_eq!(deals.origin, [(0, 2), (0, 3), (1, 3)]);
    }

    #[test]
    fn push_ids_of_a_sorted_run_finds_repeats_once_out_of_order() {
        let mut deals = DealsBuilder::default();
        let mut out = Vec::new();
        let batch = |ids: &[&'static str], file: u32| {
            ids.iter()
                .enumerate()
                .map(move |(i, &id)| (id, (file, i as u32 + 2)))
                .collect::<Vec<_>>()
        };
        // Sorted within and across batches ("D10" < "D9" in byte order): no index yet.
        deals.push_ids(batch(&["D1", "D10", "D2"], 0).into_iter(), &mut out);
        deals.push_ids(batch(&["D3", "D9"], 1).into_iter(), &mut out);
        assert!(deals.index.is_none());
        assert_eq!(out, [None; 5]);
        out.clear();
        // "D4" comes out of order and is new; "D10" and "D4" repeat.
        deals.push_ids(batch(&["D4", "D10", "D95", "D4"], 2).into_iter(), &mut out);
        assert!(deals.index.is_some());
        assert_eq!(out, [None, Some((0, 3)), None, Some((2, 2))]);
        assert_eq!(deals.id, ["D1", "D10", "D2", "D3", "D9", "D4", "D95"]);
    }

    proptest::proptest! {
        /// Whatever the order of ids, each row is new exactly when its id was not seen before,
        /// and a repeat points at where the id was first seen.
        #[test]
        fn push_ids_agrees_with_a_plain_set(
            batches in proptest::collection::vec(
                proptest::collection::vec(0u32..60, 0..40), 1..4),
            sorted in proptest::prelude::any::<bool>(),
        ) {
            let mut batches = batches;
            if sorted {
                // Mostly increasing runs, the common export, with a repeat or a step back
                // where two batches meet.
                for b in &mut batches {
                    b.sort_unstable();
                    b.dedup();
                }
            }
            let mut deals = DealsBuilder::default();
            let mut first_seen = std::collections::HashMap::new();
            for (file, batch) in batches.iter().enumerate() {
                let ids: Vec<String> = batch.iter().map(|n| format!("D{n:02}")).collect();
                let mut out = Vec::new();
                deals.push_ids(
                    ids.iter().enumerate().map(|(line, id)| (id.as_str(), (file as u32, line as u32))),
                    &mut out,
                );
                for (line, (id, got)) in ids.iter().zip(out).enumerate() {
                    let here = (file as u32, line as u32);
                    let want = first_seen.get(id).copied();
                    proptest::prop_assert_eq!(got, want, "{}", id);
                    first_seen.entry(id.clone()).or_insert(here);
                }
            }
            proptest::prop_assert_eq!(deals.id.len(), first_seen.len());
        }

        /// Customer codes are the same whether ids are found by number or by hash: ids of the
        /// numbered shape, of its number spelled otherwise (another width, leading zeros, no
        /// prefix), of another prefix, long, padded with spaces; known, new, out of range.
        #[test]
        fn numbered_ids_get_the_codes_of_first_sight(
            known in 1024usize..1400,
            shape in 0usize..3,
            picks in proptest::collection::vec((0usize..8000, 0usize..8), 0..400),
            batch in 1usize..50,
        ) {
            let spell = |n: usize, form: usize| match form {
                0 => format!("C{n:06}"),
                1 => format!("C{n}"),
                2 => format!("{n}"),
                3 => format!("C{n:07}"),
                4 => format!("X{n:06}"),
                5 => format!(" C{n:06} "),
                6 => format!("CUSTOMER-{n:020}"),
                _ => format!("C{n:06}a"),
            };
            let mut customers = CustomersBuilder::default();
            let mut first_seen = std::collections::HashMap::new();
            let mut want = |id: &str| {
                let next = first_seen.len() as u32;
                *first_seen.entry(id.trim().to_string()).or_insert(next)
            };
            // A customers file: every number below `known` once, out of order.
            for i in 0..known {
                let id = spell(i * 7919 % known, shape);
                proptest::prop_assert_eq!(customers.code(&id), want(&id));
            }
            for chunk in picks.chunks(batch) {
                let mut text = String::new();
                let ranges: Vec<(usize, usize)> = chunk
                    .iter()
                    .map(|&(n, form)| {
                        let start = text.len();
                        text.push_str(&spell(n, form));
                        (start, text.len())
                    })
                    .collect();
                let mut got = Vec::new();
                customers.codes(&text, &ranges, &mut got);
                proptest::prop_assert!(customers.numbered.is_some());
                for (&(start, end), code) in ranges.iter().zip(got) {
                    proptest::prop_assert_eq!(code, want(&text[start..end]), "{}", &text[start..end]);
                }
            }
        }

        /// A text column's codes are the dictionary's, however its values collide in the
        /// slots of recent values: short, long, differing only in case, repeated in runs; a
        /// column of distinct values reads back the same value in every row.
        #[test]
        fn text_codes_agree_with_the_dictionary(
            picks in proptest::collection::vec(0usize..400, 0..600),
            case_insensitive in proptest::prelude::any::<bool>(),
        ) {
            let value = |n: usize| match n % 4 {
                0 => format!("Stage {n}"),
                1 => format!("stage {}", n - 1),
                2 => format!("a value longer than fifteen bytes {n}"),
                _ => format!(" {n}\0"),
            };
            let mut col = TextCol::new(case_insensitive);
            let mut distinct = TextCol::distinct();
            let mut dict = if case_insensitive {
                DictBuilder::case_insensitive()
            } else {
                DictBuilder::new()
            };
            let mut exact = DictBuilder::new();
            for &n in &picks {
                let v = value(n);
                col.push(Some(&v));
                distinct.push(Some(&v));
                dict.push(Some(&v));
                exact.push(Some(&v));
            }
            let (got, want) = (col.finish(picks.len()), dict.finish());
            proptest::prop_assert_eq!(got, want);
            let (got, want) = (distinct.finish(picks.len()), exact.finish());
            for row in 0..picks.len() {
                proptest::prop_assert_eq!(got.get(row), want.get(row));
            }
        }
    }

    #[test]
    fn ids_are_numbered_only_when_most_share_a_shape_and_their_numbers_are_dense() {
        let of = |ids: Vec<String>| Numbered::of(&ids).map(|n| (n.prefix, n.width, n.first));
        let dense: Vec<String> = (5..2005).map(|n| format!("C{n:06}")).collect();
        assert_eq!(of(dense), Some((b"C"[..].into(), Some(6), 5)));
        let plain: Vec<String> = (1..2001).map(|n| n.to_string()).collect();
        assert_eq!(of(plain), Some((b""[..].into(), None, 1)));
        let sparse: Vec<String> = (0..2000).map(|n| format!("C{:06}", n * 5)).collect();
        assert_eq!(of(sparse), None);
        let mixed: Vec<String> = (0..2000)
            .map(|n| match n % 3 {
                0 => format!("C{n:06}"),
                _ => format!("name {n}"),
            })
            .collect();
        assert_eq!(of(mixed), None);
        assert_eq!(of(vec!["C1234567890".into()]), None);
    }

    #[test]
    fn customer_codes_are_shared_and_padded() {
        let mut b = DatasetBuilder::default();
        let c1 = b.customers.code("C1");
        let c2 = b.customers.code(" C2 ");
        assert_eq!((c1, c2, b.customers.code("C1")), (0, 1, 0));
        b.customers.origin[1] = Some((0, 2));
        b.customers.region.set(1, "East");
        let ds = b.finish();
        assert_eq!(ds.customers.ids, ["C1", "C2"]);
        assert_eq!(ds.customers.in_file, [false, true]);
        assert_eq!(ds.customers.region.codes, [NULL, 0]);
        assert_eq!(ds.customers.created_at.0, [NO_DAY, NO_DAY]);
        assert!(ds.orders.is_none() && ds.surveys.is_none() && ds.spend.is_none());
    }
}
