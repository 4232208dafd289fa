/** "1 table", "2 tables", "1,099,104 rows": a count with its noun in the right number. */
export function countLabel(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : pluralNoun}`;
}
