import { z } from 'zod';
import { actorTypes } from '@/lib/constants';
import { MAX_UNIX_SECONDS, parseRfc3339 } from '../time';

/**
 * Upper bounds for every string and list an event may carry. The transport caps a request at
 * 1 MiB, but one event must not be able to fill a column or an index entry with that much.
 */
export const limits = {
  eventId: 200,
  uri: 2048,
  clientId: 2048,
  sub: 1024,
  tokenRef: 512,
  familyId: 512,
  consentId: 512,
  scope: 500,
  scopes: 1000,
  redirectUris: 100,
  grantTypes: 50,
  contacts: 100,
  tools: 500,
  name: 500,
  code: 200,
  ip: 100,
  userAgent: 2048,
  text: 4096,
  scopeString: 16_384,
} as const;

/** A non-empty string of at most `max` UTF-16 units. */
export function text(max: number) {
  return z.string().min(1).max(max);
}

export const uri = text(limits.uri);

/** Repeated scopes mean nothing more than one; keeping them once makes every count honest. */
export const scopeList = z
  .array(text(limits.scope))
  .max(limits.scopes)
  .transform((scopes) => [...new Set(scopes)]);

export function stringList(maxItems: number, maxLength: number) {
  return z.array(text(maxLength)).max(maxItems);
}

export const rfc3339 = z.string().transform((value, ctx) => {
  const date = parseRfc3339(value);
  if (!date) {
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: 'must be an RFC 3339 date-time with a time zone, between 1970 and 9999',
    });
    return z.NEVER;
  }
  return date;
});

/** An expiry: RFC 3339, or Unix seconds as in a JWT's `exp`. */
export const expiry = z.unknown().transform((value, ctx) => {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    if (value <= MAX_UNIX_SECONDS) return new Date(Math.round(value * 1000));
  } else if (typeof value === 'string') {
    const date = parseRfc3339(value);
    if (date) return date;
  }
  ctx.issues.push({
    code: 'custom',
    input: value,
    message: 'must be an RFC 3339 date-time or Unix seconds, between 1970 and 9999',
  });
  return z.NEVER;
});

export const actor = z.object({
  type: z.enum(actorTypes),
  id: text(limits.name).nullish(),
});

/**
 * Fields common to many types. Every known type accepts them (checked when present); a type's
 * own schema makes the ones it needs required. `null` is taken as absent.
 */
export const common = {
  issuer: uri.nullish(),
  client_id: text(limits.clientId).nullish(),
  sub: text(limits.sub).nullish(),
  resource: uri.nullish(),
  scopes: scopeList.nullish(),
  token_ref: text(limits.tokenRef).nullish(),
  ip: text(limits.ip).nullish(),
  user_agent: text(limits.userAgent).nullish(),
  actor: actor.nullish(),
  reason: text(limits.text).nullish(),
};

export const clientId = text(limits.clientId);
export const sub = text(limits.sub);
export const tokenRef = text(limits.tokenRef);
