//! Small statistics shared by the metric families (`METRICS.md` "Decisions on edge cases":
//! medians are the usual median, only p90 is nearest-rank; a ratio over nothing has no value).

/// The usual median: the mean of the two middle values for an even count. Selects rather than
/// sorts (reordering `values`): sorting a hundred thousand sales cycles took milliseconds.
pub fn median(values: &mut [f64]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (below, &mut mid, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    Some(if n % 2 == 1 {
        mid
    } else {
        let below = below.iter().copied().max_by(f64::total_cmp).expect("n ≥ 2");
        (below + mid) / 2.0
    })
}

/// Nearest-rank percentile: the value at rank `ceil(p/100 × n)`, 1-based (selected, reordering
/// `values`).
pub fn percentile_nearest_rank(values: &mut [f64], p: u32) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let n = values.len();
    // Integer ceil(p × n / 100), so 90 % of 10 is exactly rank 9.
    let rank = (p as usize * n).div_ceil(100).max(1);
    Some(*values.select_nth_unstable_by(rank - 1, f64::total_cmp).1)
}

pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// `num / den`, or no value when the denominator is zero.
pub fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0).then(|| num / den)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_odd_even_empty() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
        // Unsorted, with repeats: sorted 1 2 2 5 7 9 → (2 + 5) / 2.
        assert_eq!(median(&mut [9.0, 2.0, 7.0, 1.0, 5.0, 2.0]), Some(3.5));
    }

    #[test]
    fn p90_nearest_rank() {
        let mut v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile_nearest_rank(&mut v, 90), Some(9.0));
        let mut v: Vec<f64> = (1..=11).map(f64::from).collect();
        assert_eq!(percentile_nearest_rank(&mut v, 90), Some(10.0));
        assert_eq!(percentile_nearest_rank(&mut [5.0], 90), Some(5.0));
        let mut v: Vec<f64> = (1..=10).rev().map(f64::from).collect();
        assert_eq!(percentile_nearest_rank(&mut v, 90), Some(9.0));
    }

    #[test]
    fn ratio_of_nothing_has_no_value() {
        assert_eq!(ratio(1.0, 0.0), None);
        assert_eq!(ratio(1.0, 4.0), Some(0.25));
    }
}
