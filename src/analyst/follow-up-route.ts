import type { Route } from '../core/events.js';
import { isOutlierFollowUp, isWhyFollowUp } from './driver-analysis.js';
import type { AnalystContext } from './parse-types.js';

/**
 * The route of a question about the previous answer (issue 10, item 4): "Why is that?" is a
 * driver analysis (SQL, from the previous query), "Which of these are outliers?" analyses the
 * previous result in Python (PYTHON_ONLY, no new query). Null when the question is not one of
 * these or the thread has no previous query to lean on.
 */
export function routeFollowUp(question: string, context: AnalystContext): { route: Route; reason: string } | null {
  const previous = context.history?.at(-1);
  if (!previous?.sql) return null;
  if (isWhyFollowUp(question)) {
    return { route: 'SQL_ONLY', reason: 'A question about the previous answer: a driver analysis of that segment against the rest, across the other dimensions.' };
  }
  if (isOutlierFollowUp(question)) {
    return { route: 'PYTHON_ONLY', reason: 'Outliers in the previous result: Python analyses it, with no new query.' };
  }
  return null;
}
