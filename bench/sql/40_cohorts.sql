-- Cohorts (METRICS.md): a customer's cohort is the month of its first purchase occasion in all
-- the data (occasions on or before T). Cohorts whose month overlaps the period are shown.
-- Customer retention (c, k), k = 0 .. T's month: customers of c with an occasion in month c + k
-- divided by the cohort's size. Revenue retention (c, k): the cohort's revenue in month c + k
-- divided by its revenue in month c.
-- result: cohorts
WITH firsts AS (
  SELECT customer_id, CAST(date_trunc('month', min(day)) AS DATE) AS cm FROM occ GROUP BY customer_id
),
bounds AS (
  SELECT CAST(date_trunc('month', from_day) AS DATE) AS fm, CAST(date_trunc('month', to_day) AS DATE) AS tm FROM period
),
shown AS (
  SELECT f.customer_id, f.cm FROM firsts f, bounds b WHERE f.cm BETWEEN b.fm AND b.tm
),
cells AS (
  SELECT s.cm, CAST(date_diff('month', s.cm, CAST(date_trunc('month', o.day) AS DATE)) AS INTEGER) AS k,
    count(DISTINCT o.customer_id) AS customers, sum(o.amount) AS revenue
  FROM occ o JOIN shown s USING (customer_id)
  GROUP BY 1, 2
),
sizes AS (SELECT cm, count(*) AS size FROM shown GROUP BY cm),
grid AS (
  SELECT z.cm, z.size, CAST(unnest(range(0, date_diff('month', z.cm, b.tm) + 1)) AS INTEGER) AS k
  FROM sizes z, bounds b
)
SELECT
  strftime(g.cm, '%Y-%m') AS cohort,
  g.size,
  list(coalesce(c.customers, 0) / g.size ORDER BY g.k) AS retention,
  list(coalesce(c.revenue, 0) / nullif(first0.revenue, 0) ORDER BY g.k) AS revenue_retention
FROM grid g
LEFT JOIN cells c ON c.cm = g.cm AND c.k = g.k
LEFT JOIN cells first0 ON first0.cm = g.cm AND first0.k = 0
GROUP BY g.cm, g.size
ORDER BY g.cm;
