import { findParse } from './find-parse.js';
import { textTurn, type LocalTurn } from './local-turn.js';
import { readDna, readSql } from './read-context.js';
import type { Conversation } from './read-conversation.js';

/** The explainer's turn: the analyst's plain-words explanation of the query. */
export function playExplainer(conversation: Conversation): LocalTurn {
  const dna = readDna(conversation);
  const sql = readSql(conversation);
  const parse = dna && sql ? findParse(conversation, dna, sql) : null;
  if (parse) return textTurn(parse.explanation);
  return textTurn(sql ? 'The query reads the tables it names, applies its WHERE filters, and computes the columns it selects.' : 'There is no query to explain.');
}
