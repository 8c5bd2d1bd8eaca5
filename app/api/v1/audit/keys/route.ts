import { getDb } from '@/db/client';
import { publishedKeys } from '@/lib/audit/seal/keys';
import { problem } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

/**
 * The public keys that sign audit checkpoints, as a JWK Set (Ed25519, RFC 8037), named by their
 * RFC 7638 thumbprints. Public on purpose: anyone holding an export must be able to check it.
 */
export async function GET(): Promise<Response> {
  try {
    return Response.json(
      { keys: await publishedKeys(getDb()) },
      { headers: { 'cache-control': 'public, max-age=300' } },
    );
  } catch (err) {
    console.error('[hub] audit keys failed', err);
    return problem(500, 'Internal Server Error', 'The hub could not read its keys.');
  }
}
