import type { TimeGrain } from '../core/dna.js';
import type { Token } from './tokenize.js';

/** A date range the question names, resolved against the data's latest date (never the wall clock). */
export interface TimeRangeCue {
  start: number;
  end: number;
  /** Half-open [from, to) as `YYYY-MM-DD`. */
  from: string;
  to: string;
  words: string;
}

/** A grain the question asks a series by ("monthly", "by week", "over time"). */
export interface TimeGrainCue {
  start: number;
  end: number;
  grain: TimeGrain;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_SHORT = MONTHS.map((m) => m.slice(0, 3));
const GRAIN_WORDS: Record<string, TimeGrain> = {
  daily: 'day', day: 'day', days: 'day', weekly: 'week', week: 'week', weeks: 'week', monthly: 'month', month: 'month', months: 'month',
  quarterly: 'quarter', quarter: 'quarter', quarters: 'quarter', yearly: 'year', annual: 'year', annually: 'year', year: 'year', years: 'year',
  hourly: 'hour', hour: 'hour', hours: 'hour',
};

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}
function utc(year: number, month: number, day = 1): Date {
  return new Date(Date.UTC(year, month, day));
}
function monthIndex(word: string): number {
  const full = MONTHS.indexOf(word);
  if (full >= 0) return full;
  return word.length === 3 && word !== 'may' ? MONTH_SHORT.indexOf(word) : -1;
}
function isYear(token: Token | undefined): boolean {
  return token?.kind === 'number' && Number.isInteger(token.value) && (token.value as number) >= 1900 && (token.value as number) <= 2100 && /^\d{4}$/.test(token.raw);
}

