import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.js';

describe('SseParser', () => {
  it('parses event, data and id of complete blocks', () => {
    const parser = new SseParser();
    const out = parser.push('event: run-start\nid: 0\ndata: {"a":1}\n\nevent: text-delta\nid: 1\ndata: {"b":2}\n\n');
    expect(out).toEqual([
      { event: 'run-start', id: '0', data: '{"a":1}' },
      { event: 'text-delta', id: '1', data: '{"b":2}' },
    ]);
  });

  it('reassembles blocks split across chunks, including a split UTF-8 character and CRLF', () => {
    const parser = new SseParser();
    const bytes = new TextEncoder().encode('event: text-delta\r\nid: 7\r\ndata: {"delta":"é"}\r\n\r\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two-byte "é"
    const first = parser.push(bytes.slice(0, cut));
    expect(first).toEqual([]);
    const second = parser.push(bytes.slice(cut, bytes.length - 1));
    const third = parser.push(bytes.slice(bytes.length - 1));
    expect([...second, ...third]).toEqual([{ event: 'text-delta', id: '7', data: '{"delta":"é"}' }]);
  });

  it('ignores comments and joins multi-line data', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\n\ndata: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
