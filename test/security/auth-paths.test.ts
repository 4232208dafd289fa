import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../src/server/testing/build-test-app.js';

interface RawResponse {
  status: number;
  body: string;
}

/**
 * Sends one request line exactly as written (no client normalises the path), over a real
 * socket, and reads the answer. `Connection: close` ends the exchange.
 */
function sendRaw(port: number, target: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const lines = [`GET ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
    socket.on('connect', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

describe('authentication is decided on the route the router picks', () => {
  let app: TestApp;
  let port: number;
  let token: string;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'insightx-web-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>InsightX app</title>');
    app = await buildTestApp({ localMode: false, webDistDir: dist });
    token = (await app.store.apiTokens.create(app.workspaceId, 'auth-paths')).token;
    await app.store.threads.create(app.workspaceId, { title: 'private thread' });
    await app.app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it.each([
    ['a percent-encoded letter in /api', '/%61pi/threads'],
    ['a percent-encoded letter in the route', '/api/%74hreads'],
    ['every letter percent-encoded', '/%61%70%69/%74%68%72%65%61%64%73'],
  ])('asks for a token when the path has %s', async (_case, target) => {
    const response = await sendRaw(port, target);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).code).toBe('AUTH_REQUIRED');
    expect(response.body).not.toContain('private thread');
  });

  it('asks for a token on an absolute-form request target', async () => {
    const response = await sendRaw(port, `http://127.0.0.1:${port}/api/threads`);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).code).toBe('AUTH_REQUIRED');
  });

  it('asks for a token on an absolute-form target with an encoded path', async () => {
    const response = await sendRaw(port, `http://127.0.0.1:${port}/%61pi/threads`);
    expect(response.status).toBe(401);
  });

  it('still serves an encoded path to a caller with a valid token', async () => {
    const response = await sendRaw(port, '/%61pi/threads', { Authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(response.body).toContain('private thread');
  });

  it('answers 404 for an unknown API path, token or not', async () => {
    const variants: Record<string, string>[] = [{}, { Authorization: `Bearer ${token}` }, { Authorization: 'Bearer ixk_wrong' }];
    for (const headers of variants) {
      const response = await sendRaw(port, '/api/no-such-route', headers);
      expect(response.status).toBe(404);
      expect(JSON.parse(response.body).code).toBe('NOT_FOUND');
    }
  });

  it('answers 404 for an encoded unknown API path instead of the web page', async () => {
    const response = await sendRaw(port, '/%61pi/no-such-route');
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body).code).toBe('NOT_FOUND');
  });

  it('keeps health, the API description and the web app public', async () => {
    expect((await sendRaw(port, '/api/health')).status).toBe(200);
    expect((await sendRaw(port, '/%61pi/health')).status).toBe(200);
    expect((await sendRaw(port, '/api/openapi.json')).status).toBe(200);
    const page = await sendRaw(port, '/threads/thr_1');
    expect(page.status).toBe(200);
    expect(page.body).toContain('InsightX app');
  });
});
