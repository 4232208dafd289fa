// A second InsightX-like process for the uid lease test: a bubblewrap runner on the uid range
// argv[2] (first) / argv[3] (count) runs Python that sleeps argv[4] seconds, then prints one
// JSON line: {"result": "survived"} or {"error": "<code>"}.
import { createBwrapPythonRunner } from '../../src/sandbox/bwrap/bwrap-python-runner.js';

const [first, count, seconds] = process.argv.slice(2).map(Number);
const runner = createBwrapPythonRunner({ uidRange: { first: first!, count: count! } });
try {
  const run = await runner.run({ code: `import time\ntime.sleep(${seconds})\nresult = 'survived'`, inputs: [] });
  console.log(JSON.stringify({ result: run.result }));
} catch (error) {
  console.log(JSON.stringify({ error: (error as { code?: string }).code ?? String(error) }));
}
