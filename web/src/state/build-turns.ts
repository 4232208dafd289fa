import type { MessageDto } from '../api/dto.js';
import { initialRunView, type RunView } from './run-reducer.js';

/** One question and its answer, as the chat shows it. */
export interface Turn {
  key: string;
  question: string;
  runId: string | null;
  /** The stored assistant message (feedback goes to it); null until the run is stored. */
  answerMessage: MessageDto | null;
  view: RunView;
}

export interface LiveRun {
  key: string;
  question: string;
  view: RunView;
}

/**
 * Pairs the stored messages into question/answer turns, gives each the view of its run, and
 * places the run in flight: on its stored question once the server has it, else at the end.
 */
export function buildTurns(messages: MessageDto[], views: Record<string, RunView>, live: LiveRun | null): Turn[] {
  const turns: Turn[] = [];
  for (const message of messages) {
    if (message.role === 'user') {
      turns.push({ key: message.id, question: message.content, runId: message.runId ?? null, answerMessage: null, view: initialRunView });
      continue;
    }
    const last = turns[turns.length - 1];
    if (last && !last.answerMessage && (!last.runId || !message.runId || last.runId === message.runId)) {
      last.answerMessage = message;
      last.runId = last.runId ?? message.runId ?? null;
    } else {
      turns.push({ key: message.id, question: '', runId: message.runId ?? null, answerMessage: message, view: initialRunView });
    }
  }
  const liveRunId = live?.view.runId ?? null;
  for (const turn of turns) {
    if (turn.runId && liveRunId === turn.runId && live) turn.view = live.view;
    else if (turn.runId && views[turn.runId]) turn.view = views[turn.runId];
  }
  if (live && !turns.some((turn) => turn.runId !== null && turn.runId === liveRunId)) {
    // A user message stored without its run id yet, followed by the live run: merge them.
    const last = turns[turns.length - 1];
    if (last && !last.answerMessage && !last.runId && last.question === live.question) {
      last.view = live.view;
      last.runId = liveRunId;
    } else {
      turns.push({ key: live.key, question: live.question, runId: liveRunId, answerMessage: null, view: live.view });
    }
  }
  return turns;
}
