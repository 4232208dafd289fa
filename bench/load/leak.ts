// Leak benchmark (issue "Hardening", Staying fixed): 2,000 questions asked one after the other
// against a real server (embedded setup, one question in five a Python one). The server's RSS is
// read after a full GC every `--sample-every` questions; what counts is its growth from the end
// of the warm-up to the end, as a ratio (target: under 5%), with the slope of a line fitted
// through the samples (MiB per 1,000 questions) to tell a steady climb from noise.
//   node bin/run-ts.js bench/load/leak.ts [--questions 2000] [--warmup 200] [--sample-every 100]
//     [--python-every 5] [--thread-every 10] [--timeout-s 3600]
import { parseArgs } from 'node:util';
import { ask, postJson, startLoadServer } from './load-server.js';
import { rssBytes, sandboxProcessesUnder } from './process-stats.js';

const { values } = parseArgs({
  options: {
    questions: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    'sample-every': { type: 'string', default: '100' },
    'python-every': { type: 'string', default: '5' },
    'thread-every': { type: 'string', default: '10' },
    'timeout-s': { type: 'string', default: '3600' },
  },
});
const QUESTIONS = Number(values.questions);
const WARMUP = Number(values.warmup);
const SAMPLE_EVERY = Number(values['sample-every']);
const PYTHON_EVERY = Number(values['python-every']);
const THREAD_EVERY = Number(values['thread-every']);
const DEADLINE = Date.now() + Number(values['timeout-s']) * 1000;

const SQL_QUESTIONS = ['How many payments failed?', 'What is the overall failure rate?', "What's the failure rate on iOS?", 'How many payments are pending?'];
const PYTHON_QUESTIONS = ['Are there outliers in the payment amount?', 'Is there a correlation between amount and fraud score?'];
const questionFor = (index: number) =>
  PYTHON_EVERY > 0 && index % PYTHON_EVERY === PYTHON_EVERY - 1 ? PYTHON_QUESTIONS[index % PYTHON_QUESTIONS.length]! : SQL_QUESTIONS[index % SQL_QUESTIONS.length]!;

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return covariance / variance;
}

const mib = (bytes: number) => bytes / 1024 / 1024;
const server = await startLoadServer();
try {
  await fetch(`${server.base}/api/datasources/sample/dna`);
  console.log(`leak: ${QUESTIONS} questions one after the other (1 in ${PYTHON_EVERY} Python), RSS after a GC every ${SAMPLE_EVERY}, growth measured after ${WARMUP}`);
  const samples: [number, number][] = [];
  let failures = 0;
  let thread = '';
  const started = performance.now();
  for (let index = 0; index < QUESTIONS && Date.now() < DEADLINE; index += 1) {
    if (index % THREAD_EVERY === 0) thread = (await postJson(`${server.base}/api/threads`, { title: `leak ${index}` }, DEADLINE)).id as string;
    const sample = await ask(server.base, thread, questionFor(index), DEADLINE);
    if (!sample.ok) failures += 1;
    const done = index + 1;
    if (done >= WARMUP && (done - WARMUP) % SAMPLE_EVERY === 0) {
      await server.collectGarbage();
      samples.push([done, rssBytes(server.pid)]);
      console.log(`  after ${String(done).padStart(5)}: RSS ${mib(samples.at(-1)![1]).toFixed(0)} MiB (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  const asked = samples.at(-1)?.[0] ?? 0;
  const [first, last] = [samples[0], samples.at(-1)];
  const growth = first && last ? last[1] / first[1] - 1 : Number.NaN;
  const perThousand = mib(slope(samples) * 1000);
  console.log(`questions:         ${asked} asked, ${failures} not completed`);
  console.log(`RSS growth:        ${first ? mib(first[1]).toFixed(0) : '?'} MiB after the warm-up → ${last ? mib(last[1]).toFixed(0) : '?'} MiB = ${(growth * 100).toFixed(1)}% (< 5%); trend ${perThousand.toFixed(1)} MiB per 1,000 questions`);
  const left = sandboxProcessesUnder(server.pid).filter((entry) => entry.command !== 'prlimit');
  console.log(`sandbox processes: ${left.length} alive at the end (a warm sandbox may wait up to its 60 s idle limit)`);
  process.exitCode = failures === 0 && growth < 0.05 && asked >= Math.min(QUESTIONS, WARMUP + SAMPLE_EVERY) ? 0 : 1;
} finally {
  await server.stop();
}
