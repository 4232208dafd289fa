import { linkTokens, type LinkGroup } from './link-tokens.js';
import type { SchemaIndex } from './schema-index.js';
import type { Token } from './tokenize.js';

/** Verbs that change data or schema, in the form a request uses ("delete …", "can you update …"). */
const WRITE_VERBS = new Set([
  'delete', 'remove', 'drop', 'update', 'insert', 'add', 'change', 'rename', 'truncate', 'modify', 'alter',
  'erase', 'wipe', 'purge', 'overwrite', 'edit', 'set', 'create', 'upsert', 'append',
]);

/** Words that may come before the verb of a request: politeness, modals, "I want to". */
const LEAD_WORDS = new Set([
  'please', 'pls', 'kindly', 'now', 'then', 'just', 'go', 'ahead', 'and', 'also', 'can', 'could', 'would', 'will', 'you',
  'we', 'i', 'want', 'wanna', 'need', 'needs', 'to', 'like', "i'd", "let's", 'lets', 'let', 'us', 'me', 'help', 'should',
  'must', 'shall', 'try', 'how', 'do', 'does', 'is', 'it', 'possible', 'way', 'a', 'there',
]);

/** Words that start the object of a request: "delete every customer", "update the price", "drop table …". */
const OBJECT_STARTS = new Set([
  'the', 'all', 'every', 'each', 'a', 'an', 'any', 'this', 'these', 'those', 'that', 'my', 'our', 'their', 'his', 'her',
  'some', 'everything', 'everyone', 'anything', 'it', 'them', 'from', 'into', 'row', 'rows', 'record', 'records', 'column',
  'columns', 'table', 'tables', 'entry', 'entries', 'new', 'value', 'values', 'data', 'database', 'field', 'fields',
]);

/** After the verb, these make it a noun or a read ("change in revenue", "drop rate", "add up the amounts"). */
const READ_FOLLOWERS = new Set(['in', 'of', 'over', 'per', 'by', 'between', 'rate', 'rates', 'frequency', 'count', 'counts', 'up', 'together', 'trend', 'trends', 'history', 'date', 'time']);

/** Objects that are what a reader makes, not data ("create a chart of …"). */
const PRESENTATION_WORDS = /^(chart|plot|graph|report|summary|visuali[sz]ation|breakdown|list|dashboard|pivot|histogram|overview|table of|analysis)/;

/**
 * The verb of a request to change the data ("Delete every customer from Leeds", "can you update
 * the price of …", "DROP TABLE orders"), or null for a question that reads it. The verb must
 * lead the request (after politeness or a modal) and take an object; schema linking tells a
 * verb that is part of a column's name ("update date", "drop rate") or one of its values
 * ("insert events per day" where an action column holds `insert`) from a request.
 */
export function findWriteRequest(tokens: Token[], index: SchemaIndex): string | null {
  let at = 0;
  while (at < tokens.length && at < 8 && tokens[at].kind === 'word' && LEAD_WORDS.has(tokens[at].norm) && !WRITE_VERBS.has(tokens[at].norm)) at++;
  const verb = tokens[at];
  if (!verb || verb.kind !== 'word' || !WRITE_VERBS.has(verb.norm)) return null;
  const next = tokens[at + 1];
  if (!next) return null;
  if (next.kind === 'word' && READ_FOLLOWERS.has(next.norm)) return null;
  const rest = tokens.slice(at + 1, at + 4).map((token) => token.norm).filter((word) => !OBJECT_STARTS.has(word) || word === 'table').join(' ');
  if (PRESENTATION_WORDS.test(rest)) return null;
  const groups = linkTokens(tokens, index);
  const covering = (position: number) => groups.filter((group) => group.start <= position && group.end > position);
  // "update date of the last order": the verb starts a column's (or value's) name.
  if (covering(at).some((group) => group.end > at + 1 && group.mentions.some((m) => m.match !== 'partial'))) return null;
  const verbIsData = covering(at).some((group) => group.mentions.some((m) => m.match === 'exact' || m.match === 'synonym'));
  const determined = next.kind === 'word' && OBJECT_STARTS.has(next.norm);
  if (verbIsData) return determined ? verb.norm : null;
  return determined || next.kind === 'number' || next.kind === 'quoted' || mentionsData(groups, at + 1) ? verb.norm : null;
}

function mentionsData(groups: LinkGroup[], position: number): boolean {
  return groups.some((group) => group.start === position && group.mentions.length > 0);
}
