import { Command } from 'commander';
import { registerServeCommand } from './src/cli/commands/serve-command.js';
const program = new Command('insightx');
registerServeCommand(program, { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr as never }, (code) => { process.exitCode = code; });
await program.parseAsync(process.argv.slice(2), { from: 'user' });
