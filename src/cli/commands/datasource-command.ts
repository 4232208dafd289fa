import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError, toAppError } from '../../core/app-error.js';
import { DatasourceConfig } from '../../core/config.js';
import { configFilePath, loadConfig } from '../../core/load-config.js';
import { createDatasourceRegistry } from '../../data/datasource-registry.js';
import { redactPostgresUrl, scrubSecret } from '../../data/postgres/postgres-connection-options.js';
import { resolveSecretReferences } from '../../data/resolve-secret-references.js';
import type { CliIo } from '../cli-io.js';
import { readRawConfig, writeRawConfig } from '../config-file-edit.js';

const FILE_EXTENSIONS: Record<string, 'duckdb' | 'sqlite' | 'file'> = {
  '.duckdb': 'duckdb', '.ddb': 'duckdb',
  '.db': 'sqlite', '.sqlite': 'sqlite', '.sqlite3': 'sqlite',
  '.csv': 'file', '.tsv': 'file', '.parquet': 'file', '.json': 'file', '.jsonl': 'file', '.ndjson': 'file',
};

/** The datasource a `NAME URL|PATH` pair describes: postgres://, mysql:// (or mariadb://), or a file by extension. */
export function datasourceFromTarget(name: string, target: string, cwd: string): DatasourceConfig {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name)) {
    throw new AppError('INPUT_INVALID', `datasource name "${name}": use a letter then letters, digits, _ or - (at most 64), e.g. loans_db.`);
  }
  if (/^postgres(ql)?:\/\//i.test(target)) return { kind: 'postgres', name, url: target };
  if (/^(mysql|mariadb):\/\//i.test(target)) return { kind: 'mysql', name, url: target };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    throw new AppError('INPUT_INVALID', `"${maskUrl(target)}": InsightX connects to postgres:// and mysql:// (or mariadb://) URLs, or reads a file path (.duckdb, .sqlite, .csv, .parquet, .json).`);
  }
  const file = path.resolve(cwd, target);
  const kind = FILE_EXTENSIONS[path.extname(file).toLowerCase()];
  if (!kind) {
    throw new AppError('INPUT_INVALID', `${file}: not a known kind of file; use .duckdb, .db/.sqlite/.sqlite3, .csv, .tsv, .parquet, .json or .jsonl, or a postgres:// or mysql:// URL.`);
  }
  if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('INPUT_INVALID', `${file}: no such file.`);
  return { kind, name, path: file };
}

/** A URL with its password (and secret query parameters) shown as ***; a `${NAME}` reference is masked too. */
export function maskUrl(url: string): string {
  return redactPostgresUrl(url).replace(/\$%7B[^@/]*%7D/gi, '***');
}

function describeTarget(config: DatasourceConfig): string {
  if ('url' in config) return maskUrl(config.url);
  if ('path' in config) return config.path;
  return '(built in)';
}

/** An error's text with every password of the URL removed, whatever part of the stack wrote it. */
function safeMessage(error: unknown, urls: string[]): string {
  const appError = toAppError(error);
  let text = `${appError.message} (${appError.code})`;
  for (const url of urls) text = scrubSecret(text.split(url).join(maskUrl(url)), url);
  return text;
}

export interface ConnectionCheck {
  ok: boolean;
  tables?: number;
  warnings: string[];
  error?: string;
}

/** Opens the datasource, lists its tables and asks for the account's warnings (e.g. that it can write). */
export async function checkConnection(config: DatasourceConfig, io: CliIo): Promise<ConnectionCheck> {
  const loaded = loadConfig({ cwd: io.cwd, env: io.env });
  const registry = createDatasourceRegistry({ env: io.env, dataDir: loaded.dataDir, datasources: [config], statementTimeoutMs: loaded.limits.statementTimeoutMs });
  const urls: string[] = [];
  if ('url' in config) {
    urls.push(config.url);
    try {
      urls.push(resolveSecretReferences(config.url, io.env, config.name));
    } catch {
      // an unset reference is reported by the open below
    }
  }
  try {
    const connector = await registry.get(config.name);
    const tables = (await connector.listTables()).length;
    const warnings = connector.accountWarnings ? await connector.accountWarnings() : [];
    return { ok: true, tables, warnings: warnings.map((warning) => urls.reduce((text, url) => scrubSecret(text, url), warning)) };
  } catch (error) {
    return { ok: false, warnings: [], error: safeMessage(error, urls) };
  } finally {
    await registry.closeAll().catch(() => undefined);
  }
}

