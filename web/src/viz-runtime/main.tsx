import * as React from 'react';
import * as JsxRuntime from 'react/jsx-runtime';
import { createRoot } from 'react-dom/client';
import * as Recharts from 'recharts';
import { paramDefaults, RenderRequest, type FrameMessage } from '../viz/viz-messages.js';
import { compileViz, type CompiledViz } from './compile-viz.js';
import { paletteFor } from './palettes.js';

/*
 * The chart sandbox runtime. It runs in an <iframe sandbox="allow-scripts"> (opaque origin)
 * under a CSP with no network, receives {code, data, params} from the page, compiles and
 * renders the generated component, and reports back. A heartbeat lets the page notice a
 * frame whose thread is stuck (an endless loop) and remove it.
 */

const MODULES = { react: React, 'react/jsx-runtime': JsxRuntime, recharts: Recharts } as const;

/**
 * WebRTC sends UDP (STUN) past every CSP directive. The server's `Connection-Allowlist` header
 * stops it in Chromium; for browsers without that header, the constructors are removed before
 * any chart code runs (the CSP gives this frame no child frames or workers to fetch fresh ones from).
 */
const WEBRTC_CONSTRUCTORS = ['RTCPeerConnection', 'webkitRTCPeerConnection', 'mozRTCPeerConnection'];
for (const name of WEBRTC_CONSTRUCTORS) {
  if (!Reflect.deleteProperty(window, name) || name in window) {
    Object.defineProperty(window, name, { value: undefined, writable: false, configurable: false });
  }
}
const HEARTBEAT_MS = 500;

function post(message: FrameMessage): void {
  // The page's origin is not ours to know (we are opaque); nothing secret is in these messages.
  window.parent.postMessage(message, '*');
}

let currentRenderId: number | null = null;
let compiled: { code: string; result: CompiledViz } | null = null;
const root = createRoot(document.getElementById('root')!);

/** A message a person can act on; a SecurityError means the code reached for the page around it. */
function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'SecurityError') return `The chart code tried to reach outside its sandbox, which charts may not do (${message})`;
  if (WEBRTC_CONSTRUCTORS.some((name) => message.includes(name))) return `The chart code tried to open a WebRTC connection, which charts may not do (${message})`;
  return message;
}

function reportError(stage: 'validation' | 'compile' | 'render' | 'runtime', message: string): void {
  post({ kind: 'insightx-viz', type: 'error', renderId: currentRenderId, stage, message: message.slice(0, 2000) });
}

class Boundary extends React.Component<{ renderId: number; children: React.ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(error: unknown): void {
    reportError('render', describeError(error));
  }
  override render(): React.ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

function Rendered({ renderId, declaredParams, children }: { renderId: number; declaredParams: CompiledViz['declaredParams']; children: React.ReactNode }) {
  React.useEffect(() => {
    // Effects of children run first, so reaching here means the chart mounted without throwing.
    post({ kind: 'insightx-viz', type: 'rendered', renderId, ...(declaredParams ? { declaredParams } : {}) });
  }, [renderId, declaredParams]);
  return <>{children}</>;
}

function render(request: RenderRequest): void {
  currentRenderId = request.renderId;
  try {
    if (!compiled || compiled.code !== request.code) compiled = { code: request.code, result: compileViz(request.code, MODULES) };
  } catch (error) {
    compiled = null;
    root.render(null);
    reportError('compile', describeError(error));
    return;
  }
  const { Viz, declaredParams } = compiled.result;
  const columns = request.data.length > 0 ? Object.keys(request.data[0]) : [];
  // Declared defaults fill what the page did not set, so the first render is already right.
  const params = { ...paramDefaults(declaredParams), ...request.params };
  root.render(
    <Boundary key={request.renderId} renderId={request.renderId}>
      <Rendered renderId={request.renderId} declaredParams={declaredParams}>
        <div style={{ width: '100%', height: '100vh' }}>
          <Viz data={request.data} params={params} palette={paletteFor(params.colorScheme)} columns={columns} />
        </div>
      </Rendered>
    </Boundary>,
  );
}

window.addEventListener('message', (event) => {
  if (event.source !== window.parent) return;
  const parsed = RenderRequest.safeParse(event.data);
  if (!parsed.success) {
    reportError('validation', `Invalid render request: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    return;
  }
  render(parsed.data);
});

window.addEventListener('error', (event) => reportError('runtime', event.error ? describeError(event.error) : event.message || 'The chart code failed.'));
window.addEventListener('unhandledrejection', (event) => reportError('runtime', String(event.reason)));
document.addEventListener('securitypolicyviolation', (event) => {
  reportError('runtime', `The chart code tried to reach "${event.blockedURI || 'the network'}", which charts may not do (${event.effectiveDirective} blocked).`);
});

setInterval(() => post({ kind: 'insightx-viz', type: 'heartbeat' }), HEARTBEAT_MS);
post({ kind: 'insightx-viz', type: 'ready' });
