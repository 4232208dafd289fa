import { useState, type ReactElement } from 'react';
import type { Interpretation, InterpretationPart, InterpretationRole } from '../../../src/core/interpretation.js';
import { CorrectionMenu, type CorrectionChoice } from './correction-menu.js';

const ROLE_LABEL: Record<InterpretationRole, string> = {
  measure: 'measure',
  entity: 'rows of',
  filter: 'filter',
  time: 'time',
  grouping: 'grouped by',
  order: 'order',
  limit: 'limit',
};

const ROLE_CLASS: Record<InterpretationRole, string> = {
  measure: 'decoration-indigo-500',
  entity: 'decoration-sky-500',
  filter: 'decoration-emerald-600',
  time: 'decoration-amber-500',
  grouping: 'decoration-fuchsia-500',
  order: 'decoration-slate-500',
  limit: 'decoration-slate-500',
};

/** Lower-case letters and digits of a word, for matching the reading's words to the question's. */
export function wordKey(word: string): string {
  return word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface MarkedWord {
  text: string;
  part: InterpretationPart | null;
  unaccounted: boolean;
}

/**
 * The question split into words (spaces kept), each marked with the part of the reading it
 * came from, or as unaccounted when the analyst could not place it.
 */
export function markQuestion(question: string, interpretation: Interpretation): MarkedWord[] {
  const byWord = new Map<string, InterpretationPart>();
  for (const part of interpretation.parts) {
    for (const phrase of part.words) {
      for (const word of phrase.split(/\s+/)) {
        const key = wordKey(word);
        if (key && !byWord.has(key)) byWord.set(key, part);
      }
    }
  }
  const unaccounted = new Set(interpretation.unaccounted.flatMap((phrase) => phrase.split(/\s+/)).map(wordKey).filter(Boolean));
  return question.split(/(\s+)/).filter((text) => text.length > 0).map((text) => {
    const key = wordKey(text);
    return { text, part: key ? (byWord.get(key) ?? null) : null, unaccounted: key !== '' && unaccounted.has(key) };
  });
}

/**
 * How the analyst read the question: the plain restatement, and the question with every word
 * marked by what it mapped to (hover or focus for the part); words it could not place stand out.
 */
export function ReadingLine({
  question,
  interpretation,
  partial = false,
  choices = [],
  onCorrect,
}: {
  question: string;
  interpretation: Interpretation;
  partial?: boolean;
  /** What a word may be corrected to (from the Data DNA); with `onCorrect`, marked and unplaced words are clickable. */
  choices?: CorrectionChoice[];
  onCorrect?: (word: string, choice: CorrectionChoice) => void;
}) {
  const words = markQuestion(question, interpretation);
  const [open, setOpen] = useState<number | null>(null);
  const correctable = Boolean(onCorrect) && choices.length > 0;
  /** A marked or unplaced word: a button opening the correction menu when corrections are possible. */
  const wrap = (index: number, text: string, element: ReactElement) => {
    if (!correctable) return element;
    const word = wordKey(text) ? text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') : text;
    return (
      <span key={index} className="relative inline-block">
        <button type="button" data-testid="reading-word" aria-haspopup="menu" aria-expanded={open === index} onClick={() => setOpen(open === index ? null : index)} className="cursor-pointer rounded hover:bg-slate-200 dark:hover:bg-slate-800">
          {element}
        </button>
        {open === index && (
          <CorrectionMenu
            word={word}
            choices={choices}
            onClose={() => setOpen(null)}
            onChoose={(choice) => {
              setOpen(null);
              onCorrect?.(word.toLowerCase(), choice);
            }}
          />
        )}
      </span>
    );
  };
  return (
    <div className="mb-2 rounded bg-slate-50 px-2 py-1.5 text-xs text-slate-700 dark:bg-slate-900 dark:text-slate-200" data-testid="reading">
      <p>
        <span className="font-medium">{partial ? 'Partly read as: ' : 'Read as: '}</span>
        <span data-testid="restatement">{interpretation.restatement}</span>
      </p>
      <p className="mt-1 leading-6" aria-label="How each word of the question was read">
        {words.map((word, index) => {
          if (word.part) {
            const label = `${ROLE_LABEL[word.part.role]}: ${word.part.text}`;
            return wrap(
              index,
              word.text,
              <span key={index} title={label} aria-label={`${word.text} (${label})`} data-role={word.part.role} className={`underline decoration-2 underline-offset-4 ${ROLE_CLASS[word.part.role]}`}>
                {word.text}
              </span>,
            );
          }
          if (word.unaccounted) {
            return wrap(
              index,
              word.text,
              <mark key={index} title="Not understood: no table, column, value or time in the data matches this word (click to say what it means)" data-unaccounted="true" className="rounded bg-amber-200 px-0.5 text-amber-950 dark:bg-amber-700 dark:text-amber-50">
                {word.text}
              </mark>,
            );
          }
          return <span key={index}>{word.text}</span>;
        })}
      </p>
    </div>
  );
}
