/** Why a key was set aside. The words appear in `key-rotated` events and `insightx keys`. */
export type KeyFailureReason =
  | 'rate-limited'
  | 'quota-exhausted'
  | 'unauthorized'
  | 'forbidden'
  | 'overloaded'
  | 'connection-failed';

export interface KeyFailure {
  reason: KeyFailureReason;
  /** The provider's words (its error message), or the connection error. */
  message: string;
  /** HTTP status, absent for connection failures. */
  status?: number;
  /** From `retry-after-ms` / `retry-after`, when the provider sent one. */
  retryAfterMs?: number;
}
