import { emptyFrame, type ColumnRef, type IntentFrame } from './intent-frame.js';
import type { Mention } from './link-tokens.js';
import { findAggregates, findNegations, findSuperlatives, type AggregateCue, type SuperlativeCue } from './question-cues.js';
import type { ColumnEntry, SchemaIndex, TableEntry } from './schema-index.js';
import type { Token } from './tokenize.js';

/**
 * The state of reading one question: its tokens and links, which of them the steps have
 * already explained, and the frame being filled. Each step takes what it understands.
 */
export class FrameContext {
  readonly frame: IntentFrame;
  /** Token positions explained by some step. */
  readonly used = new Set<number>();
  /** Mentions a step has turned into part of the frame. */
  readonly consumed = new Set<Mention>();
  confidence = 0.92;
  readonly superlatives: SuperlativeCue[];
  readonly aggregates: AggregateCue[];
  readonly negations: number[];
  /** Positions of function words whose reading this frame does not build ("average tickets per customer"): the coverage check asks about them. */
  readonly unbuilt: number[] = [];

  constructor(
    readonly question: string,
    readonly tokens: Token[],
    readonly index: SchemaIndex,
    readonly table: TableEntry,
    readonly mentions: Mention[],
  ) {
    this.frame = emptyFrame(table.name);
    this.superlatives = findSuperlatives(tokens);
    this.aggregates = findAggregates(tokens);
    this.negations = findNegations(tokens);
  }

  mark(start: number, end: number): void {
    for (let i = start; i < end; i++) this.used.add(i);
  }

  consume(mention: Mention): void {
    this.consumed.add(mention);
    this.mark(mention.start, mention.end);
  }

  isUsed(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.used.has(i)) return true;
    return false;
  }

  tableOf(name: string): TableEntry | undefined {
    return this.index.tableByName.get(name.toLowerCase());
  }

  columnOf(mention: Mention): ColumnEntry | undefined {
    return mention.column ? this.tableOf(mention.table)?.byName.get(mention.column.toLowerCase()) : undefined;
  }

  ref(mention: Mention): ColumnRef {
    return { table: mention.table, column: mention.column as string, at: mention.start };
  }

  /** The first unconsumed mention starting in [from, to] that `accept` takes. */
  mentionAt(from: number, to: number, accept: (m: Mention) => boolean): Mention | undefined {
    return this.mentions.find((m) => m.start >= from && m.start <= to && !this.consumed.has(m) && accept(m));
  }

  nearestBefore(position: number, window: number, accept: (m: Mention) => boolean): Mention | undefined {
    return [...this.mentions].reverse().find((m) => m.end <= position && position - m.end <= window && accept(m) && !this.consumed.has(m));
  }

  words(start: number, end: number): string {
    return this.tokens.slice(start, end).map((t) => t.raw).join(' ');
  }

  /** A negation word shortly before the position, with no other link in between. */
  isNegated(position: number, window = 4): boolean {
    return this.negations.some((n) => n < position && position - n <= window && !this.mentions.some((m) => m.start > n && m.end <= position && m.kind === 'value'));
  }

  /** An aggregate word ("average", "how many") that is not part of a comparison ("older than average"). */
  asksAggregate(): boolean {
    return this.aggregates.some((a) => !this.isUsed(a.start, a.end) || this.frame.measures.some((m) => m.at === a.start));
  }

  /** Superlatives not yet explained, and not part of a column's name ("last name"). */
  activeSuperlatives(): SuperlativeCue[] {
    // A word standing for a longer column name ("first" of first_name) is not a superlative either.
    const insideName = (m: Mention) => m.end - m.start > 1 || (m.match === 'exact' && (this.columnOf(m)?.stems.length ?? 0) > m.end - m.start);
    return this.superlatives.filter((s) => !this.isUsed(s.start, s.end) && !this.mentions.some((m) => m.kind === 'column' && m.match !== 'partial' && insideName(m) && m.start <= s.start && m.end > s.start));
  }

  /** A key of another table to count, so the frame joins it (the inner join then counts its rows). */
  countedKey(counted: Mention | undefined): ColumnRef | null {
    if (!counted || counted.table === this.table.name) return null;
    const table = this.tableOf(counted.table);
    const key = table?.key ?? table?.columns[0];
    return table && key ? { table: table.name, column: key.name } : null;
  }

  /** Direction asked by "in descending order" when no column was named; applied to the first selected column. */
  pendingOrder: { direction: 'asc' | 'desc'; byCount: boolean } | null = null;

  isNumeric(mention: Mention): boolean {
    return mention.kind === 'column' && this.columnOf(mention)?.kind === 'number';
  }
}
