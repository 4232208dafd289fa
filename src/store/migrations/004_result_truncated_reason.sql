-- Which cap cut a result: 'rows' (limits.rowCap) or 'bytes' (limits.resultMaxBytes); NULL when whole.
ALTER TABLE results ADD COLUMN truncated_reason text CHECK (truncated_reason IN ('rows', 'bytes'));
