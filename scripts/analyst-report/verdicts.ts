import { execFileSync } from 'node:child_process';

/** One question re-executed the way score.py executes it, with what the failure analysis needs. */
export interface Verdict {
  id: string;
  db_id: string;
  gold_sql: string;
  question: string;
  /** score.py's verdict for this question (same normalisation, same ORDER BY rule). */
  ok: boolean;
  gold_columns: number | null;
  pred_columns: number | null;
  gold_rows: number | null;
  pred_rows: number | null;
  /** Same rows in another order (only matters when the gold SQL orders). */
  same_multiset: boolean;
  /** Same rows after reordering the predicted columns. */
  permuted_columns: boolean;
  /** Same distinct rows, different duplicates. */
  same_set: boolean;
  pred_error: string | null;
  /** Table and column names of the database, to tell identifiers from values in the SQL. */
  identifiers: string[];
}

// Reuses score.py's own `_norm` and comparison rule so each verdict is the scorer's verdict; the
// report then checks that the verdicts add up to the scorer's EX line.
const VERDICT_SCRIPT = String.raw`
import collections, importlib.util, itertools, json, re, sqlite3, sys, time
spec = importlib.util.spec_from_file_location('score', sys.argv[1]); score = importlib.util.module_from_spec(spec); spec.loader.exec_module(score)
questions, predictions, resolver = sys.argv[2], sys.argv[3], sys.argv[4]
preds = {}
for line in open(predictions):
    if line.strip():
        d = json.loads(line); preds[d['id']] = d.get('pred_sql') or ''
conns, idents = {}, {}
def run(con, sql):
    deadline = time.time() + 30
    con.set_progress_handler(lambda: 1 if time.time() > deadline else 0, 10000)
    cur = con.execute(sql)
    return score._norm(cur.fetchall()), len(cur.description or [])
for line in open(questions):
    if not line.strip():
        continue
    q = json.loads(line)
    path = resolver.format(db_id=q['db_id'])
    if path not in conns:
        con = sqlite3.connect('file:%s?mode=ro' % path, uri=True)
        con.text_factory = lambda b: b.decode('utf-8', errors='replace')
        conns[path] = con
        names = set()
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            names.add(table.lower())
            for row in con.execute('PRAGMA table_info("%s")' % table.replace('"', '""')).fetchall():
                names.add(str(row[1]).lower())
        idents[path] = sorted(names)
    con = conns[path]
    out = {'id': q['id'], 'db_id': q['db_id'], 'gold_sql': q['gold_sql'], 'question': q['question'], 'ok': False, 'gold_columns': None, 'pred_columns': None,
           'gold_rows': None, 'pred_rows': None, 'same_multiset': False, 'permuted_columns': False, 'same_set': False, 'pred_error': None, 'identifiers': idents[path]}
    gold, out['gold_columns'] = run(con, q['gold_sql'])
    out['gold_rows'] = len(gold)
    sql = preds.get(q['id'], '')
    if sql:
        try:
            pred, out['pred_columns'] = run(con, sql)
            out['pred_rows'] = len(pred)
            ordered = re.search(r'\border\s+by\b', q['gold_sql'], re.I) is not None
            multiset = collections.Counter(gold) == collections.Counter(pred)
            out['ok'] = (gold == pred) if ordered else multiset
            out['same_multiset'] = multiset
            out['same_set'] = set(gold) == set(pred)
            if not multiset and out['pred_columns'] == out['gold_columns'] and 1 < out['pred_columns'] <= 4:
                target = collections.Counter(gold)
                for order in itertools.permutations(range(out['pred_columns'])):
                    if collections.Counter(tuple(r[i] for i in order) for r in pred) == target:
                        out['permuted_columns'] = True; break
        except Exception as error:
            out['pred_error'] = str(error)
    print(json.dumps(out))
`;

/**
 * Re-executes gold and predicted SQL for every question with score.py's comparison, in one
 * python3 process.
 */
export function computeVerdicts(scorePath: string, questionsPath: string, predictionsPath: string, dbPattern: string): Verdict[] {
  const output = execFileSync('python3', ['-c', VERDICT_SCRIPT, scorePath, questionsPath, predictionsPath, dbPattern], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Verdict);
}

/** score.py's output: the EX line and one line per database. */
export interface ScoreResult {
  correct: number;
  total: number;
  percent: number;
  byDb: { dbId: string; correct: number; total: number }[];
  raw: string;
}

export function runScorer(scorePath: string, questionsPath: string, predictionsPath: string, dbPattern: string): ScoreResult {
  const raw = execFileSync('python3', [scorePath, questionsPath, predictionsPath, dbPattern], { encoding: 'utf8' });
  const ex = /EX = (\d+) \/ (\d+) = ([\d.]+)%/.exec(raw);
  if (!ex) throw new Error(`score.py printed no "EX = a / b" line:\n${raw}`);
  const byDb = [...raw.matchAll(/^\s+(\S+)\s+(\d+) \/\s+(\d+)\s*$/gm)].map((match) => ({ dbId: match[1], correct: Number(match[2]), total: Number(match[3]) }));
  return { correct: Number(ex[1]), total: Number(ex[2]), percent: Number(ex[3]), byDb, raw };
}
