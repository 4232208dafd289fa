-- A datasource's synonyms, saved from the person's corrections: a word or phrase that means a
-- table, a column, or one value of a column (a filter definition). One meaning per word.
CREATE TABLE datasource_synonyms (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  datasource text NOT NULL,
  word text NOT NULL,
  table_name text NOT NULL,
  column_name text,
  value text,
  created_at timestamptz NOT NULL,
  CHECK (value IS NULL OR column_name IS NOT NULL),
  UNIQUE (workspace_id, datasource, word)
);
