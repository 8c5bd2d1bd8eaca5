import { rotateSourceApiKey } from '@/lib/sources/manage-sources';
import { rotationRoute } from '@/lib/sources/rotation-route';

export const dynamic = 'force-dynamic';

export const POST = rotationRoute(rotateSourceApiKey, (rotated) => ({
  api_key: rotated.apiKey,
  previous_api_key_valid_until: rotated.graceEndsAt.toISOString(),
}));
