-- pgvector where the server has it: a `embedding_vector` column beside the portable `real[]`.
-- Without the extension nothing changes and search ranks by cosine over `embedding` in SQL
-- (see kb-documents-repository.ts); `SELECT insightx_vector_backend()` says which one is in use.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;
    ALTER TABLE kb_documents ADD COLUMN embedding_vector vector;
  END IF;
END
$$;

CREATE FUNCTION insightx_vector_backend() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN EXISTS (
    SELECT 1 FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'kb_documents' AND column_name = 'embedding_vector'
  ) THEN 'pgvector' ELSE 'array' END
$$;

-- Cosine similarity of two real[] of the same length (the fallback when pgvector is absent).
CREATE FUNCTION insightx_cosine(a real[], b real[]) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN norm_a = 0 OR norm_b = 0 THEN 0 ELSE dot / (norm_a * norm_b) END
  FROM (
    SELECT sum(x * y) AS dot, sqrt(sum(x * x)) AS norm_a, sqrt(sum(y * y)) AS norm_b
    FROM unnest(a, b) AS pairs (x, y)
  ) sums
$$;
