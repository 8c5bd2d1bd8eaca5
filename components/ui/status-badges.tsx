import type { VerificationStatus } from '@/lib/constants';
import { Badge, type BadgeTone } from './badge';

const verificationTones: Record<VerificationStatus, BadgeTone> = {
  pending: 'warning',
  verified: 'success',
  suspended: 'danger',
  blocked: 'danger',
};

// End users read what the status means for them, not the admin's term for it.
const endUserLabels: Record<VerificationStatus, string> = {
  pending: 'Not yet reviewed by IT',
  verified: 'Verified by IT',
  suspended: 'Suspended by IT',
  blocked: 'Blocked by IT',
};

export function VerificationBadge({
  status,
  forEndUser = false,
}: {
  status: VerificationStatus;
  forEndUser?: boolean;
}) {
  return (
    <Badge tone={verificationTones[status]}>{forEndUser ? endUserLabels[status] : status}</Badge>
  );
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
