import { z } from 'zod';

/**
 * A datasource name a workspace may give: it appears in SQL tool calls, URLs
 * (`/api/datasources/:name`) and run keys (`name@workspace`), so it is a plain identifier.
 */
export const DatasourceName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,62}$/, 'a datasource name is a letter, then letters, digits, _ or - (at most 63 characters in all), e.g. sales_2024');
