/** What the failure analysis compares between gold and predicted SQL, read with regular expressions (enough for the benchmark's SQL). */
export interface SqlFeatures {
  tables: Set<string>;
  aggregates: string[];
  values: Set<string>;
  nested: boolean;
  grouped: boolean;
  having: boolean;
  ordered: boolean;
  limited: boolean;
  distinct: boolean;
  joined: boolean;
}

/** The four shapes of the report, from the gold SQL; a query is counted once, in the first that applies. */
export type QuestionShape = 'nested (subquery / set op)' | 'grouping (GROUP BY / HAVING)' | 'join' | 'single table';
export const SHAPES: QuestionShape[] = ['single table', 'join', 'grouping (GROUP BY / HAVING)', 'nested (subquery / set op)'];

const CLAUSE_END = /\b(?:where|group|order|limit|having|union|intersect|except)\b|\)|$/i;

function tablesOf(sql: string): Set<string> {
  const tables = new Set<string>();
  const lower = sql.replace(/'(?:[^']|'')*'/g, "''");
  for (const match of lower.matchAll(/\bfrom\s+/gi)) {
    const rest = lower.slice((match.index ?? 0) + match[0].length);
    const end = CLAUSE_END.exec(rest);
    const segment = rest.slice(0, end ? end.index : rest.length);
    for (const part of segment.split(/,|\bjoin\b/i)) {
      const name = /^\s*["`[]?([\w]+)["`\]]?/.exec(part.replace(/^\s*(?:inner|left|right|outer|cross|natural)\s+/i, ''));
      if (name && !/^\s*\(/.test(part)) tables.add(name[1].toLowerCase());
    }
  }
  return tables;
}

function valuesOf(sql: string, identifiers: Set<string>): Set<string> {
  const values = new Set<string>();
  for (const match of sql.matchAll(/'((?:[^']|'')*)'/g)) values.add(match[1].replace(/''/g, "'").replace(/%/g, '').trim().toLowerCase());
  // Spider's gold SQL also quotes values in double quotes; an identifier of the database is not a value.
  for (const match of sql.matchAll(/"([^"]*)"/g)) {
    const text = match[1].trim().toLowerCase();
    if (!identifiers.has(text)) values.add(text.replace(/%/g, ''));
  }
  const withoutStrings = sql.replace(/'(?:[^']|'')*'|"[^"]*"/g, "''").replace(/\blimit\s+\d+/gi, '');
  for (const match of withoutStrings.matchAll(/(?:[<>=]|\blike|\bbetween|\band|\bin\s*\(|,)\s*(-?\d+(?:\.\d+)?)\b/gi)) values.add(String(Number(match[1])));
  return values;
}

export function sqlFeatures(sql: string, identifiers: Set<string>): SqlFeatures {
  const tables = tablesOf(sql);
  return {
    tables,
    aggregates: [...sql.matchAll(/\b(count|sum|avg|min|max)\s*\(/gi)].map((match) => match[1].toLowerCase()).sort(),
    values: valuesOf(sql, identifiers),
    nested: /\(\s*select\b/i.test(sql) || /\b(union|intersect|except)\b/i.test(sql),
    grouped: /\bgroup\s+by\b/i.test(sql),
    having: /\bhaving\b/i.test(sql),
    ordered: /\border\s+by\b/i.test(sql),
    limited: /\blimit\b/i.test(sql),
    distinct: /\bdistinct\b/i.test(sql),
    joined: /\bjoin\b/i.test(sql) || tables.size > 1,
  };
}

/** The shape of a gold query: nested first, then grouping, then join, else single table. */
export function questionShape(goldSql: string): QuestionShape {
  const features = sqlFeatures(goldSql, new Set());
  if (features.nested) return 'nested (subquery / set op)';
  if (features.grouped || features.having) return 'grouping (GROUP BY / HAVING)';
  if (features.joined) return 'join';
  return 'single table';
}
