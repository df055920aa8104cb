-- The inputs after import (METRICS.md "Inputs, after import", "Decisions on edge cases"), the
-- purchases P and their occasions, and the default period. Timed as part of "DuckDB queries".
--
-- Deals: deal_id, stage and created_at required; a repeated deal_id keeps the first row of the
-- file; status open/won/lost wins, anything else is derived from the stage name; amount missing
-- -> 0. Dates are cast so that the SQL also works when read_csv_auto left a column as text.
-- Only the columns the metrics below use are kept (the bench applies no owner/channel filter).
CREATE TABLE d AS
SELECT
  deal_id,
  customer_id,
  trim(CAST(stage AS VARCHAR)) AS stage,
  CASE
    WHEN lower(trim(CAST(status AS VARCHAR))) IN ('open', 'won', 'lost') THEN lower(trim(CAST(status AS VARCHAR)))
    WHEN lower(trim(CAST(stage AS VARCHAR))) IN ('closed won', 'won', '赢单', '成交', '已成交', '签约') THEN 'won'
    WHEN lower(trim(CAST(stage AS VARCHAR))) IN ('closed lost', 'lost', '输单', '丢单', '流失', '关闭') THEN 'lost'
    ELSE 'open'
  END AS status,
  coalesce(TRY_CAST(amount AS DOUBLE), 0) AS amount,
  CAST(created_at AS DATE) AS created_at,
  CAST(closed_at AS DATE) AS closed_at,
  CAST(lost_reason AS VARCHAR) AS lost_reason,
  trim(CAST(lost_stage AS VARCHAR)) AS lost_stage,
  CAST(last_activity_at AS DATE) AS last_activity_at,
  rowid AS rid
FROM deals
WHERE rowid IN (
  SELECT min(rowid) FROM deals
  WHERE deal_id IS NOT NULL AND stage IS NOT NULL AND created_at IS NOT NULL
  GROUP BY deal_id
);

-- Customers: customer_id required, the first row of a repeated id kept.
CREATE TABLE c AS
SELECT customer_id, CAST(created_at AS DATE) AS created_at, channel
FROM customers
WHERE rowid IN (SELECT min(rowid) FROM customers WHERE customer_id IS NOT NULL GROUP BY customer_id);

-- Orders need a date and an amount; all are kept (no id).
CREATE TABLE o AS
SELECT customer_id, CAST("date" AS DATE) AS day, CAST(amount AS DOUBLE) AS amount
FROM orders
WHERE "date" IS NOT NULL AND amount IS NOT NULL;

-- Survey responses need a date and a whole score 0-10 (9 and 9.0 are 9; 7.5 and 11 rejected).
CREATE TABLE s AS
SELECT customer_id, CAST("date" AS DATE) AS day, CAST(TRY_CAST(score AS DOUBLE) AS INTEGER) AS score
FROM surveys
WHERE "date" IS NOT NULL
  AND TRY_CAST(score AS DOUBLE) BETWEEN 0 AND 10
  AND TRY_CAST(score AS DOUBLE) = floor(TRY_CAST(score AS DOUBLE));

-- Spend: a month YYYY-MM (or a date reduced to its month), as the month's first day.
CREATE TABLE m AS
SELECT channel, CAST(substr(CAST(month AS VARCHAR), 1, 7) || '-01' AS DATE) AS month_start, CAST(spend AS DOUBLE) AS spend
FROM spend
WHERE month IS NOT NULL;

-- The data's last date: latest deal created_at, won/lost deal closed_at, order date, survey date.
-- Default period: the 365 days ending on it; the as-of date T is its end.
CREATE TABLE period AS
SELECT last_day - 364 AS from_day, last_day AS to_day, last_day AS t
FROM (
  SELECT greatest(
    (SELECT max(created_at) FROM d),
    (SELECT max(closed_at) FROM d WHERE status IN ('won', 'lost')),
    (SELECT max(day) FROM o),
    (SELECT max(day) FROM s)
  ) AS last_day
);

-- Purchases P: the orders where an orders file with a valid row is loaded, else won deals
-- (closed_at as the day). Won deals without closed_at are not purchases. A view: it is read twice.
CREATE VIEW p AS
SELECT customer_id, day, amount FROM o
UNION ALL
SELECT customer_id, closed_at, amount FROM d
WHERE status = 'won' AND closed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM o);

-- Purchase occasions: one per (customer, day), amounts summed; only customers' purchases, and
-- only those on or before T (cohorts, lifecycle, repurchase and CLV use history up to T).
CREATE TABLE occ AS
SELECT customer_id, day, sum(amount) AS amount
FROM p
WHERE customer_id IS NOT NULL AND day <= (SELECT t FROM period)
GROUP BY customer_id, day;

-- result: period
SELECT CAST(from_day AS VARCHAR) AS "from", CAST(to_day AS VARCHAR) AS "to",
  (SELECT count(*) FROM d) AS deals, (SELECT count(*) FROM c) AS customers,
  (SELECT count(*) FROM o) AS orders, (SELECT count(*) FROM s) AS responses,
  (SELECT count(*) FROM m) AS spend_rows, (SELECT count(*) FROM occ) AS occasions
FROM period;
