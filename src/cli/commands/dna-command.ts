import type { Command } from 'commander';
import { AppError } from '../../core/app-error.js';
import { loadConfig } from '../../core/load-config.js';
import { formatDna } from '../../data/dna/index.js';
import type { CliIo } from '../cli-io.js';
import { createCliRuntime } from '../create-runtime.js';
import { Spinner } from '../output/spinner.js';

export interface DnaOptions {
  datasource?: string;
  json?: boolean;
}

/** `insightx dna [table]`: the Data DNA of a datasource, for people (or as JSON). */
export async function runDna(io: CliIo, table: string | undefined, options: DnaOptions): Promise<number> {
  const config = loadConfig({ cwd: io.cwd, env: io.env });
  const runtime = createCliRuntime(config, { env: io.env });
  const datasource = options.datasource ?? config.defaultDatasource;
  try {
    const spinner = new Spinner(io.stderr);
    spinner.start(`Profiling ${datasource}…`, { quietWhenPiped: true });
    let dna;
    try {
      ({ dna } = await runtime.prepare(datasource, (message) => spinner.update(message)));
    } finally {
      spinner.stop();
    }
    const names = dna.tables.map((profile) => profile.name);
    if (table !== undefined && !names.includes(table)) {
      throw new AppError('INPUT_INVALID', `No table "${table}" in ${datasource}; its tables are: ${names.join(', ')}.`);
    }
    if (options.json) {
      const tables = table === undefined ? dna.tables : dna.tables.filter((profile) => profile.name === table);
      io.stdout.write(`${JSON.stringify({ ...dna, tables })}\n`);
    } else {
      io.stdout.write(`${formatDna(dna, table)}\n`);
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

export function registerDnaCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('dna')
    .description('Show the Data DNA (a profile of every table and column) of a datasource')
    .argument('[table]', 'only this table')
    .option('-d, --datasource <name|path>', 'a configured datasource name, or a .duckdb/.sqlite/.csv/.parquet/.json file')
    .option('--json', 'print the Data DNA as JSON')
    .action(async (table: string | undefined, options: DnaOptions) => setExitCode(await runDna(io, table, options)));
}
