import { rotateSourceSecret } from '@/lib/sources/manage-sources';
import { rotationRoute } from '@/lib/sources/rotation-route';

export const dynamic = 'force-dynamic';

export const POST = rotationRoute(rotateSourceSecret, (rotated) => ({
  signing_secret: rotated.signingSecret,
  previous_secret_valid_until: rotated.graceEndsAt.toISOString(),
}));
