'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { verifyWithinWait } from '@/lib/audit/seal/worker';
import { serverAction } from '@/lib/auth/action';
import { formatCount } from '@/lib/format';

/** Verifies the org's whole sealed trail now. It only reads, so auditors may. */
export const verifyTrailAction = serverAction(
  { as: 'console', permission: 'read', schema: z.object({}) },
  async (_input, { auditActor }) => {
    const report = await verifyWithinWait(getDb(), auditActor.orgId);
    revalidatePath('/audit/integrity');
    revalidatePath('/audit');
    if (!report) {
      return {
        ok: true,
        data: undefined,
        message:
          'The trail is big: verification goes on in the background. Reload this page in a few minutes for its outcome.',
      };
    }
    return report.ok
      ? {
          ok: true,
          data: undefined,
          message: `Verified: ${formatCount(report.events)} events in ${formatCount(report.checkpoints)} checkpoints.`,
        }
      : {
          ok: false,
          error: `Verification failed: ${formatCount(report.problemCount)} problems.`,
        };
  },
);
