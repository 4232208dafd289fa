import type { KeyFailure, KeyFailureReason } from './key-failure.js';
import { fingerprintKey, maskKey } from './mask-key.js';

/** Usage and health of one key, as `insightx keys` shows it (the key itself is never in here). */
export interface KeyStatus {
  /** 1-based position in the provider's key list. */
  number: number;
  masked: string;
  fingerprint: string;
  calls: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  /** Epoch ms until which the key rests, or null when it is usable. */
  cooldownUntil: number | null;
  lastError: { reason: KeyFailureReason; message: string; status?: number; at: number } | null;
}

export interface KeyPoolOptions {
  provider: string;
  keys: readonly string[];
  /** Epoch milliseconds; injected so tests control cooldowns. */
  now?: () => number;
  /** Rest for a rate-limited key when the provider sends no `retry-after`. */
  defaultCooldownMs?: number;
  /** Called after every change (for persistence). */
  onChange?: (pool: KeyPool) => void;
}

/** How long each kind of failure rests a key when the provider does not say. */
function cooldownFor(failure: KeyFailure, defaultMs: number): number {
  if (failure.retryAfterMs !== undefined) return failure.retryAfterMs;
  switch (failure.reason) {
    case 'rate-limited':
    case 'overloaded':
      return defaultMs;
    case 'connection-failed':
      return Math.min(defaultMs, 10_000);
    case 'quota-exhausted':
      return 60 * 60_000;
    case 'unauthorized':
    case 'forbidden':
      // A refused key stays refused until someone changes it; a new key has a new fingerprint.
      return 24 * 60 * 60_000;
  }
}

/**
 * The keys of one provider with their usage and health. Calls start on the key that last
 * worked (so a healthy key keeps serving) and go round the list, skipping resting keys.
 */
export class KeyPool {
  readonly provider: string;
  private readonly keys: readonly string[];
  private readonly states: KeyStatus[];
  private readonly now: () => number;
  private readonly defaultCooldownMs: number;
  private readonly onChange?: (pool: KeyPool) => void;
  private current = 0;

  constructor(options: KeyPoolOptions) {
    this.provider = options.provider;
    this.keys = [...options.keys];
    this.now = options.now ?? Date.now;
    this.defaultCooldownMs = options.defaultCooldownMs ?? 60_000;
    this.onChange = options.onChange;
    this.states = this.keys.map((key, index) => ({
      number: index + 1,
      masked: maskKey(key),
      fingerprint: fingerprintKey(key),
      calls: 0,
      failures: 0,
      inputTokens: 0,
      outputTokens: 0,
      cooldownUntil: null,
      lastError: null,
    }));
  }

  get size(): number {
    return this.keys.length;
  }

  /** The key with this 1-based number. */
  key(number: number): string {
    const key = this.keys[number - 1];
    if (key === undefined) throw new RangeError(`${this.provider} has no key ${number}`);
    return key;
  }

  /** Key numbers to try for one call, in order: the current key first, resting keys left out. */
  candidates(): number[] {
    const now = this.now();
    const order: number[] = [];
    for (let step = 0; step < this.keys.length; step += 1) {
      const state = this.states[(this.current + step) % this.keys.length];
      if (state.cooldownUntil === null || state.cooldownUntil <= now) order.push(state.number);
    }
    return order;
  }

  markSuccess(number: number): void {
    const state = this.states[number - 1];
    state.calls += 1;
    state.cooldownUntil = null;
    this.current = number - 1;
    this.changed();
  }

  markFailure(number: number, failure: KeyFailure): void {
    const state = this.states[number - 1];
    const now = this.now();
    state.failures += 1;
    state.cooldownUntil = now + cooldownFor(failure, this.defaultCooldownMs);
    state.lastError = { reason: failure.reason, message: failure.message, at: now, ...(failure.status ? { status: failure.status } : {}) };
    this.changed();
  }

  recordUsage(number: number, tokens: { inputTokens: number; outputTokens: number }): void {
    const state = this.states[number - 1];
    if (!state) return;
    state.inputTokens += tokens.inputTokens;
    state.outputTokens += tokens.outputTokens;
    this.changed();
  }

  /** A copy of every key's usage and health. */
  status(): KeyStatus[] {
    return this.states.map((state) => ({ ...state, lastError: state.lastError ? { ...state.lastError } : null }));
  }

  /** Takes back saved usage and health for keys that are still configured (matched by fingerprint). */
  restore(saved: readonly KeyStatus[]): void {
    for (const state of this.states) {
      const previous = saved.find((entry) => entry.fingerprint === state.fingerprint);
      if (!previous) continue;
      Object.assign(state, {
        calls: previous.calls,
        failures: previous.failures,
        inputTokens: previous.inputTokens,
        outputTokens: previous.outputTokens,
        cooldownUntil: previous.cooldownUntil,
        lastError: previous.lastError,
      });
    }
  }

  private changed(): void {
    this.onChange?.(this);
  }
}
