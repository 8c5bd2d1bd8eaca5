import { TriangleAlert } from 'lucide-react';
import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { decodeAuditCursor, encodeAuditCursor } from '@/db/queries/audit-cursor';
import { distinctAuditValues, getAuditRow } from '@/db/queries/audit-trail';
import { listAuditTrail } from '@/lib/audit/trail';
import { listSources } from '@/db/queries/sources';
import { auditTypeGroups, knownOutcomes, mergeNames } from '@/lib/audit/event-types';
import { auditFilterToParams, isEmptyFilter, readAuditFilter } from '@/lib/audit/filter';
import { requireConsole } from '@/lib/auth/guards';
import { parseTableParams } from '@/lib/tables/table-params';
import { AuditTable } from './_components/audit-table';
import { EventDrawer } from './_components/event-drawer';
import { ExportButtons } from './_components/export-buttons';
import { IntegrityBadge } from './_components/integrity-badge';
import { loadTrailIntegrity } from '@/lib/audit/seal/status';

export const metadata: Metadata = { title: 'Audit trail' };

const tableSpec = {
  sortable: [] as string[],
  defaultSort: { id: 'time', desc: true },
  facets: {},
  defaultSize: 50,
};

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireConsole('read');
  const raw = await searchParams;
  const { filter, problems } = readAuditFilter(raw);
  const table = parseTableParams(raw, tableSpec);
  const cursor = table.cursor ? decodeAuditCursor(table.cursor) : null;
  const eventId = typeof raw.event === 'string' ? raw.event : null;
  const db = getDb();
  const orgId = actor.orgId;

  const page = await listAuditTrail(db, orgId, filter, { cursor, limit: table.size });
  const [sources, types, outcomes, opened, integrity] = await Promise.all([
    listSources(db, orgId),
    distinctAuditValues(db, orgId, 'type'),
    distinctAuditValues(db, orgId, 'outcome'),
    eventId ? getAuditRow(db, orgId, eventId) : Promise.resolve(null),
    loadTrailIntegrity(db, orgId),
  ]);
  const sourceNames = Object.fromEntries(sources.map((s) => [s.id, s.name]));

  return (
    <>
      <PageHeader
        title="Audit trail"
        description={
          <>
            Your sources’ events and every console action, newest first. Times are UTC.
            <span className="mt-2 flex">
              <IntegrityBadge initial={integrity} serverNow={new Date().toISOString()} />
            </span>
          </>
        }
        actions={<ExportButtons filter={auditFilterToParams(filter)} />}
      />
      {problems.length > 0 ? (
        <div
          role="alert"
          className="mb-4 flex gap-2 rounded-md border border-warning/40 bg-warning-soft px-4 py-3 text-sm text-fg"
        >
          <TriangleAlert className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
          <div>
            <p className="font-medium">Some filters in this link were ignored:</p>
            <ul className="mt-1 list-disc pl-5">
              {problems.map((p) => (
                <li key={p.param}>
                  <code className="font-mono text-xs">{p.param}</code> {p.message}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <AuditTable
        rows={page.items}
        filter={filter}
        filtered={!isEmptyFilter(filter)}
        cols={table.cols}
        paging={{
          kind: 'cursor',
          size: table.size,
          nextCursor: page.nextCursor ? encodeAuditCursor(page.nextCursor) : null,
          isFirstPage: cursor === null,
        }}
        typeGroups={auditTypeGroups([...types, ...filter.types])}
        outcomeOptions={mergeNames(knownOutcomes, outcomes)}
        sources={sources.map((s) => ({ value: s.id, label: s.name }))}
        sourceNames={sourceNames}
      />
      {eventId ? (
        <EventDrawer
          key={eventId}
          eventId={eventId}
          event={opened}
          sourceName={opened?.sourceId ? (sourceNames[opened.sourceId] ?? null) : null}
        />
      ) : null}
    </>
  );
}
