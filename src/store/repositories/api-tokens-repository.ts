import { createHash, randomBytes } from 'node:crypto';
import type { RepositoryContext } from './repository-context.js';
import { toIso, toIsoOrNull } from './repository-context.js';

export interface ApiToken {
  id: string;
  workspaceId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface TokenRow {
  id: string;
  workspace_id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const toToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  workspaceId: row.workspace_id,
  name: row.name,
  createdAt: toIso(row.created_at),
  lastUsedAt: toIsoOrNull(row.last_used_at),
  revokedAt: toIsoOrNull(row.revoked_at),
});

/** sha256 hex: tokens are random 256-bit secrets, so a fast hash is enough at rest. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Bearer API tokens, hashed at rest. The plain token exists only in `create`'s answer. */
export function createApiTokensRepository({ db, ids, clock }: RepositoryContext) {
  return {
    async create(workspaceId: string, name = ''): Promise<{ token: string; record: ApiToken }> {
      const token = `ixk_${randomBytes(32).toString('base64url')}`;
      const { rows } = await db.query<TokenRow>(
        'INSERT INTO api_tokens (id, workspace_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING *',
        [ids('tok'), workspaceId, name, hashToken(token), clock.now()],
      );
      return { token, record: toToken(rows[0]) };
    },
    /** The live token with this secret, or undefined (unknown or revoked). */
    async resolve(token: string): Promise<ApiToken | undefined> {
      const { rows } = await db.query<TokenRow>(
        'UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL RETURNING *',
        [hashToken(token), clock.now()],
      );
      return rows[0] && toToken(rows[0]);
    },
    async list(workspaceId: string): Promise<ApiToken[]> {
      const { rows } = await db.query<TokenRow>('SELECT * FROM api_tokens WHERE workspace_id = $1 ORDER BY created_at', [workspaceId]);
      return rows.map(toToken);
    },
    async revoke(workspaceId: string, id: string): Promise<boolean> {
      const result = await db.query('UPDATE api_tokens SET revoked_at = $3 WHERE workspace_id = $1 AND id = $2 AND revoked_at IS NULL', [
        workspaceId,
        id,
        clock.now(),
      ]);
      return result.affectedRows > 0;
    },
  };
}
export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;
