import type { PriorTurn } from '../../agents/orchestrator.js';
import type { Route } from '../../core/events.js';
import type { Message } from '../../store/repositories/messages-repository.js';

/** The thread so far as question/answer turns, for follow-ups; unanswered questions are skipped. */
export function priorTurns(messages: Message[]): PriorTurn[] {
  const turns: PriorTurn[] = [];
  for (let index = 0; index < messages.length; index += 1) {
    const question = messages[index];
    const answer = messages[index + 1];
    if (question.role !== 'user' || answer?.role !== 'assistant') continue;
    turns.push({
      question: question.content,
      route: (answer.details.route as Route | null | undefined) ?? null,
      sql: answer.details.sql ?? null,
      answer: answer.content,
      resultId: answer.details.resultId ?? null,
    });
    index += 1;
  }
  return turns;
}
