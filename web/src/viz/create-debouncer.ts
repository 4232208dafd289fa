/** A trailing-edge debouncer: `push` many times, `apply` runs once with the last value after `delayMs` of quiet. */
export interface Debouncer<T> {
  push(value: T): void;
  /** Drops a pending value (unmount, or controls disabled again). */
  cancel(): void;
}

/** Creates a {@link Debouncer}; the timers are injectable so tests drive time. */
export function createDebouncer<T>(
  apply: (value: T) => void,
  delayMs: number,
  timers: { setTimeout: (callback: () => void, ms: number) => unknown; clearTimeout: (handle: unknown) => void } = {
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
): Debouncer<T> {
  let handle: unknown = null;
  return {
    push(value) {
      if (handle !== null) timers.clearTimeout(handle);
      handle = timers.setTimeout(() => {
        handle = null;
        apply(value);
      }, delayMs);
    },
    cancel() {
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
  };
}

/** How long parameter controls wait for the person to stop typing before re-rendering. */
export const PARAM_DEBOUNCE_MS = 300;
