-- Lifecycle, churn, repurchase, CLV (METRICS.md), as of T with W = 180 days.
-- For each customer with an occasion on or before T, d = days(last occasion, T):
-- new if days(first occasion, T) <= 30; else active if d <= 90; dormant if 90 < d <= 180;
-- churned if d > 180. Prospects: customer rows created on or before T (or undated) and customer
-- ids on deals created on or before T, with no occasion on or before T.
CREATE TABLE cust_hist AS
SELECT customer_id, min(day) AS first_day, max(day) AS last_day, count(*) AS occasions
FROM occ
GROUP BY customer_id;

-- result: lifecycle
WITH states AS (
  SELECT
    CASE
      WHEN period.t - h.first_day <= 30 THEN 'new'
      WHEN period.t - h.last_day <= 90 THEN 'active'
      WHEN period.t - h.last_day <= 180 THEN 'dormant'
      ELSE 'churned'
    END AS state
  FROM cust_hist h, period
),
prospects AS (
  SELECT customer_id FROM c, period WHERE c.created_at IS NULL OR c.created_at <= period.t
  UNION
  SELECT customer_id FROM d, period WHERE d.customer_id IS NOT NULL AND d.created_at <= period.t
  EXCEPT
  SELECT customer_id FROM cust_hist
)
SELECT
  count(*) FILTER (WHERE state = 'new') AS new,
  count(*) FILTER (WHERE state = 'active') AS active,
  count(*) FILTER (WHERE state = 'dormant') AS dormant,
  count(*) FILTER (WHERE state = 'churned') AS churned,
  (SELECT count(*) FROM prospects) AS prospects,
  count(*) FILTER (WHERE state IN ('new', 'active')) AS active_customers
FROM states;

-- Churn rate of [from, to]: the base is the customers neither churned nor prospects as of
-- `from` (an occasion on or before `from`, the last of them within 180 days); churn rate = those
-- of the base churned as of `to` (last occasion on or before `to` more than 180 days before it).
-- Repurchase rate: customers with >= 2 occasions / customers with >= 1 (history up to T).
-- Median repurchase interval: median gap in days between consecutive occasions, all customers.
-- result: churn
WITH at_from AS (
  SELECT o.customer_id, max(o.day) AS last_day
  FROM occ o, period
  WHERE o.day <= period.from_day
  GROUP BY o.customer_id
),
base AS (
  SELECT a.customer_id FROM at_from a, period WHERE period.from_day - a.last_day <= 180
),
judged AS (
  SELECT (period.to_day - h.last_day > 180) AS churned
  FROM base b JOIN cust_hist h USING (customer_id), period
),
gaps AS (
  SELECT day - lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap FROM occ
)
SELECT
  (SELECT count(*) FROM judged) AS churn_base,
  (SELECT count(*) FROM judged WHERE churned) AS churned_in_period,
  (SELECT count(*) FILTER (WHERE churned) / nullif(count(*), 0) FROM judged) AS churn_rate,
  (SELECT count(*) FILTER (WHERE occasions >= 2) / nullif(count(*), 0) FROM cust_hist) AS repurchase_rate,
  (SELECT CAST(median(gap) AS DOUBLE) FROM gaps WHERE gap IS NOT NULL) AS median_repurchase_interval;

-- CLV = AOV x F x L - CAC over the last 365 days [T - 364, T]: AOV = revenue / occasions,
-- F = occasions / customers with an occasion, L = 1 / churn rate of [T - 364, T] capped at 10
-- (10 when that rate is 0; no value when its base is empty), CAC = spend of the months whose
-- first day is in the window / new customers of the window (first occasion in it; no value
-- with none), 0 when no spend is loaded. Revenue here is that of the customers' occasions.
-- result: clv
WITH w AS (SELECT t - 364 AS w_from, t AS w_to FROM period),
win AS (SELECT o.customer_id, o.amount FROM occ o, w WHERE o.day BETWEEN w.w_from AND w.w_to),
base AS (
  SELECT o.customer_id
  FROM occ o, w
  WHERE o.day <= w.w_from
  GROUP BY o.customer_id, w.w_from
  HAVING w.w_from - max(o.day) <= 180
),
judged AS (
  SELECT (w.w_to - h.last_day > 180) AS churned FROM base b JOIN cust_hist h USING (customer_id), w
),
parts AS (
  SELECT
    (SELECT sum(amount) FROM win) AS revenue,
    (SELECT count(*) FROM win) AS occasions,
    (SELECT count(DISTINCT customer_id) FROM win) AS customers,
    (SELECT count(*) FILTER (WHERE churned) / nullif(count(*), 0) FROM judged) AS annual_churn,
    (SELECT count(*) FROM m) AS spend_rows,
    (SELECT coalesce(sum(m.spend), 0) FROM m, w WHERE m.month_start BETWEEN w.w_from AND w.w_to) AS spend,
    (SELECT count(*) FROM cust_hist h, w WHERE h.first_day BETWEEN w.w_from AND w.w_to) AS new_customers
),
calc AS (
  SELECT *,
    revenue / nullif(occasions, 0) AS aov,
    occasions / nullif(customers, 0) AS frequency,
    CASE WHEN annual_churn IS NULL THEN NULL WHEN annual_churn = 0 THEN 10.0 ELSE least(1.0 / annual_churn, 10.0) END AS lifetime_years,
    CASE WHEN spend_rows = 0 THEN 0.0 WHEN new_customers = 0 THEN NULL ELSE spend / new_customers END AS cac
  FROM parts
)
SELECT aov, frequency, annual_churn, lifetime_years, spend, new_customers, cac,
  aov * frequency * lifetime_years - cac AS clv
FROM calc;
