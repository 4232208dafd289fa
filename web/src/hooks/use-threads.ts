import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/api-client.js';
import type { ThreadDto } from '../api/dto.js';

/** The thread list with its mutations; every change re-reads the list from the server. */
export function useThreads() {
  const [threads, setThreads] = useState<ThreadDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setThreads(await api.listThreads());
      setError(null);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const create = useCallback(
    async (title = 'New thread', datasource: string | null = null) => {
      const thread = await api.createThread(datasource ? { title, datasource } : { title });
      await refresh();
      return thread;
    },
    [refresh],
  );
  const rename = useCallback(
    async (id: string, title: string) => {
      await api.renameThread(id, title);
      await refresh();
    },
    [refresh],
  );
  const remove = useCallback(
    async (id: string) => {
      await api.deleteThread(id);
      await refresh();
    },
    [refresh],
  );
  return { threads, error, loaded, refresh, create, rename, remove };
}
