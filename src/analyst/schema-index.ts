import type { ColumnProfile, DataDna, DerivedMetric, TableProfile } from '../core/dna.js';
import { COLUMN_SYNONYMS, TABLE_SYNONYMS } from './lexicon.js';
import { normalizeText, splitIdentifier, stem, stemPhrase } from './tokenize.js';

export type ValueKind = 'number' | 'text' | 'time' | 'bool';

export interface ColumnEntry {
  table: string;
  name: string;
  /** Stems of the name's words. */
  stems: string[];
  /** Stems of synonyms (DNA synonyms and lexicon words), each a phrase. */
  synonymStems: string[][];
  kind: ValueKind;
  profile: ColumnProfile;
  /** Looks like a key (primary key, `id`, `*_id`, role id). */
  isKey: boolean;
  /** Holds numbers, even when stored as text ("2", "10.5"): aggregates and comparisons apply. */
  numeric: boolean;
  /** The span of a time column: the profile's, or for dates stored as text ("2024-03-01"), that of its top values. */
  timeRange?: { min: string; max: string };
}

export interface TableEntry {
  name: string;
  stems: string[];
  synonymStems: string[][];
  profile: TableProfile;
  columns: ColumnEntry[];
  byName: Map<string, ColumnEntry>;
  /** The column that names a row of this table (`state_name`, `name`, `title`), if any. */
  label?: ColumnEntry;
  /** The primary key (declared, or an `id`-like first column). */
  key?: ColumnEntry;
}

export interface ValueEntry {
  table: string;
  column: string;
  value: string | number | boolean;
  norm: string;
  stems: string[];
  count: number;
}

export interface MetricEntry {
  table: string;
  metric: DerivedMetric;
  stems: string[];
}

/** Everything the linker needs about a datasource, precomputed once per DNA. */
export interface SchemaIndex {
  dna: DataDna;
  tables: TableEntry[];
  tableByName: Map<string, TableEntry>;
  /** Values keyed by the stem of their first word. */
  valuesByFirstStem: Map<string, ValueEntry[]>;
  /** Columns and tables keyed by each stem of their names and synonyms. */
  columnsByStem: Map<string, ColumnEntry[]>;
  tablesByStem: Map<string, TableEntry[]>;
  metrics: MetricEntry[];
  /** Single-word values by length, for fuzzy matching of misspellings. */
  singleWordValues: ValueEntry[];
  /** Columns by lower-case name across tables (`state_name` in several tables shares its values). */
  columnsByName: Map<string, ColumnEntry[]>;
  /** Identifiers written as one run-together word (`countrylanguage`), matched by substring. */
  compounds: { table: string; column?: string; name: string }[];
}

const byDna = new WeakMap<DataDna, SchemaIndex>();
const byContent = new Map<string, SchemaIndex>();
const MAX_CACHED_INDEXES = 50;

/**
 * The index of a DNA, built once per DNA content. Cached by object and by a key over the DNA's
 * tables, columns, top values, keys and metrics — never by the fingerprint alone: a DNA pruned to
 * a question keeps the full DNA's fingerprint, and a parse must depend only on the DNA it is given
 * (two users of one datasource must not see each other's pruned schemas).
 */
export function getSchemaIndex(dna: DataDna): SchemaIndex {
  const own = byDna.get(dna);
  if (own) return own;
  const key = contentKey(dna);
  const cached = byContent.get(key);
  if (cached) {
    byDna.set(dna, cached);
    return cached;
  }
  const index = buildIndex(dna);
  byDna.set(dna, index);
  if (byContent.size >= MAX_CACHED_INDEXES) byContent.delete(byContent.keys().next().value as string);
  byContent.set(key, index);
  return index;
}

/**
 * What the index is built from, hashed: every table (name, rows, synonyms, keys, metrics) and every
 * column (name, type, role, key flag, synonyms, top values). Hashing keeps 500-table keys small.
 */
