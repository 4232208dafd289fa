import { describe, expect, it } from 'vitest';
import { findNulByte } from './find-nul-byte.js';
import { jsonDepthExceeds } from './json-body-parser.js';

describe('jsonDepthExceeds', () => {
  const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('counts arrays and objects, and stops past the limit', () => {
    expect(jsonDepthExceeds(nested(3), 3)).toBe(false);
    expect(jsonDepthExceeds(nested(4), 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":[1,{"c":2}]}}', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":[1,{"c":2}]}}', 4)).toBe(false);
  });

  it('ignores brackets inside strings, also after escaped quotes and backslashes', () => {
    expect(jsonDepthExceeds('["[[[[", "{{{{"]', 1)).toBe(false);
    expect(jsonDepthExceeds('["a\\"[[[[", "b"]', 1)).toBe(false);
    expect(jsonDepthExceeds('["a\\\\", [[]]]', 2)).toBe(true);
    expect(jsonDepthExceeds('["a\\\\", [[]]]', 3)).toBe(false);
  });

  it('counts siblings once: depth, not the number of brackets', () => {
    expect(jsonDepthExceeds(`[${Array.from({ length: 1000 }, () => '[]').join(',')}]`, 2)).toBe(false);
  });
});

describe('findNulByte', () => {
  it('names the dotted path of the first string or key holding a NUL', () => {
    expect(findNulByte({ title: 'ok', nested: { list: ['a', 'b\u0000'] } })).toBe('nested.list.1');
    expect(findNulByte({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(findNulByte('\u0000')).toBe('');
    expect(findNulByte({ title: 'no nul', count: 3, flag: null })).toBeUndefined();
  });
});
