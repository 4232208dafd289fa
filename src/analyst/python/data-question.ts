import { analysisKindOf } from './plan-python-analysis.js';

const GRAINS: [RegExp, string][] = [
  [/\b(hourly|hours?)\b/i, 'hour'],
  [/\b(daily|days?)\b/i, 'day'],
  [/\b(weekly|weeks?)\b/i, 'week'],
  [/\b(monthly|months?)\b/i, 'month'],
  [/\b(quarterly|quarters?)\b/i, 'quarter'],
  [/\b(yearly|annual|years?)\b/i, 'year'],
];

/** Words that ask for the statistic or the period, not for the measure itself. */
const NOT_THE_MEASURE = [
  /\b(can you|could you|please|show( me)?|tell me|what( i|')s|what will|what is|how (is|are|will)|will)\b/gi,
  /\b(forecast(ed|ing)?|predict(ed|ion)?|project(ed|ion)?|expect(ed)?)\b/gi,
  /\b(the )?(trend(s|ing)?|slope)( (in|of|for))?\b/gi,
  /\b(for|in|over) the (next|coming|last|past) (\d+ |few )?\w+\b/gi,
  /\b(next|coming) (\d+ )?\w+('s|s')?/gi,
  /\b(over time|up|down|growing|declining|increasing|decreasing|be|be like)\b/gi,
  /\b(hourly|daily|weekly|monthly|quarterly|yearly|annual|per \w+|by \w+)\b/gi,
  /\b(is|are|the|a)\b/gi,
  /[?!.]/g,
];

const AGGREGATE = /\b(average|avg|mean|total|sum|count|number|rate|share|ratio|volume|median)\b/i;

function measureOf(question: string): string | null {
  let text = question;
  for (const pattern of NOT_THE_MEASURE) text = text.replace(pattern, ' ');
  const measure = text.replace(/\s+/g, ' ').trim();
  return measure.length > 1 ? measure : null;
}

function grainOf(question: string, fallback: string): string {
  return GRAINS.find(([pattern]) => pattern.test(question))?.[1] ?? fallback;
}

function correlationPair(question: string): [string, string] | null {
  const clean = question.replace(/[?!.]/g, '').trim();
  const between = /\bcorrelation between (?:the )?(.+?) and (?:the )?(.+)$/i.exec(clean);
  const related = /^(?:is|are|does|do|how (?:strongly )?(?:is|are))?\s*(?:the )?(.+?)\s+(?:correlated|associated|related)\s+(?:with|to)\s+(?:the )?(.+)$/i.exec(clean);
  const match = between ?? related;
  return match ? [match[1]!.trim(), match[2]!.trim()] : null;
}

/**
 * The data question a statistics question needs answered by SQL first, in words the analyst
 * parses: a forecast or trend slope needs the measure as a time series ("payment volume by month"),
 * a correlation both measures side by side over many points ("failure rate and average amount
 * by day"). Null when the question already asks for the right shape (outliers by a dimension)
 * or when it cannot be read; the SQL agent then uses the question as it is.
 */
export function statisticsDataQuestion(question: string): string | null {
  const kind = analysisKindOf(question);
  // A plain trend question ("how is revenue trending?") is the analyst's own time series; only a
  // slope or regression asks for statistics on it.
  if (kind === 'forecast' || (kind === 'trend' && /\b(slope|regression)\b/i.test(question))) {
    const measure = measureOf(question);
    return measure ? `${measure} by ${grainOf(question, kind === 'forecast' && /\bnext (\d+ )?days?\b/i.test(question) ? 'day' : 'month')}` : null;
  }
  if (kind === 'correlation') {
    const pair = correlationPair(question);
    if (!pair) return null;
    const [first, second] = pair.map((measure) => (AGGREGATE.test(measure) ? measure : `average ${measure}`));
    return `${first} and ${second} by ${grainOf(question, 'day')}`;
  }
  return null;
}
