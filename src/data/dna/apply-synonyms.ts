import type { DataDna } from '../../core/dna.js';
import type { Synonym } from '../../core/synonym.js';

/** A saved synonym that names a table or column the DNA no longer has (the schema changed). */
export interface StaleSynonym {
  synonym: Synonym;
  reason: string;
}

/**
 * The Data DNA with a datasource's saved synonyms merged in, the one place both the server and
 * the CLI do it: a table word joins the table's synonyms, a column word the column's, and a
 * value word the column's `valueSynonyms`. The DNA given is not changed (it is cached and shared).
 * Synonyms whose table or column is gone are left out and returned as `stale`.
 */
export function applySynonyms(dna: DataDna, synonyms: readonly Synonym[]): { dna: DataDna; stale: StaleSynonym[] } {
  if (synonyms.length === 0) return { dna, stale: [] };
  const stale: StaleSynonym[] = [];
  const tables = dna.tables.map((table) => ({ ...table, synonyms: [...table.synonyms], columns: table.columns.map((column) => ({ ...column, synonyms: [...column.synonyms] })) }));
  for (const synonym of synonyms) {
    const table = tables.find((candidate) => candidate.name.toLowerCase() === synonym.table.toLowerCase());
    if (!table) {
      stale.push({ synonym, reason: `table "${synonym.table}" is not in the datasource` });
      continue;
    }
    if (!synonym.column) {
      if (!table.synonyms.includes(synonym.word)) table.synonyms.push(synonym.word);
      continue;
    }
    const column = table.columns.find((candidate) => candidate.name.toLowerCase() === synonym.column?.toLowerCase());
    if (!column) {
      stale.push({ synonym, reason: `column "${synonym.table}.${synonym.column}" is not in the datasource` });
      continue;
    }
    if (synonym.value === null) {
      if (!column.synonyms.includes(synonym.word)) column.synonyms.push(synonym.word);
    } else {
      column.valueSynonyms = [...(column.valueSynonyms ?? []).filter((alias) => alias.word !== synonym.word), { word: synonym.word, value: synonym.value }];
    }
  }
  return { dna: { ...dna, tables }, stale };
}
