import type { DerivedMetric } from '../core/dna.js';
import { PERSON_WORDS, ROW_WORDS, STOPWORDS } from './lexicon.js';
import type { ColumnEntry, SchemaIndex } from './schema-index.js';
import { editDistance, type Token } from './tokenize.js';

/** A span of the question linked to a schema element. */
export interface Mention {
  kind: 'value' | 'column' | 'table' | 'metric';
  /** Token span [start, end). */
  start: number;
  end: number;
  score: number;
  table: string;
  column?: string;
  value?: string | number | boolean;
  metric?: DerivedMetric;
  /** How it matched: the full name, a synonym, part of a name, or a near spelling. */
  match: 'exact' | 'synonym' | 'partial' | 'fuzzy';
  /** Other readings of the same span in the same table (a value found in two columns). */
  alternatives?: Mention[];
}

/** All readings of one span, best first. */
export interface LinkGroup {
  start: number;
  end: number;
  mentions: Mention[];
  /** Clearly weaker readings of the same span (part of a name), used only when the chosen table has no better one. */
  weak: Mention[];
}

const MAX_SPAN = 6;

/**
 * Link question tokens to metrics, values, columns and tables. Longest spans win; a span keeps
 * every reading with the same best score so later steps can pick by table.
 */
export function linkTokens(tokens: Token[], index: SchemaIndex): LinkGroup[] {
  const candidates: Mention[] = [];
  const stems = tokens.map((t) => t.stem);
  for (let start = 0; start < tokens.length; start++) {
    for (let length = Math.min(MAX_SPAN, tokens.length - start); length >= 1; length--) {
      const end = start + length;
      const span = stems.slice(start, end);
      // Numbers only join multi-word spans as part of a value ("Tier 1").
      const hasNumber = tokens.slice(start, end).some((t) => t.kind === 'number') && length > 1;
      if (hasNumber) {
        for (const value of index.valuesByFirstStem.get(span[0]) ?? []) {
          if (value.stems.length === length && value.stems.every((s, i) => s === span[i])) {
            candidates.push({ kind: 'value', start, end, score: 2.5 + length, table: value.table, column: value.column, value: value.value, match: 'exact' });
          }
        }
        continue;
      }
      const quoted = length === 1 && tokens[start].kind === 'quoted';
      const allStop = tokens.slice(start, end).every((t) => STOPWORDS.has(t.norm) || STOPWORDS.has(t.stem));
      for (const entry of index.metrics) {
        if (sameSet(entry.stems, span)) candidates.push({ kind: 'metric', start, end, score: 4 + length, table: entry.table, metric: entry.metric, match: 'exact' });
      }
      if (quoted) {
        addQuotedValues(candidates, tokens[start], start, index);
        continue;
      }
      if (!allStop || length > 1) {
        for (const value of index.valuesByFirstStem.get(span[0]) ?? []) {
          if (value.stems.length === length && value.stems.every((s, i) => s === span[i])) {
            const exactText = value.norm === tokens.slice(start, end).map((t) => t.norm).join(' ');
            candidates.push({ kind: 'value', start, end, score: 2.5 + length + (exactText ? 0.3 : 0), table: value.table, column: value.column, value: value.value, match: 'exact' });
          }
        }
      }
      const seen = new Set<ColumnEntry>();
      for (const column of index.columnsByStem.get(span[0]) ?? []) {
        if (seen.has(column)) continue;
        seen.add(column);
        if (sameSeq(column.stems, span)) {
          const penalty = length === 1 && allStop ? 1.2 : 0;
          candidates.push({ kind: 'column', start, end, score: 2 + length - penalty, table: column.table, column: column.name, match: 'exact' });
        } else if (column.synonymStems.some((syn) => sameSeq(syn, span))) {
          candidates.push({ kind: 'column', start, end, score: 1.4 + length * 0.8 - (allStop ? 1 : 0), table: column.table, column: column.name, match: 'synonym' });
        } else if (length === 1 && !allStop && column.stems.includes(span[0]) && !(column.isKey && span[0] !== 'id')) {
          candidates.push({ kind: 'column', start, end, score: 1 + 1 / column.stems.length, table: column.table, column: column.name, match: 'partial' });
        }
      }
      if (length > 1 && !allStop) {
        // Several words of a longer column name, in its order ("arrival delay" → arrivalDelayMinutes),
        // or all its words in another order ("age group of customers").
        for (const column of index.columnsByStem.get(span[0]) ?? []) {
          if (column.stems.length <= length && !(column.stems.length === length && !sameSeq(column.stems, span) && column.stems.every((s) => span.includes(s)))) continue;
          if (column.stems.length > length && !containsRun(column.stems, span)) continue;
          candidates.push({ kind: 'column', start, end, score: 1.2 + length * 0.75, table: column.table, column: column.name, match: 'synonym' });
        }
      }
      for (const table of index.tablesByStem.get(span[0]) ?? []) {
        if (sameSeq(table.stems, span)) candidates.push({ kind: 'table', start, end, score: 2.2 + length, table: table.name, match: 'exact' });
        else if (table.synonymStems.some((syn) => sameSeq(syn, span))) candidates.push({ kind: 'table', start, end, score: 1.6 + length * 0.8, table: table.name, match: 'synonym' });
        else if (length === 1 && table.stems.length > 1 && table.stems.includes(span[0]) && !allStop) {
          candidates.push({ kind: 'table', start, end, score: 0.9 + 1 / table.stems.length, table: table.name, match: 'partial' });
        }
      }
    }
  }
  addSharedValues(candidates, index);
  addFuzzyValues(candidates, tokens, index);
  addCompounds(candidates, tokens, index);
  preferEntityTables(candidates, index, stems);
  demoteBareValues(candidates, tokens);
  preferTablesOverForeignValues(candidates);
  const groups = selectGroups(candidates);
  addCoordinatedModifiers(groups, tokens, index);
  return groups;
}

