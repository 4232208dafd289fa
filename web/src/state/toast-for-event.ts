import type { AgentName } from '../../../src/core/events.js';
import type { SequencedEvent } from './run-reducer.js';

/** A short notice shown in the corner while a run streams. */
export interface ToastMessage {
  id: string;
  tone: 'info' | 'warning' | 'error' | 'success';
  text: string;
}

const AGENT_LABELS: Record<AgentName, string> = {
  router: 'Router',
  sql: 'SQL',
  python: 'Python',
  viz: 'Visualisation',
  composer: 'Composer',
  explainer: 'Explainer',
};

/** "SQL Agent", "Router Agent"… as people read them in toasts and the badge. */
export function agentLabel(agent: AgentName): string {
  return `${AGENT_LABELS[agent]} Agent`;
}

/** The toast a live event deserves, or null for events that only update the view. */
export function toastForEvent(event: SequencedEvent, runId: string): ToastMessage | null {
  const id = `${runId}:${event.seq}`;
  switch (event.type) {
    case 'agent-start':
      return { id, tone: 'info', text: `Using ${agentLabel(event.agent)}` };
    case 'tool-call':
      return { id, tone: 'info', text: `Agent called ${event.toolName}` };
    case 'sql-attempt':
      if (event.status === 'error') {
        return { id, tone: 'warning', text: `SQL attempt ${event.attempt} failed${event.error ? `: ${event.error.message}` : ''} — retrying` };
      }
      return event.attempt > 1 ? { id, tone: 'success', text: `SQL attempt ${event.attempt} succeeded` } : null;
    case 'key-rotated':
      return { id, tone: 'warning', text: `Switched to key #${event.toKey}: ${event.reason}` };
    case 'error':
      return { id, tone: 'error', text: `${event.code}: ${event.message}` };
    case 'run-end':
      return event.status === 'completed' ? null : { id, tone: event.status === 'failed' ? 'error' : 'info', text: `Run ${event.status}` };
    default:
      return null;
  }
}
