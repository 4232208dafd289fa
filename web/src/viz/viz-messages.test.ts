import { describe, expect, it, vi } from 'vitest';
import { createRenderRequest, MAX_CHART_ROWS, ParamSpecs, rowsToRecords, safeParseFrameMessage } from './viz-messages.js';
import { createDebouncer } from './create-debouncer.js';

describe('sandbox messaging', () => {
  it('builds a render request from column-ordered rows', () => {
    const data = rowsToRecords([{ name: 'platform' }, { name: 'rate' }], [['android', 0.12], ['ios', 0.05]]);
    const request = createRenderRequest(1, 'export default function Viz() { return null }', data, { title: 'Failure rate', chartType: 'bar' });
    expect(request).toEqual({
      kind: 'insightx-viz-render',
      renderId: 1,
      code: 'export default function Viz() { return null }',
      data: [{ platform: 'android', rate: 0.12 }, { platform: 'ios', rate: 0.05 }],
      params: { title: 'Failure rate', chartType: 'bar' },
    });
  });

  it('refuses data that is not JSON-safe cells before it crosses into the frame', () => {
    expect(() => createRenderRequest(1, 'x', [{ when: new Date() }], {})).toThrow();
    expect(() => createRenderRequest(1, 'x', [{ nested: { a: 1 } }], {})).toThrow();
    expect(() => createRenderRequest(1, 'x', [], { fn: () => 1 })).toThrow();
    expect(() => createRenderRequest(1, '', [], {})).toThrow();
  });

  it('caps the rows a chart receives', () => {
    const rows = Array.from({ length: MAX_CHART_ROWS + 10 }, (_, index) => [index]);
    expect(rowsToRecords([{ name: 'n' }], rows)).toHaveLength(MAX_CHART_ROWS);
  });

  it('accepts only well-formed frame messages', () => {
    expect(safeParseFrameMessage({ kind: 'insightx-viz', type: 'rendered', renderId: 3 })).toEqual({ kind: 'insightx-viz', type: 'rendered', renderId: 3 });
    expect(safeParseFrameMessage({ kind: 'insightx-viz', type: 'error', renderId: 3, stage: 'render', message: 'boom' })?.type).toBe('error');
    expect(safeParseFrameMessage({ kind: 'insightx-viz', type: 'rendered', renderId: -1 })).toBeNull();
    expect(safeParseFrameMessage({ kind: 'other', type: 'rendered', renderId: 1 })).toBeNull();
    expect(safeParseFrameMessage({ kind: 'insightx-viz', type: 'navigate', url: 'https://example.com' })).toBeNull();
    expect(safeParseFrameMessage('rendered')).toBeNull();
  });

  it('parses the parameters a chart declares', () => {
    const parsed = ParamSpecs.parse({ topN: { type: 'number', default: 10, min: 1, max: 50 }, stacked: { type: 'boolean' } });
    expect(parsed.stacked).toEqual({ type: 'boolean', default: false });
    expect(ParamSpecs.safeParse({ 'bad name': { type: 'string' } }).success).toBe(false);
  });
});

describe('parameter debounce', () => {
  it('applies only the last value, 300 ms after the last change', () => {
    vi.useFakeTimers();
    try {
      const apply = vi.fn();
      const debouncer = createDebouncer(apply, 300);
      debouncer.push('b');
      vi.advanceTimersByTime(200);
      debouncer.push('ba');
      vi.advanceTimersByTime(200);
      debouncer.push('bar');
      vi.advanceTimersByTime(299);
      expect(apply).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(apply).toHaveBeenCalledTimes(1);
      expect(apply).toHaveBeenCalledWith('bar');
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops a pending value when cancelled', () => {
    vi.useFakeTimers();
    try {
      const apply = vi.fn();
      const debouncer = createDebouncer(apply, 300);
      debouncer.push(1);
      debouncer.cancel();
      vi.advanceTimersByTime(1000);
      expect(apply).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
