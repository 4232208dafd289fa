import pc from 'picocolors';
import type { AgentName, RunEventPayload } from '../../core/events.js';
import { Spinner, type ProgressStream } from './spinner.js';

const AGENT_LABELS: Record<AgentName, string> = {
  router: 'Router agent',
  sql: 'SQL agent',
  python: 'Python agent',
  viz: 'Viz agent',
  composer: 'Composer agent',
  explainer: 'Explainer agent',
};

function shortInput(input: unknown): string {
  const sql = (input as { sql?: unknown } | null)?.sql;
  if (typeof sql === 'string') return sql.replace(/\s+/g, ' ').slice(0, 80) + (sql.length > 80 ? '…' : '');
  return '';
}

/**
 * Turns run events into live progress lines on stderr: which agent works, which tool it
 * called and how that went. Deltas (text, code) are not printed here: the answer and the
 * chart are shown once, complete, at the end.
 */
export function createProgressPrinter(stream: ProgressStream): (event: RunEventPayload) => void {
  const spinner = new Spinner(stream);
  const line = (text: string) => {
    spinner.stop();
    stream.write(`${text}\n`);
  };
  return (event) => {
    switch (event.type) {
      case 'agent-start':
        line(pc.cyan(`› Using ${AGENT_LABELS[event.agent]}`) + pc.dim(` (${event.model})`));
        // On a terminal a spinner shows the agent is busy; in a log the line above says it.
        if (stream.isTTY) spinner.start(`${AGENT_LABELS[event.agent]} is working…`);
        break;
      case 'route-decided':
        line(pc.dim(`  route ${event.route} on ${event.datasource}: ${event.reason}`));
        break;
      case 'dna-progress':
        line(pc.dim(`  Data DNA of ${event.datasource}: ${event.message}`));
        break;
      case 'tool-call':
        line(`  ${pc.yellow('⚙')} called ${event.toolName}${shortInput(event.input) ? pc.dim(` ${shortInput(event.input)}`) : ''}`);
        break;
      case 'tool-result':
        line(`  ${event.ok ? pc.green('✓') : pc.red('✗')} ${event.toolName}: ${event.summary}`);
        break;
      case 'sql-attempt':
        if (event.status === 'error') line(pc.red(`  attempt ${event.attempt} failed (${event.error?.code}), repairing…`));
        break;
      case 'error':
        line(pc.red(`✗ ${event.stage}: ${event.message}`));
        break;
      case 'run-end':
        spinner.stop();
        break;
      default:
        break;
    }
  };
}
