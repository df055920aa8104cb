-- Funnel (METRICS.md "Funnel"): deals created in the period, reached(s) = deals whose furthest
-- stage is at or after s.
--
-- Stage order: every open stage of the generated data belongs to the generic pipeline (Lead,
-- Prospecting, Engaging, Qualification, Needs Analysis, Proposal, Quote, Negotiation), so that
-- order is used (this SQL does not implement the other known pipelines or the first-appearance
-- fallback). Shown steps: the pipeline stages some deal (of all loaded deals) is in, while open,
-- or was lost at, then Won, labelled with the most frequent won stage name. Stage names match
-- case-insensitively after trimming and are shown with their first spelling in the file.
--
-- Furthest stage: the current stage if open; Won if won; lost_stage if lost and known; else the
-- first shown stage (a lost deal with no or an unknown lost_stage counts at the first stage only).
CREATE TABLE funnel_steps AS
WITH known(key, pos) AS (
  VALUES ('lead', 1), ('prospecting', 2), ('engaging', 3), ('qualification', 4),
         ('needs analysis', 5), ('proposal', 6), ('quote', 7), ('negotiation', 8)
),
used AS (
  SELECT lower(stage) AS key, arg_min(stage, rid) AS name, min(rid) AS rid FROM d WHERE status = 'open' GROUP BY 1
  UNION ALL
  SELECT lower(lost_stage), arg_min(lost_stage, rid), min(rid) FROM d WHERE status = 'lost' AND lost_stage <> '' GROUP BY 1
),
named AS (
  SELECT k.key, k.pos, arg_min(u.name, u.rid) AS name
  FROM known k JOIN used u ON u.key = k.key
  GROUP BY k.key, k.pos
)
SELECT key, name, CAST(row_number() OVER (ORDER BY pos) AS INTEGER) AS step FROM named
UNION ALL
SELECT '#won', (SELECT mode(stage) FROM d WHERE status = 'won'), CAST((SELECT count(*) FROM named) + 1 AS INTEGER);

-- result: funnel
WITH furthest AS (
  SELECT
    CASE
      WHEN d.status = 'won' THEN (SELECT max(step) FROM funnel_steps)
      WHEN d.status = 'open' THEN cur.step
      ELSE coalesce(lost.step, 1)
    END AS step
  FROM d
  CROSS JOIN period
  LEFT JOIN funnel_steps cur ON cur.key = lower(d.stage) AND cur.key <> '#won'
  LEFT JOIN funnel_steps lost ON lost.key = lower(d.lost_stage) AND lost.key <> '#won'
  WHERE d.created_at BETWEEN period.from_day AND period.to_day
),
hist AS (SELECT step, count(*) AS n FROM furthest GROUP BY step)
SELECT f.name AS stage, CAST(coalesce(sum(h.n), 0) AS BIGINT) AS reached
FROM funnel_steps f
LEFT JOIN hist h ON h.step >= f.step
GROUP BY f.step, f.name
ORDER BY f.step;

-- result: funnel_counts
SELECT
  count(*) AS deals_created,
  count(*) FILTER (WHERE d.status = 'lost' AND (d.lost_stage IS NULL OR lower(d.lost_stage) NOT IN (SELECT key FROM funnel_steps WHERE key <> '#won'))) AS lost_without_known_stage
FROM d, period
WHERE d.created_at BETWEEN period.from_day AND period.to_day;
