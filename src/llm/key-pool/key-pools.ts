import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InsightxConfig } from '../../core/config.js';
import { KeyPool, type KeyStatus } from './key-pool.js';

/** The key pools of all configured providers, by provider name. */
export type KeyPools = ReadonlyMap<string, KeyPool>;

export interface CreateKeyPoolsOptions {
  /**
   * A JSON file where per-key usage and health are kept between processes, so `insightx keys`
   * shows what `insightx ask` and the server did. Keys are stored by fingerprint, never in clear.
   */
  statePath?: string;
  now?: () => number;
}

type SavedState = Record<string, KeyStatus[]>;

/** The usual place of the key state file inside the data directory. */
export function keyPoolStatePath(dataDir: string): string {
  return path.join(dataDir, 'key-usage.json');
}

/** One pool per provider that has keys in the configuration (file and environment merged). */
export function createKeyPools(config: Pick<InsightxConfig, 'providers'>, options: CreateKeyPoolsOptions = {}): KeyPools {
  const saved = options.statePath ? readState(options.statePath) : {};
  const pools = new Map<string, KeyPool>();
  const save = (): void => {
    if (!options.statePath) return;
    const state: SavedState = { ...saved };
    for (const [name, pool] of pools) state[name] = pool.status();
    writeState(options.statePath, state);
  };
  for (const [name, settings] of Object.entries(config.providers ?? {})) {
    if (!settings.keys || settings.keys.length === 0) continue;
    const pool = new KeyPool({ provider: name, keys: settings.keys, now: options.now, defaultCooldownMs: settings.cooldownMs, onChange: save });
    pool.restore(saved[name] ?? []);
    pools.set(name, pool);
  }
  return pools;
}

function readState(statePath: string): SavedState {
  try {
    const parsed: unknown = JSON.parse(readFileSync(statePath, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as SavedState) : {};
  } catch {
    // No file yet, or one we cannot read: usage starts from zero, which loses nothing the user relies on.
    return {};
  }
}

function writeState(statePath: string, state: SavedState): void {
  try {
    mkdirSync(path.dirname(statePath), { recursive: true });
    const temporary = `${statePath}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(temporary, statePath);
  } catch {
    // Usage bookkeeping must never fail a model call; the counters stay in memory.
  }
}
