import type { Command } from 'commander';
import { AppError } from '../../core/app-error.js';
import { loadConfig } from '../../core/load-config.js';
import { openStore } from '../../store/open-store.js';
import type { CliIo } from '../cli-io.js';

export interface TokenOptions {
  workspace?: string;
  name?: string;
  dataDir?: string;
}

async function withStore<T>(io: CliIo, options: TokenOptions, fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const config = loadConfig({ cwd: io.cwd, env: io.env, overrides: { dataDir: options.dataDir } });
  const store = await openStore({ databaseUrl: config.store.databaseUrl, schema: config.store.schema, dataDir: config.dataDir });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** `insightx token create`: a new API token for a workspace (created when missing), printed once. */
export async function runTokenCreate(io: CliIo, options: TokenOptions): Promise<number> {
  const workspaceName = options.workspace ?? 'local';
  return withStore(io, options, async (store) => {
    const workspace = await store.workspaces.ensure(workspaceName);
    const { token, record } = await store.apiTokens.create(workspace.id, options.name ?? '');
    io.stdout.write(`${token}\n`);
    io.stderr.write(`token ${record.id} for workspace "${workspace.name}" — shown once: store it now (only its sha256 is kept).\n`);
    io.stderr.write('use it as: Authorization: Bearer <token>\n');
    return 0;
  });
}

/** `insightx token list`: token ids, names and last use of a workspace (never the tokens). */
export async function runTokenList(io: CliIo, options: TokenOptions): Promise<number> {
  return withStore(io, options, async (store) => {
    const workspace = await store.workspaces.getByName(options.workspace ?? 'local');
    if (!workspace) throw new AppError('NOT_FOUND', `No workspace "${options.workspace ?? 'local'}".`);
    for (const token of await store.apiTokens.list(workspace.id)) {
      const state = token.revokedAt ? `revoked ${token.revokedAt}` : `last used ${token.lastUsedAt ?? 'never'}`;
      io.stdout.write(`${token.id}\t${token.name || '-'}\tcreated ${token.createdAt}\t${state}\n`);
    }
    return 0;
  });
}

/** `insightx token revoke <id>`. */
export async function runTokenRevoke(io: CliIo, id: string, options: TokenOptions): Promise<number> {
  return withStore(io, options, async (store) => {
    const workspace = await store.workspaces.getByName(options.workspace ?? 'local');
    if (!workspace || !(await store.apiTokens.revoke(workspace.id, id))) throw new AppError('NOT_FOUND', `No live token ${id} in workspace "${options.workspace ?? 'local'}".`);
    io.stdout.write(`revoked ${id}\n`);
    return 0;
  });
}

export function registerTokenCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const token = program.command('token').description('Manage API tokens (Authorization: Bearer <token>)');
  const common = (command: Command) =>
    command.option('-w, --workspace <name>', 'workspace the token acts in', 'local').option('--data-dir <dir>', 'where InsightX keeps its files');
  common(token.command('create').description('Create a token and print it once').option('-n, --name <label>', 'a label to recognise it by')).action(
    async (options: TokenOptions) => setExitCode(await runTokenCreate(io, options)),
  );
  common(token.command('list').description('List the tokens of a workspace')).action(async (options: TokenOptions) => setExitCode(await runTokenList(io, options)));
  common(token.command('revoke').description('Revoke a token by id').argument('<id>', 'token id (tok_…)')).action(
    async (id: string, options: TokenOptions) => setExitCode(await runTokenRevoke(io, id, options)),
  );
}
