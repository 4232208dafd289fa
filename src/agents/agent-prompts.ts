import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/app-error.js';
import { AGENT_NAMES, type AgentName } from '../core/events.js';

export type AgentPrompts = Record<AgentName, string>;

/**
 * Reads every agent's instructions from `<promptsDir>/<agent>.md` once, at composition time,
 * so a missing prompt fails at start-up rather than in the middle of a run.
 */
export function loadAgentPrompts(promptsDir: string): AgentPrompts {
  const prompts = {} as AgentPrompts;
  for (const agent of AGENT_NAMES) {
    const file = path.join(promptsDir, `${agent}.md`);
    try {
      prompts[agent] = readFileSync(file, 'utf8').trim();
    } catch (cause) {
      throw new AppError('CONFIG_INVALID', `The instructions of the ${agent} agent are missing: cannot read ${file}.`, {
        cause,
        details: { path: file },
      });
    }
  }
  return prompts;
}
