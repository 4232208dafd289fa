import { Command, CommanderError } from 'commander';
import { isAppError, toAppError } from '../core/app-error.js';
import { routeModelWarnings } from '../llm/route-model-warnings.js';
import type { CliIo } from './cli-io.js';
import { registerAskCommand } from './commands/ask-command.js';
import { registerDatasourceCommand } from './commands/datasource-command.js';
import { registerDnaCommand } from './commands/dna-command.js';
import { registerEvalCommand } from './commands/eval-command.js';
import { registerKeysCommand } from './commands/keys-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerSynonymCommand } from './commands/synonym-command.js';
import { registerTokenCommand } from './commands/token-command.js';

/**
 * The `insightx` command (bin/insightx.js loads this file through tsx). Each subcommand
 * lives in `commands/<name>-command.ts` and registers itself here.
 */
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('insightx')
    .description('InsightX: a self-hosted AI data analyst. Ask questions about your data in plain language.')
    .showHelpAfterError('(run insightx --help for the commands)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  registerAskCommand(program, io, setExitCode);
  registerDatasourceCommand(program, io, setExitCode);
  registerDnaCommand(program, io, setExitCode);
  registerEvalCommand(program, io, setExitCode);
  registerKeysCommand(program, io, setExitCode);
  registerServeCommand(program, io, setExitCode);
  registerSynonymCommand(program, io, setExitCode);
  registerTokenCommand(program, io, setExitCode);
  return program;
}

/** Runs the CLI with the given arguments; returns the process exit code. Errors become one line. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage mistakes (unknown option, missing argument) are bad input.
      return error.exitCode === 0 ? 0 : 2;
    }
    const appError = toAppError(error);
    io.stderr.write(`insightx: ${appError.message} (${appError.code})\n`);
    if (!isAppError(error) || appError.code === 'INTERNAL') io.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return appError.category === 'user' ? 2 : 1;
  }
}

const isEntryPoint = process.argv[1] !== undefined && /insightx(\.js)?$|main\.ts$/.test(process.argv[1]);
if (isEntryPoint) {
  // Model warnings go to stderr: with --json, stdout holds exactly one JSON object.
  routeModelWarnings((line) => process.stderr.write(`insightx: ${line}`));
  const code = await runCli(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
  process.exitCode = code;
}
