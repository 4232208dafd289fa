import { describe, expect, it } from 'vitest';
import { findMysqlWriteGrants, mysqlPrivilegeWarnings } from './mysql-privileges.js';

describe('MySQL privilege check', () => {
  it('finds the grants that let the account write to its database or the server', () => {
    const grants = [
      "GRANT USAGE ON *.* TO `reader`@`%` IDENTIFIED BY PASSWORD '*ABC'",
      'GRANT SELECT ON `bank`.* TO `reader`@`%`',
      'GRANT SELECT, INSERT, UPDATE ON `other`.* TO `reader`@`%`',
      'GRANT DELETE ON `bank`.`loans` TO `reader`@`%`',
      'GRANT SELECT, UPDATE (`status`) ON `bank`.`cards` TO `reader`@`%`',
      'GRANT INSERT ON `ba\\_%`.* TO `reader`@`%`',
    ];
    expect(findMysqlWriteGrants(grants, 'bank')).toEqual([
      { privileges: ['DELETE'], on: '`bank`.`loans`' },
      { privileges: ['UPDATE'], on: '`bank`.`cards`' },
    ]);
    expect(findMysqlWriteGrants(['GRANT SELECT, INSERT ON "bank".* TO "reader"@"%"'], 'bank')).toEqual([{ privileges: ['INSERT'], on: '"bank".*' }]);
    expect(findMysqlWriteGrants(['GRANT INSERT ON `bank\\_%`.* TO `r`@`%`'], 'bank_2024')).toEqual([{ privileges: ['INSERT'], on: '`bank\\_%`.*' }]);
  });

  it('says nothing for a read-only account and warns, naming FILE, for an account with ALL PRIVILEGES', () => {
    expect(mysqlPrivilegeWarnings(findMysqlWriteGrants(['GRANT SELECT, SHOW VIEW ON `bank`.* TO `reader`@`%`'], 'bank'), 'reader', 'bank')).toEqual([]);
    const warnings = mysqlPrivilegeWarnings(findMysqlWriteGrants(['GRANT ALL PRIVILEGES ON *.* TO `admin`@`localhost` WITH GRANT OPTION'], 'bank'), 'admin', 'bank');
    expect(warnings[0]).toMatch(/"admin" can change data in "bank" \(ALL PRIVILEGES, GRANT OPTION on \*\.\*\)/);
    expect(warnings[1]).toMatch(/FILE privilege/);
  });
});
