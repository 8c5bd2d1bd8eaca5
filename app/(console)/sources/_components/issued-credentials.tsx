'use client';

import { SecretReveal } from '@/components/ui/secret-reveal';
import type { IssuedCredentials } from '../actions';

/** Everything a sender needs, shown once right after it was made. */
export function IssuedCredentialsPanel({ issued }: { issued: IssuedCredentials }) {
  return (
    <div className="space-y-3">
      <div className="space-y-1">
        <p className="text-sm font-medium">Endpoint URL</p>
        <code
          className="block truncate rounded bg-surface-muted px-2 py-1.5 font-mono text-sm"
          title={issued.endpointUrl}
        >
          {issued.endpointUrl}
        </code>
      </div>
      <SecretReveal
        label="Signing secret (Standard Webhooks)"
        value={issued.signingSecret}
        stored="encrypted"
      />
      {issued.apiKey ? (
        <SecretReveal label="API key (reads revocations and agent status)" value={issued.apiKey} />
      ) : null}
      <details className="rounded-md border border-border">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
          Send a signed test event (curl + openssl)
        </summary>
        <pre className="max-h-72 overflow-auto border-t border-border bg-surface-muted p-3 font-mono text-xs whitespace-pre">
          {issued.snippets.shell}
        </pre>
      </details>
      <details className="rounded-md border border-border">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
          The same with the standardwebhooks library (Node.js)
        </summary>
        <pre className="max-h-72 overflow-auto border-t border-border bg-surface-muted p-3 font-mono text-xs whitespace-pre">
          {issued.snippets.node}
        </pre>
      </details>
    </div>
  );
}
