import { isOutlierFollowUp, isWhyFollowUp } from './driver-analysis.js';
import type { IntentFrame } from './intent-frame.js';

/**
 * Follow-ups that only change the previous reading (issue 10, item 4, "carry-over"):
 * "top 3 instead", "bottom 5", and corrections ("no, I meant by region", "by bank instead").
 */

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twenty: 20 };
const TOP_N = /^\s*(?:(?:and|now|ok(?:ay)?|just|only|no,?|actually,?)\s+)*(?:show\s+(?:me\s+)?)?(?:the\s+)?(top|bottom|first|last|lowest|highest)\s+(\d{1,4}|[a-z]+)\s*(?:instead|only|then|please)?\s*[?.!]*\s*$/i;
const CORRECTION_START = /^\s*(?:no|nope|actually|sorry|rather|i meant|i mean)\b[,\s]*(?:(?:i\s+)?meant?\s+|rather\s+)?/i;
const INSTEAD_END = /[,\s]+(?:instead|rather)\s*([?.!]*)\s*$/i;

/** "top 3 instead" on a breakdown: the same reading, ordered by its measure, at most N rows. */
export function applyTopN(question: string, previous: IntentFrame): IntentFrame | null {
  const match = TOP_N.exec(question);
  if (!match || previous.groupBy.length === 0 || previous.measures.length === 0) return null;
  const count = /^\d+$/.test(match[2]) ? Number(match[2]) : NUMBER_WORDS[match[2].toLowerCase()];
  if (!count) return null;
  const direction = /bottom|last|lowest/i.test(match[1]) ? 'asc' : 'desc';
  return { ...previous, orderBy: [{ measureIndex: 0, direction }], limit: count, shape: previous.shape === 'timeseries' ? 'breakdown' : previous.shape };
}

/**
 * A correction or a replacement ("no, I meant by region", "by bank instead") read without its
 * correction words, and whether it had any (then it is a follow-up whatever its length).
 */
export function stripCorrection(question: string): { text: string; corrected: boolean } {
  let text = question.replace(CORRECTION_START, '');
  text = text.replace(INSTEAD_END, '$1');
  return { text: text.trim() || question.trim(), corrected: text !== question };
}

const LEANS_ON_PREVIOUS = [/^\s*(?:now\s+|then\s+)?(?:break|split|group|slice)\s+(?:it|this|that|them|these|those)\b/i, /^\s*(?:show\s+|do\s+)?(?:the\s+)?(?:same|that|this|it)\s+(?:by|per|for|in)\b/i];

/** "break it down by month", "same by region": a question whose "it" is the previous answer. */
export function leansOnPrevious(question: string): boolean {
  return LEANS_ON_PREVIOUS.some((pattern) => pattern.test(question));
}

/** Questions about the previous answer itself: not readings that later follow-ups build on. */
export function isAboutPreviousAnswer(question: string): boolean {
  return isWhyFollowUp(question) || isOutlierFollowUp(question);
}
