import type { RunStep } from '../state/run-reducer.js';
import { agentLabel } from '../state/toast-for-event.js';

function describe(step: RunStep): { title: string; detail?: string; tone: 'normal' | 'ok' | 'error' } {
  switch (step.kind) {
    case 'agent':
      return { title: `${agentLabel(step.agent)} started`, detail: step.model, tone: 'normal' };
    case 'route':
      return { title: `Route: ${step.route} on ${step.datasource}`, detail: step.reason, tone: 'normal' };
    case 'tool':
      return {
        title: `${step.toolName}${step.result ? (step.result.ok ? ' ✓' : ' ✗') : ' …'}`,
        detail: [JSON.stringify(step.input, null, 1)?.slice(0, 600), step.result ? `→ ${step.result.summary}` : ''].filter(Boolean).join('\n'),
        tone: step.result ? (step.result.ok ? 'ok' : 'error') : 'normal',
      };
    case 'sql-attempt':
      return { title: `SQL attempt ${step.attempt}: ${step.status}`, detail: [step.sql, step.error ? `${step.error.code}: ${step.error.message}` : ''].filter(Boolean).join('\n'), tone: step.status === 'ok' ? 'ok' : 'error' };
    case 'key-rotated':
      return { title: `Switched ${step.provider} key #${step.fromKey} → #${step.toKey}`, detail: step.reason, tone: 'normal' };
    case 'error':
      return { title: `Error ${step.code} (${step.stage})`, detail: step.message, tone: 'error' };
  }
}

const TONE: Record<string, string> = { normal: 'bg-slate-400', ok: 'bg-emerald-500', error: 'bg-red-500' };

/** The collapsible list of what the agents did for one answer. */
export function StepList({ steps, thoughts = '' }: { steps: RunStep[]; thoughts?: string }) {
  if (steps.length === 0 && !thoughts) return null;
  return (
    <details className="mt-2 text-xs text-slate-600 dark:text-slate-300" data-testid="step-list">
      <summary className="cursor-pointer select-none rounded px-1 hover:text-slate-900 dark:hover:text-white">{steps.length} steps</summary>
      <ol className="mt-1 space-y-1 border-l border-slate-200 pl-3 dark:border-slate-700">
        {steps.map((step) => {
          const { title, detail, tone } = describe(step);
          return (
            <li key={step.seq} className="relative">
              <span className={`absolute -left-[1.05rem] top-1.5 h-2 w-2 rounded-full ${TONE[tone]}`} aria-hidden="true" />
              <div className="font-medium">{title}</div>
              {detail && <pre className="whitespace-pre-wrap break-words font-mono text-[11px] text-slate-500 dark:text-slate-400">{detail}</pre>}
            </li>
          );
        })}
      </ol>
      {thoughts && (
        <div className="mt-2">
          <div className="font-medium">Agent notes</div>
          <p className="whitespace-pre-wrap text-slate-500 dark:text-slate-400">{thoughts}</p>
        </div>
      )}
    </details>
  );
}
