import { routeMethods } from '@/lib/api/methods';
import { rotateSourceSecret } from '@/lib/sources/manage-sources';
import { rotationOperation } from '@/lib/sources/rotation-route';
import { rotatedSecretSchema } from '@/lib/sources/schemas';

export const dynamic = 'force-dynamic';

const rotate = rotationOperation(
  {
    path: '/api/v1/sources/{sourceId}/rotate-secret',
    summary: 'A new signing secret; the previous one keeps working for the grace period',
    description:
      'The body is optional: `grace_period_seconds` (default 86400) says how long the previous ' +
      'secret keeps verifying; 0 ends it at once, for a secret that leaked.',
    schema: rotatedSecretSchema,
  },
  rotateSourceSecret,
  (rotated) => ({
    signing_secret: rotated.signingSecret,
    previous_secret_valid_until: rotated.graceEndsAt.toISOString(),
  }),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(rotate);
