import { useEffect, useState } from 'react';
import type { DataDna } from '../../../src/core/dna.js';
import { api } from '../api/api-client.js';

/** The Data DNA of a datasource; `reload` re-reads it (after a datasource was added). */
export function useDna(datasource: string | null | undefined): { dna: DataDna | null; error: string | null; loading: boolean } {
  const [state, setState] = useState<{ key: string | null; dna: DataDna | null; error: string | null }>({ key: null, dna: null, error: null });
  useEffect(() => {
    if (!datasource) return;
    let active = true;
    api.getDna(datasource).then(
      (dna) => active && setState({ key: datasource, dna, error: null }),
      (error: Error) => active && setState({ key: datasource, dna: null, error: error.message }),
    );
    return () => {
      active = false;
    };
  }, [datasource]);
  const current = state.key === datasource;
  return { dna: current ? state.dna : null, error: current ? state.error : null, loading: Boolean(datasource) && !current };
}
