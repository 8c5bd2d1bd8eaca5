import { routeMethods } from '@/lib/api/methods';
import { rotateSourceApiKey } from '@/lib/sources/manage-sources';
import { rotationOperation } from '@/lib/sources/rotation-route';
import { rotatedApiKeySchema } from '@/lib/sources/schemas';

export const dynamic = 'force-dynamic';

const rotate = rotationOperation(
  {
    path: '/api/v1/sources/{sourceId}/rotate-api-key',
    summary: 'A new API key; the previous one keeps working for the grace period',
    description:
      'The body is optional: `grace_period_seconds` (default 86400) says how long the previous ' +
      '`hubsrc_…` key keeps working; 0 ends it at once. Only the latest replaced key is kept.',
    schema: rotatedApiKeySchema,
  },
  rotateSourceApiKey,
  (rotated) => ({
    api_key: rotated.apiKey,
    previous_api_key_valid_until: rotated.graceEndsAt.toISOString(),
  }),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(rotate);
