import type { Route } from '../core/events.js';
import { SMALL_TALK, STATISTICS_WORDS } from './lexicon.js';
import { routeFollowUp } from './follow-up-route.js';
import { linkSchema } from './link-schema.js';
import { parseQuestion } from './parse-question.js';
import type { AnalystContext } from './parse-types.js';

/**
 * The router's decision: greetings and help get an ANSWER, statistics words need Python after
 * SQL, otherwise the parse decides (SQL_ONLY, CLARIFY with options, or REJECT with the reason).
 */
export function classifyQuestion(question: string, context: AnalystContext): { route: Route; reason: string; options?: string[] } {
  const trimmed = question.trim();
  if (SMALL_TALK.test(trimmed)) {
    return { route: 'ANSWER', reason: 'A greeting or a question about what I can do, not about the data.' };
  }
  const followUp = routeFollowUp(trimmed, context);
  if (followUp) return followUp;
  const parse = parseQuestion(trimmed, context)[0];
  if (STATISTICS_WORDS.test(trimmed) && (parse.kind !== 'refuse' || linkSchema(trimmed, context.dna).score > 0)) {
    return { route: 'SQL_THEN_PY', reason: 'Needs statistics on top of the data (outliers, correlation, trends or forecasts): SQL first, then Python.' };
  }
  switch (parse.kind) {
    case 'sql':
      return { route: 'SQL_ONLY', reason: `A data question: ${parse.explanation}` };
    case 'clarify':
      return { route: 'CLARIFY', reason: parse.question, options: parse.options };
    case 'refuse':
      return { route: 'REJECT', reason: parse.reason };
  }
}
