import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireStoreLock } from './store-lock.js';

describe('store lock', () => {
  it('refuses a second holder while the first is alive, and frees on release', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'insightx-lock-'));
    const release = acquireStoreLock(dir);
    // Another live process (our parent) holding the lock:
    writeFileSync(path.join(dir, 'insightx.pid'), String(process.ppid));
    expect(() => acquireStoreLock(dir)).toThrow(expect.objectContaining({ code: 'STORE_LOCKED' }));
    release();
    acquireStoreLock(dir)();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes over a lock left by a process that died', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'insightx-lock-'));
    writeFileSync(path.join(dir, 'insightx.pid'), '999999999');
    const release = acquireStoreLock(dir);
    release();
    rmSync(dir, { recursive: true, force: true });
  });
});
