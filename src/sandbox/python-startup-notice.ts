import type { PythonRunner } from './python-runner.js';

/**
 * The line to tell people once at start when Python analysis cannot run here (null when it
 * can): the CLI prints it to stderr, the server logs it. Runs the runner's (cached) detection,
 * so the first question does not pay for it.
 */
export async function pythonStartupNotice(runner: PythonRunner): Promise<string | null> {
  const availability = await runner.detect();
  return availability.available ? null : availability.message;
}
