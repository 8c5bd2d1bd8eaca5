import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { problem } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

// Public by design (load balancers call it): it answers only whether the hub can serve.
const health = defineOperation(
  {
    method: 'GET',
    path: '/api/health',
    tag: 'Operations',
    summary: 'Health: 200 when the hub can reach its database, else 503',
    access: 'public',
    response: { status: 200, schema: z.object({ status: z.literal('ok') }) },
    headers: { 'cache-control': 'no-store' },
    errors: [503],
  },
  async () => {
    try {
      await getDb().execute(sql`select 1`);
      return { status: 'ok' as const };
    } catch {
      return problem(503, 'Service Unavailable', 'The hub cannot reach its database.');
    }
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(health);
