import type { Cell, QueryResult } from '../core/query-result.js';
import type { PythonInput } from './python-runner.js';

/**
 * Serialises query results for the sandbox as one binary bundle that `prelude.py` reads with
 * `numpy.frombuffer` (no parsing of numbers): a 16-byte header, 8-byte-aligned column buffers,
 * then the JSON manifest that locates them. Numeric columns are little-endian float64/int64, strings
 * are UTF-8 bytes plus int64 offsets (the Arrow layout; with int32 codes into the distinct values
 * when they repeat, like Arrow's dictionary encoding), nulls a u8 validity mask.
 *
 * Why not Arrow IPC or Parquet: Debian 12 has no python3-pyarrow, so pandas here cannot read
 * either; this keeps numbers binary with only numpy. `format: 'json'` (rows as JSON) exists for
 * bench/python.ts to compare against.
 */
export type InputFormat = 'columnar' | 'json';

type ColumnKind = 'float64' | 'int64' | 'bool' | 'string' | 'json';

interface ColumnSpec {
  name: string;
  type: string;
  kind: ColumnKind;
  ascii?: boolean;
  buffers: Record<string, [number, number]>;
}

const FLOAT_TYPE = /float|double|real|decimal|numeric/i;

/** Picks the narrowest kind every non-null value fits; mixed columns travel as JSON values. */
function kindOf(values: Cell[], type: string): ColumnKind {
  let kind: ColumnKind | null = null;
  let integral = true;
  for (const value of values) {
    if (value === null) continue;
    const valueKind: ColumnKind = typeof value === 'number' ? 'float64' : typeof value === 'boolean' ? 'bool' : 'string';
    if (kind !== null && kind !== valueKind) return 'json';
    kind = valueKind;
    if (typeof value === 'number' && !Number.isSafeInteger(value)) integral = false;
  }
  if (kind === null) return 'json'; // all null: an object column of None
  if (kind === 'float64' && integral && !FLOAT_TYPE.test(type)) return 'int64';
  return kind;
}

/** Appends 8-byte-aligned buffers after a 16-byte header; offsets are absolute file offsets. */
class BundleWriter {
  private static readonly headerBytes = 16;
  private readonly chunks: Buffer[] = [Buffer.alloc(BundleWriter.headerBytes)];
  private length = BundleWriter.headerBytes;

  add(buffer: Buffer): [number, number] {
    const offset = this.length;
    this.chunks.push(buffer);
    const padding = (8 - (buffer.length % 8)) % 8;
    if (padding > 0) this.chunks.push(Buffer.alloc(padding));
    this.length += buffer.length + padding;
    return [offset, buffer.length];
  }

  /** Header: `IXC1`, u32 reserved, u32 manifest offset, u32 manifest length; the manifest is last. */
  finish(manifest: unknown): Buffer {
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    const header = this.chunks[0]!;
    header.write('IXC1', 0, 'ascii');
    header.writeUInt32LE(this.length, 8);
    header.writeUInt32LE(manifestBytes.length, 12);
    return Buffer.concat([...this.chunks, manifestBytes]);
  }
}

/** Little-endian int64 from safe integers, without a BigInt per value (which is slow). */
function int64Buffer(values: ArrayLike<Cell>): Buffer {
  const words = new Int32Array(values.length * 2);
  const unsigned = new Uint32Array(words.buffer);
  for (let index = 0; index < values.length; index += 1) {
    const value = (values[index] as number | null) ?? 0;
    const high = Math.floor(value / 2 ** 32);
    unsigned[index * 2] = value - high * 2 ** 32;
    words[index * 2 + 1] = high;
  }
  return Buffer.from(words.buffer);
}

function float64Buffer(values: Cell[]): Buffer {
  const numbers = new Float64Array(values.length);
  for (let index = 0; index < values.length; index += 1) numbers[index] = values[index] === null ? Number.NaN : (values[index] as number);
  return Buffer.from(numbers.buffer);
}

function byteBuffer(values: Cell[], test: (value: Cell) => boolean): Buffer {
  const bytes = Buffer.alloc(values.length);
  for (let index = 0; index < values.length; index += 1) bytes[index] = test(values[index]!) ? 1 : 0;
  return bytes;
}

/** Codes into a table of distinct values (-1 for null), when repeats make that smaller. */
function dictionaryOf(values: Cell[]): { codes: Int32Array; distinct: string[] } | null {
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  const limit = Math.max(16, values.length / 4);
  for (let row = 0; row < values.length; row += 1) {
    const value = values[row] as string | null;
    if (value === null) {
      codes[row] = -1;
      continue;
    }
    let code = index.get(value);
    if (code === undefined) {
      // Give up early on mostly-unique columns (timestamps, ids): building the map costs.
      if (index.size >= limit || (row >= 1024 && index.size > row / 2)) return null;
      code = index.size;
      index.set(value, code);
    }
    codes[row] = code;
  }
  return { codes, distinct: [...index.keys()] };
}

/** Strings as one UTF-8 buffer plus int64 byte offsets (the Arrow layout). */
function addStrings(writer: BundleWriter, spec: ColumnSpec, text: string[]): void {
  const joined = text.join('');
  const bytes = Buffer.from(joined, 'utf8');
  spec.ascii = bytes.length === joined.length; // then byte offsets are character offsets
  const offsets = new Float64Array(text.length + 1);
  for (let index = 0; index < text.length; index += 1) {
    offsets[index + 1] = offsets[index]! + (spec.ascii ? text[index]!.length : Buffer.byteLength(text[index]!, 'utf8'));
  }
  spec.buffers.values = writer.add(bytes);
  spec.buffers.offsets = writer.add(int64Buffer(offsets));
}

function encodeColumn(writer: BundleWriter, values: Cell[], name: string, type: string): ColumnSpec {
  const kind = kindOf(values, type);
  const buffers: Record<string, [number, number]> = {};
  const hasNulls = kind !== 'json' && values.includes(null);
  if (hasNulls) buffers.valid = writer.add(byteBuffer(values, (value) => value !== null));
  const spec: ColumnSpec = { name, type, kind, buffers };
  if (kind === 'float64') buffers.values = writer.add(float64Buffer(values));
  else if (kind === 'int64') buffers.values = writer.add(int64Buffer(values));
  else if (kind === 'bool') buffers.values = writer.add(byteBuffer(values, (value) => value === true));
  else if (kind === 'string') {
    const dictionary = dictionaryOf(values);
    if (dictionary === null) addStrings(writer, spec, values.map((value) => (value === null ? '' : (value as string))));
    else {
      buffers.codes = writer.add(Buffer.from(dictionary.codes.buffer));
      addStrings(writer, spec, dictionary.distinct);
    }
  } else buffers.values = writer.add(Buffer.from(JSON.stringify(values), 'utf8'));
  return spec;
}

function columnValues(result: QueryResult, index: number): Cell[] {
  return result.rows.map((row) => row[index] ?? null);
}

/** Encodes the inputs into the bundle `prelude.py` loads as `df` / `dfs[name]`. */
export function encodeInputs(inputs: PythonInput[], format: InputFormat = 'columnar'): Buffer {
  const writer = new BundleWriter();
  const tables = inputs.map(({ name, result }) => {
    const columns = result.columns.map((column) => ({ name: column.name, type: column.type }));
    if (format === 'json') return { name, rowCount: result.rows.length, columns, rows: result.rows };
    return {
      name,
      rowCount: result.rows.length,
      columns: result.columns.map((column, index) => encodeColumn(writer, columnValues(result, index), column.name, column.type)),
    };
  });
  return writer.finish({ format, inputs: tables });
}
