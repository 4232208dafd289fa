import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io.js';
import { runAsk } from './ask-command.js';
import { runSynonymAdd, runSynonymList, runSynonymRemove } from './synonym-command.js';

function memoryIo(cwd: string, env: Record<string, string>): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    env,
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => ((err += text), true), isTTY: false } as unknown as CliIo['stderr'],
    out: () => out,
    err: () => err,
  };
}

describe('insightx synonym', () => {
  let dir: string;
  let csv: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'insightx-synonym-cli-'));
    csv = path.join(dir, 'subscriptions.csv');
    writeFileSync(csv, 'subscription_id,plan,status,monthly_fee\n1,basic,live,10\n2,pro,live,25\n3,team,cancelled,40\n4,pro,paused,25\n5,basic,live,10\n');
    env = { INSIGHTX_DATA_DIR: path.join(dir, 'data') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a value synonym that the next `ask` reads, lists it, and removes it', async () => {
    const before = memoryIo(dir, env);
    await runAsk(before, 'How many active subscriptions?', { datasource: csv, json: true });
    expect(JSON.parse(before.out()).route).toBe('CLARIFY');

    const add = memoryIo(dir, env);
    expect(await runSynonymAdd(add, csv, 'active', { column: 'status', value: 'live' })).toBe(0);
    expect(add.out()).toMatch(/^syn_\S+\t"active" means subscriptions\.status = 'live'\n$/);

    const after = memoryIo(dir, env);
    await runAsk(after, 'How many active subscriptions?', { datasource: csv, json: true });
    const answer = JSON.parse(after.out());
    expect(answer.route).not.toBe('CLARIFY');
    expect(answer.rows).toEqual([[3]]);

    const list = memoryIo(dir, env);
    await runSynonymList(list, csv, {});
    const id = list.out().split('\t')[0];
    expect(list.out()).toContain(`"active" means subscriptions.status = 'live'`);
    expect(await runSynonymRemove(memoryIo(dir, env), csv, id, {})).toBe(0);
    const empty = memoryIo(dir, env);
    await runSynonymList(empty, csv, {});
    expect(empty.out()).toBe('');
  });

  it('refuses a column the datasource does not have, saying where to look', async () => {
    await expect(runSynonymAdd(memoryIo(dir, env), csv, 'tier', { column: 'tier_level' })).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('insightx dna') });
  });
});
