import type { z } from 'zod';
import type { AuditActor } from '@/lib/audit/actor';
import { can, type Permission } from '@/lib/auth/roles';
import { ExpectedError, fieldErrorsOf } from '@/lib/errors';
import { forbidden, problem, problemOf, unauthorized } from '@/lib/http/problem';
import { readBodyCapped } from '@/lib/ingestion/limits';
import { resolvePrincipal, type ApiPrincipal } from './principal';
import { crossSiteRefusal } from './same-origin';

/** The largest management API body: every documented one is a few hundred bytes. */
export const MAX_API_BODY_BYTES = 1024 * 1024;

const tooLarge = () =>
  new ExpectedError('too_large', 'The body is over 1 MiB; nothing was changed.');

export type ApiContext<P> = { principal: ApiPrincipal; params: P; actor: AuditActor };

/**
 * The guard and error boundary of every management API route: a body declared over the cap
 * (413, before anything else is read), credentials (401), a console session's write from
 * another site (403), role (403), expected refusals (the status of their code, lib/errors.ts),
 * and anything unexpected as a 500 that reveals nothing.
 */
export function apiRoute<P = Record<string, string>>(
  options: { permission: Permission; allowSourceKey?: boolean },
  handler: (request: Request, context: ApiContext<P>) => Promise<Response>,
) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const declared = Number(request.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > MAX_API_BODY_BYTES) throw tooLarge();
      const principal = await resolvePrincipal(request);
      if (!principal) return unauthorized();
      const crossSite = principal.kind === 'console' ? crossSiteRefusal(request) : null;
      if (crossSite) return forbidden(crossSite);
      if (
        principal.kind === 'source'
          ? !options.allowSourceKey
          : !can(principal.role, options.permission)
      ) {
        return forbidden(
          principal.kind === 'source'
            ? 'A source API key may only read revocations and agent status.'
            : undefined,
        );
      }
      const actor: AuditActor = {
        id: principal.id,
        orgId: principal.orgId,
        email: principal.label,
        ip: request.headers.get('x-hub-client-ip'),
        userAgent: request.headers.get('user-agent'),
      };
      return await handler(request, { principal, params: await route.params, actor });
    } catch (err) {
      if (err instanceof ExpectedError) return problemOf(err);
      console.error('[hub] API route failed', err);
      return problem(
        500,
        'Internal Server Error',
        'The hub could not complete this request; nothing was changed.',
      );
    }
  };
}

/**
 * The JSON body of a request, checked against `schema`: 415, 413 (read chunk by chunk and
 * abandoned at the cap, so a huge body is never held), 400 or 422 with every field's error.
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.infer<S>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new ExpectedError('unsupported_media_type', 'Send the body as application/json.');
  }
  const bytes = await readBodyCapped(request, MAX_API_BODY_BYTES);
  if (bytes === null) throw tooLarge();
  let body: unknown;
  try {
    // as `request.text()` decodes: a BOM dropped, invalid UTF-8 as U+FFFD
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ExpectedError('bad_request', 'The body is not valid JSON.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ExpectedError('invalid', 'Some fields are invalid.', {
      errors: fieldErrorsOf(parsed.error.issues),
    });
  }
  return parsed.data;
}

/** For operations whose body may be left out: no body at all reads as `{}`, then as above. */
export async function readOptionalJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.infer<S>> {
  const length = request.headers.get('content-length');
  if (!request.headers.get('content-type') && (length === null || length === '0')) {
    const parsed = schema.safeParse({});
    if (parsed.success) return parsed.data;
  }
  return readJsonBody(request, schema);
}

export { isUuid } from '@/db/queries/ids';
