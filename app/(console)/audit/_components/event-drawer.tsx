'use client';

import { X } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useUrlState } from '@/components/data-table/url-state';
import { Badge } from '@/components/ui/badge';
import type { AuditRow } from '@/db/queries/audit-trail';
import { formatDateTime } from '@/lib/format';
import { outcomeTone } from './audit-table';
import { showInvisible } from '@/lib/agents/invisible';

function pretty(data: string | undefined): string {
  try {
    return JSON.stringify(JSON.parse(data ?? '{}'), null, 2);
  } catch {
    return data ?? '';
  }
}

/**
 * One event with every field and its raw JSON, in a modal side panel addressed by `?event=<id>`:
 * the link can be shared, Escape or the close button removes it from the URL, and focus goes
 * back to the row that opened it.
 */
export function EventDrawer({
  eventId,
  event,
  sourceName,
}: {
  eventId: string;
  event: AuditRow | null;
  sourceName: string | null;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const router = useRouter();
  const { hrefWith } = useUrlState();

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    // The browser gives focus back to the link that opened the panel; after a reload of a shared
    // link there was none, so once the panel is gone the event's row (when on this page) takes it.
    return () => {
      requestAnimationFrame(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        document.querySelector<HTMLElement>(`[data-event-link="${CSS.escape(eventId)}"]`)?.focus();
      });
    };
  }, [eventId]);

  const onClose = () => {
    router.replace(hrefWith({ event: null }, { keepPage: true }), { scroll: false });
  };

  const filterLink = (param: string, value: string | null, label: string) =>
    value ? (
      <Link
        href={hrefWith({ [param]: value, event: null })}
        className="ml-2 text-xs whitespace-nowrap text-accent hover:underline"
      >
        {label}
      </Link>
    ) : null;

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby={titleId}
      className="fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-none w-full max-w-xl overflow-y-auto border-l border-border bg-surface p-0 text-fg shadow-xl backdrop:bg-black/40"
    >
      <div className="sticky top-0 z-10 flex items-start justify-between gap-3 border-b border-border bg-surface px-5 py-4">
        <div className="min-w-0">
          <p className="font-mono text-xs break-all text-fg-muted">{event?.type ?? 'Event'}</p>
          <h2 id={titleId} className="mt-1 text-base font-semibold break-words">
            {event ? showInvisible(event.summary) : 'Event not found'}
          </h2>
        </div>
        <button
          type="button"
          onClick={() => dialog.current?.close()}
          aria-label="Close"
          className="-m-1 rounded-md p-1 text-fg-muted hover:bg-surface-muted hover:text-fg"
        >
          <X className="size-5" aria-hidden />
        </button>
      </div>
      {!event ? (
        <p className="px-5 py-6 text-sm text-fg-muted">
          No event {eventId} in your organization: the link may be mistyped, or retention has
          removed it.
        </p>
      ) : (
        <div className="space-y-5 px-5 py-5">
          <dl className="grid grid-cols-[9rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
            <Field label="Occurred">
              {formatDateTime(new Date(event.occurredAt))}
              <span className="block font-mono text-xs text-fg-muted">{event.occurredAt}</span>
            </Field>
            <Field label="Recorded">
              {formatDateTime(new Date(event.recordedAt))}
              <span className="block font-mono text-xs text-fg-muted">{event.recordedAt}</span>
            </Field>
            <Field label="Type" mono>
              {event.type}
              {filterLink('type', event.type, 'Only this type')}
            </Field>
            <Field label="Outcome">
              {event.outcome ? (
                <Badge tone={outcomeTone(event.outcome)}>{event.outcome}</Badge>
              ) : null}
            </Field>
            <Field label="Source">{event.sourceId ? (sourceName ?? event.sourceId) : null}</Field>
            <Field label="Actor">
              {event.actorType || event.actorLabel || event.actorId
                ? [event.actorType, event.actorLabel, event.actorId].filter(Boolean).join(' · ')
                : null}
            </Field>
            <Field label="Issuer" mono>
              {event.issuer}
            </Field>
            <Field label="Agent (client_id)" mono>
              {event.clientId}
              {filterLink('client_id', event.clientId, 'All of this agent')}
            </Field>
            <Field label="Subject (sub)" mono>
              {event.sub}
              {filterLink('sub', event.sub, 'All of this subject')}
            </Field>
            <Field label="Resource" mono>
              {event.resource}
            </Field>
            <Field label="Tool" mono>
              {event.tool}
            </Field>
            <Field label="Token" mono>
              {event.tokenRef}
            </Field>
            <Field label="IP address" mono>
              {event.ip}
              {filterLink('ip', event.ip, 'All from this IP')}
            </Field>
            <Field label="User agent">{event.userAgent}</Field>
            <Field label="Reason">{event.reason}</Field>
            <Field label="Event id" mono>
              {event.id}
            </Field>
          </dl>
          <section aria-labelledby={`${titleId}-raw`}>
            <h3 id={`${titleId}-raw`} className="mb-2 text-sm font-semibold">
              Raw event
            </h3>
            <pre
              data-testid="raw-event"
              className="max-h-[28rem] overflow-auto rounded-md border border-border bg-surface-muted p-3 font-mono text-xs whitespace-pre-wrap break-all"
            >
              {pretty(event.data)}
            </pre>
          </section>
        </div>
      )}
    </dialog>
  );
}

function Field({ label, mono, children }: { label: string; mono?: boolean; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '';
  const parts = Array.isArray(children) ? children : [children];
  const blank = empty || parts.every((c) => c === null || c === undefined || c === '');
  return (
    <>
      <dt className="text-fg-muted">{label}</dt>
      <dd className={mono ? 'font-mono text-xs leading-5 break-all' : 'break-words'}>
        {blank ? <span className="text-fg-muted">—</span> : children}
      </dd>
    </>
  );
}
