import type { AuditInput } from './record';

/**
 * Who did something, as the audit trail records it: a console user (the default), or an end user
 * on their own page (`type: 'user'`, `id` their `sub`, `email` the name they go by).
 */
export type AuditActor = {
  type?: 'admin' | 'user';
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
    actorType: actor.type ?? 'admin',
    actorId: actor.id,
    actorLabel: actor.email,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent?.slice(0, 500) ?? null,
  };
}