/**
 * An entity word names its table, not the table's key: "invoices" is billing_invoices (counted by
 * its rows), not invoice_id (summed or listed), even when the profile gives the key that word as a
 * synonym. Where a key column of a table is read from a word that is part of the table's name,
 * the table reading wins; a key named in full ("invoice id") is untouched.
 */
function preferEntityTables(candidates: Mention[], index: SchemaIndex, stems: string[]): void {
  for (const mention of [...candidates]) {
    if (mention.kind !== 'column' || mention.match === 'exact' || mention.end - mention.start !== 1) continue;
    const table = index.tableByName.get(mention.table.toLowerCase());
    const column = table?.byName.get((mention.column ?? '').toLowerCase());
    if (!table || !column?.isKey) continue;
    // The word itself, or the key's own word ("cust" of cust_id read as "customers"), names the table.
    const word = stems[mention.start];
    if (!table.stems.includes(word) && !table.stems.includes(column.stems.find((s) => s !== 'id') ?? '')) continue;
    const own = candidates.find((m) => m.kind === 'table' && m.table === table.name && m.start === mention.start && m.end === mention.end);
    if (own) own.score = Math.max(own.score, mention.score + 0.1);
    else candidates.push({ kind: 'table', start: mention.start, end: mention.end, score: mention.score + 0.1, table: table.name, match: 'partial' });
  }
}

/**
 * A common noun that happens to equal a cell value ("units" and a brand called 'Units', "staff"
 * and a team called 'Staff') is read as the column or table it also names, not as a filter nobody
 * asked for: a one-word value written in lower case, when the data writes it capitalised, needs
 * more evidence than a column or table reading of the same word.
 */
function demoteBareValues(candidates: Mention[], tokens: Token[]): void {
  for (const mention of candidates) {
    if (mention.kind !== 'value' || mention.end - mention.start !== 1 || typeof mention.value !== 'string') continue;
    const raw = tokens[mention.start].raw;
    if (raw !== raw.toLowerCase() || mention.value === mention.value.toLowerCase() || tokens[mention.start].kind === 'quoted') continue;
    const rivals = candidates.filter((m) => (m.kind === 'column' || m.kind === 'table') && m.start === mention.start && m.end === mention.end);
    if (rivals.length === 0) continue;
    mention.score = Math.min(mention.score, Math.max(...rivals.map((m) => m.score)) - 0.1);
  }
}

/**
 * A word that names a table ("agent" / agents, "customer" / customers) names that entity, not a
 * cell of another table that happens to spell it (ticket_comments.author_type = 'agent'): such a
 * filter would also pull in a join nobody asked for. The value stays an alternative reading; a
 * quoted value is always the value.
 */
function preferTablesOverForeignValues(candidates: Mention[]): void {
  for (const mention of candidates) {
    if (mention.kind !== 'value' || mention.match === 'fuzzy' || mention.score >= 6) continue;
    const tables = candidates.filter((m) => m.kind === 'table' && m.match !== 'partial' && m.table !== mention.table && m.start === mention.start && m.end === mention.end);
    if (tables.length === 0) continue;
    mention.score = Math.min(mention.score, Math.max(...tables.map((m) => m.score)) - 0.1);
  }
}

function addQuotedValues(candidates: Mention[], token: Token, position: number, index: SchemaIndex): void {
  for (const values of index.valuesByFirstStem.values()) {
    for (const value of values) {
      if (value.norm === token.norm) {
        candidates.push({ kind: 'value', start: position, end: position + 1, score: 6, table: value.table, column: value.column, value: value.value, match: 'exact' });
      }
    }
  }
}

