const NUL = '\u0000';

/**
 * Where a NUL character sits in a parsed JSON value, query or path parameters: the dotted path
 * of the first string or key holding one ('' for the value itself), or undefined. Bodies reach
 * here with their depth already bounded (json-body-parser.ts), so the recursion is too.
 */
export function findNulByte(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findNulByte(value[index], path ? `${path}.${index}` : String(index));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  // Only plain data: parsed JSON, and the router's query and params objects (whose prototype
  // is a null-prototype object). A streamed upload body, deeper in a class chain, is not walked.
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== null && Object.getPrototypeOf(prototype) !== null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes(NUL)) return childPath;
    const found = findNulByte(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}
