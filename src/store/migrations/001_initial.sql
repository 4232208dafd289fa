-- The InsightX store schema (ARCHITECTURE §6). Identical on PGlite and PostgreSQL.
-- Ids are prefixed text (`thr_…`, `run_…`); times are timestamptz written by the injected clock.

CREATE TABLE workspaces (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);

CREATE TABLE api_tokens (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name text NOT NULL DEFAULT '',
  -- sha256 of the token, hex: the token itself is shown once and never stored.
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE datasources (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name text NOT NULL,
  kind text NOT NULL,
  config jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (workspace_id, name)
);

CREATE TABLE threads (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  title text NOT NULL,
  datasource text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX threads_by_workspace ON threads (workspace_id, updated_at DESC);

CREATE TABLE messages (
  id text PRIMARY KEY,
  -- Insertion order: timestamps can tie under a fixed clock.
  position bigint GENERATED ALWAYS AS IDENTITY,
  workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  thread_id text NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  content text NOT NULL,
  run_id text,
  -- Assistant turns: route, sql, resultId, chart, error (what a follow-up needs).
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL
);
CREATE INDEX messages_by_thread ON messages (thread_id, position);

CREATE TABLE runs (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  thread_id text REFERENCES threads (id) ON DELETE CASCADE,
  message_id text,
  question text NOT NULL,
  datasource text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
  route text,
  error jsonb,
  created_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX runs_by_thread ON runs (thread_id, created_at);
CREATE INDEX runs_running ON runs (status) WHERE status = 'running';

CREATE TABLE run_events (
  run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (run_id, seq)
);

-- Full results behind `resultId`. Rows are JSONB arrays in column order (bounded by the row cap).
CREATE TABLE results (
  id text PRIMARY KEY,
  -- Set when a run of a workspace reports the result (data-ready) or the SQL tool saves it;
  -- a result with no workspace is visible to nobody over HTTP.
  workspace_id text REFERENCES workspaces (id) ON DELETE CASCADE,
  run_id text,
  sql text NOT NULL,
  datasource text NOT NULL,
  columns jsonb NOT NULL,
  rows jsonb NOT NULL,
  row_count integer NOT NULL,
  truncated boolean NOT NULL,
  elapsed_ms double precision NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE artifacts (
  id text PRIMARY KEY,
  workspace_id text REFERENCES workspaces (id) ON DELETE CASCADE,
  run_id text,
  -- dna, sql, chart, python …; `key` names the subject (the datasource for dna).
  kind text NOT NULL,
  key text NOT NULL DEFAULT '',
  content jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX artifacts_by_run ON artifacts (run_id);
CREATE INDEX artifacts_by_key ON artifacts (workspace_id, kind, key, created_at DESC);

CREATE TABLE templates (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  title text NOT NULL DEFAULT '',
  prompt text NOT NULL,
  generated_sql text,
  ui_code text,
  parameters jsonb NOT NULL DEFAULT '{}'::jsonb,
  data_source text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX templates_by_workspace ON templates (workspace_id, updated_at DESC);

CREATE TABLE feedback (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  message_id text NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
  rating text NOT NULL CHECK (rating IN ('up', 'down')),
  correction text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE kb_documents (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  kind text NOT NULL DEFAULT 'doc',
  title text NOT NULL,
  body text NOT NULL,
  source text,
  search tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || body)) STORED,
  -- Portable embedding; migration 002 adds a pgvector column where the extension exists.
  embedding real[],
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX kb_documents_search ON kb_documents USING gin (search);

CREATE TABLE learned_queries (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  datasource text NOT NULL,
  question text NOT NULL,
  sql text NOT NULL,
  source text NOT NULL DEFAULT 'feedback',
  search tsvector GENERATED ALWAYS AS (to_tsvector('english', question)) STORED,
  uses integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL
);
CREATE INDEX learned_queries_search ON learned_queries USING gin (search);

CREATE TABLE jobs (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
  input jsonb NOT NULL DEFAULT '{}'::jsonb,
  output jsonb,
  error jsonb,
  progress real NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE job_steps (
  job_id text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  ordinal integer NOT NULL,
  name text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'skipped')),
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  started_at timestamptz,
  ended_at timestamptz,
  PRIMARY KEY (job_id, ordinal)
);

-- Who ran what directly (POST /api/tools/sql), beside the agents' own run events.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  actor text NOT NULL,
  action text NOT NULL,
  detail jsonb NOT NULL,
  at timestamptz NOT NULL
);
