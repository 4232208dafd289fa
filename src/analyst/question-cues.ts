import type { Token } from './tokenize.js';

export type Comparator = '>' | '>=' | '<' | '<=' | '=' | '!=';

/** A numeric comparison: "over 500", "between 100 and 200", "at least 3". */
export interface ComparisonCue {
  start: number;
  end: number;
  op: Comparator | 'between';
  values: number[];
  /** The comparator word itself may name the column ("older than 30" → age). */
  wordStem: string;
  /** Token span between the words and the number, where a column may be named. */
  gap?: [number, number];
  /** "older than average": compare with an aggregate of the column instead of a number. */
  against?: 'avg';
}

export interface AggregateCue {
  start: number;
  end: number;
  aggregate: 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max' | 'median';
}

export interface SuperlativeCue {
  start: number;
  end: number;
  direction: 'asc' | 'desc';
  /** "top 5" → 5; plain "highest" → null. */
  count: number | null;
  /** "most"/"fewest"/"least" followed by a noun counts it ("the most concerts"). */
  counting: boolean;
}

const PHRASES: [string[], Comparator | 'between'][] = [
  [['more', 'than'], '>'], [['greater', 'than'], '>'], [['higher', 'than'], '>'], [['larger', 'than'], '>'], [['bigger', 'than'], '>'],
  [['older', 'than'], '>'], [['longer', 'than'], '>'], [['heavier', 'than'], '>'], [['taller', 'than'], '>'], [['later', 'than'], '>'],
  [['over'], '>'], [['above'], '>'], [['exceeding'], '>'], [['exceeds'], '>'], [['exceed'], '>'], [['after'], '>'], [['>'], '>'],
  [['at', 'least'], '>='], [['no', 'less', 'than'], '>='], [['not', 'less', 'than'], '>='], [['minimum', 'of'], '>='], [['>='], '>='],
  [['less', 'than'], '<'], [['fewer', 'than'], '<'], [['lower', 'than'], '<'], [['smaller', 'than'], '<'], [['younger', 'than'], '<'],
  [['shorter', 'than'], '<'], [['cheaper', 'than'], '<'], [['earlier', 'than'], '<'], [['under'], '<'], [['below'], '<'], [['before'], '<'],
  [['at', 'most'], '<='], [['no', 'more', 'than'], '<='], [['not', 'more', 'than'], '<='], [['up', 'to'], '<='], [['maximum', 'of'], '<='],
  [['equal', 'to'], '='], [['equals'], '='], [['exactly'], '='], [['between'], 'between'], [['from'], 'between'],
];

const COMPARATOR_WORD_STEMS: Record<string, string> = {
  older: 'old', younger: 'young', longer: 'long', heavier: 'heavi', taller: 'tall', cheaper: 'cheap', bigger: 'big', larger: 'larg',
  earlier: 'earli', later: 'late', shorter: 'short',
};

