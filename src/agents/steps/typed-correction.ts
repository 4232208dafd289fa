import type { DataDna } from '../../core/dna.js';
import { describeSynonymTarget, type Synonym, type SynonymInput } from '../../core/synonym.js';
import { applySynonyms } from '../../data/dna/index.js';
import type { RunState } from '../run-state.js';

/** What a message like "by active I mean status = 'live'" says, before it is checked against the DNA. */
export interface TypedCorrection {
  word: string;
  /** `column`, `table.column` or a table name, as typed. */
  target: string;
  value?: string;
}

const QUOTES = /^["'“”‘’`]+|["'“”‘’`]+$/g;
const unquote = (text: string) => text.trim().replace(QUOTES, '').trim();
const FORMS = [
  /^\s*by\s+(.+?)\s*,?\s+i\s+mean\s+(.+?)\s*[.!]?\s*$/i,
  /^\s*when\s+i\s+say\s+(.+?)\s*,?\s+i\s+mean\s+(.+?)\s*[.!]?\s*$/i,
  /^\s*(.+?)\s+means\s+(.+?)\s*[.!]?\s*$/i,
];
const WITH_VALUE = /^(?:the\s+)?(?:column\s+)?([A-Za-z_][\w.]*)\s*(?:=|==|is|equals)\s*(.+)$/i;
const NAME_ONLY = /^(?:the\s+)?(?:column\s+|table\s+)?([A-Za-z_][\w.]*)(?:\s+(?:column|table))?$/i;

/** Reads "by X I mean <column> = '<value>'", "when I say X, I mean …" and "X means <column>"; undefined otherwise. */
export function parseTypedCorrection(message: string): TypedCorrection | undefined {
  for (const form of FORMS) {
    const match = form.exec(message);
    if (!match) continue;
    const word = unquote(match[1]).toLowerCase();
    if (word === '' || word.split(/\s+/).length > 4) return undefined;
    const target = match[2].trim();
    const withValue = WITH_VALUE.exec(target);
    if (withValue) return { word, target: withValue[1], value: unquote(withValue[2]) };
    const name = NAME_ONLY.exec(target);
    return name ? { word, target: name[1] } : undefined;
  }
  return undefined;
}

/** The table and column a correction names in this DNA (names as the DNA spells them), or why not. */
export function resolveCorrection(dna: DataDna, correction: TypedCorrection): SynonymInput | undefined {
  const [first, second] = correction.target.toLowerCase().split('.');
  const same = (a: string, b: string) => a.toLowerCase() === b;
  if (second !== undefined) {
    const table = dna.tables.find((t) => same(t.name, first));
    const column = table?.columns.find((c) => same(c.name, second));
    return table && column ? withValue(correction, table.name, column) : undefined;
  }
  const owners = dna.tables.filter((t) => t.columns.some((c) => same(c.name, first)));
  if (owners.length === 1) return withValue(correction, owners[0].name, owners[0].columns.find((c) => same(c.name, first))!);
  const table = dna.tables.find((t) => same(t.name, first));
  if (table && correction.value === undefined) return { word: correction.word, table: table.name };
  return undefined;
}

function withValue(correction: TypedCorrection, table: string, column: DataDna['tables'][number]['columns'][number]): SynonymInput {
  if (correction.value === undefined) return { word: correction.word, table, column: column.name };
  // The value as the data spells it, when the profile knows it ('Live' for 'live').
  const known = column.topValues.find((top) => String(top.value).toLowerCase() === correction.value?.toLowerCase());
  return { word: correction.word, table, column: column.name, value: known ? String(known.value) : correction.value };
}

/**
 * A message that defines a word ("by active I mean status = 'live'") is not a question: the
 * definition is saved as a synonym of the datasource (when there is a store), merged into this
 * run's DNA, confirmed in words, and the thread's previous question is asked again with it.
 * Returns false when the message is not a correction this datasource can take.
 */
export async function applyTypedCorrection(state: RunState): Promise<boolean> {
  const correction = parseTypedCorrection(state.request.question);
  if (!correction || !state.dna) return false;
  const input = resolveCorrection(state.dna, correction);
  if (!input) return false;
  const scope = { datasource: state.request.datasource, workspaceId: state.request.workspaceId };
  let saved: Synonym | undefined;
  if (state.deps.synonyms) saved = await state.deps.synonyms.save(scope, input);
  const synonym: Synonym = saved ?? { id: '', datasource: state.request.datasource, word: input.word, table: input.table, column: input.column ?? null, value: input.value ?? null, createdAt: '' };
  state.dna = applySynonyms(state.dna, [synonym]).dna;
  const meaning = `"${synonym.word}" means ${describeSynonymTarget(synonym)}`;
  const previous = [...(state.request.history ?? [])].reverse().find((turn) => parseTypedCorrection(turn.question) === undefined);
  state.preface = `${saved ? 'Saved' : 'Understood for this question (not saved: no store)'}: ${meaning}.`;
  if (!previous) {
    state.preface += ' Ask a question with it and it reads that way.';
    state.route = 'ANSWER';
    await state.emit({ type: 'text-delta', delta: state.preface });
    return true;
  }
  state.preface += ` Asking again: "${previous.question}"\n\n`;
  await state.emit({ type: 'text-delta', delta: state.preface });
  state.request = { ...state.request, question: previous.question };
  return true;
}