function printCheck(io: CliIo, name: string, check: ConnectionCheck): void {
  if (check.ok) io.stdout.write(`Connection to "${name}" works: ${check.tables} table${check.tables === 1 ? '' : 's'}.\n`);
  else io.stderr.write(`insightx: cannot connect to "${name}": ${check.error}\n`);
  for (const warning of check.warnings) io.stdout.write(`Warning: ${warning}\n`);
}

function rawDatasources(raw: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(raw.datasources) ? (raw.datasources as Record<string, unknown>[]) : [{ kind: 'sample', name: 'sample' }];
}

export async function runDatasourceAdd(io: CliIo, name: string, target: string, options: { test?: boolean }): Promise<number> {
  const config = DatasourceConfig.parse(datasourceFromTarget(name, target, io.cwd));
  const file = configFilePath({ cwd: io.cwd, env: io.env });
  const raw = readRawConfig(file);
  const existing = rawDatasources(raw);
  if (existing.some((source) => source.name === name)) {
    throw new AppError('INPUT_INVALID', `a datasource named "${name}" is already in ${file}; remove it first (insightx datasource remove ${name}) or pick another name.`);
  }
  if (options.test !== false) {
    const check = await checkConnection(config, io);
    printCheck(io, name, check);
    if (!check.ok) {
      io.stderr.write(`insightx: "${name}" was not added. Fix the connection, or add it untested with --no-test.\n`);
      return 1;
    }
  }
  writeRawConfig(file, { ...raw, datasources: [...existing, config] });
  io.stdout.write(`Added ${config.kind} datasource "${name}" (${describeTarget(config)}) to ${file}.\n`);
  return 0;
}

export function runDatasourceList(io: CliIo, options: { json?: boolean }): number {
  const config = loadConfig({ cwd: io.cwd, env: io.env });
  const rows = config.datasources.map((source) => ({ name: source.name, kind: source.kind, target: describeTarget(source), default: source.name === config.defaultDatasource }));
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ datasources: rows })}\n`);
    return 0;
  }
  for (const row of rows) io.stdout.write(`${row.default ? '*' : ' '} ${row.name}  ${row.kind}  ${row.target}\n`);
  return 0;
}

export function runDatasourceRemove(io: CliIo, name: string): number {
  const file = configFilePath({ cwd: io.cwd, env: io.env });
  const raw = readRawConfig(file);
  const existing = rawDatasources(raw);
  if (!existing.some((source) => source.name === name)) {
    throw new AppError('DATASOURCE_NOT_FOUND', `no datasource named "${name}" in ${file}; see insightx datasource list.`);
  }
  writeRawConfig(file, { ...raw, datasources: existing.filter((source) => source.name !== name) });
  io.stdout.write(`Removed datasource "${name}" from ${file}.\n`);
  return 0;
}

export async function runDatasourceTest(io: CliIo, name: string): Promise<number> {
  const config = loadConfig({ cwd: io.cwd, env: io.env }).datasources.find((source) => source.name === name);
  if (!config) throw new AppError('DATASOURCE_NOT_FOUND', `no datasource named "${name}"; see insightx datasource list.`);
  const check = await checkConnection(config, io);
  printCheck(io, name, check);
  return check.ok ? 0 : 1;
}

export function registerDatasourceCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program.command('datasource').description('Register, list, test and remove datasources in the config file');
  command
    .command('add <name> <target>')
    .description('Add a datasource: a postgres:// or mysql:// URL (the password may be ${PG_PASSWORD}) or a file path; tests the connection first')
    .option('--no-test', 'add without testing the connection')
    .action(async (name: string, target: string, options: { test?: boolean }) => setExitCode(await runDatasourceAdd(io, name, target, options)));
  command
    .command('list')
    .description('List the datasources (passwords masked)')
    .option('--json', 'print the list as JSON')
    .action((options: { json?: boolean }) => setExitCode(runDatasourceList(io, options)));
  command
    .command('remove <name>')
    .description('Remove a datasource from the config file')
    .action((name: string) => setExitCode(runDatasourceRemove(io, name)));
  command
    .command('test <name>')
    .description('Test the connection to a datasource and report write privileges')
    .action(async (name: string) => setExitCode(await runDatasourceTest(io, name)));
}
