import { AppError } from '../core/app-error.js';

/** `${NAME}`: an environment variable reference. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Resolves `${ENV_VAR}` references in a connection URL (`mysql://app:${MYSQL_PASSWORD}@db/sales`)
 * from `env`. Values go into the URL percent-encoded where they sit in the user or password, so a
 * password with `@` or `/` still works. A missing variable is a CONFIG_INVALID that names the
 * variable, never a value.
 */
export function resolveUrlPassword(url: string, env: Record<string, string | undefined>, datasource: string): string {
  const userInfoEnd = url.indexOf('@', url.indexOf('//') + 2);
  const replace = (text: string, encode: boolean) =>
    text.replace(REFERENCE, (_, name: string) => {
      const value = env[name];
      if (value === undefined) {
        throw new AppError('CONFIG_INVALID', `The datasource "${datasource}" refers to \${${name}} in its URL, but ${name} is not set in the environment. Set it before starting InsightX, or write the value in the URL.`, {
          details: { name: datasource, variable: name },
        });
      }
      return encode ? encodeURIComponent(value) : value;
    });
  if (userInfoEnd === -1) return replace(url, false);
  return replace(url.slice(0, userInfoEnd), true) + replace(url.slice(userInfoEnd), false);
}
