import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/app-error.js';
import type { DatasourceConfig } from '../../core/config.js';
import type { DataDna } from '../../core/dna.js';
import type { Connector } from '../../data/connector.js';
import { isUniqueViolation } from '../../store/store-error.js';
import type { Store } from '../../store/store.js';
import { parseInput } from '../http/parse-body.js';
import { DatasourceName } from './datasource-name.js';
import type { FileAccessPolicy } from './file-access-policy.js';

export interface DatasourceSummary {
  name: string;
  kind: DatasourceConfig['kind'];
  /** From the configuration file (everyone's) or registered in this workspace. */
  origin: 'config' | 'workspace';
  createdAt: string | null;
  /** At registration: what the person should know, e.g. that the database account can write. */
  warnings?: string[];
}

/** What the server needs of datasources; the composition root backs it with the data layer. */
export interface DatasourceCatalog {
  readonly defaultName: string;
  list(workspaceId: string): Promise<DatasourceSummary[]>;
  /**
   * Validates the name and the file's real path, reserves the name (one INSERT: of two
   * concurrent registrations, one wins and the other fails before touching anything), runs
   * `write` (an upload putting its file in place), and checks the datasource opens; on any
   * failure the reservation and the written file are removed.
   */
  register(workspaceId: string, config: DatasourceConfig, options?: { write?: (path: string) => Promise<void> }): Promise<DatasourceSummary>;
  /**
   * Tests a datasource before it is registered, with the same checks as `register` (name, file
   * path, it opens): its table count and the account's warnings. Nothing is saved; the connection is closed.
   */
  test(workspaceId: string, config: DatasourceConfig): Promise<{ name: string; ok: true; tables: number; warnings: string[] }>;
  /** Where the workspace's uploads go, or undefined when uploads are off. */
  uploadFolder(workspaceId: string): string | undefined;
  /** Removes a workspace's datasource and closes its connector; an upload's file goes too. Its cached DNA is no longer served (older than a new one of the same name). */
  remove(workspaceId: string, name: string): Promise<void>;
  connector(workspaceId: string, name: string): Promise<Connector>;
  dna(workspaceId: string, name: string, options?: { refresh?: boolean; signal?: AbortSignal }): Promise<DataDna>;
  /**
   * The key a run passes to the orchestrator: the name for configured datasources,
   * `<name>@<workspaceId>` for registered ones (names are unique per workspace only).
   */
  runKey(workspaceId: string, name: string): Promise<string>;
  /** The orchestrator's `ConnectorSource`: resolves run keys. */
  readonly connectorSource: { get(key: string): Promise<Connector> };
  close(): Promise<void>;
}

export interface DatasourceCatalogDeps {
  store: Store;
  configured: DatasourceConfig[];
  defaultName: string;
  /**
   * Opens a connector for a datasource configuration (the data layer's registry); `key` is
   * its run key, unique across workspaces. Called once per key (connectors are kept open).
   */
  open(config: DatasourceConfig, key: string): Promise<Connector>;
  /** Profiles a connector (Data DNA). */
  profile(connector: Connector, options: { signal?: AbortSignal }): Promise<DataDna>;
  /** Which files a workspace may register (data folders, its own uploads; real paths). */
  files: FileAccessPolicy;
  /** Forgets a connector opened under `key` (the data layer's registry `remove`). */
  forget?(key: string): Promise<void>;
}

