import { randomUUID } from 'node:crypto';

/** Makes ids with a readable prefix (`run_…`, `res_…`). Injected so tests can be deterministic. */
export type IdGenerator = (prefix: string) => string;

export const randomIds: IdGenerator = (prefix) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`;

/** Deterministic ids for tests: `run_1`, `run_2`, … per prefix. */
export function sequentialIds(): IdGenerator {
  const counters = new Map<string, number>();
  return (prefix) => {
    const next = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, next);
    return `${prefix}_${next}`;
  };
}
