import type { VerificationStatus } from '@/lib/constants';
import { Badge, type BadgeTone } from './badge';

const verificationTones: Record<VerificationStatus, BadgeTone> = {
  pending: 'warning',
  verified: 'success',
  suspended: 'danger',
  blocked: 'danger',
};

export function VerificationBadge({ status }: { status: VerificationStatus }) {
  return <Badge tone={verificationTones[status]}>{status}</Badge>;
}

/** Active, expired or revoked, the way tokens and consents end. */
export function LifecycleBadge({
  revokedAt,
  expiresAt,
  now,
}: {
  revokedAt: Date | null;
  expiresAt: Date | null;
  now: Date;
}) {
  if (revokedAt) return <Badge tone="danger">revoked</Badge>;
  if (expiresAt && expiresAt <= now) return <Badge>expired</Badge>;
  return <Badge tone="success">active</Badge>;
}
