import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A real InsightX server (`insightx serve`) on a free loopback port with a fresh data dir. */
export interface RunningServer {
  url: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `node bin/insightx.js serve --port 0 --data-dir <tmp>`, exactly what `npm start`
 * runs, and waits for it to print its URL. The web app must have been built (`npm run
 * build:web`, which `npm install` does).
 */
export async function startServer(): Promise<RunningServer> {
  // Point the suite at a server that is already running (debugging the UI against `npm start`).
  const existing = process.env.INSIGHTX_E2E_URL;
  if (existing) return { url: existing, dataDir: '', output: () => '', stop: async () => undefined };
  if (!existsSync(path.join(repoRoot, 'web/dist/index.html')) || !existsSync(path.join(repoRoot, 'web/dist/viz/runtime.js'))) {
    throw new Error('web/dist is missing: run `npm run build:web` (npm install does it) before the e2e tests.');
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'insightx-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['bin/insightx.js', 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not print its URL within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
