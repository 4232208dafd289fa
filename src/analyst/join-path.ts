import type { JoinStep } from './intent-frame.js';
import type { SchemaIndex } from './schema-index.js';

interface Edge {
  from: string;
  fromColumn: string;
  to: string;
  toColumn: string;
  /** True when `from` holds the key that references `to` (the foreign key's own direction). */
  references: boolean;
}

const graphs = new WeakMap<SchemaIndex, Map<string, Edge[]>>();

/**
 * Undirected join graph of a datasource: declared and inferred foreign keys from the DNA, plus
 * `x_id` → table `x` (or `xs`) with a key of the same name or `id` where the DNA has none.
 */
export function joinGraph(index: SchemaIndex): Map<string, Edge[]> {
  const cached = graphs.get(index);
  if (cached) return cached;
  const graph = new Map<string, Edge[]>();
  const add = (edge: Edge) => {
    const key = (e: Edge) => `${e.from}.${e.fromColumn}>${e.to}.${e.toColumn}`;
    const reverse: Edge = { from: edge.to, fromColumn: edge.toColumn, to: edge.from, toColumn: edge.fromColumn, references: false };
    for (const [a, e] of [[edge.from, edge], [edge.to, reverse]] as [string, Edge][]) {
      const list = graph.get(a) ?? [];
      if (!list.some((x) => key(x) === key(e))) list.push(e);
      graph.set(a, list);
    }
  };
  for (const table of index.tables) {
    for (const fk of table.profile.foreignKeys) {
      const target = index.tableByName.get(fk.refTable.toLowerCase());
      if (target) add({ from: table.name, fromColumn: fk.column, to: target.name, toColumn: target.byName.get(fk.refColumn.toLowerCase())?.name ?? fk.refColumn, references: true });
    }
  }
  if (graph.size === 0) {
    for (const table of index.tables) {
      for (const column of table.columns) {
        const match = /^(.*?)_?id$/i.exec(column.name);
        if (!match || !match[1]) continue;
        const base = match[1].toLowerCase().replace(/_$/, '');
        for (const target of index.tables) {
          if (target === table) continue;
          const targetName = target.name.toLowerCase();
          if (targetName !== base && targetName !== `${base}s` && targetName !== `${base}es`) continue;
          const key = target.byName.get(column.name.toLowerCase()) ?? target.byName.get('id');
          if (key) add({ from: table.name, fromColumn: column.name, to: target.name, toColumn: key.name, references: true });
        }
      }
    }
  }
  graphs.set(index, graph);
  return graph;
}

/** Shortest join path from `from` to every table in `targets` (BFS tree, so steps are in join order). */
export function findJoinPath(index: SchemaIndex, from: string, targets: string[]): JoinStep[] | null {
  const graph = joinGraph(index);
  const steps: JoinStep[] = [];
  const inQuery = new Set([from]);
  for (const target of targets) {
    if (inQuery.has(target)) continue;
    // BFS from every table already in the query, so paths share joins.
    const previous = new Map<string, Edge | null>();
    const queue: string[] = [...inQuery];
    for (const table of inQuery) previous.set(table, null);
    let found = false;
    while (queue.length > 0 && !found) {
      const current = queue.shift() as string;
      for (const edge of graph.get(current) ?? []) {
        if (previous.has(edge.to)) continue;
        previous.set(edge.to, edge);
        if (edge.to === target) { found = true; break; }
        queue.push(edge.to);
      }
    }
    if (!found) return null;
    const path: Edge[] = [];
    for (let at = target; previous.get(at); at = (previous.get(at) as Edge).from) path.unshift(previous.get(at) as Edge);
    if (path.length > 3) return null;
    for (const edge of path) {
      if (inQuery.has(edge.to)) continue;
      steps.push({ fromTable: edge.from, fromColumn: edge.fromColumn, toTable: edge.to, toColumn: edge.toColumn });
      inQuery.add(edge.to);
    }
  }
  return steps;
}
