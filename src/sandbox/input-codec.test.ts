import { describe, expect, it } from 'vitest';
import { encodeInputs } from './input-codec.js';

function manifestOf(bundle: Buffer): { format: string; inputs: { name: string; rowCount: number; columns: { name: string; kind: string; ascii?: boolean; buffers: Record<string, [number, number]> }[] }[] } {
  expect(bundle.subarray(0, 4).toString('ascii')).toBe('IXC1');
  const offset = bundle.readUInt32LE(8);
  return JSON.parse(bundle.subarray(offset, offset + bundle.readUInt32LE(12)).toString('utf8'));
}

describe('input bundle', () => {
  const result = {
    columns: [
      { name: 'id', type: 'BIGINT' },
      { name: 'rate', type: 'DOUBLE' },
      { name: 'whole_double', type: 'DOUBLE' },
      { name: 'city', type: 'VARCHAR' },
      { name: 'flag', type: 'BOOLEAN' },
      { name: 'mixed', type: 'VARCHAR' },
    ],
    rows: [
      [1, 0.5, 1, 'Zürich', true, 'a'],
      [2, null, 2, 'Oslo', false, 3],
    ],
    rowCount: 2,
    truncated: false,
    elapsedMs: 0,
  };

  it('stores numbers as binary columns and only mixed columns as JSON', () => {
    const bundle = encodeInputs([{ name: 't', result }]);
    const [table] = manifestOf(bundle).inputs;
    expect(table!.columns.map((column) => [column.name, column.kind])).toEqual([
      ['id', 'int64'],
      ['rate', 'float64'],
      ['whole_double', 'float64'],
      ['city', 'string'],
      ['flag', 'bool'],
      ['mixed', 'json'],
    ]);
    const id = table!.columns[0]!.buffers.values!;
    expect(Array.from(new BigInt64Array(bundle.buffer.slice(bundle.byteOffset + id[0], bundle.byteOffset + id[0] + id[1])))).toEqual([1n, 2n]);
    const rate = table!.columns[1]!;
    expect(rate.buffers.valid).toBeDefined(); // the null travels as a validity mask, not as 0
    expect(table!.columns[3]!.ascii).toBe(false);
  });

  it('aligns every buffer to 8 bytes so numpy can read it in place', () => {
    const bundle = encodeInputs([{ name: 't', result }]);
    const offsets = manifestOf(bundle).inputs.flatMap((table) => table.columns.flatMap((column) => Object.values(column.buffers).map(([offset]) => offset)));
    expect(offsets.every((offset) => offset % 8 === 0)).toBe(true);
  });
});
