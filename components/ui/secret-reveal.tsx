'use client';

import { Check, Copy } from 'lucide-react';
import { useState } from 'react';

/** A credential shown once, with a copy button and the warning that it will not be shown again. */
export function SecretReveal({
  label,
  value,
  stored = 'hashed',
}: {
  label: string;
  value: string;
  /** how the hub keeps it: a hash (API keys, passwords) or encrypted (signing secrets it must use) */
  stored?: 'hashed' | 'encrypted';
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2 rounded-md border border-warning/40 bg-warning-soft p-4">
      <p className="text-sm font-medium text-fg">{label}</p>
      <div className="flex items-center gap-2">
        <code
          className="min-w-0 flex-1 truncate rounded bg-surface px-2 py-1.5 font-mono text-sm text-fg"
          title={value}
          data-testid="secret-value"
        >
          {value}
        </code>
        <button
          type="button"
          onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}
          className="rounded-md border border-border bg-surface p-2 text-fg-muted hover:text-fg"
        >
          {copied ? (
            <Check className="size-4" aria-hidden />
          ) : (
            <Copy className="size-4" aria-hidden />
          )}
          <span className="sr-only">{copied ? 'Copied' : 'Copy'}</span>
        </button>
      </div>
      <p className="text-xs text-fg-muted">
        Copy it now: the hub keeps {stored === 'hashed' ? 'only a hash of it' : 'it encrypted'} and
        will not show it again.
      </p>
    </div>
  );
}
