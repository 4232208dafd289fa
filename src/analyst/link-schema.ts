import type { DataDna } from '../core/dna.js';
import { linkTokens } from './link-tokens.js';
import { getSchemaIndex } from './schema-index.js';
import { tokenize } from './tokenize.js';
import { joinGraph } from './join-path.js';

/**
 * Which tables and columns matter for a question, to keep prompts small on large schemas.
 * Tables are ordered by how strongly the question links to them; tables one join away from a
 * linked table are included so join keys stay visible. `score` sums the link scores.
 */
export function linkSchema(question: string, dna: DataDna): { tables: string[]; columns: Record<string, string[]>; score: number } {
  const index = getSchemaIndex(dna);
  const groups = linkTokens(tokenize(question), index);
  const tableScores = new Map<string, number>();
  const columns: Record<string, string[]> = {};
  let score = 0;
  for (const group of groups) {
    for (const mention of group.mentions) {
      tableScores.set(mention.table, (tableScores.get(mention.table) ?? 0) + mention.score);
      if (mention.column) {
        const list = (columns[mention.table] ??= []);
        if (!list.includes(mention.column)) list.push(mention.column);
      }
    }
    score += group.mentions[0].score;
  }
  const linked = [...tableScores.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
  const graph = joinGraph(index);
  const tables = [...linked];
  for (const table of linked) {
    for (const edge of graph.get(table) ?? []) {
      if (!tables.includes(edge.to)) tables.push(edge.to);
      const list = (columns[table] ??= []);
      if (!list.includes(edge.fromColumn)) list.push(edge.fromColumn);
    }
  }
  return { tables, columns, score: Math.round(score * 100) / 100 };
}
