import path from 'node:path';
import { AppError } from '../../core/app-error.js';
import type { DatasourceConfig } from '../../core/config.js';
import type { DataDna } from '../../core/dna.js';
import type { Connector } from '../../data/connector.js';
import { isUniqueViolation } from '../../store/store-error.js';
import type { Store } from '../../store/store.js';

export interface DatasourceSummary {
  name: string;
  kind: DatasourceConfig['kind'];
  /** From the configuration file (everyone's) or registered in this workspace. */
  origin: 'config' | 'workspace';
  createdAt: string | null;
  /** On registration: what the user should know, e.g. that the database account can write. */
  warnings?: string[];
}

/** What the server needs of datasources; the composition root backs it with the data layer. */
export interface DatasourceCatalog {
  readonly defaultName: string;
  list(workspaceId: string): Promise<DatasourceSummary[]>;
  /** Checks the datasource opens, then stores it in the workspace. */
  register(workspaceId: string, config: DatasourceConfig): Promise<DatasourceSummary>;
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
  /** What to warn about when a datasource is registered (the data layer's `datasourceWarnings`). */
  warnings?(connector: Connector): Promise<string[]>;
  /** Profiles a connector (Data DNA). */
  profile(connector: Connector, options: { signal?: AbortSignal }): Promise<DataDna>;
  /** Files may be registered only under these folders (absolute). Empty: no file datasources. */
  fileRoots: string[];
}

const isInside = (file: string, root: string) => {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** Configured datasources plus those registered per workspace, with connectors opened once. */
export function createDatasourceCatalog(deps: DatasourceCatalogDeps): DatasourceCatalog {
  const connectors = new Map<string, Promise<Connector>>();
  const configured = new Map(deps.configured.map((config) => [config.name, config]));

  async function configOf(workspaceId: string, name: string): Promise<{ key: string; config: DatasourceConfig }> {
    const own = await deps.store.datasources.getByName(workspaceId, name);
    if (own) return { key: `${name}@${workspaceId}`, config: own.config };
    const shared = configured.get(name);
    if (shared) return { key: name, config: shared };
    throw new AppError('DATASOURCE_NOT_FOUND', `No datasource "${name}"; GET /api/datasources lists them.`);
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

  const catalog: DatasourceCatalog = {
    defaultName: deps.defaultName,
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
    async register(workspaceId, config) {
      if ('path' in config) {
        const file = path.resolve(config.path);
        if (!deps.fileRoots.some((root) => isInside(file, root))) {
          throw new AppError('DATASOURCE_UNSUPPORTED', `Files may be registered only under ${deps.fileRoots.join(', ') || '(none: file datasources are off)'}.`);
        }
        config = { ...config, path: file };
      }
      if (configured.has(config.name)) {
        throw new AppError('INPUT_INVALID', `"${config.name}" is the name of a configured datasource; choose another name.`);
      }
      if (await deps.store.datasources.getByName(workspaceId, config.name)) {
        throw new AppError('INPUT_INVALID', `A datasource named "${config.name}" already exists in this workspace.`);
      }
      // Opening it is the check that it works; the connector stays open for the first question.
      const connector = await open(`${config.name}@${workspaceId}`, config);
      const warnings = (await deps.warnings?.(connector)) ?? [];
      try {
        const stored = await deps.store.datasources.create(workspaceId, config);
        return { name: stored.name, kind: stored.kind, origin: 'workspace', createdAt: stored.createdAt, ...(warnings.length > 0 ? { warnings } : {}) };
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('INPUT_INVALID', `A datasource named "${config.name}" already exists in this workspace.`);
        throw error;
      }
    },
    async connector(workspaceId, name) {
      const { key, config } = await configOf(workspaceId, name);
      return open(key, config);
    },
    async dna(workspaceId, name, options = {}) {
      const { key, config } = await configOf(workspaceId, name);
      if (!options.refresh) {
        const cached = await deps.store.artifacts.latest<DataDna>(workspaceId, 'dna', key);
        if (cached) return cached.content;
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
          if (own) return open(key, own.config);
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
