import path from 'node:path';

/** The chart runtime page (web/public/viz-runtime.html), the one page that runs generated code. */
export const VIZ_RUNTIME_FILE = 'viz-runtime.html';

const policy = (directives: string[]) => directives.join('; ');

/**
 * The chart runtime runs code a model wrote, so its headers say, whoever loads it:
 * - `sandbox allow-scripts`: an opaque origin even when framed without the sandbox attribute or
 *   opened as a page, so the code never reads the app's storage (the API token);
 * - `frame-ancestors 'self'`: only the app's own origin may frame it (a `<meta>` CSP cannot say
 *   this); `X-Frame-Options` for browsers without frame-ancestors;
 * - no network: `connect-src 'none'`, nothing but its own script, and `Connection-Allowlist`
 *   with `webrtc=block`, which Chromium honours: a peer connection opens no socket, so no STUN
 *   or other UDP packet leaves (CSP's own `webrtc 'block'` is not implemented by Chromium, which
 *   logs it as unrecognised; see docs/decisions/chart-frame-security.md).
 * Navigating the frame elsewhere is also refused by the app page's `frame-src 'self'`.
 */
export const VIZ_RUNTIME_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': policy([
    "default-src 'none'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
    'sandbox allow-scripts',
  ]),
  'connection-allowlist': '(response-origin);webrtc=block',
  'x-frame-options': 'SAMEORIGIN',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The app's pages hold the API token (localStorage): only their own scripts run, they talk to
 * their own origin, only the app frames them, and their child frames (the chart runtime) may
 * navigate within this origin only, so chart code cannot carry data off in a URL.
 */
export const APP_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': policy([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "frame-src 'self'",
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ]),
  'x-frame-options': 'SAMEORIGIN',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** The headers a served file gets: the runtime's for the runtime, the app's for other pages. */
export function securityHeadersFor(filePath: string): Readonly<Record<string, string>> | undefined {
  const name = path.basename(filePath);
  if (name === VIZ_RUNTIME_FILE) return VIZ_RUNTIME_HEADERS;
  if (name.endsWith('.html')) return APP_PAGE_HEADERS;
  return undefined;
}
