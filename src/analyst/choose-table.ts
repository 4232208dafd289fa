import { findJoinPath } from './join-path.js';
import type { LinkGroup, Mention } from './link-tokens.js';
import type { JoinStep } from './intent-frame.js';
import type { SchemaIndex } from './schema-index.js';
import type { Token } from './tokenize.js';
import { SUM_STEMS } from './lexicon.js';
import { findAggregates } from './question-cues.js';

/** The tables a question is about, and the reading of each linked span within them. */
export interface TableChoice {
  base: string;
  joins: JoinStep[];
  /** One mention per span (in question order); spans with no reading in the chosen tables are left out. */
  resolved: Mention[];
  /** Spans that link only to tables that cannot be joined. */
  stranded: LinkGroup[];
  /** Another table scored as high as the base. */
  tie: string | null;
}

/** Score the tables by the question's links; the best is the base, others join when the DNA has a path. */
export function chooseTables(groups: LinkGroup[], index: SchemaIndex, preferred?: string, tokens: Token[] = []): TableChoice | null {
  const scores = new Map<string, number>();
  // A table's name or synonym inside a longer link ("transaction amount") still says which table.
  for (const table of index.tables) {
    const words = [table.stems, ...table.synonymStems].filter((s) => s.length === 1 && !SUM_STEMS.has(s[0])).map((s) => s[0]);
    if (tokens.some((t) => words.includes(t.stem))) scores.set(table.name, 0.5);
    // A word that is part of a longer table name ("state" in area_code_state) is weaker evidence.
    else if (table.stems.length > 1 && tokens.some((t) => t.kind === 'word' && table.stems.includes(t.stem))) scores.set(table.name, 0.3);
  }
  // The first table named is usually the subject ("names of singers who …").
  const firstTable = groups.find((g) => g.mentions.some((m) => m.kind === 'table' && m.match !== 'partial' && !SUM_STEMS.has(tokens[m.start]?.stem ?? '')));
  if (firstTable) {
    const subject = firstTable.mentions.find((m) => m.kind === 'table' && m.match !== 'partial') as Mention;
    scores.set(subject.table, (scores.get(subject.table) ?? 0) + 1);
  }
  // "average" or "total" is an aggregate word before it is a column of some other table: that
  // reading counts only when its table is linked by another word of the question.
  const cues = findAggregates(tokens).filter((cue) => cue.end - cue.start === 1);
  const linkedElsewhere = (group: LinkGroup, table: string) => groups.some((g) => g !== group && g.mentions.some((m) => m.table === table));
  const cueOnly = new Set(groups.filter((g) => cues.some((cue) => cue.start === g.start && cue.end === g.end)
    && g.mentions.every((m) => m.kind === 'column' && !linkedElsewhere(g, m.table))));
  // With nothing else linked, the column is all the question can be about.
  if (cueOnly.size === groups.length) cueOnly.clear();
  for (const group of groups) {
    if (cueOnly.has(group)) continue;
    const best = new Map<string, number>();
    for (const mention of group.mentions) {
      // A value in a table's own name column ("california" in state.state_name) points at that table.
      const labelValue = mention.kind === 'value' && index.tableByName.get(mention.table.toLowerCase())?.label?.name === mention.column;
      // "revenue" may be a table's synonym, but any table with money can answer it: no subject bonus.
      const moneyWord = mention.kind === 'table' && SUM_STEMS.has(tokens[mention.start]?.stem ?? '');
      const bonus = (mention.kind === 'table' && mention.match !== 'partial' && !moneyWord ? 1.5 : 0) + (labelValue ? 0.6 : 0);
      best.set(mention.table, Math.max(best.get(mention.table) ?? 0, mention.score + bonus));
    }
    for (const [table, score] of best) scores.set(table, (scores.get(table) ?? 0) + score);
  }
  if (preferred && index.tableByName.has(preferred.toLowerCase())) scores.set(preferred, (scores.get(preferred) ?? 0) + 3);
  if (groups.length === 0 && !(preferred && scores.has(preferred))) return null;
  if (scores.size === 0) return null;
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1] || rowCount(index, b[0]) - rowCount(index, a[0]));
  const base = ranked[0][0];
  const tie = ranked.length > 1 && Math.abs(ranked[1][1] - ranked[0][1]) < 1e-6 ? ranked[1][0] : null;

  const resolved: Mention[] = [];
  const stranded: LinkGroup[] = [];
  const needed: string[] = [];
  for (const group of groups) {
    if (cueOnly.has(group) && !group.mentions.some((m) => m.table === base)) continue;
    let inBase = group.mentions.filter((m) => m.table === base);
    // "age" of pets is pet_age, even though another table has a column called exactly "age".
    if (inBase.length === 0) inBase = group.weak.filter((m) => m.table === base && m.kind === group.mentions[0].kind && m.match === 'partial');
    // A reading in the base table wins: questions are mostly about one entity.
    if (inBase.length > 0) {
      const alternatives = [...inBase.slice(1), ...group.mentions.filter((m) => m.table !== base && m.kind === 'value' && inBase[0].kind === 'value' && findJoinPath(index, base, [m.table]) !== null)];
      resolved.push(alternatives.length > 0 ? { ...inBase[0], alternatives } : inBase[0]);
      continue;
    }
    const other = group.mentions.find((m) => findJoinPath(index, base, [...needed, m.table]) !== null);
    if (other) {
      const alternatives = group.mentions.filter((m) => m !== other && m.kind === other.kind && findJoinPath(index, base, [m.table]) !== null);
      resolved.push(alternatives.length > 0 ? { ...other, alternatives } : other);
      if (!needed.includes(other.table)) needed.push(other.table);
    } else {
      stranded.push(group);
    }
  }
  const joins = findJoinPath(index, base, needed) ?? [];
  return { base, joins, resolved, stranded, tie };
}

function rowCount(index: SchemaIndex, table: string): number {
  return index.tableByName.get(table.toLowerCase())?.profile.rowCount ?? 0;
}