/** Numeric comparisons, each with the number(s) that follow their words. */
export function findComparisons(tokens: Token[]): ComparisonCue[] {
  const cues: ComparisonCue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const [words, op] of PHRASES) {
      if (!words.every((w, k) => tokens[i + k]?.norm === w)) continue;
      let at = i + words.length;
      // "below age 30", "above the age of 20": a column may sit between the words and the number.
      let gap = 0;
      while (gap < 3 && tokens[at + gap] && tokens[at + gap].kind === 'word' && !['and', 'or', 'than'].includes(tokens[at + gap].norm)) gap++;
      if (tokens[at]?.kind !== 'number' && tokens[at + gap]?.kind === 'number' && gap > 0 && op !== 'between' && words[0] !== 'from') at += gap;
      else gap = 0;
      const averageAt = tokens[i + words.length]?.norm === 'the' ? i + words.length + 1 : i + words.length;
      if (tokens[at]?.kind !== 'number' && ['average', 'mean'].includes(tokens[averageAt]?.norm ?? '') && op !== 'between' && words[0] !== 'from') {
        cues.push({ start: i, end: averageAt + 1, op: op as Comparator, values: [], wordStem: COMPARATOR_WORD_STEMS[words[0]] ?? '', against: 'avg' });
        i = averageAt;
        break;
      }
      if (tokens[at]?.kind !== 'number') continue;
      if (op === 'between') {
        const connector = tokens[at + 1]?.norm;
        if ((connector === 'and' || connector === 'to') && tokens[at + 2]?.kind === 'number') {
          cues.push({ start: i, end: at + 3, op, values: [tokens[at].value as number, tokens[at + 2].value as number], wordStem: '' });
          i = at + 2;
        }
        break;
      }
      let end = at + 1;
      let finalOp: Comparator = op;
      // "500 or more", "3 or less"
      if (tokens[end]?.norm === 'or' && ['more', 'greater', 'higher', 'above', 'over'].includes(tokens[end + 1]?.norm ?? '')) { finalOp = '>='; end += 2; }
      // "not higher than 4" is "at most 4".
      const negated = ['not', 'no'].includes(tokens[i - 1]?.norm ?? '') && words[0] !== 'no' && words[0] !== 'not';
      if (negated) finalOp = ({ '>': '<=', '>=': '<', '<': '>=', '<=': '>', '=': '!=', '!=': '=' } as const)[finalOp];
      cues.push({ start: negated ? i - 1 : i, end, op: finalOp, values: [tokens[at].value as number], wordStem: COMPARATOR_WORD_STEMS[words[0]] ?? '', gap: gap > 0 ? [at - gap, at] : undefined });
      i = end - 1;
      break;
    }
    // "500 or more" without a leading comparator
    if (tokens[i]?.kind === 'number' && tokens[i + 1]?.norm === 'or' && ['more', 'less', 'fewer', 'greater', 'above', 'over'].includes(tokens[i + 2]?.norm ?? '') && !cues.some((c) => c.start <= i && c.end > i)) {
      cues.push({ start: i, end: i + 3, op: ['more', 'greater', 'above', 'over'].includes(tokens[i + 2].norm) ? '>=' : '<=', values: [tokens[i].value as number], wordStem: '' });
    }
  }
  return cues;
}

const AGGREGATE_WORDS: [string[], AggregateCue['aggregate']][] = [
  [['how', 'many', 'different'], 'count_distinct'], [['how', 'many', 'distinct'], 'count_distinct'], [['how', 'many', 'unique'], 'count_distinct'],
  [['number', 'of', 'distinct'], 'count_distinct'], [['number', 'of', 'different'], 'count_distinct'], [['number', 'of', 'unique'], 'count_distinct'],
  [['count', 'of', 'distinct'], 'count_distinct'], [['count', 'distinct'], 'count_distinct'], [['count', 'the', 'number', 'of'], 'count'],
  [['total', 'number', 'of'], 'count'], [['number', 'of'], 'count'], [['numbers', 'of'], 'count'], [['amount', 'of', 'different'], 'count_distinct'], [['how', 'many'], 'count'], [['count', 'of'], 'count'], [['count'], 'count'],
  [['sum', 'of'], 'sum'], [['total'], 'sum'], [['sum'], 'sum'], [['combined'], 'sum'],
  [['average'], 'avg'], [['avg'], 'avg'], [['mean'], 'avg'], [['typical'], 'avg'],
  [['median'], 'median'],
  [['maximum'], 'max'], [['max'], 'max'],
  [['minimum'], 'min'], [['min'], 'min'],
];

/** Aggregate words ("how many", "average", "total"). "highest"/"lowest" are superlatives, not aggregates. */
export function findAggregates(tokens: Token[]): AggregateCue[] {
  const cues: AggregateCue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const [words, aggregate] of AGGREGATE_WORDS) {
      if (words.every((w, k) => tokens[i + k]?.norm === w)) {
        // "how many" is a count only when it asks for one, not in "how many ... each" breakdowns (still a count).
        if (aggregate === 'sum' && words[0] === 'total' && tokens[i + 1]?.norm === 'number') continue;
        cues.push({ start: i, end: i + words.length, aggregate });
        i += words.length - 1;
        break;
      }
    }
  }
  return cues;
}

