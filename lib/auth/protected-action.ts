import 'server-only';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { headers } from 'next/headers';
import type { z } from 'zod';
import { getConsoleActor, getSession, getSessionId } from './guards';
import { can, type Permission } from './roles';
import { clientIp } from './session';
import type { ConsoleActor } from './guards';
import { ExpectedError } from '@/lib/errors';
import type { AuditActor } from '@/lib/audit/actor';

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export type ActionContext = {
  actor: ConsoleActor;
  /** the session the request came with, which "everywhere else" leaves alone */
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
  auditActor: AuditActor;
};

/**
 * Every console server action is built with this: it checks the session and the role on the
 * server (a hidden button is not a guard), validates the input with zod, and maps failures to a
 * typed result. Expected refusals are thrown as ExpectedError by the handler; anything else is
 * logged and shown as a generic message.
 */
export function protectedAction<S extends z.ZodType, T>(
  options: { permission: Permission; schema: S; allowTemporaryPassword?: boolean },
  handler: (input: z.infer<S>, context: ActionContext) => Promise<ActionResult<T>>,
) {
  return async (_previous: unknown, formData: FormData): Promise<ActionResult<T>> => {
    const session = await getSession();
    const actor = session?.kind === 'console' ? await getConsoleActor() : null;
    if (!actor) return { ok: false, error: 'Your session has ended. Sign in again.' };
    if (
      !can(actor.role, options.permission) ||
      (actor.passwordIsTemporary && !options.allowTemporaryPassword)
    ) {
      return { ok: false, error: 'Your role may not do this.' };
    }
    const raw: Record<string, unknown> = {};
    for (const key of new Set(formData.keys())) {
      if (key.startsWith('$ACTION')) continue;
      const values = formData.getAll(key);
      raw[key] = values.length > 1 ? values : values[0];
    }
    const parsed = options.schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'form');
        (fieldErrors[field] ??= []).push(issue.message);
      }
      return { ok: false, error: 'Some fields need attention.', fieldErrors };
    }
    const h = await headers();
    try {
      const ip = clientIp(h);
      const userAgent = h.get('user-agent');
      const auditActor = { id: actor.id, orgId: actor.orgId, email: actor.email, ip, userAgent };
      const sessionId = await getSessionId();
      return await handler(parsed.data, { actor, sessionId, ip, userAgent, auditActor });
    } catch (err) {
      if (isRedirectError(err)) throw err;
      if (err instanceof ExpectedError) return { ok: false, error: err.message };
      console.error('[hub] action failed', err);
      return {
        ok: false,
        error: 'Something went wrong on our side; nothing was changed. Try again.',
      };
    }
  };
}
