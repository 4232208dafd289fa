-- Several server instances may share one PostgreSQL store: each touches `heartbeat_at` of the
-- runs it is running, so another instance can tell a run whose server died (stale heartbeat)
-- from one that is simply still going elsewhere. Times here come from the database's now().
ALTER TABLE runs ADD COLUMN heartbeat_at timestamptz;
UPDATE runs SET heartbeat_at = created_at WHERE status = 'running';
