import type { AgentModels } from '../agent-models.js';
import { createLocalAnalystModel } from './local-analyst-model.js';

/** Every agent on the embedded analyst model: the default with no provider configured. */
export function createLocalAgentModels(): AgentModels {
  const model = createLocalAnalystModel();
  return {
    forAgent: () => ({ id: 'local:analyst', provider: 'local', model, local: true }),
  };
}
