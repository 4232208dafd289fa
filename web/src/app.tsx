import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from './api/api-client.js';
import { ChartPanel } from './components/chart-panel.js';
import { ChatInput } from './components/chat-input.js';
import { DatabaseIcon, MenuIcon, MoonIcon, SunIcon } from './components/icons.js';
import { CodePanel } from './components/code-panel.js';
import { DatasourcesDialog } from './components/datasources-dialog.js';
import { DebugPanel } from './components/debug-panel.js';
import { DnaPanel } from './components/dna-panel.js';
import { correctionChoices, type CorrectionChoice } from './components/correction-menu.js';
import { MessageList } from './components/message-list.js';
import { ResultsPanel } from './components/results-panel.js';
import { TemplatesDialog } from './components/templates-dialog.js';
import { TokenDialog } from './components/token-dialog.js';
import { AUTH_REQUIRED_EVENT } from './api/auth-token.js';
import { ThreadList } from './components/thread-list.js';
import { ToastRegion } from './components/toast-region.js';
import { UsageSummary } from './components/usage-summary.js';
import { WorkspaceSidebar, type WorkspaceTab } from './components/workspace-sidebar.js';
import { useConversation, type Turn } from './hooks/use-conversation.js';
import { useDna } from './hooks/use-dna.js';
import { useMediaQuery } from './hooks/use-media-query.js';
import { useTheme } from './hooks/use-theme.js';
import { useThreadUsage } from './hooks/use-thread-usage.js';
import { useThreads } from './hooks/use-threads.js';
import { useToasts } from './hooks/use-toasts.js';
import { replacementSynonym } from './state/replacement-synonym.js';
import { toastForEvent } from './state/toast-for-event.js';
import { describeSynonymTarget } from '../../src/core/synonym.js';
import type { VizParams } from './viz/viz-messages.js';

const headerButton = 'rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800';

