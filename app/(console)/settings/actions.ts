'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import { getOrg, setOrgRetention } from '@/db/queries/orgs';
import { adminAuditFields } from '@/lib/audit/actor';
import { serverAction } from '@/lib/auth/action';

const retentionSchema = z.object({
  retentionDays: z.coerce
    .number()
    .int('Use a whole number of days.')
    .min(30, 'Keep at least 30 days.')
    .max(3650, 'Keep at most 3,650 days (10 years).'),
});

export const updateRetentionAction = serverAction(
  { as: 'console', permission: 'write', schema: retentionSchema },
  async (input, { auditActor }) => {
    const db = getDb();
    await db.transaction(async (tx) => {
      const before = await getOrg(tx, auditActor.orgId);
      await setOrgRetention(tx, auditActor.orgId, input.retentionDays);
      await insertAuditEvent(tx, auditActor.orgId, {
        ...adminAuditFields(auditActor),
        type: 'org.retention_changed',
        summary: `${auditActor.email} set audit retention to ${input.retentionDays} days (was ${before?.retentionDays})`,
        data: { from: before?.retentionDays, to: input.retentionDays },
      });
    });
    revalidatePath('/settings');
    return {
      ok: true,
      data: undefined,
      message: `Audit events are now kept for ${input.retentionDays} days.`,
    };
  },
);
