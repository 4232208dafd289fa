import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/api-client.js';
import type { MessageDto } from '../api/dto.js';
import { followRun } from '../api/follow-run.js';
import { buildTurns, type LiveRun, type Turn } from '../state/build-turns.js';
import { initialRunView, reduceRun, type RunView, type SequencedEvent } from '../state/run-reducer.js';

export type { Turn };

export interface ConversationOptions {
  /** Every event of a run started here, as it arrives (toasts). Not called for history. */
  onLiveEvent?: (event: SequencedEvent, runId: string) => void;
  /** After a run ends (refresh usage, thread titles). */
  onRunEnd?: () => void;
  datasource?: string | null;
}

/**
 * A thread's conversation: the stored messages, each answer's run view rebuilt from its
 * events (history replays through the same reducer as the live stream), and the run in
 * flight with send, stop and automatic resume after a dropped connection.
 */
export function useConversation(threadId: string | null, options: ConversationOptions = {}) {
  const [messages, setMessages] = useState<MessageDto[]>([]);
  const [views, setViews] = useState<Record<string, RunView>>({});
  const [live, setLive] = useState<LiveRun | null>(null);
  const [reconnecting, setReconnecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const liveAbort = useRef<AbortController | null>(null);
  const historyAbort = useRef<AbortController | null>(null);
  /** Runs whose events are loaded or loading, so a message reload does not replay them twice. */
  const following = useRef(new Set<string>());

  const loadMessages = useCallback(async function reload(id: string, signal: AbortSignal): Promise<void> {
    const list = await api.listMessages(id);
    if (signal.aborted) return;
    setMessages(list);
    const runIds = [...new Set(list.map((message) => message.runId).filter((runId): runId is string => Boolean(runId)))];
    const answered = new Set(list.filter((message) => message.role === 'assistant').map((message) => message.runId));
    for (const runId of runIds) {
      if (following.current.has(runId)) continue;
      following.current.add(runId);
      setViews((current) => (current[runId] ? current : { ...current, [runId]: initialRunView }));
      // Replays the stored events of each run through the same reducer (and tails a run that still runs).
      followRun({
        open: () => api.runEvents(runId, -1, signal),
        resume: (resumeId, lastSeq, resumeSignal) => api.runEvents(resumeId, lastSeq, resumeSignal),
        onEvent: (event) => setViews((inner) => ({ ...inner, [runId]: reduceRun(inner[runId] ?? initialRunView, event) })),
        signal,
        runId,
      }).then(
        // A run that was still going when the page loaded has its answer stored now: read it (feedback needs its id).
        async () => {
          if (answered.has(runId) || signal.aborted) return;
          await reload(id, signal);
          optionsRef.current.onRunEnd?.();
        },
        () => following.current.delete(runId),
      );
    }
  }, []);

  useEffect(() => {
    liveAbort.current?.abort();
    historyAbort.current?.abort();
    setMessages([]);
    setViews({});
    following.current = new Set();
    setLive(null);
    setError(null);
    if (!threadId) return;
    const controller = new AbortController();
    historyAbort.current = controller;
    loadMessages(threadId, controller.signal).catch((failure: Error) => setError(failure.message));
    return () => controller.abort();
  }, [threadId, loadMessages]);

  const send = useCallback(
    async (content: string) => {
      if (!threadId || live) return;
      const controller = new AbortController();
      liveAbort.current = controller;
      const key = `live-${Date.now()}`;
      let view: RunView = initialRunView;
      setLive({ key, question: content, view });
      setError(null);
      try {
        await followRun({
          open: () => api.postMessage(threadId, content, controller.signal, optionsRef.current.datasource ?? undefined),
          resume: (runId, lastSeq, signal) => api.runEvents(runId, lastSeq, signal),
          onEvent: (event) => {
            const next = reduceRun(view, event);
            if (next === view) return;
            view = next;
            setReconnecting(false);
            setLive({ key, question: content, view });
            if (view.runId) optionsRef.current.onLiveEvent?.(event, view.runId);
          },
          onReconnecting: () => setReconnecting(true),
          signal: controller.signal,
        });
      } catch (failure) {
        setError((failure as Error).message);
      } finally {
        setReconnecting(false);
        const runId = view.runId;
        if (runId) {
          following.current.add(runId);
          setViews((current) => ({ ...current, [runId]: view }));
        }
        if (!controller.signal.aborted) {
          await loadMessages(threadId, historyAbort.current?.signal ?? controller.signal).catch(() => undefined);
        }
        setLive(null);
        optionsRef.current.onRunEnd?.();
      }
    },
    [threadId, live, loadMessages],
  );

  const turns = useMemo(() => buildTurns(messages, views, live), [messages, views, live]);

  /** Cancels the run in flight: the one started here, or one still running when the page was (re)loaded. */
  const stop = useCallback(async () => {
    const runId = live?.view.runId ?? [...turns].reverse().find((turn) => turn.view.status === 'streaming')?.runId;
    if (!runId) {
      liveAbort.current?.abort();
      return;
    }
    try {
      await api.cancelRun(runId);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, [live, turns]);

  const generating = live !== null || turns.some((turn) => turn.view.status === 'streaming');
  return { turns, generating, reconnecting, error, send, stop, messages };
}
