import { useState } from 'react';
import { getAuthToken, setAuthToken } from '../api/auth-token.js';
import { ModalDialog } from './modal-dialog.js';

/** Asks for an API token when the server requires one (it is not bound to loopback). */
export function TokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [token, setToken] = useState(getAuthToken() ?? '');
  return (
    <ModalDialog open={open} title="API token required" onClose={onClose}>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          setAuthToken(token.trim() || null);
          location.reload();
        }}
      >
        <p className="text-sm">
          This InsightX server needs an API token. Create one on the server with <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">npx insightx token create</code> and paste it here; it is
          kept in this browser only.
        </p>
        <label className="block text-xs">
          Token
          <input
            type="password"
            autoComplete="off"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            className="mt-0.5 w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-500">
          Save and reload
        </button>
      </form>
    </ModalDialog>
  );
}
