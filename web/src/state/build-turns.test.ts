import { describe, expect, it } from 'vitest';
import type { MessageDto } from '../api/dto.js';
import { buildTurns } from './build-turns.js';
import { initialRunView, reduceRunEvents } from './run-reducer.js';

const question = (id: string, content: string, runId: string | null): MessageDto => ({ id, role: 'user', content, runId });
const answer = (id: string, content: string, runId: string): MessageDto => ({ id, role: 'assistant', content, runId });

describe('buildTurns', () => {
  it('pairs each question with its stored answer and the view of its run', () => {
    const view = reduceRunEvents([{ type: 'run-start', runId: 'run_1', threadId: 't', question: 'q1', datasource: 'sample', seq: 0 }]);
    const turns = buildTurns([question('m1', 'q1', 'run_1'), answer('m2', 'a1', 'run_1'), question('m3', 'q2', 'run_2'), answer('m4', 'a2', 'run_2')], { run_1: view }, null);
    expect(turns.map((turn) => [turn.question, turn.answerMessage?.id, turn.runId])).toEqual([
      ['q1', 'm2', 'run_1'],
      ['q2', 'm4', 'run_2'],
    ]);
    expect(turns[0].view).toBe(view);
    expect(turns[1].view).toBe(initialRunView);
  });

  it('shows the run in flight on its stored question, or after the last turn before the server has it', () => {
    const live = { key: 'live', question: 'q2', view: reduceRunEvents([{ type: 'run-start', runId: 'run_2', threadId: 't', question: 'q2', datasource: 'sample', seq: 0 }]) };
    const stored = buildTurns([question('m1', 'q1', 'run_1'), answer('m2', 'a1', 'run_1'), question('m3', 'q2', 'run_2')], {}, live);
    expect(stored).toHaveLength(2);
    expect(stored[1].view).toBe(live.view);
    const notYet = buildTurns([question('m1', 'q1', 'run_1'), answer('m2', 'a1', 'run_1')], {}, { ...live, view: initialRunView });
    expect(notYet.map((turn) => turn.question)).toEqual(['q1', 'q2']);
  });
});
