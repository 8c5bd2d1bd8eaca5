import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { problem } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

// Public by design (load balancers call it): it answers only whether the hub can serve.
export async function GET(): Promise<Response> {
  try {
    await getDb().execute(sql`select 1`);
    return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  } catch {
    return problem(503, 'Service Unavailable', 'The hub cannot reach its database.');
  }
}
