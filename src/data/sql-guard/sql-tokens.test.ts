import { describe, expect, it } from 'vitest';
import { splitStatements, tokenizeSql } from './sql-tokens.js';

const words = (sql: string, nestedComments = true) => tokenizeSql(sql, { nestedComments }).filter((token) => token.kind === 'word').map((token) => token.text);

describe('SQL tokens', () => {
  it('never turns comments or string contents into words', () => {
    expect(words("SELECT 'DELETE' /* DROP */ -- INSERT\n FROM t")).toEqual(['SELECT', 'FROM', 'T']);
    expect(words('SELECT $$ DELETE $$, $tag$ DROP $tag$')).toEqual(['SELECT']);
  });

  it('follows nested block comments where the dialect nests them', () => {
    expect(words('/* outer /* inner */ DELETE */ SELECT 1')).toEqual(['SELECT']);
    expect(words('/* outer /* inner */ DELETE */ SELECT 1', false)).toEqual(['DELETE', 'SELECT']);
  });

  it('splits statements on top-level semicolons only', () => {
    const statements = splitStatements(tokenizeSql("SELECT ';' ; /* ; */ SELECT 2;;", { nestedComments: true }));
    expect(statements).toHaveLength(2);
  });

  it('keeps quoted identifiers as identifiers, with unicode words intact', () => {
    const tokens = tokenizeSql('SELECT "DELETE", café FROM t', { nestedComments: true });
    expect(tokens.map((token) => [token.kind, token.text])).toEqual([
      ['word', 'SELECT'], ['quoted-identifier', 'DELETE'], ['symbol', ','], ['word', 'CAFÉ'], ['word', 'FROM'], ['word', 'T'],
    ]);
  });
});
