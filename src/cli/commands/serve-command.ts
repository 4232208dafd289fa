import type { Command } from 'commander';
import { AppError } from '../../core/app-error.js';
import { configFilePath, loadConfig } from '../../core/load-config.js';
import { startServer } from '../../server/main.js';
import type { CliIo } from '../cli-io.js';

export interface ServeOptions {
  port?: string;
  host?: string;
  dataDir?: string;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new AppError('INPUT_INVALID', `--port takes a whole number from 0 to 65535, got "${value}".`);
  }
  return port;
}

/** Resolves on the first SIGINT or SIGTERM with its name. */
export function waitForStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `insightx serve`: starts the HTTP server (127.0.0.1:3000 by default), prints its URL and
 * stops gracefully on SIGINT/SIGTERM: no new runs, running ones finish or are cancelled,
 * databases closed.
 */
export async function runServe(io: CliIo, options: ServeOptions, waitForStop: () => Promise<string> = waitForStopSignal): Promise<number> {
  const port = parsePort(options.port);
  const config = loadConfig({ cwd: io.cwd, env: io.env, overrides: { dataDir: options.dataDir } });
  const configFile = configFilePath({ cwd: io.cwd, env: io.env });
  const server = await startServer({ config, configFile, env: io.env, host: options.host ?? '127.0.0.1', port, print: (line) => io.stdout.write(`${line}\n`) });
  const signal = await waitForStop();
  io.stdout.write(`${signal}: shutting down (letting running answers finish)…\n`);
  await server.close();
  io.stdout.write('stopped\n');
  return 0;
}

export function registerServeCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('serve')
    .description('Start the InsightX server (web app and API) on 127.0.0.1:3000')
    .option('-p, --port <number>', 'port to listen on (0 picks a free one)', '3000')
    .option('-H, --host <address>', 'address to bind; anything but loopback requires API tokens', '127.0.0.1')
    .option('--data-dir <dir>', 'where InsightX keeps its files (default .insightx)')
    .action(async (options: ServeOptions) => setExitCode(await runServe(io, options)));
}
