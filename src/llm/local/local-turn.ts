/** What the embedded model answers in one call: text, tool calls, or both (text first). */
export interface LocalTurn {
  text: string;
  toolCalls: { toolName: string; input: Record<string, unknown> }[];
}

export function textTurn(text: string): LocalTurn {
  return { text, toolCalls: [] };
}

export function toolTurn(toolName: string, input: Record<string, unknown>): LocalTurn {
  return { text: '', toolCalls: [{ toolName, input }] };
}
