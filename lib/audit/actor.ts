import type { AuditInput } from '@/db/queries/audit';

/** Who did something in the console, as the audit trail records it. */
export type AuditActor = {
  id: string;
  orgId: string;
  email: string;
  ip?: string | null;
  userAgent?: string | null;
};

export function adminAuditFields(
  actor: AuditActor,
): Pick<AuditInput, 'actorType' | 'actorId' | 'actorLabel' | 'ip' | 'userAgent'> {
  return {
    actorType: 'admin',
    actorId: actor.id,
    actorLabel: actor.email,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent?.slice(0, 500) ?? null,
  };
}
