#!/usr/bin/env python3
"""Per-question execution check for the analyst dev loop (same comparison as score.py).

Usage: analyst-diagnose.py DETAILS.jsonl DB_PATTERN > verdicts.jsonl
Adds "ok" (bool) and "error" to every line of the details file written by analyst-eval.ts,
and prints accuracy by confidence band on stderr.
"""
import collections, json, re, sqlite3, sys, time

def run(con, sql):
    deadline = time.time() + 10
    con.set_progress_handler(lambda: 1 if time.time() > deadline else 0, 10000)
    return [tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in con.execute(sql).fetchall()]

details, pattern = sys.argv[1], sys.argv[2]
conns, bands = {}, collections.defaultdict(lambda: [0, 0])
for line in open(details):
    d = json.loads(line)
    if 'question' not in d:
        continue
    path = pattern.format(db_id=d['db'])
    con = conns.get(path) or conns.setdefault(path, sqlite3.connect('file:%s?mode=ro' % path, uri=True))
    con.text_factory = lambda b: b.decode('utf-8', errors='replace')
    d['ok'], d['error'] = False, None
    try:
        gold = run(con, d['gold'])
        if d['pred']:
            pred = run(con, d['pred'])
            ordered = re.search(r'\border\s+by\b', d['gold'], re.I) is not None
            d['ok'] = gold == pred if ordered else collections.Counter(gold) == collections.Counter(pred)
    except Exception as e:
        d['error'] = str(e)
    band = round(d.get('confidence', 0), 1)
    bands[band][0] += d['ok']; bands[band][1] += 1
    print(json.dumps(d))
for band in sorted(bands):
    c, t = bands[band]
    print('confidence %.1f: %d / %d = %.0f%%' % (band, c, t, 100.0 * c / t), file=sys.stderr)
