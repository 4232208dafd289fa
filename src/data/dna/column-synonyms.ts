import type { ColumnRole } from '../../core/dna.js';

/** Words people use for common column names; the profiler adds them to the name's own words. */
const KNOWN: Record<string, string[]> = {
  amount: ['value', 'transaction amount', 'spend', 'money'],
  created_at: ['date', 'time', 'timestamp', 'when'],
  status: ['outcome', 'result'],
  device_type: ['device', 'platform'],
  network_type: ['network', 'connection'],
  payment_method: ['method', 'payment mode', 'instrument'],
  merchant_category: ['category', 'merchant type', 'segment'],
  customer_age_group: ['age group', 'age', 'age band'],
  city_tier: ['tier', 'city type'],
  failure_reason: ['reason', 'error', 'failure cause'],
  is_fraud_flagged: ['fraud', 'fraud flag', 'flagged'],
  state: ['region', 'location'],
  bank: ['issuer', 'issuing bank'],
  app_version: ['version', 'app release'],
  order_date: ['date', 'day', 'when'],
  unit_price: ['price'],
  quantity: ['units', 'qty', 'items'],
  customer_segment: ['segment'],
  product: ['item', 'sku'],
};

/** `deviceType` / `device_type` → `['device', 'type']`. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

export function singular(word: string): string {
  if (/ies$/.test(word) && word.length > 4) return word.replace(/ies$/, 'y');
  if (/(ss|x|ch|sh)es$/.test(word)) return word.replace(/es$/, '');
  if (/s$/.test(word) && !/(ss|us|is)$/.test(word) && word.length > 3) return word.slice(0, -1);
  return word;
}

export function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return word.replace(/y$/, 'ies');
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

const NOISE = new Set(['is', 'has', 'at', 'on', 'type', 'id', 'flag', 'flagged', 'code', 'num', 'no']);

/** Other words for a column: its name in words, the meaningful part, singular and plural. */
export function columnSynonyms(name: string, role: ColumnRole): string[] {
  const words = splitWords(name);
  const result = new Set<string>();
  const phrase = words.join(' ');
  if (phrase !== name.toLowerCase()) result.add(phrase);
  const meaningful = words.filter((word) => !NOISE.has(word));
  if (meaningful.length > 0 && meaningful.length < words.length) result.add(meaningful.join(' '));
  const last = words[words.length - 1];
  if (last && last.length >= 3 && (role === 'dimension' || role === 'measure' || role === 'geo' || role === 'text')) {
    const head = words.slice(0, -1);
    for (const form of [singular(last), plural(singular(last))]) {
      const variant = [...head, form].join(' ');
      if (variant !== name.toLowerCase() && variant !== phrase) result.add(variant);
    }
  }
  for (const known of KNOWN[name.toLowerCase()] ?? []) result.add(known);
  if (role === 'time' && !KNOWN[name.toLowerCase()]) ['date', 'time'].forEach((word) => result.add(word));
  result.delete(name);
  return [...result];
}

/** Other words for a table: singular/plural and the name in words. */
export function tableSynonyms(name: string): string[] {
  const words = splitWords(name);
  const last = words[words.length - 1] ?? name;
  const head = words.slice(0, -1);
  const result = new Set([words.join(' ')]);
  if (last.length >= 3) [singular(last), plural(singular(last))].forEach((form) => result.add([...head, form].join(' ')));
  if (/payment|transaction/.test(name.toLowerCase())) ['transactions', 'transaction', 'payments', 'txns'].forEach((word) => result.add(word));
  if (/sale|order/.test(name.toLowerCase())) ['orders', 'order', 'sales', 'revenue'].forEach((word) => result.add(word));
  result.delete(name);
  return [...result];
}
