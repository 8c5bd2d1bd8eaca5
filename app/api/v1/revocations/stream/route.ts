import { principalIsLive } from '@/lib/api/principal';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { ExpectedError } from '@/lib/errors';
import { getBroadcaster } from '@/lib/revocations/broadcaster';
import { seqParam, streamQuery } from '@/lib/revocations/feed-query';
import { revocationStream } from '@/lib/revocations/sse';

export const dynamic = 'force-dynamic';

/** The stream: Server-Sent Events, resumable with Last-Event-ID (or ?after=). */
const stream = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/revocations/stream',
    tag: 'Revocations',
    summary: 'The revocation stream: Server-Sent Events, one event per entry',
    description:
      'Each event has `id` = the entry’s seq, `event: revocation` and `data` = the entry as JSON. ' +
      'Resume without gaps with the `Last-Event-ID` header (or `?after=`); a comment line arrives ' +
      'at least every 15 s.',
    access: 'source-key',
    query: streamQuery,
    response: {
      status: 200,
      contentType: 'text/event-stream',
      description: 'text/event-stream; data = a revocation entry',
    },
  },
  async (request, { principal, query }) => {
    const lastEventId = request.headers.get('last-event-id');
    let after = query.after ?? 0n;
    if (lastEventId) {
      const parsed = seqParam.safeParse(lastEventId.trim());
      if (!parsed.success)
        throw new ExpectedError('invalid', 'Last-Event-ID is not a seq.', {
          errors: [{ path: '/headers/last-event-id', message: 'expected a decimal seq' }],
        });
      after = parsed.data;
    }
    const body = revocationStream(getBroadcaster(), principal.orgId, after, request.signal, () =>
      principalIsLive(principal, request),
    );
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      },
    });
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(stream);
