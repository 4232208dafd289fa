import { generateText, NoObjectGeneratedError, Output } from 'ai';
import { interpretUnanswered } from '../../analyst/index.js';
import { mapModelError } from '../../llm/map-model-error.js';
import { reportAgentUsage } from '../agent-usage.js';
import { selectDnaForQuestion } from '../../tools/read-data-dna/select-dna-for-question.js';
import { dnaBlock, historyMessages, questionMessage } from '../conversation.js';
import type { RunState } from '../run-state.js';
import { parseRouteDecision, RouteDecision } from './route-decision.js';

/**
 * The router agent: reads the question and the Data DNA and decides the route
 * (`route-decided`). Uses structured output; a decision wrapped in prose is still accepted.
 */
export async function routeStep(state: RunState): Promise<void> {
  state.stage = 'router';
  const resolved = state.deps.models.forAgent('router', {
    emit: state.emit,
    signal: state.signal,
    // The fast path (src/llm/fast-path/) needs the question and the DNA to judge the embedded analyst's confidence.
    question: state.request.question,
    dna: state.dna ?? undefined,
    history: state.request.history,
    fastPath: state.request.fastPath,
  });
  await state.emit({ type: 'agent-start', agent: 'router', model: resolved.id });
  // The same tables and columns the SQL agent reads: the route needs no more than the query does.
  const blocks = state.dna ? [dnaBlock(state.dna, selectDnaForQuestion(state.dna, state.request.question))] : [];
  let decision: RouteDecision;
  try {
    const result = await generateText({
      model: resolved.model,
      system: state.prompts.router,
      messages: [...historyMessages(state.request.history), questionMessage(state.request.question, blocks)],
      output: Output.object({ schema: RouteDecision, name: 'route_decision' }),
      abortSignal: state.signal,
    });
    await reportAgentUsage(state, 'router', resolved, result.steps.map((step) => step.usage));
    decision = result.output;
  } catch (error) {
    if (!NoObjectGeneratedError.isInstance(error)) throw mapModelError(error, resolved.provider);
    if (error.usage) await reportAgentUsage(state, 'router', resolved, [error.usage]);
    decision = parseRouteDecision(error.text ?? '');
  }
  state.route = decision.route;
  state.routeReason = decision.reason;
  state.routeOptions = decision.route === 'CLARIFY' ? (decision.options ?? []) : [];
  await state.emit({
    type: 'route-decided',
    route: decision.route,
    reason: decision.reason,
    datasource: state.request.datasource,
    ...(state.request.datasourceChoice ? { datasourceReason: state.request.datasourceChoice.reason, datasourceScores: state.request.datasourceChoice.scores } : {}),
    ...(decision.route === 'CLARIFY' ? { options: state.routeOptions } : {}),
  });
  if (decision.route === 'CLARIFY' || decision.route === 'REJECT') await emitPartialReading(state);
}

/**
 * Whatever model routed, a question that is not answered shows how far the embedded analyst could
 * read it: the parts it placed and the words it could not (the user sees what to rephrase).
 */
async function emitPartialReading(state: RunState): Promise<void> {
  if (!state.dna) return;
  const interpretation = interpretUnanswered(state.request.question, { dna: state.dna, history: state.request.history });
  if (!interpretation) return;
  state.interpretation = interpretation;
  await state.emit({ type: 'interpretation', agent: 'router', interpretation });
}
