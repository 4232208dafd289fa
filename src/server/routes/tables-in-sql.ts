import nodeSqlParser from 'node-sql-parser';

const parser = new nodeSqlParser.Parser();
const DIALECTS = ['PostgresQL', 'MySQL', 'Sqlite', 'BigQuery'];

/**
 * The tables a SELECT reads, from a SQL parser (several dialects tried in turn); CTE names
 * are left out. Returns [] when no dialect parses it: it only labels a thread's history.
 */
export function tablesInSql(sql: string): string[] {
  for (const database of DIALECTS) {
    try {
      const ctes = new Set<string>();
      const ast = parser.astify(sql, { database });
      for (const statement of Array.isArray(ast) ? ast : [ast]) {
        for (const cte of (statement as { with?: { name?: { value?: string } }[] | null }).with ?? []) {
          if (cte.name?.value) ctes.add(cte.name.value);
        }
      }
      const tables = parser
        .tableList(sql, { database })
        .map((entry) => {
          const [, schema, table] = entry.split('::');
          return schema && schema !== 'null' ? `${schema}.${table}` : table;
        })
        .filter((table) => !ctes.has(table));
      return [...new Set(tables)].sort();
    } catch {
      // try the next dialect
    }
  }
  return [];
}
