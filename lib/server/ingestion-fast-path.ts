import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Db } from '@/db/client';
import { handleIngestionRequest } from '@/lib/ingestion/transport';
import { writeResponse } from './raw-answers';

const INGESTION_PATH = /^\/api\/v1\/sources\/([^/?#]+)\/events\/?(?:\?.*)?$/;

/**
 * The ingestion endpoint is the hub's hot path: senders post here all day. This process answers
 * it with the same handler as app/api/v1/sources/[sourceId]/events/route.ts (which serves `next
 * dev` and is the documented route), without Next's routing and rendering cost per request
 * (measured at 4–11 ms, several times the database work of a single event).
 */
export function ingestionSourceId(req: IncomingMessage): string | null {
  if (req.method !== 'POST') return null;
  const match = INGESTION_PATH.exec(req.url ?? '');
  if (!match) return null;
  // A malformed escape (`%FF`) names no source: keep it as sent, which the handler answers 401.
  // Thrown here, inside the server's request listener, it would leave the request unanswered.
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!;
  }
}

export async function serveIngestion(
  db: Db,
  sourceId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  const request = new Request(`http://hub.local${req.url}`, {
    method: 'POST',
    headers,
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
  // Never throws: the hub's own faults come back as a 503 problem document.
  const response = await handleIngestionRequest(db, sourceId, request);
  // A refused body may not have been read to its end (413 on its declared length). The rest of it
  // would be taken for the next request, so this connection ends with the answer, and says so:
  // a sender that reused it would see a reset instead of an answer.
  await writeResponse(res, response, req.complete ? {} : { connection: 'close' });
}
