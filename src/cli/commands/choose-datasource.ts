import type { InsightxConfig } from '../../core/config.js';
import type { DataDna } from '../../core/dna.js';
import { decideDatasource, type DatasourceRoute } from '../../agents/route-datasource.js';

export type DatasourceChoice =
  | { kind: 'given'; datasource: string }
  | { kind: 'routed'; datasource: string; reason: string; scores: { datasource: string; score: number }[] }
  | { kind: 'split'; answer: string; route: Extract<DatasourceRoute, { kind: 'split' }> };

/**
 * The datasource a question goes to: the one named with --datasource; else, when two or more
 * datasources of the user's own are configured (the built-in sample is left out), the one whose
 * Data DNA covers the question's words best; else the default. A question that needs two
 * datasources comes back as `split`, with the answer to show instead of running anything.
 */
export async function chooseDatasource(
  config: InsightxConfig,
  question: string,
  given: string | undefined,
  prepare: (name: string) => Promise<{ dna: DataDna }>,
): Promise<DatasourceChoice> {
  if (given) return { kind: 'given', datasource: given };
  const own = config.datasources.filter((source) => source.kind !== 'sample').map((source) => source.name);
  if (own.length < 2) return { kind: 'given', datasource: config.defaultDatasource };
  const candidates = [];
  for (const name of own) candidates.push({ name, dna: (await prepare(name)).dna });
  const fallback = own.includes(config.defaultDatasource) ? config.defaultDatasource : own[0];
  const decision = decideDatasource(question, candidates, fallback);
  if (decision.kind === 'split') return { kind: 'split', answer: decision.answer, route: decision.route };
  if (decision.kind === 'none') return { kind: 'given', datasource: fallback };
  return decision;
}