function contentKey(dna: DataDna): string {
  const hash = { a: 0x811c9dc5, b: 0x9747b28c };
  feed(hash, `${dna.datasource}\u0000${dna.dialect}\u0000${dna.fingerprint}`);
  for (const table of dna.tables) {
    feed(hash, `T${table.name}\u0001${table.rowCount}\u0001${table.synonyms.join('|')}\u0001${JSON.stringify(table.foreignKeys)}\u0001${table.derivedMetrics.map((m) => `${m.name}=${m.expression}`).join('|')}`);
    for (const column of table.columns) {
      const aliases = (column.valueSynonyms ?? []).map((alias) => `${alias.word}=${alias.value}`).join('\u0002');
      const values = column.topValues.map((top) => `${String(top.value)}:${top.count}`).join('\u0002') + aliases;
      feed(hash, `C${column.name}\u0001${column.type}\u0001${column.role}\u0001${column.primaryKey}\u0001${column.synonyms.join('|')}\u0001${values}`);
    }
  }
  return `${dna.datasource}:${dna.tables.length}:${hash.a.toString(36)}${hash.b.toString(36)}`;
}

/** Two independent 32-bit string hashes (FNV-1a and a murmur-style mix): a cache key, not a security hash. */
function feed(hash: { a: number; b: number }, text: string): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    hash.a = Math.imul(hash.a ^ code, 0x01000193) >>> 0;
    hash.b = Math.imul(hash.b ^ code, 0x5bd1e995) >>> 0;
    hash.b = (hash.b ^ (hash.b >>> 15)) >>> 0;
  }
  hash.a = Math.imul(hash.a ^ 0xff, 0x01000193) >>> 0;
}

/** The kind of values a column holds, from the engine's type name and the DNA role. */
export function valueKind(column: ColumnProfile): ValueKind {
  const type = column.type.toUpperCase();
  if (column.role === 'time' || /DATE|TIME/.test(type)) return 'time';
  if (column.role === 'boolean' || /^BOOL/.test(type)) return 'bool';
  if (/INT|DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC|NUMBER|HUGEINT/.test(type)) return 'number';
  return 'text';
}

