import { it } from 'vitest';
import { createMysqlTestDatabase } from '../test/support/mysql-test-database.js';
import { openMysqlConnector } from './data/mysql/mysql-connector.js';
import { profileDatasource } from './data/dna/profile-datasource.js';
it('x', async () => {
  const db = await createMysqlTestDatabase('probe', ["CREATE TABLE loans (id INT PRIMARY KEY, amount DECIMAL(12,2), status ENUM('a','b'), issued_on DATE, purpose VARCHAR(20))", "INSERT INTO loans VALUES (1, 10.5, 'a', '2024-01-02', 'car')"]);
  const c = await openMysqlConnector({ name: 'x', url: db.url });
  try { await profileDatasource(c); console.log('OK'); } catch (e) { console.log('ERR', (e as any).details?.sql, (e as Error).message); }
  await c.close(); await db.drop();
});
