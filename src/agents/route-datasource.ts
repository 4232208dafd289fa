import type { DataDna } from '../core/dna.js';
import { tokenize } from '../analyst/index.js';
import { linkTokens, type Mention } from '../analyst/link-tokens.js';
import { getSchemaIndex } from '../analyst/schema-index.js';

/** One datasource's fit to a question: how much of the question its Data DNA covers. */
export interface DatasourceScore {
  datasource: string;
  score: number;
  /** The question's words this datasource's tables, columns or values cover. */
  covered: string[];
}

export type DatasourceRoute =
  | { kind: 'single'; datasource: string; reason: string; scores: DatasourceScore[] }
  /** The question's words are covered only by two datasources together: no single query can answer it. */
  | { kind: 'split'; parts: { datasource: string; words: string[] }[]; reason: string; scores: DatasourceScore[] }
  | { kind: 'none'; reason: string; scores: DatasourceScore[] };

/** A word counts as covered by a reading at least this strong (a name or synonym, or a value), not a part of a name. */
const STRONG_MENTION = 1.8;
/** Added to a table reading's score for routing. */
const TABLE_BONUS = 1;

interface Coverage {
  datasource: string;
  /** Token position → best mention score there. */
  positions: Map<number, number>;
  /** Token position → how it was read, for the reason. */
  readings: Map<number, Mention>;
}

function coverageOf(datasource: string, dna: DataDna, question: string): { coverage: Coverage; words: string[] } {
  const tokens = tokenize(question);
  const positions = new Map<number, number>();
  const readings = new Map<number, Mention>();
  for (const group of linkTokens(tokens, getSchemaIndex(dna))) {
    const best = group.mentions[0];
    if (!best || best.score < STRONG_MENTION || best.match === 'partial') continue;
    // A question that names a table is about that table's database more surely than one that
    // happens to match a value somewhere ("branches" the table, not the channel value "branch").
    const weight = best.score + (best.kind === 'table' ? TABLE_BONUS : 0);
    for (let position = group.start; position < group.end; position++) {
      if ((positions.get(position) ?? 0) < weight) {
        positions.set(position, weight);
        readings.set(position, best);
      }
    }
  }
  return { coverage: { datasource, positions, readings }, words: tokens.map((token) => token.raw) };
}

function sumOf(coverage: Coverage): number {
  return [...coverage.positions.values()].reduce((total, score) => total + score, 0);
}

function describeReading(mention: Mention): string {
  if (mention.kind === 'value') return `${String(mention.value)} in ${mention.table}.${mention.column}`;
  if (mention.kind === 'column') return `${mention.table}.${mention.column}`;
  if (mention.kind === 'metric') return `${mention.metric?.name ?? 'metric'} of ${mention.table}`;
  return `table ${mention.table}`;
}

/**
 * Chooses the datasource whose Data DNA covers the question's words best (tables, columns,
 * values, through the analyst's schema index and linker). When the best one leaves out words
 * that another datasource covers strongly, and the two together cover them, the question spans
 * two datasources: the route says which words live where, and nothing is queried across them.
 */
export function routeDatasource(question: string, candidates: { name: string; dna: DataDna }[]): DatasourceRoute {
  const results = candidates.map((candidate) => coverageOf(candidate.name, candidate.dna, question));
  const words = results[0]?.words ?? [];
  const coverages = results.map((result) => result.coverage);
  const scores: DatasourceScore[] = coverages
    .map((coverage) => ({
      datasource: coverage.datasource,
      score: Math.round(sumOf(coverage) * 100) / 100,
      covered: [...coverage.positions.keys()].sort((a, b) => a - b).map((position) => words[position]),
    }))
    .sort((a, b) => b.score - a.score || a.datasource.localeCompare(b.datasource));
  const best = scores[0];
  if (!best || best.score === 0) {
    return { kind: 'none', reason: 'no datasource has a table, column or value named in the question', scores };
  }
  const bestCoverage = coverages.find((coverage) => coverage.datasource === best.datasource) as Coverage;
  // Words the best datasource does not know, which another names as a table, column or value.
  const missing = new Map<string, number[]>();
  for (const coverage of coverages) {
    if (coverage === bestCoverage) continue;
    const only = [...coverage.positions.keys()].filter((position) => !bestCoverage.positions.has(position));
    if (only.length > 0) missing.set(coverage.datasource, only);
  }
  const second = [...missing.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  if (second) {
    const [other, positions] = second;
    const otherCoverage = coverages.find((coverage) => coverage.datasource === other) as Coverage;
    const strong = positions.filter((position) => (otherCoverage.positions.get(position) ?? 0) >= 2.5);
    if (strong.length > 0) {
      const bestWords = [...bestCoverage.positions.keys()].filter((position) => !otherCoverage.positions.has(position));
      if (bestWords.length > 0) {
        const parts = [
          { datasource: best.datasource, words: bestWords.sort((a, b) => a - b).map((position) => words[position]) },
          { datasource: other, words: positions.sort((a, b) => a - b).map((position) => words[position]) },
        ];
        const reason = parts.map((part) => `"${part.words.join(' ')}" lives in ${part.datasource}`).join(' and ');
        return { kind: 'split', parts, reason, scores };
      }
    }
  }
  const named = [...bestCoverage.readings.values()].filter((mention, i, all) => all.findIndex((m) => describeReading(m) === describeReading(mention)) === i);
  const reason = `it has ${named.slice(0, 3).map(describeReading).join(', ')} (score ${best.score}${scores[1] ? `, next ${scores[1].datasource} ${scores[1].score}` : ''})`;
  return { kind: 'single', datasource: best.datasource, reason, scores };
}

/** The answer to a question that spans two datasources: which part lives where, and an offer; no number. */
export function describeSplitAnswer(route: Extract<DatasourceRoute, { kind: 'split' }>): string {
  const [first, second] = route.parts;
  return [
    `This question needs two datasources: ${route.reason}.`,
    'InsightX does not join data across datasources, so it cannot answer it with one query.',
    `I can answer each part separately: ask about ${first.words.join(', ')} in ${first.datasource}, then about ${second.words.join(', ')} in ${second.datasource}.`,
  ].join(' ');
}

/** Where a question goes among several datasources, as the CLI and the server both decide it. */
export type DatasourceDecision =
  | { kind: 'routed'; datasource: string; reason: string; scores: { datasource: string; score: number }[] }
  /** Needs two datasources: `answer` is shown instead of running anything (no number, no SQL). */
  | { kind: 'split'; answer: string; reason: string; scores: { datasource: string; score: number }[]; route: Extract<DatasourceRoute, { kind: 'split' }> }
  | { kind: 'none'; reason: string; scores: { datasource: string; score: number }[] };

/**
 * Routes the question among the candidates: the one datasource that covers it, the split answer
 * when two are needed, or `fallback` (with the reason) when none covers it; `none` without a fallback.
 */
export function decideDatasource(question: string, candidates: { name: string; dna: DataDna }[], fallback: string | null): DatasourceDecision {
  const route = routeDatasource(question, candidates);
  const scores = route.scores.map(({ datasource, score }) => ({ datasource, score }));
  if (route.kind === 'split') return { kind: 'split', answer: describeSplitAnswer(route), reason: route.reason, scores, route };
  if (route.kind === 'single') return { kind: 'routed', datasource: route.datasource, reason: route.reason, scores };
  if (fallback === null) return { kind: 'none', reason: route.reason, scores };
  return { kind: 'routed', datasource: fallback, reason: `${route.reason}; the default datasource is used`, scores };
}
