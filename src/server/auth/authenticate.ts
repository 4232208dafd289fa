import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../core/app-error.js';
import type { Store } from '../../store/store.js';

/** Who is asking: the workspace every query is filtered by, and an actor for the audit log. */
export interface AuthContext {
  workspaceId: string;
  /** `token:<id>` or `local`. */
  actor: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
}

export interface AuthOptions {
  /**
   * Local single-user mode: requests without a token act in this workspace. Only set when
   * the server is bound to loopback (main.ts decides); a token, when sent, still wins.
   */
  localWorkspaceId?: string;
}

/** API routes anyone may call; every route outside /api/ (the web app) is public too. */
const PUBLIC_API_ROUTES = new Set(['/api/health', '/api/openapi.json']);

/**
 * Decided on the route the router matched (its pattern, after the router decoded and
 * normalised the path), never on the raw URL: `/%61pi/threads` and absolute-form targets
 * reach the `/api/threads` route and so need a token like it. No route means the not-found
 * handler answers 404, which reads nothing of any workspace.
 */
function needsToken(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  if (route === undefined) return false;
  return route.startsWith('/api/') && !PUBLIC_API_ROUTES.has(route);
}

/**
 * Bearer API tokens (hashed at rest, scoped to one workspace). A wrong token is refused
 * even in local mode: a client that sends one expects it to count.
 */
export function installAuthentication(app: FastifyInstance, store: Store, options: AuthOptions): void {
  app.decorateRequest('auth', null as unknown as AuthContext);
  app.addHook('onRequest', async (request) => {
    if (!needsToken(request)) return;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw new AppError('AUTH_INVALID_TOKEN', 'The Authorization header must be "Bearer <token>".');
      const token = await store.apiTokens.resolve(match[1]);
      if (!token) throw new AppError('AUTH_INVALID_TOKEN', 'The API token is not valid (unknown or revoked). Create one with `insightx token create`.');
      request.auth = { workspaceId: token.workspaceId, actor: `token:${token.id}` };
      return;
    }
    if (options.localWorkspaceId) {
      request.auth = { workspaceId: options.localWorkspaceId, actor: 'local' };
      return;
    }
    throw new AppError('AUTH_REQUIRED', 'Send Authorization: Bearer <token>; create a token with `insightx token create`.');
  });
}
