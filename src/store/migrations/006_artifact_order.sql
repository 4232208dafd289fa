-- Artifacts saved within the same millisecond share created_at; `seq` keeps the order they were saved in,
-- so "the latest DNA of a datasource" is the one saved last, not a random one of a tie.
ALTER TABLE artifacts ADD COLUMN seq bigserial;