function addFuzzyValues(candidates: Mention[], tokens: Token[], index: SchemaIndex): void {
  tokens.forEach((token, position) => {
    if (token.kind !== 'word' || token.norm.length < 5 || STOPWORDS.has(token.norm) || ROW_WORDS.has(token.stem) || PERSON_WORDS.has(token.stem)) return;
    if (candidates.some((m) => m.start <= position && m.end > position)) return;
    for (const value of index.singleWordValues) {
      if (Math.abs(value.norm.length - token.norm.length) > 1) continue;
      if (editDistance(value.norm, token.norm, 1) <= 1) {
        candidates.push({ kind: 'value', start: position, end: position + 1, score: 1.8, table: value.table, column: value.column, value: value.value, match: 'fuzzy' });
      }
    }
  });
}

/**
 * The DNA keeps only the top values of a column. A value seen in one table's `state_name` may
 * also be in another table's `state_name` whose list was cut short: add that reading, a little weaker.
 */
function addSharedValues(candidates: Mention[], index: SchemaIndex): void {
  const found = candidates.filter((m) => m.kind === 'value');
  for (const mention of found) {
    for (const column of index.columnsByName.get((mention.column ?? '').toLowerCase()) ?? []) {
      if (column.table === mention.table || column.kind !== 'text') continue;
      if (column.profile.distinctCount <= column.profile.topValues.length) continue;
      if (candidates.some((m) => m.kind === 'value' && m.start === mention.start && m.table === column.table && m.column === column.name)) continue;
      candidates.push({ ...mention, table: column.table, column: column.name, score: mention.score - 0.2 });
    }
  }
}

/**
 * "first, middle, and last name": each modifier of a coordinated list shares the head noun of
 * the last one, so "first" links to first_name when "last name" links to last_name.
 */
function addCoordinatedModifiers(groups: LinkGroup[], tokens: Token[], index: SchemaIndex): void {
  for (const group of [...groups]) {
    const head = group.mentions.find((m) => m.kind === 'column' && m.end - m.start === 2);
    if (!head) continue;
    const table = index.tableByName.get(head.table.toLowerCase());
    const noun = tokens[head.end - 1].stem;
    for (let k = head.start - 1; k >= Math.max(0, head.start - 6); k--) {
      const token = tokens[k];
      if (token.norm === 'and' || token.norm === 'or') continue;
      const column = table?.columns.find((c) => c.stems.length === 2 && c.stems[0] === token.stem && c.stems[1] === noun);
      if (token.kind !== 'word' || !column) break;
      const mention: Mention = { kind: 'column', start: k, end: k + 1, score: head.score, table: head.table, column: column.name, match: 'exact' };
      const covering = groups.find((g) => g.start <= k && g.end > k);
      if (covering && covering.end - covering.start > 1) break;
      if (covering) covering.mentions = [mention, ...covering.mentions.filter((m) => m.column !== column.name)];
      else groups.push({ start: k, end: k + 1, mentions: [mention], weak: [] });
    }
  }
  groups.sort((a, b) => a.start - b.start);
}

/** A word inside a run-together identifier ("language" in `countrylanguage`) is a weak link. */
function addCompounds(candidates: Mention[], tokens: Token[], index: SchemaIndex): void {
  if (index.compounds.length === 0) return;
  tokens.forEach((token, position) => {
    if (token.kind !== 'word' || token.stem.length < 4 || STOPWORDS.has(token.norm)) return;
    for (const compound of index.compounds) {
      if (!compound.name.includes(token.stem) || compound.name === token.stem) continue;
      candidates.push(compound.column
        ? { kind: 'column', start: position, end: position + 1, score: 0.9, table: compound.table, column: compound.column, match: 'partial' }
        : { kind: 'table', start: position, end: position + 1, score: 1.2, table: compound.table, match: 'partial' });
    }
  });
}

function selectGroups(candidates: Mention[]): LinkGroup[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start));
  const taken: boolean[] = [];
  const groups: LinkGroup[] = [];
  for (const mention of sorted) {
    let free = true;
    for (let i = mention.start; i < mention.end; i++) if (taken[i]) free = false;
    if (!free) {
      const group = groups.find((g) => g.start === mention.start && g.end === mention.end);
      if (group && !group.mentions.some((m) => sameTarget(m, mention))) {
        if (mention.score >= group.mentions[0].score - 0.35) group.mentions.push(mention);
        else if (!group.weak.some((m) => sameTarget(m, mention))) group.weak.push(mention);
      }
      continue;
    }
    for (let i = mention.start; i < mention.end; i++) taken[i] = true;
    groups.push({ start: mention.start, end: mention.end, mentions: [mention], weak: [] });
  }
  return groups.sort((a, b) => a.start - b.start);
}

function sameTarget(a: Mention, b: Mention): boolean {
  return a.kind === b.kind && a.table === b.table && a.column === b.column && a.value === b.value && a.metric === b.metric;
}

function containsRun(haystack: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= haystack.length; i++) if (run.every((s, k) => haystack[i + k] === s)) return true;
  return false;
}

function sameSeq(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** The same words in any order, each used once: [average, average] is not "the average". */
function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const left = [...b];
  return a.every((s) => {
    const at = left.indexOf(s);
    if (at < 0) return false;
    left.splice(at, 1);
    return true;
  });
}
