import { describe, expect, it } from 'vitest';
import { classifyFailure, type Detail } from './classify-failure.js';
import { questionShape } from './sql-features.js';
import type { Verdict } from './verdicts.js';

const identifiers = ['singer', 'concert', 'singer_in_concert', 'name', 'country', 'age', 'year', 'singer_id', 'concert_id'];

function detail(sql: string | null, verdict: Detail['verdict'] = 'answered'): Detail {
  return { id: 'q', db_id: 'db', question: 'q?', route: 'SQL_ONLY', status: 'completed', verdict, sql, confidence: 0.5, reading_index: 0, confidence_source: 'read-data-dna', sql_attempts: 1, error_code: null, error_message: null, elapsed_ms: 1 };
}

function verdict(goldSql: string, fields: Partial<Verdict> = {}): Verdict {
  return { id: 'q', db_id: 'db', gold_sql: goldSql, question: 'q?', ok: false, gold_columns: 1, pred_columns: 1, gold_rows: 2, pred_rows: 3, same_multiset: false, permuted_columns: false, same_set: false, pred_error: null, identifiers, ...fields };
}

describe('classifyFailure', () => {
  it('names the cause a reader would give for typical wrong answers', () => {
    expect(classifyFailure(detail(null, 'refused'), verdict('SELECT name FROM singer'))).toBe('refused or asked to clarify');
    expect(classifyFailure(detail('SELECT name FROM concert'), verdict('SELECT name FROM singer'))).toBe('wrong table');
    expect(classifyFailure(detail('SELECT name FROM singer WHERE year = 2014'), verdict('SELECT T2.name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = T2.singer_id JOIN concert AS T3 ON T1.concert_id = T3.concert_id WHERE T3.year = 2014'))).toBe('missing join');
    expect(classifyFailure(detail("SELECT country FROM singer WHERE age > 40 AND age < 30"), verdict('SELECT country FROM singer WHERE age > 40 INTERSECT SELECT country FROM singer WHERE age < 30'))).toMatch(/^missing subquery/);
    expect(classifyFailure(detail('SELECT name, age FROM singer'), verdict('SELECT name FROM singer', { pred_columns: 2 }))).toBe('wrong projection (column count)');
    expect(classifyFailure(detail('SELECT count(*), country FROM singer GROUP BY country'), verdict('SELECT country, count(*) FROM singer GROUP BY country', { gold_columns: 2, pred_columns: 2, permuted_columns: true }))).toBe('column order');
    expect(classifyFailure(detail("SELECT name FROM singer WHERE country = 'France'"), verdict('SELECT name FROM singer WHERE country = "Spain"'))).toBe('wrong or missing filter value');
    expect(classifyFailure(detail('SELECT name FROM singer'), verdict('SELECT DISTINCT name FROM singer', { same_set: true }))).toBe('duplicates (DISTINCT)');
  });

  it('does not mistake a double-quoted identifier for a value', () => {
    expect(classifyFailure(detail('SELECT "Name" FROM singer ORDER BY "Age"'), verdict('SELECT name FROM singer ORDER BY age DESC', { same_multiset: true }))).toBe('ordering / limit');
  });
});

describe('questionShape', () => {
  it('puts each gold query in the first shape that applies', () => {
    expect(questionShape('SELECT count(*) FROM singer')).toBe('single table');
    expect(questionShape('SELECT T1.name FROM singer AS T1 JOIN concert AS T2 ON T1.x = T2.x')).toBe('join');
    expect(questionShape('SELECT a.name FROM CITY AS a , STATE AS b WHERE a.s = b.s')).toBe('join');
    expect(questionShape('SELECT country, count(*) FROM singer GROUP BY country')).toBe('grouping (GROUP BY / HAVING)');
    expect(questionShape('SELECT name FROM singer WHERE age > (SELECT avg(age) FROM singer) GROUP BY name')).toBe('nested (subquery / set op)');
  });
});
