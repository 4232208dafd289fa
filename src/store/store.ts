import { systemClock, type Clock } from '../core/clock.js';
import { randomIds, type IdGenerator } from '../core/ids.js';
import type { Db, Queryable } from './db.js';
import { createApiTokensRepository } from './repositories/api-tokens-repository.js';
import { createArtifactsRepository } from './repositories/artifacts-repository.js';
import { createAuditLogRepository } from './repositories/audit-log-repository.js';
import { createDatasourcesRepository } from './repositories/datasources-repository.js';
import { createFeedbackRepository } from './repositories/feedback-repository.js';
import { createJobsRepository } from './repositories/jobs-repository.js';
import { createKbDocumentsRepository } from './repositories/kb-documents-repository.js';
import { createLearnedQueriesRepository } from './repositories/learned-queries-repository.js';
import { createMessagesRepository } from './repositories/messages-repository.js';
import { createResultsRepository } from './repositories/results-repository.js';
import { createRunEventsRepository } from './repositories/run-events-repository.js';
import { createRunsRepository } from './repositories/runs-repository.js';
import { createSynonymsRepository } from './repositories/synonyms-repository.js';
import { createTemplatesRepository } from './repositories/templates-repository.js';
import { createThreadsRepository } from './repositories/threads-repository.js';
import { createWorkspacesRepository } from './repositories/workspaces-repository.js';

/** One repository per domain, all bound to the same database or transaction. */
export function createRepositories(db: Queryable, ids: IdGenerator, clock: Clock, limits: { resultMaxBytes?: number } = {}) {
  const context = { db, ids, clock, resultMaxBytes: limits.resultMaxBytes };
  return {
    workspaces: createWorkspacesRepository(context),
    apiTokens: createApiTokensRepository(context),
    datasources: createDatasourcesRepository(context),
    threads: createThreadsRepository(context),
    messages: createMessagesRepository(context),
    runs: createRunsRepository(context),
    runEvents: createRunEventsRepository(context),
    results: createResultsRepository(context),
    artifacts: createArtifactsRepository(context),
    templates: createTemplatesRepository(context),
    feedback: createFeedbackRepository(context),
    kbDocuments: createKbDocumentsRepository(context),
    learnedQueries: createLearnedQueriesRepository(context),
    jobs: createJobsRepository(context),
    auditLog: createAuditLogRepository(context),
    synonyms: createSynonymsRepository(context),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;

/** The store: repositories, transactions across them, and the handle to close. */
export interface Store extends Repositories {
  readonly db: Db;
  /** Runs `fn` with repositories bound to one transaction (commit on return, rollback on throw). */
  transaction<T>(fn: (repositories: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function createStore(db: Db, options: { ids?: IdGenerator; clock?: Clock; resultMaxBytes?: number } = {}): Store {
  const ids = options.ids ?? randomIds;
  const clock = options.clock ?? systemClock;
  const limits = { resultMaxBytes: options.resultMaxBytes };
  return {
    ...createRepositories(db, ids, clock, limits),
    db,
    transaction: (fn) => db.transaction((tx) => fn(createRepositories(tx, ids, clock, limits))),
    close: () => db.close(),
  };
}
