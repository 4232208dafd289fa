import { useEffect, useState } from 'react';
import { api } from '../api/api-client.js';
import { normaliseResultData, type ResultData } from '../api/dto.js';

const cache = new Map<string, Promise<ResultData>>();

/** Loads the full result behind a `data-ready` handle once per result id (a chart param change re-uses it). */
export function loadResultData(resultId: string): Promise<ResultData> {
  let pending = cache.get(resultId);
  if (!pending) {
    pending = api.getData(resultId).then(normaliseResultData);
    pending.catch(() => cache.delete(resultId));
    cache.set(resultId, pending);
  }
  return pending;
}

export function useResultData(resultId: string | null | undefined): { data: ResultData | null; error: string | null; loading: boolean } {
  const [state, setState] = useState<{ id: string | null; data: ResultData | null; error: string | null }>({ id: null, data: null, error: null });
  useEffect(() => {
    if (!resultId) return;
    let active = true;
    loadResultData(resultId).then(
      (data) => active && setState({ id: resultId, data, error: null }),
      (error: Error) => active && setState({ id: resultId, data: null, error: error.message }),
    );
    return () => {
      active = false;
    };
  }, [resultId]);
  if (!resultId) return { data: null, error: null, loading: false };
  const current = state.id === resultId;
  return { data: current ? state.data : null, error: current ? state.error : null, loading: !current };
}