/** The InsightX web app: threads on the left, the conversation in the middle, the workspace on the right. */
export function App() {
  const { theme, toggle: toggleTheme } = useTheme();
  const threads = useThreads();
  const [threadId, setThreadId] = useState<string | null>(() => new URLSearchParams(location.search).get('thread'));
  const [datasource, setDatasource] = useState<string | null>(null);
  const { toasts, show, dismiss } = useToasts();
  const usage = useThreadUsage(threadId);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [tab, setTab] = useState<WorkspaceTab>('chart');
  const [debug, setDebug] = useState(false);
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const [templatesVersion, setTemplatesVersion] = useState(0);
  const [datasourcesOpen, setDatasourcesOpen] = useState(false);
  const [threadsOpen, setThreadsOpen] = useState(false);
  const [workspaceOpen, setWorkspaceOpen] = useState(false);
  const [chartParams, setChartParams] = useState<VizParams>({});
  const [banner, setBanner] = useState<string | null>(null);
  // Wide screens show three columns; narrower ones open threads and workspace as drawers.
  // Only one copy of each is mounted, so there is never a second chart frame.
  const wide = useMediaQuery('(min-width: 1024px)');
  const [tokenOpen, setTokenOpen] = useState(false);
  useEffect(() => {
    const ask = () => setTokenOpen(true);
    window.addEventListener(AUTH_REQUIRED_EVENT, ask);
    return () => window.removeEventListener(AUTH_REQUIRED_EVENT, ask);
  }, []);

  // Bumped when a synonym may have been saved (a correction typed in the thread, or chosen): the DNA panel re-reads them.
  const [synonymsVersion, setSynonymsVersion] = useState(0);
  const conversation = useConversation(threadId, {
    datasource,
    onLiveEvent: (event, runId) => {
      const toast = toastForEvent(event, runId);
      if (toast) show(toast);
    },
    onRunEnd: () => {
      setSynonymsVersion((value) => value + 1);
      void usage.refresh();
      void threads.refresh();
    },
  });

  useEffect(() => {
    const url = new URL(location.href);
    if (threadId) url.searchParams.set('thread', threadId);
    else url.searchParams.delete('thread');
    history.replaceState(null, '', url);
    setSelectedKey(null);
  }, [threadId]);

  useEffect(() => {
    if (threads.loaded && !threadId && threads.threads[0]) setThreadId(threads.threads[0].id);
  }, [threads.loaded, threads.threads, threadId]);

  // A thread keeps its datasource (the server stores the one its questions named): opening it,
  // or reloading the page, selects that datasource again instead of the default.
  const threadDatasource = threads.threads.find((thread) => thread.id === threadId)?.datasource ?? null;
  useEffect(() => {
    if (threadDatasource) setDatasource(threadDatasource);
  }, [threadId, threadDatasource]);

  const turns = conversation.turns;
  const selected: Turn | undefined = useMemo(() => turns.find((turn) => turn.key === selectedKey) ?? [...turns].reverse().find((turn) => turn.view.runId), [turns, selectedKey]);
  const view = selected?.view;
  // Runs name a registered datasource by its run key (`name@workspace`); the DNA route takes the name.
  const workspaceDatasource = (view?.datasource ?? datasource ?? threads.threads.find((thread) => thread.id === threadId)?.datasource ?? 'sample').split('@')[0];

  const ask = useCallback(
    async (content: string) => {
      let id = threadId;
      if (!id) {
        const thread = await threads.create(content.slice(0, 60), datasource);
        id = thread.id;
        setThreadId(id);
        return void setTimeout(() => setPendingQuestion(content), 0);
      }
      setSelectedKey(null);
      // A fresh thread takes its first question as its title (the person can rename it).
      const thread = threads.threads.find((entry) => entry.id === id);
      if (thread && thread.title === 'New thread' && turns.length === 0) void threads.rename(id, content.slice(0, 60)).catch(() => undefined);
      await conversation.send(content);
    },
    [threadId, threads, conversation, turns.length, datasource],
  );
  // A question asked before any thread existed waits for the new thread's conversation to mount.
  const [pendingQuestion, setPendingQuestion] = useState<string | null>(null);
  useEffect(() => {
    if (pendingQuestion && threadId) {
      setPendingQuestion(null);
      void conversation.send(pendingQuestion);
    }
  }, [pendingQuestion, threadId, conversation]);

  // A word of a reading corrected: saved as a synonym of the datasource, then the question asked again.
  const { dna: conversationDna } = useDna(workspaceDatasource);
  const correctionChoiceList = useMemo(() => (conversationDna ? correctionChoices(conversationDna) : []), [conversationDna]);
  const correct = async (turn: Turn, word: string, choice: CorrectionChoice) => {
    try {
      await api.saveSynonym(workspaceDatasource, { word, ...choice.target });
      setSynonymsVersion((value) => value + 1);
      show({ id: `synonym-${Date.now()}`, tone: 'success', text: `Saved: “${word}” means ${choice.label}` });
      await ask(turn.question);
    } catch (error) {
      show({ id: `synonym-${Date.now()}`, tone: 'error', text: `Correction not saved: ${(error as Error).message}` });
    }
  };

  // A clarify option that replaced an unknown word with a known one also teaches that word.
  const chooseOption = async (turn: Turn, option: string) => {
    const unaccounted = turn.view.interpretation?.unaccounted ?? [];
    const taught = conversationDna ? replacementSynonym(turn.question, option, unaccounted, conversationDna) : undefined;
    if (taught) {
      try {
        const saved = await api.saveSynonym(workspaceDatasource, taught);
        setSynonymsVersion((value) => value + 1);
        show({ id: `synonym-${Date.now()}`, tone: 'success', text: `Saved: “${saved.word}” means ${describeSynonymTarget(saved)}` });
      } catch (error) {
        show({ id: `synonym-${Date.now()}`, tone: 'error', text: `Synonym not saved: ${(error as Error).message}` });
      }
    }
    await ask(option);
  };

  const saveTemplate = async (turn: Turn) => {
    try {
      await api.createTemplate({
        title: turn.question.slice(0, 80),
        prompt: turn.question,
        generated_sql: turn.view.sql,
        ui_code: turn.view.code.tsx?.text ?? null,
        parameters: turn.key === selected?.key ? chartParams : {},
        data_source: turn.view.datasource,
      });
      setTemplatesVersion((value) => value + 1);
      show({ id: `template-${Date.now()}`, tone: 'success', text: 'Saved as template' });
    } catch (error) {
      show({ id: `template-${Date.now()}`, tone: 'error', text: `Template not saved: ${(error as Error).message}` });
    }
  };

  const chartType = selected?.answerMessage?.details && typeof (selected.answerMessage.details as { chart?: { type?: string } }).chart?.type === 'string'
    ? (selected.answerMessage.details as { chart: { type: string } }).chart.type
    : null;

  const threadPanel = (
    <ThreadList
      threads={threads.threads}
      selectedId={threadId}
      onSelect={(id) => {
        setThreadId(id);
        setThreadsOpen(false);
      }}
      onCreate={async () => {
        try {
          const thread = await threads.create();
          setThreadId(thread.id);
          setThreadsOpen(false);
        } catch (error) {
          setBanner((error as Error).message);
        }
      }}
      onRename={(id, title) => void threads.rename(id, title).catch((error: Error) => setBanner(error.message))}
      onDelete={async (id) => {
        try {
          await threads.remove(id);
          if (id === threadId) setThreadId(null);
        } catch (error) {
          setBanner((error as Error).message);
        }
      }}
    />
  );

  const workspace = (
    <WorkspaceSidebar tab={tab} onTab={setTab}>
      {{
        chart: view ? <ChartPanel view={view} chartType={chartType} onParamsChange={setChartParams} /> : <p className="p-3 text-sm text-slate-500">Ask a question to see a chart.</p>,
        results: view ? <ResultsPanel view={view} /> : <p className="p-3 text-sm text-slate-500">No result yet.</p>,
        code: view ? <CodePanel view={view} dialect={undefined} /> : <p className="p-3 text-sm text-slate-500">No code yet.</p>,
        dna: <DnaPanel datasource={workspaceDatasource} synonymsVersion={synonymsVersion} />,
      }}
    </WorkspaceSidebar>
  );

  return (
    <div className="flex h-full flex-col">
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <button type="button" className={`${headerButton} lg:hidden`} onClick={() => setThreadsOpen(true)} aria-label="Show threads">
          <MenuIcon />
        </button>
        <h1 className="text-lg font-semibold tracking-tight">
          Insight<span className="text-indigo-600 dark:text-indigo-400">X</span>
        </h1>
        <button type="button" className={`${headerButton} inline-flex items-center gap-1.5`} onClick={() => setDatasourcesOpen(true)} aria-label="Datasources" title="Datasources">
          <DatabaseIcon /> <span className="hidden sm:inline">{datasource ?? 'Datasources'}</span>
        </button>
        <div className="order-last min-w-0 basis-full md:order-none md:basis-auto md:flex-1">
          <UsageSummary tokens={usage.tokens} databases={usage.databases} />
        </div>
        <span className="flex-1 md:hidden" />
        <button type="button" className={headerButton} onClick={() => setTemplatesOpen(true)}>
          Templates
        </button>
        <button type="button" className={headerButton} aria-pressed={debug} onClick={() => setDebug((value) => !value)}>
          Debug
        </button>
        <button type="button" className={headerButton} onClick={toggleTheme} aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}>
          {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
        </button>
        <button type="button" className={`${headerButton} lg:hidden`} onClick={() => setWorkspaceOpen(true)}>
          Workspace
        </button>
      </header>
      {(banner || threads.error || conversation.error) && (
        <div role="alert" className="flex items-center gap-2 bg-red-50 px-3 py-1.5 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          <span className="flex-1">{banner ?? conversation.error ?? threads.error}</span>
          <button type="button" onClick={() => setBanner(null)} aria-label="Dismiss" className="px-1">
            ×
          </button>
        </div>
      )}
      <div className="grid min-h-0 flex-1 grid-cols-1 lg:grid-cols-[13rem_minmax(0,1fr)_24rem] xl:grid-cols-[15rem_minmax(0,1fr)_32rem]">
        {wide && <aside className="min-h-0 border-r border-slate-200 dark:border-slate-800">{threadPanel}</aside>}
        <main className="flex min-h-0 min-w-0 flex-col" aria-label="Conversation">
          <MessageList
            turns={turns}
            selectedKey={selected?.key ?? null}
            onSelect={(key) => {
              setSelectedKey(key);
              if (!wide) setWorkspaceOpen(true);
            }}
            onSaveTemplate={(turn) => void saveTemplate(turn)}
            onAsk={(question) => void ask(question)}
            correctionChoices={correctionChoiceList}
            onCorrect={(turn, word, choice) => void correct(turn, word, choice)}
            onChooseOption={(turn, option) => void chooseOption(turn, option)}
          />
          {debug && <DebugPanel events={view?.events ?? []} onClose={() => setDebug(false)} />}
          <ChatInput generating={conversation.generating} reconnecting={conversation.reconnecting} onSubmit={(content) => void ask(content)} onStop={() => void conversation.stop()} />
        </main>
        {wide && <aside className="min-h-0 border-l border-slate-200 dark:border-slate-800">{workspace}</aside>}
      </div>
      {threadsOpen && !wide && (
        <div className="fixed inset-0 z-40 flex">
          <div className="w-72 max-w-[85vw] bg-white shadow-xl dark:bg-slate-950">{threadPanel}</div>
          <button type="button" aria-label="Close threads" className="flex-1 bg-black/30" onClick={() => setThreadsOpen(false)} />
        </div>
      )}
      {workspaceOpen && !wide && (
        <div className="fixed inset-0 z-40 flex">
          <button type="button" aria-label="Close workspace" className="flex-1 bg-black/30" onClick={() => setWorkspaceOpen(false)} />
          <div className="relative flex w-[min(36rem,100vw)] flex-col bg-white shadow-xl dark:bg-slate-950">
            <button type="button" onClick={() => setWorkspaceOpen(false)} aria-label="Close workspace panel" className="absolute right-2 top-1.5 z-10 rounded px-2 py-1 text-lg leading-none hover:bg-slate-100 dark:hover:bg-slate-800">
              ×
            </button>
            {workspace}
          </div>
        </div>
      )}
      <ToastRegion toasts={toasts} onDismiss={dismiss} />
      <TemplatesDialog open={templatesOpen} onClose={() => setTemplatesOpen(false)} onAsk={(prompt) => void ask(prompt)} version={templatesVersion} />
      <TokenDialog open={tokenOpen} onClose={() => setTokenOpen(false)} />
      <DatasourcesDialog open={datasourcesOpen} onClose={() => setDatasourcesOpen(false)} selected={datasource} onSelect={setDatasource} />
    </div>
  );
}
