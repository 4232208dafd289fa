import type { AgentName } from '../../../src/core/events.js';
import { agentLabel } from '../state/toast-for-event.js';

/** Which agent works now, with a pulsing dot. */
export function AgentBadge({ agent }: { agent: AgentName | null }) {
  if (!agent) return null;
  return (
    <span data-testid="agent-badge" aria-live="polite" className="inline-flex items-center gap-1.5 rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800 dark:bg-indigo-900 dark:text-indigo-100">
      <span className="h-2 w-2 animate-pulse rounded-full bg-indigo-500" aria-hidden="true" />
      {agentLabel(agent)}
    </span>
  );
}
