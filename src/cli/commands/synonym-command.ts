import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { SynonymSource } from '../../agents/orchestrator-deps.js';
import { AppError } from '../../core/app-error.js';
import type { InsightxConfig } from '../../core/config.js';
import { loadConfig } from '../../core/load-config.js';
import { describeSynonymTarget, SynonymInput } from '../../core/synonym.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import type { CliIo } from '../cli-io.js';
import { createCliRuntime } from '../create-runtime.js';

export interface SynonymOptions {
  workspace?: string;
  dataDir?: string;
  table?: string;
  column?: string;
  value?: string;
}

async function withStore<T>(config: InsightxConfig, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: config.store.databaseUrl, schema: config.store.schema, dataDir: config.dataDir });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const configOf = (io: CliIo, options: SynonymOptions) => loadConfig({ cwd: io.cwd, env: io.env, overrides: { dataDir: options.dataDir } });

/**
 * The CLI's synonyms: the store of the 'local' workspace (the one the local server uses), opened
 * for each read. With no store yet there are none; while a server holds the embedded store, the
 * run goes on without them and says so.
 */
export function createCliSynonymSource(config: InsightxConfig, warn: (line: string) => void, workspace = 'local'): SynonymSource {
  const hasStore = () => Boolean(config.store.databaseUrl) || existsSync(path.join(config.dataDir, 'store'));
  const nameOf = (datasource: string) => datasource;
  return {
    async list(scope) {
      if (!hasStore()) return [];
      try {
        return await withStore(config, async (store) => {
          const owner = await store.workspaces.getByName(workspace);
          return owner ? store.synonyms.list(owner.id, nameOf(scope.datasource)) : [];
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'STORE_LOCKED') {
          warn('saved synonyms not used: the store is in use by a running server (ask it, or stop it)');
          return [];
        }
        throw error;
      }
    },
    async save(scope, input) {
      return withStore(config, async (store) => store.synonyms.save((await store.workspaces.ensure(workspace)).id, nameOf(scope.datasource), input));
    },
  };
}

/** `insightx synonym add DATASOURCE WORD --column C [--value V] [--table T]`: checked against the Data DNA, then saved. */
export async function runSynonymAdd(io: CliIo, datasource: string, word: string, options: SynonymOptions): Promise<number> {
  const config = configOf(io, options);
  if (!options.column && !options.table) throw new AppError('INPUT_INVALID', 'Say what the word means: --column <name> (with --value for one value), or --table <name>.');
  const runtime = createCliRuntime(config, { env: io.env });
  let input: SynonymInput;
  try {
    const { dna } = await runtime.prepare(datasource);
    const tables = options.table ? dna.tables.filter((t) => t.name.toLowerCase() === options.table?.toLowerCase()) : dna.tables;
    if (tables.length === 0) throw new AppError('INPUT_INVALID', `No table "${options.table}" in ${datasource}; its tables are: ${dna.tables.map((t) => t.name).join(', ')}.`);
    if (!options.column) {
      input = SynonymInput.parse({ word, table: tables[0].name });
    } else {
      const owners = tables.filter((t) => t.columns.some((c) => c.name.toLowerCase() === options.column?.toLowerCase()));
      if (owners.length === 0) throw new AppError('INPUT_INVALID', `No column "${options.column}" in ${options.table ?? datasource}; name one the Data DNA lists (insightx dna).`);
      if (owners.length > 1) throw new AppError('INPUT_INVALID', `Several tables have a column "${options.column}" (${owners.map((t) => t.name).join(', ')}); say which with --table.`);
      const column = owners[0].columns.find((c) => c.name.toLowerCase() === options.column?.toLowerCase())!;
      input = SynonymInput.parse({ word, table: owners[0].name, column: column.name, value: options.value });
    }
  } finally {
    await runtime.close();
  }
  const saved = await withStore(config, async (store) => store.synonyms.save((await store.workspaces.ensure(options.workspace ?? 'local')).id, datasource, input));
  io.stdout.write(`${saved.id}\t"${saved.word}" means ${describeSynonymTarget(saved)}\n`);
  return 0;
}

/** `insightx synonym list DATASOURCE`. */
export async function runSynonymList(io: CliIo, datasource: string, options: SynonymOptions): Promise<number> {
  return withStore(configOf(io, options), async (store) => {
    const workspace = await store.workspaces.getByName(options.workspace ?? 'local');
    for (const synonym of workspace ? await store.synonyms.list(workspace.id, datasource) : []) {
      io.stdout.write(`${synonym.id}\t"${synonym.word}" means ${describeSynonymTarget(synonym)}\n`);
    }
    return 0;
  });
}

/** `insightx synonym remove DATASOURCE ID`. */
export async function runSynonymRemove(io: CliIo, datasource: string, id: string, options: SynonymOptions): Promise<number> {
  return withStore(configOf(io, options), async (store) => {
    const workspace = await store.workspaces.getByName(options.workspace ?? 'local');
    if (!workspace || !(await store.synonyms.delete(workspace.id, datasource, id))) {
      throw new AppError('NOT_FOUND', `No synonym ${id} of ${datasource}; \`insightx synonym list ${datasource}\` lists them.`);
    }
    io.stdout.write(`removed ${id}\n`);
    return 0;
  });
}

export function registerSynonymCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const synonym = program.command('synonym').description("A datasource's synonyms: words that mean a table, a column or one value");
  const common = (command: Command) =>
    command.option('-w, --workspace <name>', 'workspace the synonyms belong to', 'local').option('--data-dir <dir>', 'where InsightX keeps its files');
  common(
    synonym
      .command('add')
      .description('Save a word for a column (--column), one of its values (--column --value) or a table (--table)')
      .argument('<datasource>', 'a configured datasource name or a file path')
      .argument('<word>', 'the word or phrase, e.g. active')
      .option('-t, --table <name>', 'the table (needed when several tables have the column)')
      .option('-c, --column <name>', 'the column the word means')
      .option('-v, --value <value>', "one value of the column (a filter: 'by active I mean status = live')"),
  ).action(async (datasource: string, word: string, options: SynonymOptions) => setExitCode(await runSynonymAdd(io, datasource, word, options)));
  common(synonym.command('list').description("List a datasource's synonyms").argument('<datasource>')).action(
    async (datasource: string, options: SynonymOptions) => setExitCode(await runSynonymList(io, datasource, options)),
  );
  common(synonym.command('remove').description('Remove a synonym by id').argument('<datasource>').argument('<id>', 'synonym id (syn_…)')).action(
    async (datasource: string, id: string, options: SynonymOptions) => setExitCode(await runSynonymRemove(io, datasource, id, options)),
  );
}
