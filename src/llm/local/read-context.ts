import { DataDna } from '../../core/dna.js';
import { QueryResult } from '../../core/query-result.js';
import type { Conversation } from './read-conversation.js';

/** The fenced block under `## <heading>` in the context parts, if any. */
export function findBlock(conversation: Conversation, heading: string): string | null {
  for (const text of conversation.context) {
    const at = text.indexOf(`## ${heading}`);
    if (at < 0) continue;
    const fenced = /```[a-z]*\s*\n([\s\S]*?)```/i.exec(text.slice(at));
    if (fenced) return fenced[1].trim();
  }
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The Data DNA from a `read_data_dna` result or a `## Data DNA` block; null when neither is there. */
export function readDna(conversation: Conversation): DataDna | null {
  const candidates: unknown[] = [];
  for (const call of conversation.toolCalls) {
    if (call.toolName === 'read_data_dna' && call.outcome?.ok) {
      const value = call.outcome.value;
      candidates.push(typeof value === 'string' ? parseJson(value) : value);
    }
  }
  const block = findBlock(conversation, 'Data DNA');
  if (block) candidates.push(parseJson(block));
  for (const candidate of candidates.reverse()) {
    const parsed = DataDna.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return null;
}

/** The SQL shown in a `## SQL` block. */
export function readSql(conversation: Conversation): string | null {
  return findBlock(conversation, 'SQL');
}

/** The result shown in a `## Query result` block, as a `QueryResult`. */
export function readResult(conversation: Conversation): QueryResult | null {
  const block = findBlock(conversation, 'Query result');
  const value = block ? (parseJson(block) as Record<string, unknown> | undefined) : undefined;
  if (!value) return null;
  const parsed = QueryResult.safeParse({ elapsedMs: 0, ...value });
  return parsed.success ? parsed.data : null;
}

/** Lines of a `## Notes` part. */
export function readNotes(conversation: Conversation): string[] {
  for (const text of conversation.context) {
    const at = text.indexOf('## Notes');
    if (at < 0) continue;
    return text
      .slice(at)
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^\s*-\s*/, '').trim())
      .filter((line) => line !== '');
  }
  return [];
}
