import Table from 'cli-table3';
import type { Command } from 'commander';
import { loadConfig } from '../../core/load-config.js';
import { createKeyPools, keyPoolStatePath } from '../../llm/key-pool/key-pools.js';
import type { KeyStatus } from '../../llm/key-pool/key-pool.js';
import type { CliIo } from '../cli-io.js';

export interface KeysOptions {
  json?: boolean;
}

/** "ok", or "resting 42 s (rate-limited)". */
function describeHealth(status: KeyStatus, now: number): string {
  if (status.cooldownUntil !== null && status.cooldownUntil > now) {
    const seconds = Math.ceil((status.cooldownUntil - now) / 1000);
    const wait = seconds >= 3600 ? `${Math.round(seconds / 3600)} h` : seconds >= 60 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
    return `resting ${wait} (${status.lastError?.reason ?? 'failed'})`;
  }
  return 'ok';
}

/**
 * `insightx keys`: every configured API key (masked, e.g. `sk-…a1b2`) with its calls, tokens,
 * failures and health, as kept by the key pools of `insightx ask` and the server in the data
 * directory. Keys come from insightx.config.json and `<PROVIDER>_API_KEYS` / `_API_KEY_N`.
 */
export async function runKeys(io: CliIo, options: KeysOptions, now = Date.now()): Promise<number> {
  const config = loadConfig({ cwd: io.cwd, env: io.env });
  const pools = createKeyPools(config, { statePath: keyPoolStatePath(config.dataDir) });
  const providers = [...pools.values()].map((pool) => ({ provider: pool.provider, keys: pool.status() }));
  if (options.json) {
    const json = providers.map(({ provider, keys }) => ({
      provider,
      keys: keys.map(({ fingerprint: _fingerprint, ...status }) => ({ ...status, health: describeHealth({ ...status, fingerprint: '' }, now) })),
    }));
    io.stdout.write(`${JSON.stringify({ providers: json })}\n`);
    return 0;
  }
  if (providers.length === 0) {
    io.stdout.write('No API keys configured. Set e.g. OPENAI_API_KEYS=sk-1,sk-2 or BYTEZ_API_KEY_1..N, or providers.<name>.keys in insightx.config.json.\n');
    return 0;
  }
  for (const { provider, keys } of providers) {
    const table = new Table({ head: ['#', 'key', 'calls', 'input tokens', 'output tokens', 'failures', 'health', 'last error'] });
    for (const status of keys) {
      const lastError = status.lastError ? `${status.lastError.reason}${status.lastError.status ? ` (HTTP ${status.lastError.status})` : ''}` : '';
      table.push([status.number, status.masked, status.calls, status.inputTokens, status.outputTokens, status.failures, describeHealth(status, now), lastError]);
    }
    io.stdout.write(`${provider} (${keys.length} key${keys.length === 1 ? '' : 's'})\n${table.toString()}\n`);
  }
  return 0;
}

export function registerKeysCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('keys')
    .description('Show the configured LLM API keys (masked) with their usage and health')
    .option('--json', 'print the keys as JSON')
    .action(async (options: KeysOptions) => setExitCode(await runKeys(io, options)));
}