const isInside = (file: string, root: string) => {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

const nameTaken = (name: string, where: string) =>
  new AppError('DATASOURCE_NAME_TAKEN', `A datasource named "${name}" already exists ${where}; choose another name${where === 'in this workspace' ? ` or remove it first (DELETE /api/datasources/${name})` : ''}.`, {
    details: { name },
  });

/** Configured datasources plus those registered per workspace, with connectors opened once. */
export function createDatasourceCatalog(deps: DatasourceCatalogDeps): DatasourceCatalog {
  const connectors = new Map<string, Promise<Connector>>();
  const configured = new Map(deps.configured.map((config) => [config.name, config]));

  async function configOf(workspaceId: string, name: string): Promise<{ key: string; config: DatasourceConfig; createdAt?: string }> {
    const own = await deps.store.datasources.getByName(workspaceId, name);
    if (own) return { key: `${name}@${workspaceId}`, config: checked(workspaceId, own.config), createdAt: own.createdAt };
    const shared = configured.get(name);
    if (shared) return { key: name, config: shared };
    throw new AppError('DATASOURCE_NOT_FOUND', `No datasource "${name}"; GET /api/datasources lists them.`);
  }

  /**
   * A stored file datasource is checked again on every use: a symlink swapped in after
   * registration, or a folder no longer allowed by the configuration, stops it from opening.
   */
  function checked(workspaceId: string, config: DatasourceConfig): DatasourceConfig {
    if ('path' in config && deps.files.resolve(workspaceId, config.path) !== config.path) {
      throw new AppError('DATASOURCE_PATH_NOT_ALLOWED', `The file of datasource "${config.name}" changed into a link since it was registered; remove it and register the file again.`, {
        details: { name: config.name },
      });
    }
    return config;
  }

  function open(key: string, config: DatasourceConfig): Promise<Connector> {
    let connector = connectors.get(key);
    if (!connector) {
      connector = deps.open(config, key);
      connectors.set(key, connector);
      connector.catch(() => connectors.delete(key));
    }
    return connector;
  }

  async function forget(key: string): Promise<void> {
    const connector = connectors.get(key);
    connectors.delete(key);
    await (await connector?.catch(() => null))?.close().catch(() => undefined);
    await deps.forget?.(key);
  }

  const catalog: DatasourceCatalog = {
    defaultName: deps.defaultName,
    uploadFolder: (workspaceId) => deps.files.uploadFolder(workspaceId),
    async list(workspaceId) {
      const own = await deps.store.datasources.list(workspaceId);
      const ownNames = new Set(own.map((source) => source.name));
      return [
        ...deps.configured
          .filter((config) => !ownNames.has(config.name))
          .map((config) => ({ name: config.name, kind: config.kind, origin: 'config' as const, createdAt: null })),
        ...own.map((source) => ({ name: source.name, kind: source.kind, origin: 'workspace' as const, createdAt: source.createdAt })),
      ];
    },
    async register(workspaceId, config, options = {}) {
      parseInput(DatasourceName, config.name, 'name');
      if (configured.has(config.name)) throw nameTaken(config.name, 'in the configuration');
      if ('path' in config && !options.write) config = { ...config, path: deps.files.resolve(workspaceId, config.path) };
      const key = `${config.name}@${workspaceId}`;
      let stored;
      let warnings: string[] = [];
      try {
        stored = await deps.store.datasources.create(workspaceId, config);
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(config.name, 'in this workspace');
        throw error;
      }
      try {
        if (options.write && 'path' in config) {
          await options.write(config.path);
          checked(workspaceId, config);
        }
        // Opening it is the check that it works; the connector stays open for the first question.
        const connector = await open(key, config).catch((error: unknown) => {
          throw withoutRunKey(error, key, config.name);
        });
        warnings = (await connector.accountWarnings?.()) ?? [];
      } catch (error) {
        await deps.store.datasources.delete(workspaceId, config.name);
        await forget(key);
        if (options.write && 'path' in config) rmSync(config.path, { force: true });
        throw error;
      }
      return { name: stored.name, kind: stored.kind, origin: 'workspace', createdAt: stored.createdAt, ...(warnings.length > 0 ? { warnings } : {}) };
    },
    async test(workspaceId, config) {
      parseInput(DatasourceName, config.name, 'name');
      if ('path' in config) config = { ...config, path: deps.files.resolve(workspaceId, config.path) };
      // A key of its own: the test never touches a registered datasource's open connector.
      const key = `${config.name}@${workspaceId}#test-${randomUUID()}`;
      try {
        const connector = await deps.open(config, key).catch((error: unknown) => {
          throw withoutRunKey(error, key, config.name);
        });
        try {
          const tables = (await connector.listTables()).length;
          return { name: config.name, ok: true as const, tables, warnings: (await connector.accountWarnings?.()) ?? [] };
        } finally {
          await connector.close().catch(() => undefined);
        }
      } finally {
        await deps.forget?.(key);
      }
    },
    async remove(workspaceId, name) {
      const own = await deps.store.datasources.getByName(workspaceId, name);
      if (!own) {
        if (configured.has(name)) {
          throw new AppError('INPUT_INVALID', `"${name}" comes from the configuration file, which is everyone's; it can be removed only there.`, { details: { name } });
        }
        throw new AppError('DATASOURCE_NOT_FOUND', `No datasource "${name}" in this workspace; GET /api/datasources lists them.`, { details: { name } });
      }
      await deps.store.datasources.delete(workspaceId, name);
      await deps.store.synonyms.deleteAll(workspaceId, name);
      await forget(`${name}@${workspaceId}`);
      const uploads = deps.files.uploadFolder(workspaceId);
      // Only our own copy of an upload is deleted; a file in a data folder belongs to its owner.
      if ('path' in own.config && uploads && isInside(own.config.path, uploads)) rmSync(own.config.path, { force: true });
    },
    async connector(workspaceId, name) {
      const { key, config } = await configOf(workspaceId, name);
      return open(key, config);
    },
    async dna(workspaceId, name, options = {}) {
      const { key, config, createdAt } = await configOf(workspaceId, name);
      if (!options.refresh) {
        const cached = await deps.store.artifacts.latest<DataDna>(workspaceId, 'dna', key);
        // A DNA older than the datasource describes an earlier one that had the same name.
        if (cached && (createdAt === undefined || cached.createdAt >= createdAt)) return cached.content;
      }
      const dna = await deps.profile(await open(key, config), { signal: options.signal });
      await deps.store.artifacts.save({ workspaceId, kind: 'dna', key, content: dna });
      return dna;
    },
    async runKey(workspaceId, name) {
      return (await configOf(workspaceId, name)).key;
    },
    connectorSource: {
      async get(key) {
        const at = key.lastIndexOf('@');
        if (at > 0) {
          const own = await deps.store.datasources.getByName(key.slice(at + 1), key.slice(0, at));
          if (own) return open(key, checked(key.slice(at + 1), own.config));
        }
        const shared = configured.get(key);
        if (shared) return open(key, shared);
        throw new AppError('DATASOURCE_NOT_FOUND', `No datasource "${key}".`);
      },
    },
    async close() {
      const all = [...connectors.values()];
      connectors.clear();
      await Promise.all(all.map(async (pending) => (await pending.catch(() => null))?.close().catch(() => undefined)));
    },
  };
  return catalog;
}

/** The run key (`name@workspace`) is internal: errors shown to the person name the datasource. */
function withoutRunKey(error: unknown, key: string, name: string): unknown {
  if (!(error instanceof AppError)) return error;
  const replace = (text: string) => text.split(key).join(name);
  const details = JSON.parse(replace(JSON.stringify(error.details))) as AppError['details'];
  return new AppError(error.code, replace(error.message), { details, cause: error.cause });
}
