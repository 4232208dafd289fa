import { AppError } from '../core/app-error.js';

/** `${NAME}`: an environment variable reference. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${NAME}` references in a connection URL with values from `env`, so a password can
 * live in the environment rather than in the configuration or the store:
 * `postgres://reader:${PG_PASSWORD}@db:5432/prod`, `mysql://app:${MYSQL_PASSWORD}@db/sales`.
 * Used by every connector that takes a URL (PostgreSQL, MySQL/MariaDB).
 *
 * Values in the user and password are percent-encoded, so a password with `@`, `/` or `:` still
 * works; elsewhere (host, port, database, options) they go in as written, so `${DB_HOST}` may be
 * `db:3306`. A missing or empty variable is a CONFIG_INVALID that names the variable, never a value.
 */
export function resolveSecretReferences(url: string, env: Record<string, string | undefined>, datasource: string): string {
  // The user information ends at the last `@` before the path, query or fragment.
  const authorityStart = url.indexOf('//') + 2;
  const pathStart = url.slice(authorityStart).search(/[/?#]/);
  const authorityEnd = pathStart === -1 ? url.length : authorityStart + pathStart;
  const userInfoEnd = url.lastIndexOf('@', authorityEnd - 1) >= authorityStart ? url.lastIndexOf('@', authorityEnd - 1) : -1;
  const replace = (text: string, encode: boolean) =>
    text.replace(REFERENCE, (_, name: string) => {
      const value = env[name];
      if (value === undefined || value === '') {
        throw new AppError('CONFIG_INVALID', `The datasource "${datasource}" refers to the environment variable ${name} in its URL, but ${name} is not set${value === '' ? ' (it is empty)' : ''}. Set ${name} in the environment of the InsightX process, or write the value in the URL.`, {
          details: { name: datasource, variable: name },
        });
      }
      return encode ? encodeURIComponent(value) : value;
    });
  if (userInfoEnd === -1) return replace(url, false);
  return replace(url.slice(0, userInfoEnd), true) + replace(url.slice(userInfoEnd), false);
}
