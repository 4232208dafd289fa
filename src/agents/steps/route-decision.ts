import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import { Route } from '../../core/events.js';

/** What the router agent answers (structured output). */
export const RouteDecision = z.object({
  route: Route,
  reason: z.string(),
  options: z.array(z.string()).optional(),
});
export type RouteDecision = z.infer<typeof RouteDecision>;

/**
 * Reads a route decision from model text that should be JSON but may come wrapped in a code
 * fence or a sentence, as smaller remote models tend to write it.
 *
 * @throws AppError AGENT_OUTPUT_INVALID when no valid decision is in the text.
 */
export function parseRouteDecision(text: string): RouteDecision {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start >= 0 && end > start) {
    try {
      const parsed = RouteDecision.safeParse(JSON.parse(text.slice(start, end + 1)));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: reported below with the text
    }
  }
  throw new AppError('AGENT_OUTPUT_INVALID', `The router did not answer with a route decision: ${text.slice(0, 200)}`, {
    details: { agent: 'router' },
  });
}
