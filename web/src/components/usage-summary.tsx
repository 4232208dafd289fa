import type { ThreadDatabasesDto, ThreadTokensDto } from '../api/dto.js';
import { countLabel } from '../format/count-label.js';
import { DatabaseIcon } from './icons.js';

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** Tokens and cost of the thread, and badges for the datasources it used. */
export function UsageSummary({ tokens, databases }: { tokens: ThreadTokensDto | null; databases: ThreadDatabasesDto | null }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-300" data-testid="usage">
      {databases?.datasources.map((source) => (
        <span key={source.name} title={source.tables.length ? `Tables: ${source.tables.join(', ')}` : undefined} className="inline-flex items-center gap-1 whitespace-nowrap rounded-full border border-sky-300 bg-sky-50 px-2 py-0.5 text-sky-800 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-200" data-testid="datasource-badge">
          <DatabaseIcon /> {source.name}
          {source.tables.length > 0 && <span className="text-sky-600 dark:text-sky-400"> · {countLabel(source.tables.length, 'table')}</span>}
        </span>
      ))}
      {tokens && (tokens.inputTokens > 0 || tokens.outputTokens > 0) && (
        <span
          className="whitespace-nowrap rounded-full bg-slate-100 px-2 py-0.5 tabular-nums dark:bg-slate-800"
          title={tokens.rows.map((row) => `${row.agent} (${row.model}): ${row.inputTokens} in / ${row.outputTokens} out`).join('\n')}
          data-testid="token-usage"
        >
          {compact.format(tokens.inputTokens)} in · {compact.format(tokens.outputTokens)} out tokens · ${tokens.costUsd.toFixed(tokens.costUsd < 0.01 ? 4 : 2)}
        </span>
      )}
    </div>
  );
}
