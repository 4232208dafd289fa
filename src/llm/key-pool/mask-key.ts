import { createHash } from 'node:crypto';

/** `sk-proj-abcdef…a1b2` → `sk-…a1b2`: enough to tell keys apart, never enough to use one. */
export function maskKey(key: string): string {
  const tail = key.length > 8 ? key.slice(-4) : '';
  const dash = key.indexOf('-');
  const head = dash > 0 && dash <= 4 ? key.slice(0, dash + 1) : '';
  return `${head}…${tail}`;
}

/** A stable, non-reversible id for a key, so saved usage follows the key and not its position. */
export function fingerprintKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
