import { useEffect, useRef, useState } from 'react';
import type { DataDna } from '../../../src/core/dna.js';
import { api } from '../api/api-client.js';
import type { DatasourceDto } from '../api/dto.js';
import { DnaView } from './dna-panel.js';
import { ModalDialog } from './modal-dialog.js';

type ConnectionKind = 'file' | 'duckdb' | 'sqlite' | 'postgres' | 'mysql';

interface DatasourcesDialogProps {
  open: boolean;
  onClose: () => void;
  selected: string | null;
  onSelect: (name: string) => void;
}

/** A datasource name the server accepts (a letter, then letters, digits, _ or -) from a file name. */
function nameFromFile(fileName: string): string {
  const stem = fileName.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return (/^[A-Za-z]/.test(stem) ? stem : `data_${stem}`).slice(0, 63);
}

const inputClass = 'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';

/** Lists datasources, adds one by upload or connection, and follows its Data DNA build. */
export function DatasourcesDialog({ open, onClose, selected, onSelect }: DatasourcesDialogProps) {
  const [sources, setSources] = useState<DatasourceDto[]>([]);
  const [mode, setMode] = useState<'upload' | 'connect'>('upload');
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<ConnectionKind>('postgres');
  const [location, setLocation] = useState('');
  const [uploading, setUploading] = useState<{ fileName: string; fraction: number } | null>(null);
  const [building, setBuilding] = useState<{ name: string; started: number } | null>(null);
  const [dna, setDna] = useState<DataDna | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tested, setTested] = useState<{ tables: number; warnings: string[] } | null>(null);
  const [testing, setTesting] = useState(false);
  const [now, setNow] = useState(Date.now());
  // Bumped after each add: remounts the form, which also empties the file input.
  const [formKey, setFormKey] = useState(0);
  const polling = useRef<AbortController | null>(null);

  const reload = () => api.listDatasources().then(setSources, (failure: Error) => setError(failure.message));
  useEffect(() => {
    if (open) void reload();
    return () => polling.current?.abort();
  }, [open]);

  useEffect(() => {
    if (!building) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [building]);

  /** Polls the DNA until the profiler has finished (the route answers 200 with the DNA). */
  const follow = async (id: string, label: string) => {
    polling.current?.abort();
    const controller = new AbortController();
    polling.current = controller;
    setBuilding({ name: label, started: Date.now() });
    setDna(null);
    for (let attempt = 0; attempt < 600 && !controller.signal.aborted; attempt += 1) {
      try {
        const result = await api.getDna(id);
        setDna(result);
        setBuilding(null);
        await reload();
        // A datasource just added is the one the person wants to ask about.
        onSelect(id);
        return;
      } catch (failure) {
        const status = (failure as { status?: number }).status;
        if (status !== undefined && status !== 404 && status !== 409 && status !== 202 && status < 500) {
          setError((failure as Error).message);
          setBuilding(null);
          return;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };

  const connection = (label: string) => (kind === 'postgres' || kind === 'mysql' ? { kind, name: label, url: location } : { kind, name: label, path: location });

  /** Opens the connection on the server without registering it: its tables and warnings, or the error (the server never echoes the password). */
  const testConnection = async () => {
    setError(null);
    setTested(null);
    const label = name.trim();
    if (!label) return setError('Give the datasource a name.');
    setTesting(true);
    try {
      const result = await api.testDatasource(connection(label));
      setTested({ tables: result.tables, warnings: result.warnings });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setTesting(false);
    }
  };

  const submit = async () => {
    setError(null);
    const label = name.trim() || (file ? nameFromFile(file.name) : '');
    if (mode === 'upload' && !file) return setError('Choose a CSV or Parquet file to upload.');
    if (!label) return setError('Give the datasource a name.');
    try {
      let created: DatasourceDto;
      if (mode === 'upload' && file) {
        setUploading({ fileName: file.name, fraction: 0 });
        try {
          created = await api.uploadDatasource(label, file, (fraction) => setUploading({ fileName: file.name, fraction }));
        } finally {
          setUploading(null);
        }
      } else {
        created = await api.createDatasource(connection(label));
      }
      setName('');
      setLocation('');
      setFile(null);
      setTested(null);
      setFormKey((value) => value + 1);
      await reload();
      await follow(created.name ?? label, created.name ?? label);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <ModalDialog open={open} title="Datasources" onClose={onClose}>
      <div className="space-y-4">
        <ul aria-label="Datasources" className="flex flex-wrap gap-2">
          {sources.map((source) => (
            <li key={source.name}>
              <button
                type="button"
                aria-pressed={selected === source.name}
                onClick={() => onSelect(source.name)}
                className={`rounded-full border px-3 py-1 text-sm ${selected === source.name ? 'border-indigo-500 bg-indigo-50 dark:bg-indigo-950' : 'border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800'}`}
              >
                {source.name} <span className="text-xs text-slate-500">{String(source.kind ?? '')}</span>
              </button>
            </li>
          ))}
        </ul>
        <form
          key={formKey}
          className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <div role="radiogroup" aria-label="How to add" className="flex gap-4 text-sm">
            <label className="flex items-center gap-1">
              <input type="radio" name="mode" checked={mode === 'upload'} onChange={() => setMode('upload')} /> Upload a CSV or Parquet file
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="mode" checked={mode === 'connect'} onChange={() => setMode('connect')} /> Connect
            </label>
          </div>
          <label className="block text-xs">
            Name
            <input className={inputClass} value={name} onChange={(event) => setName(event.target.value)} placeholder="sales" />
          </label>
          {mode === 'upload' ? (
            <label className="block text-xs">
              File
              <input
                className={inputClass}
                type="file"
                accept=".csv,.parquet,text/csv"
                onChange={(event) => {
                  const chosen = event.target.files?.[0] ?? null;
                  setFile(chosen);
                  // The name follows the file until the person types one of their own.
                  if (chosen && (!name || name === (file ? nameFromFile(file.name) : ''))) setName(nameFromFile(chosen.name));
                }}
              />
            </label>
          ) : (
            <div className="grid grid-cols-[10rem_1fr] gap-2">
              <label className="block text-xs">
                Kind
                <select className={inputClass} value={kind} onChange={(event) => setKind(event.target.value as ConnectionKind)}>
                  <option value="postgres">PostgreSQL</option>
                  <option value="mysql">MySQL / MariaDB</option>
                  <option value="duckdb">DuckDB file</option>
                  <option value="sqlite">SQLite file</option>
                  <option value="file">CSV/Parquet path</option>
                </select>
              </label>
              <label className="block text-xs">
                {kind === 'postgres' || kind === 'mysql' ? 'Connection URL' : 'Path on the server'}
                <input
                  className={inputClass}
                  value={location}
                  onChange={(event) => {
                    setLocation(event.target.value);
                    setTested(null);
                  }}
                  placeholder={kind === 'postgres' ? 'postgres://user@host:5432/db' : kind === 'mysql' ? 'mysql://user:${DB_PASSWORD}@host:3306/db' : '/data/file.parquet'}
                />
              </label>
            </div>
          )}
          {mode === 'connect' && tested && (
            <div role="status" aria-label="Connection test" className="text-sm text-emerald-700 dark:text-emerald-300">
              <p>
                Connection works: {tested.tables} {tested.tables === 1 ? 'table' : 'tables'}.
              </p>
              {tested.warnings.map((warning) => (
                <p key={warning} className="text-amber-700 dark:text-amber-300">
                  {warning}
                </p>
              ))}
            </div>
          )}
          <div className="flex gap-2">
            {mode === 'connect' && (
              <button type="button" disabled={testing} onClick={() => void testConnection()} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800">
                {testing ? 'Testing…' : 'Test connection'}
              </button>
            )}
            <button type="submit" disabled={building !== null || uploading !== null} className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-500 disabled:opacity-50">
              Add datasource
            </button>
          </div>
        </form>
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
        {uploading && (
          <div role="status" aria-live="polite" className="space-y-1" data-testid="upload-progress">
            <p className="text-sm">
              Uploading {uploading.fileName}… {Math.round(uploading.fraction * 100)}%
            </p>
            <div className="h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-800" role="progressbar" aria-label="Upload" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(uploading.fraction * 100)}>
              <div className="h-full rounded bg-indigo-500 transition-[width]" style={{ width: `${Math.round(uploading.fraction * 100)}%` }} />
            </div>
          </div>
        )}
        {building && (
          <div role="status" aria-live="polite" className="space-y-1" data-testid="dna-progress">
            <p className="text-sm">
              Profiling {building.name}: building its Data DNA… {Math.round((now - building.started) / 1000)} s
            </p>
            <div className="h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-800" role="progressbar" aria-label="Data DNA build" aria-valuetext="in progress">
              <div className="h-full w-1/3 animate-pulse rounded bg-indigo-500" />
            </div>
          </div>
        )}
        {dna && <DnaView dna={dna} />}
      </div>
    </ModalDialog>
  );
}
