// Helpers for the trust-suite builders: a seeded generator and the few draws the schemas use,
// so every build writes the same rows on every machine.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSqliteDatabase } from '../support/sqlite-fixture.js';

export type Cell = string | number | null;
export type Row = Cell[];

/** Writes one database from its DDL and rows (tables in the order given) into `dir`, replacing the old file; compacted, so a rebuild is byte-identical. */
export function writeDatabase(name: string, schema: string, tables: Record<string, Row[]>, dir: string = TRUST_DB_DIR): string {
  return writeSqliteDatabase(dir, name, schema, tables, { vacuum: true });
}

/** Where the databases go: `--db "test/trust/db/{db_id}.sqlite"`. */
export const TRUST_DB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'db');

/** A seeded draw source (mulberry32) with the helpers the builders need. */
export class Draw {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [low, high]. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** A number in [low, high) rounded to `places` decimals. */
  amount(low: number, high: number, places = 2): number {
    const factor = 10 ** places;
    return Math.round((low + this.next() * (high - low)) * factor) / factor;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)];
  }

  /** Picks by weight: `weighted([['a', 3], ['b', 1]])` gives 'a' three times as often. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let point = this.next() * total;
    for (const [value, weight] of entries) {
      point -= weight;
      if (point < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An ISO date (YYYY-MM-DD) between two ISO dates, both included. */
  date(from: string, to: string): string {
    return addDays(from, this.int(0, daysBetween(from, to)));
  }

  /** An ISO timestamp (YYYY-MM-DD HH:MM:SS) on a date, in working hours most of the time. */
  timestamp(date: string): string {
    const hour = this.chance(0.8) ? this.int(8, 18) : this.int(0, 23);
    return `${date} ${pad(hour)}:${pad(this.int(0, 59))}:${pad(this.int(0, 59))}`;
  }
}

const pad = (value: number) => String(value).padStart(2, '0');
const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / DAY_MS);
}

/** Adds minutes to a `YYYY-MM-DD HH:MM:SS` timestamp. */
export function addMinutes(timestamp: string, minutes: number): string {
  const time = new Date(Date.parse(`${timestamp.replace(' ', 'T')}Z`) + minutes * 60_000).toISOString();
  return `${time.slice(0, 10)} ${time.slice(11, 19)}`;
}

const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sofia', 'Mateo', 'Mia', 'Lucas', 'Amara', 'Kenji', 'Priya', 'Omar', 'Ingrid', 'Tomasz', 'Chloe', 'Diego', 'Hana', 'Yusuf', 'Greta', 'Ravi', 'Lena', 'Felix', 'Nadia', 'Samuel', 'Zara', 'Hugo', 'Aisha', 'Marco', 'Elena', 'Jonas', 'Leila', 'Oscar', 'Maya', 'Pavel', 'Rosa', 'Theo', 'Vera', 'Ibrahim'];
const LAST = ['Smith', 'Garcia', 'Nguyen', 'Okafor', 'Kowalski', 'Tanaka', 'Müller', 'Rossi', 'Haddad', 'Silva', 'Johansson', 'Patel', 'Dubois', 'Novak', 'Kim', 'Moreau', 'Brennan', 'Costa', 'Fischer', 'Ivanova', 'Lindqvist', 'Mensah', 'Ortiz', 'Park', 'Quinn', 'Reyes', 'Sato', 'Weber', 'Yilmaz', 'Zhou'];

/** A person's name; distinct for distinct indexes below 1200. */
export function personName(index: number): { first: string; last: string } {
  return { first: FIRST[index % FIRST.length], last: LAST[Math.floor(index / FIRST.length) % LAST.length] };
}

