import 'server-only';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { headers } from 'next/headers';
import type { z } from 'zod';
import type { EndUser } from '@/lib/account/revoke';
import { ExpectedError } from '@/lib/errors';
import { getSession } from './guards';
import type { ActionResult } from './protected-action';
import { clientIp } from './session';

export type EndUserContext = { user: EndUser; ip: string | null; userAgent: string | null };

/**
 * The end user's page's server actions are built with this, as the console's are with
 * protectedAction: an end-user session checked on the server (a console session is refused
 * too), the input validated with zod, refusals as typed results and nothing else leaking.
 */
export function endUserAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>, context: EndUserContext) => Promise<ActionResult<T>>,
) {
  return async (_previous: unknown, formData: FormData): Promise<ActionResult<T>> => {
    const session = await getSession();
    if (session?.kind !== 'end_user') {
      return { ok: false, error: 'Your session has ended. Sign in again.' };
    }
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return { ok: false, error: parsed.error.issues[0]?.message ?? 'This request is not valid.' };
    }
    const h = await headers();
    const user: EndUser = {
      orgId: session.orgId,
      issuer: session.issuer,
      sub: session.sub,
      name: session.name,
      email: session.email ?? null,
    };
    try {
      return await handler(parsed.data, { user, ip: clientIp(h), userAgent: h.get('user-agent') });
    } catch (err) {
      if (isRedirectError(err)) throw err;
      if (err instanceof ExpectedError) return { ok: false, error: err.message };
      console.error('[hub] end-user action failed', err);
      return { ok: false, error: 'Something went wrong on our side; nothing was changed.' };
    }
  };
}
