/** Privileges that let an account change data, structure, files or other sessions. */
const WRITE_PRIVILEGES = [
  'ALL PRIVILEGES', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'INDEX', 'CREATE VIEW', 'TRIGGER', 'EVENT',
  'CREATE ROUTINE', 'ALTER ROUTINE', 'EXECUTE', 'FILE', 'SUPER', 'CREATE TEMPORARY TABLES', 'LOCK TABLES', 'RELOAD', 'SHUTDOWN',
  'CREATE USER', 'DELETE HISTORY', 'GRANT OPTION', 'CREATE TABLESPACE',
];

/** One grant that lets the account write, with where it applies (`*.*`, `` `db`.* ``, …). */
export interface MysqlWriteGrant {
  privileges: string[];
  on: string;
}

/**
 * Reads `SHOW GRANTS` lines and keeps the grants that let the account change `database` (or
 * the server: files, other sessions, users). Pure, so it is tested without a server.
 */
export function findMysqlWriteGrants(grants: string[], database: string): MysqlWriteGrant[] {
  const found: MysqlWriteGrant[] = [];
  for (const line of grants) {
    const match = /^GRANT\s+(.+?)\s+ON\s+(\S+)\s+TO\s/i.exec(line.trim());
    if (!match) continue;
    const on = match[2];
    if (!appliesTo(on, database)) continue;
    const granted = match[1].split(',').map((privilege) => privilege.trim().replace(/\s*\(.*\)$/, '').toUpperCase());
    if (/WITH\s+GRANT\s+OPTION/i.test(line)) granted.push('GRANT OPTION');
    const writes = granted.filter((privilege) => WRITE_PRIVILEGES.includes(privilege) || privilege === 'ALL');
    if (writes.length > 0) found.push({ privileges: writes, on });
  }
  return found;
}

/**
 * `*.*`, `` `db`.* ``, `` `db`.`table` `` and wildcard database names (`` `db\_%`.* ``). Names are
 * quoted with backticks, or double quotes when the session runs with ANSI_QUOTES (ours does).
 */
function appliesTo(on: string, database: string): boolean {
  if (on === '*.*' || on === '*') return true;
  const match = /^(?:`((?:[^`]|``)+)`|"((?:[^"]|"")+)"|([^.`"]+))\./.exec(on);
  const name = match ? (match[1]?.replace(/``/g, '`') ?? match[2]?.replace(/""/g, '"') ?? match[3]) : undefined;
  if (name === undefined) return false;
  if (name === database) return true;
  if (!/[%_]/.test(name)) return false;
  const pattern = name.replace(/\\([%_])/g, '\u0000$1').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/(?<!\u0000)_/g, '.').replace(/\u0000/g, '');
  return new RegExp(`^${pattern}$`).test(database);
}

/** The warning a user sees when the account can write; empty when it can only read. */
export function mysqlPrivilegeWarnings(grants: MysqlWriteGrant[], account: string, database: string): string[] {
  if (grants.length === 0) return [];
  const listed = grants.map((grant) => `${grant.privileges.join(', ')} on ${grant.on}`).join('; ');
  const warnings = [
    `The MySQL account "${account}" can change data in "${database}" (${listed}). InsightX runs every query in a READ ONLY transaction, but an account that can only read is the safer setup: see "A read-only MySQL/MariaDB user" in docs/configuration.md.`,
  ];
  if (grants.some((grant) => grant.privileges.includes('FILE') || grant.privileges.includes('ALL PRIVILEGES') || grant.privileges.includes('ALL'))) {
    warnings.push(`The account "${account}" holds the FILE privilege (directly or through ALL PRIVILEGES): the server would let it read and write files on the database host. InsightX refuses such SQL, but revoke FILE from this account.`);
  }
  return warnings;
}
