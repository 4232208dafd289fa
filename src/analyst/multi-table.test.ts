import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite, type FixtureDb, type Row } from './fixtures/fixture-db.js';
import { profileRows } from './fixtures/profile-rows.js';
import { schoolTables } from './fixtures/school-tables.js';
import { parseQuestion } from './parse-question.js';

const tables = schoolTables();
const dna = profileRows(tables, 'sqlite', 3);

function rows(result: Row[], ordered: boolean): string[] {
  const lines = result.map((row) => JSON.stringify(Object.values(row)));
  return ordered ? lines : lines.sort();
}

/** [question, hand-written SQL, whether row order matters] */
const CASES: [string, string, boolean][] = [
  ['Show the name, age and city of all students.', 'SELECT name, age, city FROM students', false],
  ['List the names of students ordered by age in descending order.', 'SELECT name FROM students ORDER BY age DESC', true],
  ['What is the name of the oldest student?', 'SELECT name FROM students ORDER BY age DESC LIMIT 1', true],
  ['Names of the 2 youngest students', 'SELECT name FROM students ORDER BY age ASC LIMIT 2', true],
  ['What are the titles of courses taught by Ada Byron?', "SELECT c.title FROM courses c JOIN teachers t ON c.teacher_id = t.teacher_id WHERE t.teacher_name = 'Ada Byron'", false],
  ['Which students are enrolled in Algebra? Give their names.', "SELECT s.name FROM students s JOIN enrolments e ON s.student_id = e.student_id JOIN courses c ON e.course_id = c.course_id WHERE c.title = 'Algebra'", false],
  ['Show the names of students who have not enrolled in any course.', 'SELECT name FROM students WHERE student_id NOT IN (SELECT student_id FROM enrolments)', false],
  ['What are the names of students with more than 1 enrolment?', 'SELECT s.name FROM students s JOIN enrolments e ON s.student_id = e.student_id GROUP BY s.student_id HAVING count(*) > 1', false],
  ['Which student has the most enrolments? Give the name.', 'SELECT s.name FROM students s JOIN enrolments e ON s.student_id = e.student_id GROUP BY s.student_id ORDER BY count(*) DESC LIMIT 1', true],
  // Columns come in the order the question names them.
  // A breakdown shows its group before the measure ("city | count").
  ['How many students are there in each city?', 'SELECT city, count(*) FROM students GROUP BY city', false],
  ['What is the average grade for each course title?', 'SELECT c.title, avg(e.grade) FROM enrolments e JOIN courses c ON e.course_id = c.course_id GROUP BY c.title', false],
  ['What is the average age of students from Lisbon or Porto?', "SELECT avg(age) FROM students WHERE city IN ('Lisbon', 'Porto')", false],
  ['Find the names of students enrolled in both Algebra and Biology.', "SELECT s.name FROM students s JOIN enrolments e ON s.student_id = e.student_id JOIN courses c ON e.course_id = c.course_id WHERE c.title = 'Algebra' INTERSECT SELECT s.name FROM students s JOIN enrolments e ON s.student_id = e.student_id JOIN courses c ON e.course_id = c.course_id WHERE c.title = 'Biology'", false],
  ['How many students are older than 21?', 'SELECT count(*) FROM students WHERE age > 21', false],
  ['How many different cities do students come from?', 'SELECT count(DISTINCT city) FROM students', false],
  ['List the titles of courses with credits between 4 and 5.', 'SELECT title FROM courses WHERE credits BETWEEN 4 AND 5', false],
  ['How many students are older than the average?', 'SELECT count(*) FROM students WHERE age > (SELECT avg(age) FROM students)', false],
  ['What is the age of the oldest student?', 'SELECT max(age) FROM students', false],
  ['What is the city of the student named Finn?', "SELECT city FROM students WHERE name = 'Finn'", false],
  ["Which students have a name containing 'an'?", "SELECT name FROM students WHERE name LIKE '%an%'", false],
  ['List the titles of courses with at most 1 enrolment.', 'SELECT c.title FROM courses c JOIN enrolments e ON c.course_id = e.course_id GROUP BY c.course_id HAVING count(*) <= 1', false],
  ['What are the names of the 3 students with the highest age?', 'SELECT name FROM students ORDER BY age DESC LIMIT 3', true],
  ['Show the titles of courses in alphabetical order.', 'SELECT title FROM courses ORDER BY title ASC', true],
  ['How many students are older than 24 or younger than 20?', 'SELECT count(*) FROM students WHERE age > 24 OR age < 20', false],
  ['How many students are not older than 21?', 'SELECT count(*) FROM students WHERE age <= 21', false],
  ['What is the average age of students who have any enrolments?', 'SELECT avg(age) FROM students WHERE student_id IN (SELECT student_id FROM enrolments)', false],
];

describe('multi-table questions on a schema the engine has never seen', () => {
  let db: FixtureDb;
  beforeAll(() => { db = openSqlite(tables); });
  afterAll(() => db.close());
  for (const [question, handSql, ordered] of CASES) {
    it(`answers "${question}"`, async () => {
      const parse = parseQuestion(question, { dna })[0];
      expect(parse.kind, JSON.stringify(parse)).toBe('sql');
      if (parse.kind !== 'sql') return;
      expect(rows(await db.query(parse.sql), ordered), parse.sql).toEqual(rows(await db.query(handSql), ordered));
    });
  }

  it('is less confident about a join than about a single-table count', () => {
    const simple = parseQuestion('How many students are there?', { dna })[0];
    const joined = parseQuestion('Which students are enrolled in Algebra? Give their names.', { dna })[0];
    expect(simple.confidence).toBeGreaterThan(joined.confidence);
  });
});
