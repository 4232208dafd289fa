import { useEffect, useRef, useState } from 'react';
import { createRenderRequest, safeParseFrameMessage, type ParamSpecs, type VizParams, type VizRow } from './viz-messages.js';

/** The runtime page the frame loads; served by InsightX from web/dist. */
export const VIZ_RUNTIME_URL = '/viz-runtime.html';
/** A frame silent this long (no heartbeat) while rendering is stuck, e.g. in an endless loop, and is removed. */
export const WATCHDOG_MS = 4000;
/**
 * Sandboxed frames of one site may share a renderer process, so a healthy chart falls silent
 * too while another frame loops, and may go down with that process. A frame that had rendered
 * and falls silent is therefore restarted once in a fresh frame before it counts as stuck.
 */
const MAX_SILENT_RESTARTS = 1;
const RESTART_DELAY_MS = 1000;
/** The runtime must say `ready` within this long after the frame is created. */
const LOAD_TIMEOUT_MS = 15000;

interface FrameState {
  code: string;
  generation: number;
  /** Set when the frame failed and was removed: the inputs it failed with. */
  killed: { data: VizRow[]; params: VizParams } | null;
  /** Between removing a silent frame and creating its replacement. */
  paused?: boolean;
}

export type VizStatus = { state: 'loading' | 'rendering' | 'rendered' } | { state: 'error'; message: string };

interface VizFrameProps {
  code: string;
  data: VizRow[];
  params: VizParams;
  title: string;
  onStatus?: (status: VizStatus) => void;
  onDeclaredParams?: (specs: ParamSpecs) => void;
}

/**
 * Renders generated chart code in `<iframe sandbox="allow-scripts">`: an opaque origin (no
 * cookies, no access to this page), under the runtime's CSP with no network. Messages from
 * the frame are accepted only from its window and only when they parse. A frame that stops
 * sending heartbeats, or navigates away, is removed and reported as an error.
 */
export function VizFrame({ code, data, params, title, onStatus, onDeclaredParams }: VizFrameProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  // A failed frame is removed (its table stands in). New code, or new data or params after a
  // failure, get a fresh frame (a new generation): whatever the previous one did is gone with it.
  const [frameState, setFrameState] = useState<FrameState>({ code, generation: 0, killed: null });
  const revive = frameState.code !== code || (frameState.killed !== null && (frameState.killed.data !== data || frameState.killed.params !== params));
  if (revive) setFrameState({ code, generation: frameState.generation + 1, killed: null });
  const { generation, killed } = frameState;
  const setKilled = () => setFrameState((current) => ({ ...current, killed: { data: latest.current.data, params: latest.current.params } }));
  const ready = useRef(false);
  const lastBeat = useRef(Date.now());
  const renderId = useRef(0);
  const loads = useRef(0);
  /** The render that reported an error: a later `rendered` for it does not hide the error. */
  const failedRender = useRef<number | null>(null);
  /** True once the latest render request was answered with `rendered`. */
  const settled = useRef(false);
  /** Restarts of a silent, already rendered frame for this code (see MAX_SILENT_RESTARTS). */
  const restarts = useRef(0);
  const restartTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (restartTimer.current) clearTimeout(restartTimer.current);
  }, []);
  const restartsFor = useRef(code);
  if (restartsFor.current !== code) {
    restartsFor.current = code;
    restarts.current = 0;
  }
  const latest = useRef({ code, data, params });
  latest.current = { code, data, params };
  const callbacks = useRef({ onStatus, onDeclaredParams });
  callbacks.current = { onStatus, onDeclaredParams };

  /** True once this generation's frame failed: nothing more is reported for it. */
  const dead = useRef(false);
  const fail = (message: string) => {
    if (dead.current) return;
    dead.current = true;
    setKilled();
    callbacks.current.onStatus?.({ state: 'error', message });
  };

  const post = () => {
    const target = frame.current?.contentWindow;
    if (!target || !ready.current) return;
    renderId.current += 1;
    settled.current = false;
    try {
      const request = createRenderRequest(renderId.current, latest.current.code, latest.current.data, latest.current.params);
      callbacks.current.onStatus?.({ state: 'rendering' });
      // The frame's origin is opaque ("null"), so '*' is the only target that reaches it.
      target.postMessage(request, '*');
    } catch (error) {
      fail(`The chart input is not valid: ${(error as Error).message}`);
    }
  };

  useEffect(() => {
    ready.current = false;
    dead.current = false;
    loads.current = 0;
    lastBeat.current = Date.now();
    callbacks.current.onStatus?.({ state: 'loading' });
    const onMessage = (event: MessageEvent) => {
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      const message = safeParseFrameMessage(event.data);
      if (!message) return;
      lastBeat.current = Date.now();
      switch (message.type) {
        case 'ready':
          ready.current = true;
          post();
          break;
        case 'rendered':
          if (message.renderId !== renderId.current || failedRender.current === message.renderId) break;
          settled.current = true;
          if (message.declaredParams) callbacks.current.onDeclaredParams?.(message.declaredParams);
          callbacks.current.onStatus?.({ state: 'rendered' });
          break;
        case 'error':
          failedRender.current = message.renderId ?? renderId.current;
          fail(message.message);
          break;
        case 'heartbeat':
          break;
      }
    };
    window.addEventListener('message', onMessage);
    const created = Date.now();
    // Hidden tabs throttle timers (to once a minute after a while) in the frame and here alike:
    // judge the frame only while the page is visible, and give it a fresh start on return.
    const onVisibility = () => {
      if (!document.hidden) lastBeat.current = Date.now();
    };
    document.addEventListener('visibilitychange', onVisibility);
    const watchdog = setInterval(() => {
      if (document.hidden) return;
      const now = Date.now();
      if (!ready.current && now - created > LOAD_TIMEOUT_MS) fail('The chart runtime did not start.');
      else if (ready.current && now - lastBeat.current > WATCHDOG_MS) {
        if (settled.current && restarts.current < MAX_SILENT_RESTARTS) {
          restarts.current += 1;
          dead.current = true;
          callbacks.current.onStatus?.({ state: 'loading' });
          // Remove this frame now and create the new one a moment later, once the looping
          // frame is gone too: a renderer process with no frames left is ended, so the new
          // frame gets a fresh one instead of joining the stuck process.
          setFrameState((current) => ({ ...current, paused: true }));
          restartTimer.current = setTimeout(() => setFrameState((current) => ({ ...current, generation: current.generation + 1, paused: false })), RESTART_DELAY_MS);
          return;
        }
        fail(`The chart code stopped responding for ${WATCHDOG_MS / 1000} s (an endless loop?) and was stopped.`);
      }
    }, 500);
    return () => {
      window.removeEventListener('message', onMessage);
      document.removeEventListener('visibilitychange', onVisibility);
      clearInterval(watchdog);
    };
    // post and fail read refs only; the frame generation is what restarts this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation]);

  useEffect(() => {
    post();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, params]);

  if (killed || frameState.paused) return null;
  return (
    <iframe
      key={generation}
      ref={frame}
      title={title || 'Chart'}
      src={VIZ_RUNTIME_URL}
      sandbox="allow-scripts"
      referrerPolicy="no-referrer"
      data-testid="viz-frame"
      className="h-96 w-full rounded-md border border-slate-200 bg-white dark:border-slate-800"
      onLoad={() => {
        loads.current += 1;
        // The runtime never navigates; a second load means the code navigated the frame.
        if (loads.current > 1) fail('The chart code tried to navigate away and was stopped.');
      }}
    />
  );
}
