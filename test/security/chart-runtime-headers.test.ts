import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../src/server/testing/build-test-app.js';

/** One directive of a CSP header, e.g. `frame-ancestors` → `'self'`. */
function directive(header: string | string[] | number | undefined, name: string): string | undefined {
  const found = String(header ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part === name || part.startsWith(`${name} `));
  return found === undefined ? undefined : found.slice(name.length).trim();
}

describe('security headers of the chart runtime and the app pages', () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'insightx-web-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>InsightX app</title>');
    writeFileSync(path.join(dist, 'viz-runtime.html'), '<!doctype html><title>InsightX chart</title>');
    mkdirSync(path.join(dist, 'viz'));
    writeFileSync(path.join(dist, 'viz', 'runtime.js'), 'void 0');
    t = await buildTestApp({ webDistDir: dist });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it.each(['/viz-runtime.html', '/%76iz-runtime.html'])('sends %s with a CSP that only the app may frame, sandboxed, with no network', async (url) => {
    const response = await t.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('InsightX chart');
    const csp = response.headers['content-security-policy'];
    expect(directive(csp, 'frame-ancestors')).toBe("'self'");
    expect(directive(csp, 'connect-src')).toBe("'none'");
    expect(directive(csp, 'default-src')).toBe("'none'");
    // Opaque origin whoever loads it: the app's storage (the API token) stays out of reach.
    expect(directive(csp, 'sandbox')).toBe('allow-scripts');
    expect(directive(csp, 'form-action')).toBe("'none'");
    expect(response.headers['connection-allowlist']).toBe('(response-origin);webrtc=block');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it.each(['/', '/index.html', '/threads/thr_1'])('sends the app page %s with frame-src and frame-ancestors limited to its own origin', async (url) => {
    const response = await t.app.inject({ method: 'GET', url });
    expect(response.body).toContain('InsightX app');
    const csp = response.headers['content-security-policy'];
    expect(directive(csp, 'frame-src')).toBe("'self'");
    expect(directive(csp, 'frame-ancestors')).toBe("'self'");
    expect(directive(csp, 'script-src')).toBe("'self'");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('sends no page policy on scripts', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/viz/runtime.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toBeUndefined();
  });
});
