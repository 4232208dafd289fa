import { describe, expect, it } from 'vitest';
import { createProgressPrinter } from './progress-printer.js';

describe('createProgressPrinter', () => {
  it('prints each Data DNA progress step with its datasource and percent', () => {
    const written: string[] = [];
    const print = createProgressPrinter({ isTTY: false, write: (text: string) => void written.push(text) });
    print({ type: 'dna-progress', datasource: 'shop', table: 'orders', percent: 50, message: 'Profiling orders (2/2, 50%)…' });
    print({ type: 'dna-progress', datasource: 'shop', table: '', percent: 100, message: 'Profiled 2 tables (100%).' });
    const plain = written.join('').replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toBe('  Data DNA of shop: Profiling orders (2/2, 50%)…\n  Data DNA of shop: Profiled 2 tables (100%).\n');
  });
});
