import { describe, expect, it } from 'vitest';
import { CodeBlockStream } from './code-block-stream.js';

function feed(pieces: string[]): { released: string[]; stream: CodeBlockStream } {
  const stream = new CodeBlockStream();
  const released = pieces.map((piece) => stream.push(piece)).filter((code) => code !== '');
  const tail = stream.end();
  if (tail) released.push(tail);
  return { released, stream };
}

describe('CodeBlockStream', () => {
  it('releases the code of the fenced block line by line, without fences or prose', () => {
    const { released, stream } = feed(['Chart: bar\n\n``', '`tsx\nexport default ', 'function Viz() {\n  return null;\n}\n``', '`\nThat is all.']);
    expect(released.join('')).toBe('export default function Viz() {\n  return null;\n}\n');
    expect(stream.fullCode).toBe(released.join(''));
    expect(stream.fullProse).toMatch(/Chart: bar/);
    expect(stream.fullProse).toMatch(/That is all/);
  });

  it('keeps a last line that has no newline and no closing fence', () => {
    const { stream } = feed(['```tsx\nconst a = 1;\nconst b = 2;']);
    expect(stream.fullCode).toBe('const a = 1;\nconst b = 2;');
  });

  it('gives no code when there is no block', () => {
    const { stream } = feed(['I cannot draw this.']);
    expect(stream.fullCode).toBe('');
  });
});
