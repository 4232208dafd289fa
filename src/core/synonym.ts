import { z } from 'zod';

/**
 * A datasource's synonym (ARCHITECTURE §3, "Corrections by the user become synonyms"): a word
 * or phrase of the person's that means a table, a column, or one value of a column. A word
 * mapped to a column and a value is a filter definition ("by active I mean status = 'live'").
 */
export const SynonymInput = z
  .object({
    word: z.string().trim().min(1, 'word must not be empty').max(80, 'word must be at most 80 characters'),
    table: z.string().trim().min(1, 'table must not be empty'),
    column: z.string().trim().min(1).optional(),
    value: z.string().optional(),
  })
  .strict()
  .refine((input) => input.value === undefined || input.column !== undefined, { message: 'a value needs its column', path: ['column'] });
export type SynonymInput = z.infer<typeof SynonymInput>;

export const Synonym = z.object({
  id: z.string(),
  datasource: z.string(),
  word: z.string(),
  table: z.string(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  createdAt: z.string(),
});
export type Synonym = z.infer<typeof Synonym>;

/** What a synonym points at, in words: `orders`, `orders.status`, `orders.status = 'live'`. */
export function describeSynonymTarget(synonym: Pick<Synonym, 'table' | 'column' | 'value'>): string {
  if (!synonym.column) return synonym.table;
  const column = `${synonym.table}.${synonym.column}`;
  return synonym.value === null || synonym.value === undefined ? column : `${column} = '${synonym.value}'`;
}
