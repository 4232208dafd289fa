import type { CatalogQuery } from './postgres-describe.js';

/**
 * What the connector's account could change, in sentences for the person registering the
 * datasource. InsightX never writes (read-only transactions, the guard), but an account that
 * can write is one bug away from doing so: the docs show how to create a read-only role.
 * Empty when the account can only read.
 */
export async function listWritePrivileges(run: CatalogQuery, schemas: string[]): Promise<string[]> {
  const [role] = await run(
    `SELECT r.rolname, r.rolsuper, r.rolcreaterole, r.rolcreatedb,
            has_database_privilege(current_database(), 'CREATE'),
            EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname IN ('pg_write_server_files', 'pg_execute_server_program', 'pg_write_all_data')
                    AND pg_has_role(r.oid, g.oid, 'USAGE'))
     FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const [user, superuser, createRole, createDatabase, createSchema, serverRoles] = role ?? [];
  const warnings: string[] = [];
  const who = `The account "${String(user)}"`;
  if (superuser === true) warnings.push(`${who} is a superuser: it can change or delete any data and read server files.`);
  if (createRole === true || createDatabase === true) warnings.push(`${who} can create ${createRole === true ? 'roles' : 'databases'}.`);
  if (serverRoles === true) warnings.push(`${who} may write server files, run server programs or write all data (pg_write_server_files, pg_execute_server_program or pg_write_all_data).`);
  if (superuser !== true) {
    if (createSchema === true) warnings.push(`${who} can create schemas in this database.`);
    const writable = await run(
      `SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[])
         AND (has_table_privilege(c.oid, 'INSERT') OR has_table_privilege(c.oid, 'UPDATE')
              OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE'))
       ORDER BY 1`,
      [schemas],
    );
    if (writable.length > 0) {
      const shown = writable.slice(0, 5).map((row) => String(row[0]));
      warnings.push(`${who} can change ${writable.length} table${writable.length === 1 ? '' : 's'} (${shown.join(', ')}${writable.length > shown.length ? ', …' : ''}).`);
    }
    const creatable = await run(`SELECT nspname FROM pg_namespace WHERE nspname = ANY($1::text[]) AND has_schema_privilege(oid, 'CREATE') ORDER BY 1`, [schemas]);
    if (creatable.length > 0) warnings.push(`${who} can create tables in schema ${creatable.map((row) => String(row[0])).join(', ')}.`);
  }
  if (warnings.length > 0) warnings.push('InsightX only reads, but a read-only role is safer: see docs/configuration.md, "A read-only PostgreSQL role".');
  return warnings;
}
