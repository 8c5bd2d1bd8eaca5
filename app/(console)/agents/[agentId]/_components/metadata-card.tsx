import type { ReactNode } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import type { listAgentMetadataChanges } from '@/db/queries/agent-detail';
import type { Agent } from '@/db/schema';
import { methodLabels } from '@/lib/agents/labels';
import { formatDateTime } from '@/lib/format';
import { When } from '../../_components/when';
import { ScopeList } from './scope-list';

function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'min-w-0 sm:col-span-2' : 'min-w-0'}>
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className="mt-0.5 text-sm break-words">{children}</dd>
    </div>
  );
}

const Mono = ({ value }: { value: string | null }) =>
  value ? (
    <span className="font-mono text-xs break-all">{value}</span>
  ) : (
    <span className="text-fg-muted">—</span>
  );

const list = (values: string[]) =>
  values.length ? <Mono value={values.join(', ')} /> : <span className="text-fg-muted">—</span>;

const show = (v: unknown) => (v === null || v === undefined ? '∅' : JSON.stringify(v));

type Changes = Awaited<ReturnType<typeof listAgentMetadataChanges>>;

/** What the client says about itself, as last registered, and how that changed. */
export function MetadataCard({
  agent,
  history,
  now,
}: {
  agent: Agent;
  history: Changes;
  now: Date;
}) {
  const scopes = agent.scope?.split(' ').filter(Boolean) ?? [];
  return (
    <Card>
      <CardHeader title="Metadata" description="As the authorization server last reported it." />
      <dl className="grid gap-x-4 gap-y-3 px-5 py-4 sm:grid-cols-2">
        {agent.registrationMethod === 'cimd' ? (
          <Field label="Metadata document (CIMD URL)" wide>
            <Mono value={agent.clientId} />
          </Field>
        ) : null}
        <Field label="Issuer">
          <Mono value={agent.issuer} />
        </Field>
        <Field label="client_uri">
          <Mono value={agent.clientUri} />
        </Field>
        <Field label="software_id">
          <Mono value={agent.softwareId} />
        </Field>
        <Field label="Software version">
          <Mono value={agent.softwareVersion} />
        </Field>
        <Field label="Software statement issuer">
          <Mono value={agent.softwareStatementIss} />
        </Field>
        <Field label="Contacts">{list(agent.contacts)}</Field>
        <Field label="Grant types">{list(agent.grantTypes)}</Field>
        <Field label="Token endpoint auth method">
          <Mono value={agent.tokenEndpointAuthMethod} />
        </Field>
        <Field label="Application type">
          <Mono value={agent.applicationType} />
        </Field>
        <Field label="Requested scope">
          <ScopeList scopes={scopes} shown={6} />
        </Field>
        <Field label="Registered">
          <When at={agent.registeredAt} now={now} never="not reported" />
        </Field>
        <Field label="Last seen">
          <When at={agent.lastSeenAt} now={now} never="never" />
        </Field>
      </dl>
      <details className="border-t border-border px-5 py-3 text-sm">
        <summary className="cursor-pointer text-fg-muted hover:text-fg">
          Raw metadata (JSON)
        </summary>
        <pre className="mt-2 max-h-96 overflow-auto rounded-md bg-surface-muted p-3 font-mono text-xs whitespace-pre-wrap break-all">
          {JSON.stringify(agent.metadata, null, 2)}
        </pre>
      </details>
      <div className="border-t border-border px-5 py-3">
        <h3 className="text-xs font-medium text-fg-muted">Metadata history</h3>
        {history.length === 0 ? (
          <p className="mt-1 text-sm text-fg-muted">No registration or update reported.</p>
        ) : (
          <ol className="mt-2 space-y-2">
            {history.map((h) => {
              const changes = Object.entries(
                h.changes as Record<string, { from: unknown; to: unknown }>,
              );
              return (
                <li key={h.id} className="text-sm">
                  <p>
                    <span className="font-medium">
                      {h.kind === 'registered'
                        ? `Registered${h.method ? ` (${methodLabels[h.method] ?? h.method})` : ''}`
                        : 'Updated'}
                    </span>{' '}
                    <time className="text-fg-muted" dateTime={h.occurredAt.toISOString()}>
                      {formatDateTime(h.occurredAt)}
                    </time>
                  </p>
                  {changes.length === 0 ? (
                    <p className="text-xs text-fg-muted">No change.</p>
                  ) : (
                    <details>
                      <summary className="cursor-pointer text-xs text-fg-muted hover:text-fg">
                        {changes.map(([field]) => field).join(', ')}
                      </summary>
                      <ul className="mt-1 space-y-0.5 font-mono text-xs break-all">
                        {changes.map(([field, c]) => (
                          <li key={field}>
                            {field}: {show(c.from)} → {show(c.to)}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </Card>
  );
}
