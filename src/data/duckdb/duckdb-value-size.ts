import {
  DuckDBArrayType,
  DuckDBBigIntVector,
  DuckDBDoubleVector,
  DuckDBFloatVector,
  DuckDBHugeIntVector,
  DuckDBIntegerVector,
  DuckDBSmallIntVector,
  DuckDBTinyIntVector,
  DuckDBUBigIntVector,
  DuckDBUHugeIntVector,
  DuckDBUIntegerVector,
  DuckDBUSmallIntVector,
  DuckDBUTinyIntVector,
  DuckDBArrayVector,
  DuckDBBlobVector,
  DuckDBListVector,
  DuckDBMapVector,
  DuckDBStructVector,
  DuckDBVarCharVector,
  type DuckDBType,
  type DuckDBVector,
} from '@duckdb/node-api';

/**
 * A lower bound on the bytes one cell takes as JSON, read from the engine's vector without
 * converting the value: a list's element count comes from its offsets, a string's length from
 * the string. Counting stops once it passes `ceiling`, so a 20-million-element list costs a few
 * reads, not a conversion of 20 million values (which blocks the event loop for seconds).
 */
export function duckDbCellByteFloor(vector: DuckDBVector, index: number, ceiling: number): number {
  if (vector instanceof DuckDBVarCharVector) return (vector.getItem(index)?.length ?? 4) + 2;
  if (vector instanceof DuckDBBlobVector) return (vector.getItemBytes(index)?.length ?? 4) + 2;
  if (vector instanceof DuckDBListVector) {
    return 2 + elementsFloor(vector.childVector, vector.getEntryOffset(index), vector.getEntryLength(index), ceiling);
  }
  if (vector instanceof DuckDBMapVector) {
    const list = (vector as unknown as { listVector?: unknown }).listVector;
    return list instanceof DuckDBListVector ? duckDbCellByteFloor(list, index, ceiling) : 2;
  }
  if (vector instanceof DuckDBArrayVector) return 2 + 2 * arrayLeafCount(vector.type);
  if (vector instanceof DuckDBStructVector) {
    let total = 2;
    for (const [entry, name] of vector.type.entryNames.entries()) {
      total += name.length + 4 + duckDbCellByteFloor(vector.entryVectorAt(entry), index, ceiling - total);
      if (total > ceiling) return total;
    }
    return total;
  }
  // Numbers, booleans, dates and the like: at least one character.
  return 1;
}

/** Elements `offset … offset + length` of a list's child vector, each followed by a comma. */
function elementsFloor(child: DuckDBVector, offset: number, length: number, ceiling: number): number {
  // Inside a list, 64- and 128-bit integers are written as quoted text: `"0",` at least.
  if (isWideInteger(child)) return 4 * length;
  if (isNumber(child)) {
    let total = 0;
    for (let index = offset; index < offset + length && total <= ceiling; index++) total += numberFloor((child as unknown as NumberVector).getItem(index)) + 1;
    return total;
  }
  if (!isVariableSize(child)) return 2 * length;
  let total = 0;
  for (let index = offset; index < offset + length && total <= ceiling; index++) total += duckDbCellByteFloor(child, index, ceiling - total) + 1;
  return total;
}

/**
 * Characters a number takes in JSON, at least: its integer digits less one (a safe floor
 * whatever `Math.log10` rounds), a sign, `1e+21` for the huge; `null` for a null.
 */
function numberFloor(value: number | null): number {
  if (value === null) return 4;
  const magnitude = Math.abs(value);
  const digits = magnitude >= 1e21 ? 5 : magnitude >= 10 ? Math.floor(Math.log10(magnitude)) : 1;
  return digits + (value < 0 ? 1 : 0);
}

interface NumberVector {
  getItem(index: number): number | null;
}

function isNumber(vector: DuckDBVector): boolean {
  return [DuckDBTinyIntVector, DuckDBSmallIntVector, DuckDBIntegerVector, DuckDBUTinyIntVector, DuckDBUSmallIntVector, DuckDBUIntegerVector, DuckDBFloatVector, DuckDBDoubleVector].some(
    (kind) => vector instanceof kind,
  );
}

function isWideInteger(vector: DuckDBVector): boolean {
  return vector instanceof DuckDBBigIntVector || vector instanceof DuckDBUBigIntVector || vector instanceof DuckDBHugeIntVector || vector instanceof DuckDBUHugeIntVector;
}

function isVariableSize(vector: DuckDBVector): boolean {
  return (
    vector instanceof DuckDBVarCharVector ||
    vector instanceof DuckDBBlobVector ||
    vector instanceof DuckDBListVector ||
    vector instanceof DuckDBMapVector ||
    vector instanceof DuckDBArrayVector ||
    vector instanceof DuckDBStructVector
  );
}

/** Values in a fixed-size ARRAY, nested arrays multiplied out. */
function arrayLeafCount(type: DuckDBType): number {
  return type instanceof DuckDBArrayType ? type.length * arrayLeafCount(type.valueType) : 1;
}
