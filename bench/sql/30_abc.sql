-- ABC tiers (METRICS.md): customers with revenue > 0 in the period (purchases P, with a
-- customer id), sorted by revenue descending, ties by customer_id ascending (byte order).
-- By revenue share (80 / 95): A if before * 100 < total * 80, else B if before * 100 < total * 95,
-- else C, where before = revenue of the customers ranked earlier and total = revenue of all
-- ranked customers. By customer rank (20 / 50): A if r <= ceil(20 n / 100), B if
-- r <= ceil(50 n / 100), else C (integer arithmetic).
CREATE TABLE abc_ranked AS
WITH rev AS (
  SELECT p.customer_id, sum(p.amount) AS revenue
  FROM p, period
  WHERE p.customer_id IS NOT NULL AND p.day BETWEEN period.from_day AND period.to_day
  GROUP BY p.customer_id
  HAVING sum(p.amount) > 0
),
ranked AS (
  SELECT
    customer_id,
    revenue,
    coalesce(sum(revenue) OVER (ORDER BY revenue DESC, customer_id ASC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
    sum(revenue) OVER () AS total,
    row_number() OVER (ORDER BY revenue DESC, customer_id ASC) AS r,
    count(*) OVER () AS n
  FROM rev
)
SELECT
  customer_id, revenue, r, n, total,
  CASE WHEN before * 100 < total * 80 THEN 'A' WHEN before * 100 < total * 95 THEN 'B' ELSE 'C' END AS tier,
  CASE WHEN r <= (20 * n + 99) // 100 THEN 'A' WHEN r <= (50 * n + 99) // 100 THEN 'B' ELSE 'C' END AS rank_tier
FROM ranked;

-- result: abc
SELECT
  tier,
  count(*) AS customers,
  sum(revenue) AS revenue,
  sum(revenue) / any_value(total) AS revenue_share,
  count(*) / any_value(n) AS customer_share
FROM abc_ranked
GROUP BY tier
ORDER BY tier;

-- result: abc_by_rank
SELECT
  rank_tier AS tier,
  count(*) AS customers,
  sum(revenue) AS revenue,
  sum(revenue) / any_value(total) AS revenue_share,
  count(*) / any_value(n) AS customer_share
FROM abc_ranked
GROUP BY rank_tier
ORDER BY rank_tier;

-- The tile: the A tier's share of the ranked customers' revenue.
-- result: abc_tile
SELECT
  (SELECT sum(revenue) FROM abc_ranked WHERE tier = 'A') / nullif((SELECT sum(revenue) FROM abc_ranked), 0) AS a_tier_revenue_share;
