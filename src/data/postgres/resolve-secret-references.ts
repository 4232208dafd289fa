import { AppError } from '../../core/app-error.js';

/**
 * Replaces `${NAME}` references in a connection URL with values from `env`, so a password can
 * live in the environment rather than in the configuration or the store:
 * `postgres://reader:${PG_PASSWORD}@db:5432/prod`. Replaced values are URL-encoded. A missing
 * variable is an error that names it (never a value).
 */
export function resolveSecretReferences(url: string, env: Record<string, string | undefined>, datasource: string): string {
  return url.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = env[name];
    if (value === undefined || value === '') {
      throw new AppError('CONFIG_INVALID', `The datasource "${datasource}" refers to the environment variable ${name}, which is not set. Set ${name} in the environment of the InsightX process, or put the value in the URL.`, {
        details: { name: datasource, variable: name },
      });
    }
    return encodeURIComponent(value);
  });
}
