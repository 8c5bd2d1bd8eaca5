'use client';

import Link from 'next/link';
import type { DataColumn } from '@/components/data-table/data-table';
import { Badge } from '@/components/ui/badge';
import { VerificationBadge } from '@/components/ui/status-badges';
import { Clip } from '@/components/ui/table';
import { clientTypeLabels, flagLabels, methodLabels } from '@/lib/agents/labels';
import type { AgentRow } from '@/lib/agents/rows';
import { When } from './when';

function NameCell({ row, familyHref }: { row: AgentRow; familyHref: (key: string) => string }) {
  return (
    <div className="min-w-0 space-y-1">
      <Link
        href={`/agents/${row.id}`}
        className="block truncate font-medium text-fg hover:text-accent hover:underline"
        title={row.name ?? row.clientId}
      >
        {row.name ?? row.clientId}
      </Link>
      <Clip value={row.clientId} mono className="text-fg-muted" />
      {row.flags.length || row.deleted || row.idle || row.family ? (
        <div className="flex flex-wrap items-center gap-1">
          {row.flags.map((flag) => (
            <Badge key={flag} tone={flag === 'localhost_only' ? 'warning' : 'danger'}>
              {flagLabels[flag]}
            </Badge>
          ))}
          {row.deleted ? <Badge tone="neutral">deleted</Badge> : null}
          {row.idle && !row.deleted ? <Badge tone="neutral">idle {'>'} 30 days</Badge> : null}
          {row.family ? (
            <Link
              href={familyHref(row.family.key)}
              className="rounded text-xs text-accent hover:underline"
            >
              {row.family.instances} instances
              {row.family.idle ? ` · ${row.family.idle} idle` : ''}
            </Link>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export function agentColumns(
  now: Date,
  familyHref: (key: string) => string,
): DataColumn<AgentRow>[] {
  return [
    {
      id: 'name',
      header: 'Agent',
      accessorFn: (r) => r.name ?? r.clientId,
      cell: ({ row }) => <NameCell row={row.original} familyHref={familyHref} />,
      meta: { label: 'Agent' },
    },
    {
      id: 'status',
      header: 'Status',
      accessorFn: (r) => r.status,
      cell: ({ row }) => (
        <>
          <VerificationBadge status={row.original.status} />
          {/* suspended and blocked say it already; a verified or pending agent may still be
              refused by an entry its authorization server or an admin made */}
          {row.original.refused &&
          row.original.status !== 'suspended' &&
          row.original.status !== 'blocked' ? (
            <span className="mt-0.5 block">
              <Badge tone="danger">refused</Badge>
            </span>
          ) : null}
        </>
      ),
      meta: { className: 'w-24', label: 'Status' },
    },
    {
      id: 'method',
      header: 'Method',
      accessorFn: (r) => r.method,
      cell: ({ row }) => <Badge>{methodLabels[row.original.method] ?? row.original.method}</Badge>,
      meta: { className: 'w-28', label: 'Registration method' },
    },
    {
      id: 'client_type',
      header: 'Client type',
      accessorFn: (r) => r.clientType,
      enableSorting: false,
      cell: ({ row }) =>
        row.original.clientType ? (
          clientTypeLabels[row.original.clientType]
        ) : (
          <span className="text-fg-muted">—</span>
        ),
      meta: { className: 'w-28', label: 'Client type', hiddenByDefault: true },
    },
    {
      id: 'issuer',
      header: 'Issuer',
      accessorFn: (r) => r.issuer,
      enableSorting: false,
      cell: ({ row }) => <Clip value={row.original.issuer} mono />,
      meta: { className: 'w-48', label: 'Issuer', hiddenByDefault: true },
    },
    {
      id: 'redirect_hosts',
      header: 'Redirect hosts',
      accessorFn: (r) => r.hosts.join(' '),
      enableSorting: false,
      cell: ({ row }) => {
        const { hosts, hostCount } = row.original;
        if (hostCount === 0) return <span className="text-fg-muted">None</span>;
        return (
          <div className="min-w-0">
            {hosts.map((h) => (
              <Clip key={h} value={h} mono />
            ))}
            {hostCount > hosts.length ? (
              <span className="text-xs text-fg-muted">+{hostCount - hosts.length} more</span>
            ) : null}
          </div>
        );
      },
      meta: { className: 'w-48', label: 'Redirect hosts' },
    },
    {
      id: 'consents',
      header: 'Consents',
      accessorFn: (r) => r.consents,
      enableSorting: false,
      cell: ({ row }) => (
        <span className={row.original.consents ? 'tabular-nums' : 'text-fg-muted tabular-nums'}>
          {row.original.consents}
        </span>
      ),
      meta: { className: 'w-24', label: 'Active consents' },
    },
    {
      id: 'last_seen',
      header: 'Last seen',
      accessorFn: (r) => r.lastSeenAt,
      cell: ({ row }) => <When at={row.original.lastSeenAt} now={now} />,
      meta: { className: 'w-36', label: 'Last seen' },
    },
    {
      id: 'registered',
      header: 'Registered',
      accessorFn: (r) => r.registeredAt,
      cell: ({ row }) => <When at={row.original.registeredAt} now={now} />,
      meta: { className: 'w-32', label: 'Registered' },
    },
  ];
}
