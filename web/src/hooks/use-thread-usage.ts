import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/api-client.js';
import type { ThreadDatabasesDto, ThreadTokensDto } from '../api/dto.js';

/** Token/cost totals and the datasources of a thread; `refresh` after each run. */
export function useThreadUsage(threadId: string | null) {
  const [tokens, setTokens] = useState<ThreadTokensDto | null>(null);
  const [databases, setDatabases] = useState<ThreadDatabasesDto | null>(null);
  const refresh = useCallback(async () => {
    if (!threadId) return;
    // Usage is secondary: a failure leaves the last known figures rather than an error banner.
    const [nextTokens, nextDatabases] = await Promise.allSettled([api.getThreadTokens(threadId), api.getThreadDatabases(threadId)]);
    if (nextTokens.status === 'fulfilled') setTokens(nextTokens.value);
    if (nextDatabases.status === 'fulfilled') setDatabases(nextDatabases.value);
  }, [threadId]);
  useEffect(() => {
    setTokens(null);
    setDatabases(null);
    void refresh();
  }, [refresh]);
  return { tokens, databases, refresh };
}
