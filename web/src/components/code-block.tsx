import { useMemo, useState } from 'react';
import { highlightCode } from '../code/highlight-code.js';

/** Highlighted, scrollable code with a copy button. */
export function CodeBlock({ code, language, label }: { code: string; language: 'sql' | 'python' | 'tsx'; label: string }) {
  const tokens = useMemo(() => highlightCode(code, language), [code, language]);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <figure className="rounded-md border border-slate-200 dark:border-slate-800">
      <figcaption className="flex items-center justify-between border-b border-slate-200 px-2 py-1 text-xs text-slate-500 dark:border-slate-800">
        <span>{label}</span>
        <button type="button" onClick={() => void copy()} aria-label={`Copy ${label}`} className="rounded px-1.5 py-0.5 hover:bg-slate-100 dark:hover:bg-slate-800">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </figcaption>
      <pre className="max-h-[40vh] overflow-auto p-2 font-mono text-xs leading-relaxed" data-testid={`code-${language}`}>
        <code>
          {tokens.map((token, index) => (token.kind === 'plain' ? token.text : <span key={index} className={`code-${token.kind}`}>{token.text}</span>))}
        </code>
      </pre>
    </figure>
  );
}
