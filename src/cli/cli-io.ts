import type { ProgressStream } from './output/spinner.js';

/** What a command may touch of the process: passed in, so tests run commands in-process. */
export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: ProgressStream;
}
