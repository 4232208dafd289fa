import { classifyQuestion } from '../../analyst/index.js';
import { textTurn, type LocalTurn } from './local-turn.js';
import { readDna } from './read-context.js';
import type { Conversation } from './read-conversation.js';

/** The router's turn: the route decision as one JSON object (structured output). */
export function playRouter(conversation: Conversation): LocalTurn {
  const dna = readDna(conversation);
  if (!dna) {
    return textTurn(JSON.stringify({ route: 'SQL_ONLY', reason: 'No Data DNA was given, so the SQL agent will read it and try a query.' }));
  }
  const decision = classifyQuestion(conversation.question, { dna, history: conversation.history });
  const options = decision.route === 'CLARIFY' && decision.options?.length ? { options: decision.options } : {};
  return textTurn(JSON.stringify({ route: decision.route, reason: decision.reason, ...options }));
}
