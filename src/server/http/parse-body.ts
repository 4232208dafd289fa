import type { z } from 'zod';
import { AppError } from '../../core/app-error.js';

/** Parses a request part with a zod schema; a mismatch is INPUT_INVALID naming each field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what = 'body'): z.infer<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : what}: ${issue.message}`);
  throw new AppError('INPUT_INVALID', `The request ${what} is not valid: ${problems.join('; ')}.`, {
    details: { fields: parsed.error.issues.map((issue) => issue.path.join('.')) },
  });
}
