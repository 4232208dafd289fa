import type { DataDna } from '../../../src/core/dna.js';
import type { SynonymInput } from '../../../src/core/synonym.js';

const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}_\s'-]+/gu, ' ').split(/\s+/).filter(Boolean);
const key = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '_');

/**
 * A clarify option that is the question with one unknown word replaced by a known one ("by tier"
 * → "by city_tier") teaches that word: the unknown word means what the replacement names in the
 * Data DNA (a column, a table, or one value). Undefined when the option is not such a replacement.
 */
export function replacementSynonym(question: string, option: string, unaccounted: readonly string[], dna: DataDna): SynonymInput | undefined {
  const before = words(question);
  const after = words(option);
  const match = unaccounted.map((phrase) => words(phrase)).flatMap((unknown) => {
    // The unknown phrase at each place it occurs; the option keeps what is around it.
    const found: { removed: string; inserted: string }[] = [];
    for (let at = 0; at + unknown.length <= before.length; at++) {
      if (unknown.some((word, i) => before[at + i] !== word)) continue;
      const prefix = before.slice(0, at);
      const suffix = before.slice(at + unknown.length);
      const middle = after.length - prefix.length - suffix.length;
      if (middle < 1 || prefix.some((word, i) => after[i] !== word) || suffix.some((word, i) => after[after.length - suffix.length + i] !== word)) continue;
      found.push({ removed: unknown.join(' '), inserted: after.slice(prefix.length, prefix.length + middle).join(' ').replace(/^'|'$/g, '') });
    }
    return found;
  })[0];
  if (!match) return undefined;
  const { removed, inserted } = match;
  for (const table of dna.tables) {
    const column = table.columns.find((candidate) => key(candidate.name) === key(inserted));
    if (column) return { word: removed, table: table.name, column: column.name };
  }
  const table = dna.tables.find((candidate) => key(candidate.name) === key(inserted));
  if (table) return { word: removed, table: table.name };
  for (const table of dna.tables) {
    for (const column of table.columns) {
      const value = column.topValues.find((top) => typeof top.value === 'string' && top.value.toLowerCase() === inserted);
      if (value) return { word: removed, table: table.name, column: column.name, value: String(value.value) };
    }
  }
  return undefined;
}
