import { getDb } from '@/db/client';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { auditKeysSchema } from '@/lib/audit/schemas';
import { publishedKeys } from '@/lib/audit/seal/keys';
import { problem } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

/**
 * The public keys that sign audit checkpoints, as a JWK Set (Ed25519, RFC 8037), named by their
 * RFC 7638 thumbprints. Public on purpose: anyone holding an export must be able to check it.
 */
const keys = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/audit/keys',
    tag: 'Audit trail',
    summary: 'The Ed25519 public keys that sign audit checkpoints (JWK Set)',
    description:
      'Checkpoints, Merkle roots and the export format: lib/audit/seal/README.md in the repository.',
    access: 'public',
    response: { status: 200, schema: auditKeysSchema },
    headers: { 'cache-control': 'public, max-age=300' },
  },
  async () => {
    try {
      return { keys: await publishedKeys(getDb()) };
    } catch (err) {
      console.error('[hub] audit keys failed', err);
      return problem(500, 'Internal Server Error', 'The hub could not read its keys.');
    }
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(keys);
