import type { QueryResult } from '../core/query-result.js';

/**
 * Full query results behind a `resultId` (ARCHITECTURE §3: the model gets a summary, the UI
 * a handle). The CLI uses the in-memory one; the server a persistent one.
 */
export interface StoredResult extends QueryResult {
  id: string;
  sql: string;
  datasource: string;
  createdAt: string;
}

export interface ResultStore {
  save(result: Omit<StoredResult, 'createdAt'>): Promise<StoredResult>;
  get(id: string): Promise<StoredResult | undefined>;
}

export function createMemoryResultStore(now: () => Date = () => new Date()): ResultStore {
  const results = new Map<string, StoredResult>();
  return {
    async save(result) {
      const stored = { ...result, createdAt: now().toISOString() };
      results.set(stored.id, stored);
      return stored;
    },
    async get(id) {
      return results.get(id);
    },
  };
}
