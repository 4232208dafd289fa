import { formatCell } from './format-number.js';
import type { IntentFrame } from './intent-frame.js';

/** One plain sentence saying what the frame computes. */
export function explainFrame(frame: IntentFrame): string {
  let what: string;
  if (frame.histogram) what = `the distribution of ${frame.histogram.column.column} in buckets of ${frame.histogram.width}`;
  else if (frame.shape === 'list') what = `${frame.distinct ? 'the distinct ' : ''}${frame.projection.map((c) => c.column).join(', ')} of ${frame.table}`;
  else what = frame.measures.map((m) => m.words).join(' and ') || `rows of ${frame.table}`;
  const parts = [what];
  if (!frame.histogram && frame.shape !== 'list' && !what.includes(frame.table)) parts.push(`of ${[frame.table, ...frame.joins.map((j) => j.toTable)].join(' joined with ')}`);
  const filters = frame.filters.map((f) => f.words);
  if (filters.length > 0) parts.push(`where ${filters.join(' and ')}`);
  if (frame.groupBy.length > 0) {
    parts.push(`by ${frame.groupBy.map((g) => (g.grain ? `${g.grain} of ${g.column.column}` : g.column.column)).join(' and ')}`);
  }
  if (frame.limit !== null && frame.orderBy.length > 0) {
    parts.push(`keeping the ${frame.orderBy[0].direction === 'desc' ? 'top' : 'bottom'} ${frame.limit}`);
  }
  const sentence = parts.join(' ');
  return `${sentence[0].toUpperCase()}${sentence.slice(1)}.`;
}

/** A column or table name as words: "device_type" → "device type", "SongName" → "song name". */
export function columnWords(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_\s]+/g, ' ').trim().toLowerCase();
}

/** A table name as a plural noun for its rows: "singer" → "singers", "sales" stays "sales". */
export function rowsNoun(table: string): string {
  const words = columnWords(table);
  if (/(s|data|info|staff|people)$/.test(words)) return words;
  if (/[^aeiou]y$/.test(words)) return `${words.slice(0, -1)}ies`;
  if (/(x|ch|sh)$/.test(words)) return `${words}es`;
  return `${words}s`;
}

/**
 * The rows a frame counts, in words: "failed Android payments in Q1 2024", "singers with age
 * above 30". Short names and past participles ("Android", "failed") go before the noun; other
 * filters follow it as "with <column> <value>"; date ranges come last. Filters on `skip` columns
 * (the ones the answer lists group by group) are left out.
 */
export function describeRows(frame: IntentFrame, noun: string, skip: Set<string> = new Set()): string {
  const participles: string[] = [];
  const names: string[] = [];
  const withs: string[] = [];
  const times: string[] = [];
  for (const filter of frame.filters) {
    if (skip.has(`${filter.column.table}.${filter.column.column}`)) continue;
    if (filter.halfOpen && filter.segment) {
      const range = /\((.*)\)$/.exec(filter.words)?.[1];
      const when = /^(in|on|during|last|this|the last|year to date)\b/i.test(filter.segment) ? filter.segment : `in ${filter.segment}`;
      times.push(range ? `${when} (${range})` : when);
      continue;
    }
    const column = filter.column.table === frame.table ? columnWords(filter.column.column) : `${columnWords(filter.column.table)} ${columnWords(filter.column.column)}`;
    const values = filter.values.map(String);
    // Names ("Android", "iOS", "UPI", "3G") and participles ("failed") read well before the noun; numbers do not.
    const modifier = values.length > 0 && values.every((v) => (/[A-Z]/.test(v) || /^\d+[A-Za-z]/.test(v) || /^[a-z]+ed$/.test(v)) && v.length <= 24);
    if ((filter.op === '=' || filter.op === 'in') && typeof filter.values[0] === 'string' && modifier && !filter.or) {
      const text = values.join(' or ');
      (values.every((v) => /^[a-z]+ed$/.test(v)) ? participles : names).push(text);
    } else if (typeof filter.values[0] === 'boolean' && filter.values.length === 1 && (filter.op === '=' || filter.op === '!=')) {
      withs.push(flagWords(column, (filter.values[0] === true) === (filter.op === '=')));
    } else {
      withs.push(filterWords(filter, column));
    }
  }
  // A flag said twice in the question ("flagged as fraud") may arrive as two equal filters.
  const unique = (list: string[]) => [...new Set(list)];
  const head = [...unique(participles), ...unique(names), noun].join(' ');
  const tail = withs.length > 0 ? ` ${unique(withs).map((w, i) => (i === 0 || !w.startsWith('with ') ? w : w.slice(5))).join(' and ')}` : '';
  return `${head}${tail}${times.length > 0 ? ` ${times.join(' and ')}` : ''}`;
}

const OP_WORDS: Record<string, string> = { '>': 'above', '>=': 'of at least', '<': 'below', '<=': 'of at most', '!=': 'other than', 'not in': 'other than', like: 'containing' };

function filterWords(filter: IntentFrame['filters'][number], column: string): string {
  if (filter.or) return `where ${[filter, ...filter.or].map((f) => f.segment ?? f.words).join(' or ')}`;
  if (filter.against) return `with ${column} ${filter.op.startsWith('>') ? 'above' : 'below'} its average`;
  if (filter.op === 'is null') return `with no ${column}`;
  if (filter.op === 'is not null') return `with a ${column}`;
  if (filter.op === 'between') return `with ${column} between ${formatCell(filter.values[0])} and ${formatCell(filter.values[1])}`;
  const values = filter.values.map((v) => formatCell(v)).join(' or ');
  const op = OP_WORDS[filter.op];
  return `with ${column} ${op ? `${op} ` : ''}${values}`;
}

/** A boolean column as a condition: "is_fraud_flagged" → "that are fraud flagged", "has_coupon" → "without coupon". */
function flagWords(column: string, holds: boolean): string {
  if (column.startsWith('is ')) return `that are ${holds ? '' : 'not '}${column.slice(3)}`;
  const name = column.replace(/^has /, '');
  return `${holds ? 'with' : 'without'} ${name}`;
}
