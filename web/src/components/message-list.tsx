import { useEffect, useRef } from 'react';
import Markdown from 'react-markdown';
import type { Turn } from '../hooks/use-conversation.js';
import { AgentBadge } from './agent-badge.js';
import { FeedbackButtons } from './feedback-buttons.js';
import { StarIcon } from './icons.js';
import type { CorrectionChoice } from './correction-menu.js';
import { ReadingLine } from './reading-line.js';
import { StepList } from './step-list.js';

interface MessageListProps {
  turns: Turn[];
  selectedKey: string | null;
  onSelect: (key: string) => void;
  onSaveTemplate: (turn: Turn) => void;
  onAsk: (question: string) => void;
  /** What a word of a reading may be corrected to (the Data DNA of the conversation's datasource). */
  correctionChoices?: CorrectionChoice[];
  /** A word of a reading corrected: save it as a synonym and ask the question again. */
  onCorrect?: (turn: Turn, word: string, choice: CorrectionChoice) => void;
  /** A clarify option chosen (asks it; may save the word it replaced). Defaults to `onAsk(option)`. */
  onChooseOption?: (turn: Turn, option: string) => void;
}

/** The conversation: each question, its streamed answer in markdown, its steps and feedback. */
export function MessageList({ turns, selectedKey, onSelect, onSaveTemplate, onAsk, correctionChoices = [], onCorrect, onChooseOption }: MessageListProps) {
  const end = useRef<HTMLLIElement>(null);
  const lastText = turns[turns.length - 1]?.view.text;
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [turns.length, lastText]);

  if (turns.length === 0) {
    return (
      <div className="flex flex-1 items-center justify-center p-6 text-center text-sm text-slate-500">
        <div>
          <p className="text-base font-medium text-slate-700 dark:text-slate-200">Ask a question about your data</p>
          <p className="mt-1">Try “What’s the failure rate for Android users?”</p>
        </div>
      </div>
    );
  }
  return (
    <ol className="flex-1 space-y-4 overflow-y-auto p-4" aria-label="Messages">
      {turns.map((turn) => {
        const { view } = turn;
        const streaming = view.status === 'streaming' || (view.status === 'idle' && !turn.answerMessage);
        const text = view.text || turn.answerMessage?.content || '';
        const selected = turn.key === selectedKey;
        // Every answer says which datasource it used (a registered one is named `name@workspace` in runs).
        const datasource = (view.datasource ?? (typeof turn.answerMessage?.details?.datasource === 'string' ? turn.answerMessage.details.datasource : null))?.split('@')[0];
        return (
          <li key={turn.key} className="space-y-2" data-testid="turn">
            {turn.question && (
              <div className="ml-auto w-fit max-w-[85%] rounded-lg bg-indigo-600 px-3 py-2 text-sm text-white" data-testid="question">
                {turn.question}
              </div>
            )}
            <article
              aria-label="Answer"
              aria-busy={streaming}
              className={`max-w-[95%] rounded-lg border px-3 py-2 text-sm ${selected ? 'border-indigo-400 dark:border-indigo-500' : 'border-slate-200 dark:border-slate-800'}`}
            >
              <div className="mb-1 flex flex-wrap items-center gap-2">
                <AgentBadge agent={streaming ? view.activeAgent : null} />
                {datasource && (
                  <span data-testid="answer-datasource" className="rounded bg-emerald-50 px-1.5 py-0.5 text-[11px] text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
                    Datasource: {datasource}
                  </span>
                )}
                {view.route && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600 dark:bg-slate-800 dark:text-slate-300">{view.route}</span>}
                {view.status === 'failed' && <span className="rounded bg-red-100 px-1.5 py-0.5 text-[11px] text-red-800 dark:bg-red-900 dark:text-red-100">failed</span>}
                {view.status === 'cancelled' && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-[11px] text-amber-800 dark:bg-amber-900 dark:text-amber-100">stopped</span>}
                {streaming && view.dnaProgress && (
                  <span role="status" data-testid="run-dna-progress" className="text-[11px] text-slate-500">
                    Data DNA of {view.dnaProgress.datasource}: {view.dnaProgress.message}
                  </span>
                )}
                <span className="flex-1" />
                {(view.data || view.code.tsx || view.sql) && (
                  <button type="button" onClick={() => onSelect(turn.key)} aria-pressed={selected} className="rounded px-1.5 py-0.5 text-xs text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950">
                    Show in workspace
                  </button>
                )}
              </div>
              {view.interpretation && turn.question && (
                <ReadingLine
                  question={turn.question}
                  interpretation={view.interpretation}
                  partial={view.route === 'CLARIFY' || view.route === 'REJECT'}
                  choices={streaming ? [] : correctionChoices}
                  onCorrect={onCorrect && ((word, choice) => onCorrect(turn, word, choice))}
                />
              )}
              <div className="answer-markdown" data-testid="answer">
                {text ? <Markdown>{text}</Markdown> : streaming ? <p className="text-slate-400">Working…</p> : null}
              </div>
              {view.errors.map((error, index) => (
                <p key={index} role="alert" className="mt-1 rounded bg-red-50 px-2 py-1 text-xs text-red-800 dark:bg-red-950 dark:text-red-200">
                  {error.code}: {error.message}
                </p>
              ))}
              {view.clarifyOptions.length > 0 && !streaming && (
                <div className="mt-2 flex flex-wrap gap-1">
                  {view.clarifyOptions.map((option) => (
                    <button key={option} type="button" data-testid="clarify-option" onClick={() => (onChooseOption ? onChooseOption(turn, option) : onAsk(option))} className="rounded-full border border-indigo-300 px-2 py-0.5 text-xs hover:bg-indigo-50 dark:border-indigo-700 dark:hover:bg-indigo-950">
                      {option}
                    </button>
                  ))}
                </div>
              )}
              <StepList steps={view.steps} thoughts={view.thoughts} />
              {!streaming && (
                <div className="flex flex-wrap items-center gap-2">
                  {turn.answerMessage && <FeedbackButtons messageId={turn.answerMessage.id} initial={turn.answerMessage.feedback ?? null} />}
                  {view.status === 'completed' && (view.sql || view.code.tsx) && (
                    <button type="button" onClick={() => onSaveTemplate(turn)} className="mt-2 inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
                      <StarIcon /> Save as template
                    </button>
                  )}
                </div>
              )}
            </article>
          </li>
        );
      })}
      <li ref={end} aria-hidden="true" />
    </ol>
  );
}
