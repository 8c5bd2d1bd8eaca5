'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { serverAction } from '@/lib/auth/action';
import { ExpectedError } from '@/lib/errors';
import { endOtherOwnSessions, endOwnSession } from '@/lib/users/own-sessions';

// Every role may end its own sessions: signing out is never a privilege.
export const endSessionAction = serverAction(
  {
    as: 'console',
    permission: 'read',
    schema: z.object({ sessionId: z.uuid('Unknown session.') }),
  },
  async (input, { auditActor, sessionId }) => {
    await endOwnSession(getDb(), auditActor, { sessionId: input.sessionId, currentId: sessionId });
    revalidatePath('/settings/sessions');
    return { ok: true, data: undefined, message: 'That session is signed out.' };
  },
);

export const endOtherSessionsAction = serverAction(
  // The page names the session it showed as "this device", so the one kept is the one meant.
  {
    as: 'console',
    permission: 'read',
    schema: z.object({ keep: z.uuid('Reload the page and try again.') }),
  },
  async (input, { auditActor, sessionId }) => {
    if (input.keep !== sessionId) {
      throw new ExpectedError('conflict', 'This page is out of date; reload it and try again.');
    }
    const ended = await endOtherOwnSessions(getDb(), auditActor, sessionId);
    revalidatePath('/settings/sessions');
    return {
      ok: true,
      data: undefined,
      message: `Signed out ${ended} other ${ended === 1 ? 'session' : 'sessions'}.`,
    };
  },
);
