// Dev evaluation of the analyst on text-to-SQL sets (../shared/eval): parse every question with
// a DNA built from its SQLite file, write {"id","pred_sql"} lines for score.py, and a details
// file for failure analysis. Usage:
//   npx tsx bench/analyst-eval.ts <questions.jsonl> "<db path with {db_id}>" <predictions.jsonl> [--real-dna]
// --real-dna profiles each database with the data layer's profiler (src/data/dna) instead of the
// simple dev profile, to measure the engine on the DNA users get.
import { writeFileSync } from 'node:fs';
import { evaluateQuestions } from './analyst-eval-core.js';

const realDna = process.argv.includes('--real-dna');
const [questionsPath, dbPattern, outPath] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (!questionsPath || !dbPattern || !outPath) {
  console.error('usage: analyst-eval.ts <questions.jsonl> "<db path with {db_id}>" <predictions.jsonl> [--real-dna]');
  process.exit(2);
}
const run = await evaluateQuestions(questionsPath, dbPattern, { realDna });
writeFileSync(outPath, run.details.map((d) => JSON.stringify({ id: d.id, pred_sql: d.pred })).join('\n') + '\n');
writeFileSync(outPath.replace(/\.jsonl$/, '') + '.details.jsonl', run.details.map((d) => JSON.stringify(d)).join('\n') + '\n');
const { sql, clarify, refuse, failed } = run.counts;
console.log(`${run.details.length} questions: ${sql} answered, ${clarify} clarified, ${refuse} refused, ${failed} failed; ${run.msPerQuestion.toFixed(2)} ms/question`);
