import { describePythonFindings, explainPythonMethod, planPythonAnalysis } from '../../analyst/python/index.js';
import { textTurn, toolTurn, type LocalTurn } from './local-turn.js';
import { readResult } from './read-context.js';
import type { Conversation } from './read-conversation.js';

const RUN_PYTHON = 'run_python';

/**
 * The python agent's turn: first a `run_python` call with the analyst's pandas code for the
 * question (src/analyst/python), then — once the result is back — the findings and the method
 * in plain sentences, which the composer passes on. The code is deterministic, so a failure is
 * reported rather than retried.
 */
export function playPython(conversation: Conversation): LocalTurn {
  const calls = conversation.toolCalls.filter((call) => call.toolName === RUN_PYTHON);
  const last = calls.at(-1);
  if (last?.outcome) {
    if (!last.outcome.ok) return textTurn(`The Python analysis failed (${last.outcome.message.split('\n')[0]}), so the answer uses the SQL result only.`);
    const value = last.outcome.value as { result?: unknown } | null;
    const result = value && typeof value === 'object' && 'result' in value ? value.result : value;
    const sentences = [describePythonFindings(result), explainPythonMethod(result)].filter((sentence): sentence is string => sentence !== null);
    return textTurn(sentences.length > 0 ? sentences.join(' ') : `The Python analysis returned: ${JSON.stringify(result).slice(0, 300)}.`);
  }
  if (!conversation.toolNames.includes(RUN_PYTHON)) {
    return textTurn('Python analysis is not available on this machine, so the answer uses the SQL result only.');
  }
  const result = readResult(conversation);
  const plan = result ? planPythonAnalysis(conversation.question, result) : null;
  if (!plan) return textTurn('No statistical method fits this question and result, so the answer uses the SQL result only.');
  return toolTurn(RUN_PYTHON, { code: plan.code });
}
