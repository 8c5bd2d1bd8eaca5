import 'server-only';
import { headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import type { EndUser } from '@/lib/account/revoke';
import type { AuditActor } from '@/lib/audit/actor';
import { ExpectedError, fieldErrorsOf, type ErrorCode, type FieldError } from '@/lib/errors';
import { getConsoleActor, getSession, getSessionId, type ConsoleActor } from './guards';
import { can, type Permission } from './roles';
import { clientIp } from './session';

/** What every server action answers; a failure carries the code of lib/errors.ts it stands for. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; code?: ErrorCode; fieldErrors?: Record<string, string[]> };

export type ActionContext = {
  actor: ConsoleActor;
  /** the session the request came with, which "everywhere else" leaves alone */
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
  auditActor: AuditActor;
};

export type EndUserContext = { user: EndUser; ip: string | null; userAgent: string | null };

type ConsoleGuard = { as: 'console'; permission: Permission; allowTemporaryPassword?: boolean };
type EndUserGuard = { as: 'end_user' };
type Options<S> = {
  schema: S;
  /** the failure's message when the input is refused; the fields' own messages go with it */
  invalidMessage?: string;
};
type Handler<S extends z.ZodType, C, T> = (
  input: z.infer<S>,
  context: C,
) => Promise<ActionResult<T>>;
export type FormAction<T> = (previous: unknown, formData: FormData) => Promise<ActionResult<T>>;

const failure = (code: ErrorCode, error: string): ActionResult<never> => ({
  ok: false,
  code,
  error,
});

/**
 * The fields of a form as zod reads them: a field sent more than once (checkboxes of one name) is
 * an array of every value, one sent once is its value. Next's own `$ACTION…` fields are left out.
 */
export function formFields(
  formData: FormData,
): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const raw: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const values = formData.getAll(key);
    raw[key] = values.length > 1 ? values : values[0]!;
  }
  return raw;
}

/** Messages by the form field they are about (the first step of their path), for the form. */
function byField(errors: readonly FieldError[]): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const e of errors) (fieldErrors[e.path.split('/')[1] || 'form'] ??= []).push(e.message);
  return fieldErrors;
}

async function consoleContext(
  guard: ConsoleGuard,
): Promise<{ context: ActionContext } | ActionResult<never>> {
  const session = await getSession();
  const actor = session?.kind === 'console' ? await getConsoleActor() : null;
  if (!actor) return failure('unauthorized', 'Your session has ended. Sign in again.');
  if (
    !can(actor.role, guard.permission) ||
    (actor.passwordIsTemporary && !guard.allowTemporaryPassword)
  ) {
    return failure('forbidden', 'Your role may not do this.');
  }
  const h = await headers();
  const ip = clientIp(h);
  const userAgent = h.get('user-agent');
  const auditActor = { id: actor.id, orgId: actor.orgId, email: actor.email, ip, userAgent };
  return { context: { actor, sessionId: await getSessionId(), ip, userAgent, auditActor } };
}

async function endUserContext(): Promise<{ context: EndUserContext } | ActionResult<never>> {
  const session = await getSession();
  // a console session is refused too: this page is the end user's own
  if (session?.kind !== 'end_user') {
    return failure('unauthorized', 'Your session has ended. Sign in again.');
  }
  const h = await headers();
  const user: EndUser = {
    orgId: session.orgId,
    issuer: session.issuer,
    sub: session.sub,
    name: session.name,
    email: session.email ?? null,
  };
  return { context: { user, ip: clientIp(h), userAgent: h.get('user-agent') } };
}

/**
 * Every server action is built with this. It checks the session (and for the console the role)
 * on the server, since a hidden button is not a guard; validates the form with zod (field errors
 * by field); and maps failures to a typed result: an ExpectedError of the handler by its message
 * and code, anything else logged and shown as a generic message. Next's own signals thrown in the
 * handler (`redirect()`, `notFound()`, `forbidden()`) are passed on, not taken for failures.
 */
export function serverAction<S extends z.ZodType, T>(
  options: ConsoleGuard & Options<S>,
  handler: Handler<S, ActionContext, T>,
): FormAction<T>;
export function serverAction<S extends z.ZodType, T>(
  options: EndUserGuard & Options<S>,
  handler: Handler<S, EndUserContext, T>,
): FormAction<T>;
export function serverAction<S extends z.ZodType, T>(
  options: (ConsoleGuard | EndUserGuard) & Options<S>,
  handler: Handler<S, ActionContext & EndUserContext, T>,
): FormAction<T> {
  return async (_previous, formData) => {
    const guarded =
      options.as === 'console' ? await consoleContext(options) : await endUserContext();
    if (!('context' in guarded)) return guarded;
    const parsed = options.schema.safeParse(formFields(formData));
    if (!parsed.success) {
      return {
        ok: false,
        code: 'invalid',
        error: options.invalidMessage ?? 'Some fields need attention.',
        fieldErrors: byField(fieldErrorsOf(parsed.error.issues)),
      };
    }
    try {
      return await handler(parsed.data, guarded.context as ActionContext & EndUserContext);
    } catch (err) {
      unstable_rethrow(err);
      if (err instanceof ExpectedError) {
        return {
          ok: false,
          code: err.code,
          error: err.message,
          ...(err.errors ? { fieldErrors: byField(err.errors) } : {}),
        };
      }
      console.error(`[hub] ${options.as === 'console' ? '' : 'end-user '}action failed`, err);
      return failure(
        'internal',
        'Something went wrong on our side; nothing was changed. Try again.',
      );
    }
  };
}
