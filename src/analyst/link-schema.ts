import type { DataDna } from '../core/dna.js';
import { linkTokens, type Mention } from './link-tokens.js';
import { getSchemaIndex, type SchemaIndex } from './schema-index.js';
import { tokenize } from './tokenize.js';
import { joinGraph } from './join-path.js';

/** What a question links to in a schema; see `linkSchema`. */
export interface SchemaLinks {
  /** Linked tables by score, then the tables on join paths between them, then the tables they reference. */
  tables: string[];
  /** Tables a word of the question names (a table, one of its columns, values or metrics), by score. */
  linked: string[];
  /** Tables only a join reaches: on a path between linked tables, or referenced by one. */
  bridges: string[];
  /**
   * Linked tables that no word names except through a key column ("orders" meeting
   * `payments.order_id`) or a weaker reading ("channel" as part of `acquisition_channel` beside
   * `orders.channel`): like bridges, they matter for their joins and those columns, not the rest.
   */
  throughKey: string[];
  /** Per table: the columns words link to, and the columns its joins use. */
  columns: Record<string, string[]>;
  /** Every table's label column (`name`, `title`), and the columns joins use, for tables listed in `tables`. */
  keys: Record<string, string[]>;
  score: number;
}

/** Joins the engine takes are at most this long (see `findJoinPath`). */
const MAX_PATH = 3;

/**
 * Which tables and columns matter for a question, to keep prompts small on large schemas.
 * Tables are ordered by how strongly the question links to them; the tables on a join path of
 * up to three steps between two linked tables, and those a linked table references (its
 * foreign keys' targets), follow, so the joins the engine may take stay possible. `score` sums
 * the link scores.
 */
export function linkSchema(question: string, dna: DataDna): SchemaLinks {
  const index = getSchemaIndex(dna);
  const groups = linkTokens(tokenize(question), index);
  const tableScores = new Map<string, number>();
  const columns: Record<string, string[]> = {};
  const add = (table: string, column: string) => {
    const list = (columns[table] ??= []);
    if (!list.includes(column)) list.push(column);
  };
  const named = new Set<string>();
  let score = 0;
  for (const group of groups) {
    for (const mention of [...group.mentions, ...group.weak]) {
      tableScores.set(mention.table, (tableScores.get(mention.table) ?? 0) + (group.mentions.includes(mention) ? mention.score : 0));
      if (mention.column) add(mention.table, mention.column);
      if (group.mentions.includes(mention) && !isKeyMention(index, mention)) named.add(mention.table);
    }
    score += group.mentions[0].score;
  }
  const linked = [...tableScores.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
  const graph = joinGraph(index);
  const tables = [...linked];
  const keys: Record<string, string[]> = {};
  const addKey = (table: string, column: string) => {
    const list = (keys[table] ??= []);
    if (!list.includes(column)) list.push(column);
  };
  for (const [from, to] of pairs(linked)) {
    for (const edge of shortestPath(graph, from, to) ?? []) {
      if (!tables.includes(edge.to)) tables.push(edge.to);
      addKey(edge.from, edge.fromColumn);
      addKey(edge.to, edge.toColumn);
    }
  }
  // Only the tables a linked table references: a hub (customers, orders) is referenced by many
  // tables, and handing all of them to the model costs more than the joins it could take.
  for (const table of linked) {
    for (const edge of graph.get(table) ?? []) {
      if (!edge.references) continue;
      if (!tables.includes(edge.to)) tables.push(edge.to);
      addKey(edge.from, edge.fromColumn);
      addKey(edge.to, edge.toColumn);
      add(table, edge.fromColumn);
    }
  }
  for (const table of tables) {
    const label = labelOf(index, table);
    if (label) addKey(table, label);
  }
  const bridges = tables.filter((table) => !linked.includes(table));
  const throughKey = linked.filter((table) => !named.has(table));
  return { tables, linked, bridges, throughKey, columns, keys, score: Math.round(score * 100) / 100 };
}

/** A mention of a key column only (`order_id` for "orders"), not of a table, value, metric or other column. */
function isKeyMention(index: SchemaIndex, mention: Mention): boolean {
  if (mention.kind !== 'column' || !mention.column) return false;
  const table = index.tableByName.get(mention.table.toLowerCase());
  const column = table?.byName.get(mention.column.toLowerCase());
  return column?.isKey === true || table?.profile.foreignKeys.some((key) => key.column === mention.column) === true;
}

function labelOf(index: SchemaIndex, table: string): string | undefined {
  return index.tableByName.get(table.toLowerCase())?.label?.name;
}

function* pairs(items: string[]): Generator<[string, string]> {
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) yield [items[i], items[j]];
}

type Edge = { from: string; fromColumn: string; to: string; toColumn: string; references: boolean };

function shortestPath(graph: Map<string, Edge[]>, from: string, to: string): Edge[] | null {
  const previous = new Map<string, Edge | null>([[from, null]]);
  let frontier = [from];
  for (let depth = 0; depth < MAX_PATH && frontier.length > 0 && !previous.has(to); depth++) {
    const next: string[] = [];
    for (const table of frontier) {
      for (const edge of graph.get(table) ?? []) {
        if (previous.has(edge.to)) continue;
        previous.set(edge.to, edge);
        next.push(edge.to);
      }
    }
    frontier = next;
  }
  if (!previous.has(to)) return null;
  const path: Edge[] = [];
  for (let at = previous.get(to); at; at = previous.get(at.from)) path.unshift(at);
  return path;
}