/** Find date ranges in the question. `latest` is the maximum of the table's time column. */
export function findTimeRanges(tokens: Token[], latest: Date): TimeRangeCue[] {
  const cues: TimeRangeCue[] = [];
  const n = (i: number) => tokens[i]?.norm;
  const latestYear = latest.getUTCFullYear();
  for (let i = 0; i < tokens.length; i++) {
    const word = n(i);
    // "last 30 days", "past 3 months", "previous 2 weeks"
    if ((word === 'last' || word === 'past' || word === 'previous') && tokens[i + 1]?.kind === 'number' && GRAIN_WORDS[n(i + 2) ?? '']) {
      const count = tokens[i + 1].value as number;
      const grain = GRAIN_WORDS[n(i + 2) as string];
      const to = new Date(latest.getTime() + 86_400_000);
      const from = new Date(Date.UTC(latest.getUTCFullYear(), latest.getUTCMonth(), latest.getUTCDate()));
      if (grain === 'day') from.setUTCDate(from.getUTCDate() - count + 1);
      else if (grain === 'week') from.setUTCDate(from.getUTCDate() - 7 * count + 1);
      else if (grain === 'month') from.setUTCMonth(from.getUTCMonth() - count);
      else if (grain === 'quarter') from.setUTCMonth(from.getUTCMonth() - 3 * count);
      else if (grain === 'year') from.setUTCFullYear(from.getUTCFullYear() - count);
      cues.push({ start: i, end: i + 3, from: iso(from), to: iso(to), words: `in the last ${count} ${n(i + 2)}` });
      i += 2;
      continue;
    }
    // "last month", "this year", "last quarter", "this week": the data ends at `latest`, so "last"
    // and "this" both name the data's latest period (the one holding `latest`), not the one before.
    if ((word === 'last' || word === 'this' || word === 'previous' || word === 'current') && ['month', 'year', 'quarter', 'week'].includes(n(i + 1) ?? '')) {
      const unit = n(i + 1) as 'month' | 'year' | 'quarter' | 'week';
      let from: Date;
      let to: Date;
      if (unit === 'year') { from = utc(latestYear, 0); to = utc(latestYear + 1, 0); }
      else if (unit === 'quarter') { const q = Math.floor(latest.getUTCMonth() / 3); from = utc(latestYear, q * 3); to = utc(latestYear, q * 3 + 3); }
      else if (unit === 'month') { from = utc(latestYear, latest.getUTCMonth()); to = utc(latestYear, latest.getUTCMonth() + 1); }
      else {
        from = utc(latestYear, latest.getUTCMonth(), latest.getUTCDate() - ((latest.getUTCDay() + 6) % 7));
        to = new Date(from.getTime() + 7 * 86_400_000);
      }
      cues.push({ start: i, end: i + 2, from: iso(from), to: iso(to), words: `${word} ${unit} (${iso(from)} to ${iso(new Date(to.getTime() - 86_400_000))})` });
      i += 1;
      continue;
    }
    if (word === 'ytd' || (word === 'year' && n(i + 1) === 'to' && n(i + 2) === 'date')) {
      const end = word === 'ytd' ? i + 1 : i + 3;
      cues.push({ start: i, end, from: iso(utc(latestYear, 0)), to: iso(new Date(latest.getTime() + 86_400_000)), words: 'year to date' });
      i = end - 1;
      continue;
    }
    // "Q1 2024", "Q2" (latest year having it)
    const quarter = /^q([1-4])$/.exec(word ?? '');
    if (quarter) {
      const q = Number(quarter[1]) - 1;
      const year = isYear(tokens[i + 1]) ? (tokens[i + 1].value as number) : utc(latestYear, q * 3) <= latest ? latestYear : latestYear - 1;
      const end = isYear(tokens[i + 1]) ? i + 2 : i + 1;
      cues.push({ start: i, end, from: iso(utc(year, q * 3)), to: iso(utc(year, q * 3 + 3)), words: `Q${q + 1} ${year}` });
      i = end - 1;
      continue;
    }
    // "March 2024", "in March", "may 2024" ("may" alone is a verb)
    const month = monthIndex(word ?? '');
    if (month >= 0 && (word !== 'may' || isYear(tokens[i + 1]) || n(i - 1) === 'in')) {
      const year = isYear(tokens[i + 1]) ? (tokens[i + 1].value as number) : utc(latestYear, month) <= latest ? latestYear : latestYear - 1;
      const end = isYear(tokens[i + 1]) ? i + 2 : i + 1;
      cues.push({ start: i, end, from: iso(utc(year, month)), to: iso(utc(year, month + 1)), words: `${MONTHS[month][0].toUpperCase()}${MONTHS[month].slice(1)} ${year}` });
      i = end - 1;
      continue;
    }
    if (tokens[i].kind === 'date') {
      const day = new Date(`${tokens[i].norm}T00:00:00Z`);
      if (!Number.isNaN(day.getTime())) cues.push({ start: i, end: i + 1, from: tokens[i].norm, to: iso(new Date(day.getTime() + 86_400_000)), words: `on ${tokens[i].norm}` });
      continue;
    }
    // "in 2024", "during 2023", "for 2024"
    if (isYear(tokens[i]) && ['in', 'during', 'for', 'of', 'year'].includes(n(i - 1) ?? '')) {
      const year = tokens[i].value as number;
      cues.push({ start: i, end: i + 1, from: iso(utc(year, 0)), to: iso(utc(year + 1, 0)), words: `in ${year}` });
    }
  }
  return cues;
}

/** Find the grain a series is asked by. */
export function findTimeGrain(tokens: Token[], spanDays: number): TimeGrainCue | null {
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i].norm;
    const previous = tokens[i - 1]?.norm;
    if (['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'annually', 'hourly'].includes(word)) return { start: i, end: i + 1, grain: GRAIN_WORDS[word] };
    if (GRAIN_WORDS[word] && ['by', 'per', 'each', 'every', 'over'].includes(previous ?? '') && !/^(last|past|this)$/.test(tokens[i - 2]?.norm ?? '')) {
      return { start: i - 1, end: i + 1, grain: GRAIN_WORDS[word] };
    }
    if (GRAIN_WORDS[word] && previous === 'of' && ['month', 'day', 'week', 'quarter', 'year'].includes(word) && tokens[i - 2]?.norm === 'by') {
      return { start: i - 2, end: i + 1, grain: GRAIN_WORDS[word] };
    }
    if ((word === 'over' && tokens[i + 1]?.norm === 'time') || ['trend', 'trends', 'timeline', 'evolution', 'forecast', 'predict', 'projection', 'seasonality'].includes(word)) {
      const grain: TimeGrain = spanDays > 3 * 365 ? 'quarter' : spanDays > 62 ? 'month' : spanDays > 3 ? 'day' : 'hour';
      return { start: i, end: word === 'over' ? i + 2 : i + 1, grain };
    }
  }
  return null;
}
