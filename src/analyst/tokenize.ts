/** One word, number or quoted phrase of a question, with its normalised forms. */
export interface Token {
  /** As written. */
  raw: string;
  /** Lower case. */
  norm: string;
  /** Light stem of `norm` (plurals, -ed, -ing); numbers and quotes keep `norm`. */
  stem: string;
  kind: 'word' | 'number' | 'quoted' | 'date';
  /** Numeric value for numbers (and number words like "five"). */
  value?: number;
  /** A comma, semicolon or other separator stands between this token and the previous one. */
  separated?: boolean;
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100,
  single: 1, once: 1, twice: 2, thrice: 3,
};

/**
 * A light English stemmer: enough to make "payments"/"payment", "failed"/"failure"/"fail",
 * "countries"/"country" meet. Deliberately conservative: a wrong merge links the wrong column.
 */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w === 'ids') return 'id';
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 6 && w.endsWith('ful')) w = w.slice(0, -3);
  if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = undouble(w.slice(0, -2));
  else if (w.length > 5 && w.endsWith('ure')) w = w.slice(0, -3);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('y') && !/[aeiou]y$/.test(w)) w = w.slice(0, -1) + 'i';
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

/** Words of an identifier: `customer_age_group` → customer, age, group; `orderDate` → order, date. */
export function splitIdentifier(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((part) => part.length > 0);
}

/** Normalise a cell value or phrase for comparison: lower case, single spaces, no edge punctuation. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .replace(/[^a-z0-9'&.+\-/ ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[ .'\-/]+|[ .'\-/]+$/g, '');
}

/** Stems of a phrase's words. */
export function stemPhrase(text: string): string[] {
  return normalizeText(text)
    .split(/[^a-z0-9]+/)
    .filter((part) => part.length > 0)
    .map(stem);
}

/** Split a question into tokens; quoted phrases stay whole, numbers get their values. */
export function tokenize(question: string): Token[] {
  const tokens: Token[] = [];
  // Codes that start with a digit ("4G", "2FA") are words; "3k" and "5m" stay numbers.
  const pattern = /(\d{4}-\d{2}-\d{2})|"([^"]+)"|“([^”]+)”|'([^']{2,}?)'(?![a-z])|(\$?-?\d[\d,]*(?:\.\d+)?%?[kKmM]?(?![A-Za-z0-9]))|([A-Za-z][A-Za-z0-9_]*(?:['’][a-z]+)?|\d+[A-Za-z][A-Za-z0-9]*)/g;
  let previousEnd = 0;
  for (const match of question.matchAll(pattern)) {
    const token = readToken(match);
    if (!token) continue;
    if (/[,;:/()]/.test(question.slice(previousEnd, match.index))) token.separated = true;
    previousEnd = (match.index ?? 0) + match[0].length;
    tokens.push(token);
  }
  return tokens;
}

function readToken(match: RegExpMatchArray): Token | null {
  if (match[1] !== undefined) return { raw: match[1], norm: match[1], stem: match[1], kind: 'date' };
  const quoted = match[2] ?? match[3] ?? match[4];
  if (quoted !== undefined) return { raw: quoted, norm: normalizeText(quoted), stem: normalizeText(quoted), kind: 'quoted' };
  if (match[5] !== undefined) {
    const value = parseNumber(match[5]);
    if (value !== null) return { raw: match[5], norm: match[5].toLowerCase(), stem: String(value), kind: 'number', value };
  }
  // "Brazil's population": the possessive is not part of the name.
  const raw = (match[6] ?? match[0]).replace(/['’]s$/, '');
  const norm = raw.toLowerCase().replace(/’/g, "'");
  if (NUMBER_WORDS[norm] !== undefined) return { raw, norm, stem: norm, kind: 'number', value: NUMBER_WORDS[norm] };
  return { raw, norm, stem: stem(norm), kind: 'word' };
}

function parseNumber(text: string): number | null {
  let t = text.replace(/[$,]/g, '');
  let scale = 1;
  if (/[kK]$/.test(t)) { scale = 1000; t = t.slice(0, -1); }
  else if (/[mM]$/.test(t)) { scale = 1_000_000; t = t.slice(0, -1); }
  if (t.endsWith('%')) { t = t.slice(0, -1); scale = 0.01; }
  const value = Number(t);
  return Number.isFinite(value) ? value * scale : null;
}

/** Levenshtein distance, bounded: returns max+1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  let beforePrevious = previous;
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      // Swapped neighbours ("andriod") count as one edit (optimal string alignment).
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], beforePrevious[j - 2] + 1);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > max && i > 1) return max + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}
