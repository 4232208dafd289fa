import { useEffect, useMemo, useState } from 'react';
import { createDebouncer } from './create-debouncer.js';

/** The value, `delayMs` after it stopped changing. */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  const debouncer = useMemo(() => createDebouncer<T>(setSettled, delayMs), [delayMs]);
  useEffect(() => {
    debouncer.push(value);
  }, [value, debouncer]);
  useEffect(() => () => debouncer.cancel(), [debouncer]);
  return settled;
}
