-- Won, lost, revenue (METRICS.md): deals closed (won or lost) in the period; pipeline and
-- stalled deals as of T.
--
-- revenue: Σ amount of orders dated in the period where orders are loaded (as here), else of won
--   deals closed in the period. Orders without a customer count.
-- won_deals, win_rate = won / (won + lost); avg_deal_size from won deals (even with orders).
-- sales cycle = days(created_at, closed_at) of won deals closed in the period, negative cycles
--   left out: median (mean of the two middle values), mean, p90 nearest-rank (the value at rank
--   ceil(0.9 n) in ascending order).
-- pipeline_value: open deals created on or before T, Σ amount (count too).
-- stalled_deals: open deals with days(last_activity_at or created_at, T) > 7.
-- result: deals
WITH closed AS (
  SELECT d.status, d.amount, d.closed_at - d.created_at AS cycle
  FROM d, period
  WHERE d.status IN ('won', 'lost') AND d.closed_at BETWEEN period.from_day AND period.to_day
),
won AS (SELECT amount, cycle FROM closed WHERE status = 'won'),
cyc AS (SELECT cycle, row_number() OVER (ORDER BY cycle) AS rn, count(*) OVER () AS n FROM won WHERE cycle >= 0),
agg AS (
  SELECT
    (SELECT count(*) FROM won) AS won_deals,
    (SELECT count(*) FROM closed WHERE status = 'lost') AS lost_deals,
    (SELECT sum(amount) FROM won) AS won_amount,
    CASE WHEN EXISTS (SELECT 1 FROM o)
      THEN (SELECT coalesce(sum(o.amount), 0) FROM o, period WHERE o.day BETWEEN period.from_day AND period.to_day)
      ELSE (SELECT coalesce(sum(amount), 0) FROM won)
    END AS revenue,
    (SELECT median(cycle) FROM cyc) AS sales_cycle_median,
    (SELECT avg(cycle) FROM cyc) AS sales_cycle_mean,
    (SELECT cycle FROM cyc WHERE rn = (9 * n + 9) // 10) AS sales_cycle_p90,
    (SELECT count(*) FROM won WHERE cycle < 0) AS negative_cycles,
    (SELECT coalesce(sum(d.amount), 0) FROM d, period WHERE d.status = 'open' AND d.created_at <= period.t) AS pipeline_value,
    (SELECT count(*) FROM d, period WHERE d.status = 'open' AND d.created_at <= period.t) AS pipeline_deals,
    (SELECT count(*) FROM d, period WHERE d.status = 'open' AND period.t - coalesce(d.last_activity_at, d.created_at) > 7) AS stalled_deals
)
SELECT
  revenue,
  won_deals,
  lost_deals,
  CASE WHEN won_deals + lost_deals > 0 THEN won_deals / (won_deals + lost_deals) END AS win_rate,
  CASE WHEN won_deals > 0 THEN won_amount / won_deals END AS avg_deal_size,
  CAST(sales_cycle_median AS DOUBLE) AS sales_cycle_median,
  sales_cycle_mean,
  sales_cycle_p90,
  negative_cycles,
  pipeline_value,
  pipeline_deals,
  stalled_deals
FROM agg;

-- Lost reasons: lost deals closed in the period by reason (empty -> Unspecified).
-- result: lost_reasons
SELECT coalesce(nullif(trim(d.lost_reason), ''), 'Unspecified') AS reason, count(*) AS deals, sum(d.amount) AS amount
FROM d, period
WHERE d.status = 'lost' AND d.closed_at BETWEEN period.from_day AND period.to_day
GROUP BY 1
ORDER BY deals DESC, reason;

-- Pipeline by stage: open deals created on or before T.
-- result: pipeline
SELECT d.stage, count(*) AS deals, sum(d.amount) AS amount
FROM d, period
WHERE d.status = 'open' AND d.created_at <= period.t
GROUP BY d.stage
ORDER BY d.stage;
