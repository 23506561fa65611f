-- Scores are decimals with a fixed scale (issue 8 item 9): a criterion value has at most two decimal places, so a
-- stored 7.5 is 7.50 and sums, totals and exports never pick up floating-point noise. Values written so far came from
-- doubles through an unconstrained numeric; rounding them to two places keeps what judges typed.
ALTER TABLE score_item ALTER COLUMN value TYPE numeric(7, 2) USING round(value, 2);
