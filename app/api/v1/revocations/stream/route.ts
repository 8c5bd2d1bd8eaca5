import { readQuery } from '@/lib/api/list';
import { principalIsLive } from '@/lib/api/principal';
import { apiRoute } from '@/lib/api/route';
import { ExpectedError } from '@/lib/errors';
import { getBroadcaster } from '@/lib/revocations/broadcaster';
import { seqParam, streamQuery } from '@/lib/revocations/feed-query';
import { revocationStream } from '@/lib/revocations/sse';

export const dynamic = 'force-dynamic';

/** The stream: Server-Sent Events, resumable with Last-Event-ID (or ?after=). */
export const GET = apiRoute(
  { permission: 'read', allowSourceKey: true },
  async (request, { principal }) => {
    const query = readQuery(request, streamQuery);
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