function buildIndex(dna: DataDna): SchemaIndex {
  const index: SchemaIndex = {
    dna,
    tables: [],
    tableByName: new Map(),
    valuesByFirstStem: new Map(),
    columnsByStem: new Map(),
    tablesByStem: new Map(),
    metrics: [],
    singleWordValues: [],
    compounds: [],
    columnsByName: new Map(),
  };
  for (const table of dna.tables) {
    const stems = splitIdentifier(table.name).map(stem);
    const synonymStems = [...table.synonyms.map(stemPhrase), ...stems.flatMap((s) => (TABLE_SYNONYMS[s] ?? []).map((w) => [w]))];
    const entry: TableEntry = { name: table.name, stems, synonymStems, profile: table, columns: [], byName: new Map() };
    for (const column of table.columns) {
      const columnStems = splitIdentifier(column.name).map(stem);
      const lexicon = columnStems.flatMap((s) => (COLUMN_SYNONYMS[s] ?? []).map((w) => [w]));
      const isKey =
        column.primaryKey || column.role === 'id' || /(^|_)id$|Id$|^id/.test(column.name) || columnStems[columnStems.length - 1] === 'id';
      const columnEntry: ColumnEntry = {
        table: table.name,
        name: column.name,
        stems: columnStems,
        synonymStems: [...column.synonyms.map(stemPhrase), ...lexicon],
        kind: valueKind(column),
        profile: column,
        isKey,
        numeric: false,
      };
      // Dates stored as text (SQLite has no date type) are time columns too.
      const isoDates = column.topValues.length > 0 && column.topValues.every((v) => typeof v.value === 'string' && /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/.test(v.value));
      if (columnEntry.kind === 'text' && isoDates) columnEntry.kind = 'time';
      if (column.timeRange) columnEntry.timeRange = { min: column.timeRange.min, max: column.timeRange.max };
      else if (isoDates) {
        const dates = column.topValues.map((v) => String(v.value)).sort();
        columnEntry.timeRange = { min: dates[0], max: dates[dates.length - 1] };
      }
      const kind = columnEntry.kind;
      columnEntry.numeric = kind === 'number' || (kind === 'text' && column.topValues.length > 0 && column.topValues.every((v) => typeof v.value === 'number' || (typeof v.value === 'string' && /^-?\d+(\.\d+)?$/.test(v.value.trim()))));
      entry.columns.push(columnEntry);
      entry.byName.set(column.name.toLowerCase(), columnEntry);
      push(index.columnsByName, column.name.toLowerCase(), columnEntry);
      for (const s of new Set([...columnStems, ...columnEntry.synonymStems.flat()])) push(index.columnsByStem, s, columnEntry);
      if (columnEntry.kind === 'text' || columnEntry.kind === 'bool' || column.role === 'status' || column.role === 'geo') {
        for (const top of column.topValues) indexValue(index, table.name, column.name, top.value, top.count);
      }
      // A saved synonym names a value in the person's words ("active" → status 'live').
      for (const alias of column.valueSynonyms ?? []) {
        indexValue(index, table.name, column.name, alias.value, column.topValues.find((top) => top.value === alias.value)?.count ?? 1, alias.word);
      }
    }
    for (const metric of table.derivedMetrics) {
      index.metrics.push({ table: table.name, metric, stems: splitIdentifier(metric.name).map(stem) });
    }
    entry.label = labelColumn(entry);
    entry.key = entry.columns.find((c) => c.profile.primaryKey) ?? entry.columns.find((c) => c.isKey && c.stems.length <= 2 && (c.stems.length === 1 || entry.stems.includes(c.stems[0])));
    if (stems.length === 1 && table.name.length >= 8) index.compounds.push({ table: table.name, name: table.name.toLowerCase() });
    for (const column of entry.columns) {
      if (column.stems.length === 1 && column.name.length >= 8) index.compounds.push({ table: table.name, column: column.name, name: column.name.toLowerCase() });
    }
    index.tables.push(entry);
    index.tableByName.set(table.name.toLowerCase(), entry);
    for (const s of new Set([...stems, ...synonymStems.flat()])) push(index.tablesByStem, s, entry);
  }
  return index;
}

// 'nm' is the common abbreviation of name (carrier_nm, cust_nm).
const NAME_WORDS = new Set(['name', 'nm', 'titl']);

/** The column that names a row: `<table>_name`, then `name`/`title`, then any `*_name` text column, then one named like the table. */
function labelColumn(table: TableEntry): ColumnEntry | undefined {
  const text = table.columns.filter((c) => c.kind === 'text' && !c.isKey);
  const last = (c: ColumnEntry) => c.stems[c.stems.length - 1];
  return (
    text.find((c) => c.stems.length >= 2 && NAME_WORDS.has(last(c)) && c.stems.slice(0, -1).every((s) => table.stems.includes(s))) ??
    text.find((c) => c.stems.length === 1 && NAME_WORDS.has(c.stems[0])) ??
    text.find((c) => NAME_WORDS.has(last(c))) ??
    // A column named like its table (orchestra.Orchestra, course.Course) names the row.
    text.find((c) => c.stems.join(' ') === table.stems.join(' '))
  );
}

function indexValue(index: SchemaIndex, table: string, column: string, value: unknown, count: number, words?: string): void {
  if (typeof value !== 'string' || value.trim() === '') return;
  const norm = normalizeText(words ?? value);
  const stems = stemPhrase(words ?? value);
  if (stems.length === 0 || stems.length > 8) return;
  const entry: ValueEntry = { table, column, value, norm, stems, count };
  push(index.valuesByFirstStem, stems[0], entry);
  if (stems.length === 1 && stems[0].length >= 4) index.singleWordValues.push(entry);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
