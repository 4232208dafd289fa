import { useMemo } from 'react';
import { format } from 'sql-formatter';
import type { RunView } from '../state/run-reducer.js';
import { CodeBlock } from './code-block.js';

const DIALECTS: Record<string, 'duckdb' | 'postgresql' | 'sqlite' | 'mysql' | 'sql'> = { duckdb: 'duckdb', postgres: 'postgresql', sqlite: 'sqlite', mysql: 'mysql' };

function formatSql(sql: string, dialect?: string): string {
  try {
    return format(sql, { language: DIALECTS[dialect ?? ''] ?? 'sql', keywordCase: 'upper' });
  } catch {
    // A dialect feature the formatter does not know: show the SQL as the engine ran it.
    return sql;
  }
}

/** The SQL (formatted), the Python and the chart code of the selected answer. */
export function CodePanel({ view, dialect }: { view: RunView; dialect?: string }) {
  const sql = useMemo(() => (view.sql ? formatSql(view.sql, dialect) : null), [view.sql, dialect]);
  const python = view.code.python?.text;
  const tsx = view.code.tsx?.text;
  if (!sql && !python && !tsx) return <p className="p-3 text-sm text-slate-500">No code for this answer yet.</p>;
  return (
    <div className="space-y-3 p-3">
      {sql && <CodeBlock code={sql} language="sql" label="SQL" />}
      {python && <CodeBlock code={python} language="python" label="Python" />}
      {tsx && <CodeBlock code={tsx} language="tsx" label="Chart component (TSX)" />}
    </div>
  );
}
