-- NPS (METRICS.md): responses dated in the period; promoters 9-10, passives 7-8, detractors
-- 0-6; NPS = 100 (promoters - detractors) / responses; no responses -> no value.
-- result: nps
SELECT
  count(*) AS responses,
  count(*) FILTER (WHERE score >= 9) AS promoters,
  count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS passives,
  count(*) FILTER (WHERE score <= 6) AS detractors,
  CASE WHEN count(*) > 0
    THEN 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*)
  END AS nps
FROM s, period
WHERE s.day BETWEEN period.from_day AND period.to_day;