const DESC = new Set(['latest', 'last', 'highest', 'most', 'largest', 'biggest', 'greatest', 'best', 'top', 'maximum', 'max', 'longest', 'oldest', 'heaviest', 'tallest', 'richest', 'latest', 'newest', 'busiest', 'popular', 'expensive', 'frequent', 'common', 'populous', 'recent', 'higher', 'larger', 'more']);
const ASC = new Set(['first', 'lowest', 'least', 'fewest', 'smallest', 'bottom', 'worst', 'minimum', 'min', 'shortest', 'youngest', 'lightest', 'poorest', 'earliest', 'oldest_first', 'cheapest', 'lower', 'smaller', 'fewer', 'less']);

/** Superlatives and top/bottom N. */
export function findSuperlatives(tokens: Token[]): SuperlativeCue[] {
  const cues: SuperlativeCue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i].norm;
    const next = tokens[i + 1];
    if ((word === 'top' || word === 'first' || word === 'bottom' || word === 'last') && next?.kind === 'number' && Number.isInteger(next.value)) {
      cues.push({ start: i, end: i + 2, direction: word === 'bottom' || word === 'last' ? 'asc' : 'desc', count: next.value as number, counting: false });
      i += 1;
      continue;
    }
    if (tokens[i].kind === 'number' && Number.isInteger(tokens[i].value) && (DESC.has(next?.norm ?? '') || ASC.has(next?.norm ?? '')) && /^(top|the|)$/.test(tokens[i - 1]?.norm ?? '')) {
      cues.push({ start: i, end: i + 2, direction: DESC.has(next.norm) ? 'desc' : 'asc', count: tokens[i].value as number, counting: ['most', 'fewest', 'least'].includes(next.norm) });
      i += 1;
      continue;
    }
    const comparative = ['higher', 'larger', 'more', 'lower', 'smaller', 'fewer', 'less'].includes(word);
    if (comparative) continue;
    if (word === 'most' && next && ['common', 'frequent', 'popular'].includes(next.norm)) {
      cues.push({ start: i, end: i + 2, direction: 'desc', count: null, counting: true });
      i += 1;
      continue;
    }
    if ((word === 'least' || word === 'less') && next && ['common', 'frequent', 'popular'].includes(next.norm)) {
      cues.push({ start: i, end: i + 2, direction: 'asc', count: null, counting: true });
      i += 1;
      continue;
    }
    if (DESC.has(word) || ASC.has(word)) {
      cues.push({ start: i, end: i + 1, direction: DESC.has(word) ? 'desc' : 'asc', count: null, counting: word === 'most' || word === 'fewest' || word === 'least' });
    }
  }
  return cues;
}

export const NEGATION_WORDS = new Set(['not', 'no', 'without', 'excluding', 'except', 'never', "don't", "doesn't", "didn't", "isn't", "aren't", 'non']);

/** Positions of words that negate what follows ("not", "without", "excluding", "other than"). */
export function findNegations(tokens: Token[]): number[] {
  const positions: number[] = [];
  tokens.forEach((token, i) => {
    if (NEGATION_WORDS.has(token.norm)) positions.push(i);
    if (token.norm === 'other' && tokens[i + 1]?.norm === 'than') positions.push(i + 1);
  });
  return positions;
}

/** Words after which a column is a breakdown dimension. */
export const GROUP_WORDS = new Set(['by', 'per', 'each', 'every', 'across']);
export const LIST_WORDS = new Set(['show', 'list', 'give', 'find', 'display', 'return', 'get', 'name', 'what', 'which', 'who', 'tell']);
export const COMPARE_WORDS = new Set(['vs', 'versus', 'compare', 'compared', 'comparing', 'against']);
export const RATE_WORDS = new Set(['rate', 'share', 'percentage', 'percent', 'proportion', 'fraction', 'ratio', '%']);
