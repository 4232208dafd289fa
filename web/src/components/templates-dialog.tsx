import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/api-client.js';
import { normaliseResultData, type ResultData, type TemplateDto } from '../api/dto.js';
import { countLabel } from '../format/count-label.js';
import { ChartView } from '../viz/chart-view.js';
import { CodeBlock } from './code-block.js';
import { TrashIcon } from './icons.js';
import { ModalDialog } from './modal-dialog.js';
import { ResultsTable } from './results-table.js';

interface TemplatesDialogProps {
  open: boolean;
  onClose: () => void;
  /** Asks the template's question again in the current thread (a full agent run). */
  onAsk: (prompt: string) => void;
  /** Bumped when a template was saved elsewhere, to reload the list. */
  version: number;
}

/** Saved answers: list, open, re-run the stored SQL against fresh data and redraw the stored chart. */
export function TemplatesDialog({ open, onClose, onAsk, version }: TemplatesDialogProps) {
  const [templates, setTemplates] = useState<TemplateDto[]>([]);
  const [selected, setSelected] = useState<TemplateDto | null>(null);
  const [fresh, setFresh] = useState<ResultData | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setTemplates(await api.listTemplates());
    } catch (error) {
      setStatus(`Could not list templates: ${(error as Error).message}`);
    }
  }, []);
  useEffect(() => {
    if (open) void reload();
  }, [open, version, reload]);

  const rerun = async (template: TemplateDto) => {
    if (!template.generatedSql) return;
    setStatus('Running the saved SQL on fresh data…');
    setFresh(null);
    try {
      const answer = (await api.runSql(template.generatedSql, template.dataSource)) as { resultId?: string; truncated?: boolean; rowCount?: number };
      // The SQL tool answers with a preview; the full fresh result is behind its resultId.
      const data = normaliseResultData(answer.resultId ? await api.getData(answer.resultId) : answer);
      if (data.columns.length === 0) throw new Error('The query returned no columns.');
      setFresh(data);
      setStatus(`Fresh result: ${countLabel(data.rowCount, 'row')}.`);
    } catch (error) {
      setStatus(`Re-run failed: ${(error as Error).message}`);
    }
  };

  const remove = async (template: TemplateDto) => {
    await api.deleteTemplate(template.id).catch((error: Error) => setStatus(error.message));
    if (selected?.id === template.id) setSelected(null);
    await reload();
  };

  return (
    <ModalDialog open={open} title="Templates" onClose={onClose}>
      <div className="grid gap-4 md:grid-cols-[14rem_1fr]">
        <ul aria-label="Saved templates" className="space-y-1">
          {templates.length === 0 && <li className="text-sm text-slate-500">No templates yet. Use “Save as template” under an answer.</li>}
          {templates.map((template) => (
            <li key={template.id} className="flex items-center gap-1">
              <button
                type="button"
                onClick={() => {
                  setSelected(template);
                  setFresh(null);
                  setStatus(null);
                }}
                aria-current={selected?.id === template.id}
                className={`min-w-0 flex-1 truncate rounded px-2 py-1 text-left text-sm ${selected?.id === template.id ? 'bg-indigo-50 dark:bg-indigo-950' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
                data-testid="template-item"
              >
                {template.title || template.prompt}
              </button>
              <button type="button" aria-label={`Delete template ${template.title || template.prompt}`} onClick={() => void remove(template)} className="rounded px-1 text-xs text-slate-500 hover:text-red-600">
                <TrashIcon />
              </button>
            </li>
          ))}
        </ul>
        {selected ? (
          <div className="min-w-0 space-y-3" data-testid="template-detail">
            <p className="text-sm">
              <span className="font-medium">Question:</span> {selected.prompt}
            </p>
            {selected.dataSource && <p className="text-xs text-slate-500">Datasource: {selected.dataSource}</p>}
            {selected.generatedSql && <CodeBlock code={selected.generatedSql} language="sql" label="Saved SQL" />}
            <div className="flex flex-wrap gap-2">
              <button type="button" disabled={!selected.generatedSql} onClick={() => void rerun(selected)} className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-500 disabled:opacity-50">
                Re-run on fresh data
              </button>
              <button
                type="button"
                onClick={() => {
                  onAsk(selected.prompt);
                  onClose();
                }}
                className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                Ask again in this thread
              </button>
            </div>
            {status && (
              <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
                {status}
              </p>
            )}
            {fresh &&
              (selected.uiCode ? (
                <ChartView code={selected.uiCode} data={fresh} generating={false} initialParams={selected.parameters} defaultTitle={selected.prompt} />
              ) : (
                <ResultsTable data={fresh} maxHeight="40vh" />
              ))}
          </div>
        ) : (
          <p className="text-sm text-slate-500">Pick a template to open it.</p>
        )}
      </div>
    </ModalDialog>
  );
}
