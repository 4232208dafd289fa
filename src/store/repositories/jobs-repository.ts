import type { RepositoryContext } from './repository-context.js';
import { toIso, toIsoOrNull } from './repository-context.js';

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export type JobStepStatus = 'pending' | 'running' | 'completed' | 'failed' | 'skipped';

export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  input: unknown;
  output: unknown;
  error: { code: string; message: string } | null;
  progress: number;
  createdAt: string;
  updatedAt: string;
}

export interface JobStep {
  jobId: string;
  ordinal: number;
  name: string;
  status: JobStepStatus;
  detail: unknown;
  startedAt: string | null;
  endedAt: string | null;
}

interface JobRow { id: string; kind: string; status: JobStatus; input: unknown; output: unknown; error: Job['error']; progress: number; created_at: Date; updated_at: Date }
interface StepRow { job_id: string; ordinal: number; name: string; status: JobStepStatus; detail: unknown; started_at: Date | null; ended_at: Date | null }

const toJob = (row: JobRow): Job => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  input: row.input,
  output: row.output,
  error: row.error,
  progress: Number(row.progress),
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

const toStep = (row: StepRow): JobStep => ({
  jobId: row.job_id,
  ordinal: row.ordinal,
  name: row.name,
  status: row.status,
  detail: row.detail,
  startedAt: toIsoOrNull(row.started_at),
  endedAt: toIsoOrNull(row.ended_at),
});

/** Durable jobs (large queries, provisioning) and their steps. */
export function createJobsRepository({ db, ids, clock }: RepositoryContext) {
  return {
    async create(workspaceId: string, input: { kind: string; input?: unknown; steps?: string[] }): Promise<Job> {
      const now = clock.now();
      const id = ids('job');
      const { rows } = await db.query<JobRow>(
        `INSERT INTO jobs (id, workspace_id, kind, status, input, created_at, updated_at) VALUES ($1, $2, $3, 'queued', $4::jsonb, $5, $5) RETURNING *`,
        [id, workspaceId, input.kind, (input.input ?? {}) as Record<string, unknown>, now],
      );
      for (const [ordinal, name] of (input.steps ?? []).entries()) {
        await db.query("INSERT INTO job_steps (job_id, ordinal, name, status) VALUES ($1, $2, $3, 'pending')", [id, ordinal, name]);
      }
      return toJob(rows[0]);
    },
    async get(workspaceId: string, id: string): Promise<Job | undefined> {
      const { rows } = await db.query<JobRow>('SELECT * FROM jobs WHERE workspace_id = $1 AND id = $2', [workspaceId, id]);
      return rows[0] && toJob(rows[0]);
    },
    async update(id: string, changes: { status?: JobStatus; progress?: number; output?: unknown; error?: Job['error'] }): Promise<void> {
      await db.query(
        `UPDATE jobs SET status = COALESCE($2, status), progress = COALESCE($3, progress),
           output = COALESCE($4::jsonb, output), error = COALESCE($5::jsonb, error), updated_at = $6 WHERE id = $1`,
        [id, changes.status ?? null, changes.progress ?? null, (changes.output ?? null) as Record<string, unknown> | null, changes.error ?? null, clock.now()],
      );
    },
    async updateStep(jobId: string, ordinal: number, changes: { status: JobStepStatus; detail?: unknown }): Promise<void> {
      const now = clock.now();
      await db.query(
        `UPDATE job_steps SET status = $3, detail = COALESCE($4::jsonb, detail),
           started_at = CASE WHEN $3 = 'running' AND started_at IS NULL THEN $5 ELSE started_at END,
           ended_at = CASE WHEN $3 IN ('completed', 'failed', 'skipped') THEN $5 ELSE ended_at END
         WHERE job_id = $1 AND ordinal = $2`,
        [jobId, ordinal, changes.status, (changes.detail ?? null) as Record<string, unknown> | null, now],
      );
    },
    async listSteps(jobId: string): Promise<JobStep[]> {
      const { rows } = await db.query<StepRow>('SELECT * FROM job_steps WHERE job_id = $1 ORDER BY ordinal', [jobId]);
      return rows.map(toStep);
    },
  };
}
export type JobsRepository = ReturnType<typeof createJobsRepository>;
