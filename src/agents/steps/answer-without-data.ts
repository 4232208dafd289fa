import type { RunState } from '../run-state.js';

/**
 * CLARIFY and REJECT need no query: the router's words are the answer. A clarification
 * lists its concrete options, numbered, so the user can pick one (each is a full question; they
 * are also in `route-decided.options` for clients that show them as choices). Streamed as one `text-delta`.
 */
export async function answerWithoutData(state: RunState): Promise<void> {
  const options = state.routeOptions.map((option, index) => `${index + 1}. ${option}`).join('\n');
  state.answer = state.route === 'CLARIFY' && options ? `${state.routeReason}\n${options}` : state.routeReason;
  await state.emit({ type: 'text-delta', delta: state.answer });
}
