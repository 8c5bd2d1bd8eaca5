import { getDb } from '@/db/client';
import { handleIngestionRequest } from '@/lib/ingestion/transport';
import { problem } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

// Authenticated by the source's Standard Webhooks signature, not by a session or API token.
export async function POST(
  request: Request,
  { params }: { params: Promise<{ sourceId: string }> },
): Promise<Response> {
  const { sourceId } = await params;
  try {
    return await handleIngestionRequest(getDb(), sourceId, request);
  } catch (err) {
    // Only the hub's own faults reach here (bad input is answered above): ask the sender to retry.
    console.error('[hub] ingestion failed', err);
    return problem(
      503,
      'Service Unavailable',
      'The hub could not store these events; nothing was accepted. Retry later.',
      {},
      { 'retry-after': '5' },
    );
  }
}
