import { getDb } from '@/db/client';
import { handleIngestionRequest } from '@/lib/ingestion/transport';

export const dynamic = 'force-dynamic';

// Authenticated by the source's Standard Webhooks signature, not by a session or API token. The
// hub's own server answers this path itself (lib/server/ingestion-fast-path.ts); this route
// serves `next dev` with the same handler.
export async function POST(
  request: Request,
  { params }: { params: Promise<{ sourceId: string }> },
): Promise<Response> {
  const { sourceId } = await params;
  return handleIngestionRequest(getDb(), sourceId, request);
}
