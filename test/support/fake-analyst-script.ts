import type { FakeModelRequest, FakeScript, FakeTurn } from './fake-llm-script.js';

/**
 * A fake-server script that plays InsightX's agents the way a capable remote model would,
 * recognising each agent by its instructions ("You are the <agent> agent"): the router answers
 * a route decision as JSON, the SQL agent calls `read_data_dna`, then `run_sql` with the SQL
 * given, then stops; the viz agent writes a small `Viz` component; the composer states the
 * first value of the query result. Tests only.
 */
export interface FakeAnalystOptions {
  /** The SQL the SQL agent runs, for the question asked (the request holds the DNA it read). */
  sql: (question: string, request: FakeModelRequest) => string;
  /** Optional: the first `run_sql` call sends these (malformed) arguments instead. */
  firstRunSqlArguments?: string;
}

export function agentOf(request: FakeModelRequest): string {
  return /You are the (\w+) agent/.exec(request.system)?.[1]?.toLowerCase() ?? 'unknown';
}

/** The user's question: the first user message, before any `## …` context block. */
export function questionOf(request: FakeModelRequest): string {
  const first = request.messages.find((message) => message.role === 'user')?.text ?? '';
  return first.split('\n## ')[0].replace(/^Question:\s*/i, '').trim();
}

/** The first cell of the `## Query result` block the composer receives. */
function firstResultValue(request: FakeModelRequest): string {
  const text = request.messages.map((message) => message.text).join('\n');
  const block = /## Query result\s*```json\s*([\s\S]*?)```/.exec(text)?.[1];
  if (!block) return 'no result';
  try {
    const rows = (JSON.parse(block) as { rows: unknown[][] }).rows;
    return String(rows[0]?.[0] ?? 'nothing');
  } catch {
    return 'unreadable';
  }
}

export function createFakeAnalystScript(options: FakeAnalystOptions): FakeScript {
  let malformedSent = false;
  return (request): FakeTurn => {
    const agent = agentOf(request);
    const transcript = request.messages.map((message) => message.text).join('\n');
    switch (agent) {
      case 'router':
        return { text: JSON.stringify({ route: 'SQL_ONLY', reason: 'The question asks for numbers from the data.' }) };
      case 'sql': {
        const toolTurns = request.messages.filter((message) => message.role === 'tool').length;
        if (toolTurns === 0) return { toolCalls: [{ name: 'read_data_dna', arguments: {} }] };
        const ranSql = request.messages.filter((message) => message.role === 'assistant' && message.text.includes('run_sql')).length;
        if (options.firstRunSqlArguments && !malformedSent) {
          malformedSent = true;
          return { toolCalls: [{ name: 'run_sql', arguments: options.firstRunSqlArguments }] };
        }
        if (ranSql === 0 || (options.firstRunSqlArguments && ranSql === 1 && !/rowCount/.test(transcript))) {
          return { toolCalls: [{ name: 'run_sql', arguments: { sql: options.sql(questionOf(request), request) } }] };
        }
        return { text: 'The query ran.' };
      }
      case 'viz':
        return {
          text: 'Chart: number\n```tsx\nexport default function Viz({ data }) {\n  return <div style={{ fontSize: 48 }}>{String(data.rows[0]?.[0])}</div>;\n}\n```',
        };
      case 'composer':
        return { text: `The answer is ${firstResultValue(request)}.` };
      default:
        return { text: 'ok' };
    }
  };
}
