import { createHash } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { TokenRejection, type VerifiedToken, type VerifyToken } from './verifier.js';
import type { RejectCause, TokenIdentity } from './types.js';

export type JwtVerifierOptions = {
  /** the authorization server's `issuer`; tokens from any other are `unknown_issuer` */
  issuer: string | string[];
  /** this server's canonical resource URI: the `aud` its tokens must carry (RFC 8707) */
  audience: string;
  /** the authorization server's JWKS (`jwks_uri`) … */
  jwksUrl?: string;
  /** … or a shared HMAC secret (tests, development) */
  secret?: string | Uint8Array;
  /** the claim naming the refresh family (default `family_id`) */
  familyClaim?: string;
  /** accepted clock skew in seconds (default 30) */
  clockToleranceSec?: number;
  /** maps the claims to the kit's identity differently (defaults below) */
  identity?: (payload: JWTPayload, token: string) => TokenIdentity;
};

/** A token's stable reference when it has no `jti`: the base64url SHA-256 of its value. */
export function tokenHashRef(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** Scopes from `scope` (space-separated, RFC 9068) or `scp` (array). */
export function scopesOf(payload: JWTPayload): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(' ').filter(Boolean);
  if (Array.isArray(payload.scp))
    return payload.scp.filter((s): s is string => typeof s === 'string');
  return [];
}

/**
 * The default identity of an RFC 9068 JWT access token: `jti` (else the token's hash) as
 * token_ref, `family_id` (configurable), `iss`, `client_id` (else `azp`), `sub` and `iat`.
 */
export function defaultIdentity(payload: JWTPayload, token: string, familyClaim = 'family_id') {
  return {
    tokenRef: str(payload.jti) ?? tokenHashRef(token),
    familyId: str(payload[familyClaim]),
    issuer: str(payload.iss),
    clientId: str(payload.client_id) ?? str(payload.azp),
    sub: str(payload.sub),
    issuedAt: typeof payload.iat === 'number' ? new Date(payload.iat * 1000) : undefined,
    scopes: scopesOf(payload),
  } satisfies TokenIdentity;
}

function causeOf(err: unknown): RejectCause {
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return 'wrong_audience';
    if (err.claim === 'iss') return 'unknown_issuer';
  }
  return 'bad_signature';
}

/**
 * Verifies JWT access tokens locally with `jose`, against the authorization server's JWKS or a
 * shared secret, checking signature, `exp`, `iss` and `aud`, and maps each refusal to its cause.
 */
export function jwtVerifier(options: JwtVerifierOptions): VerifyToken {
  let key: JWTVerifyGetKey | Uint8Array;
  if (options.jwksUrl) key = createRemoteJWKSet(new URL(options.jwksUrl));
  else if (options.secret !== undefined)
    key =
      typeof options.secret === 'string'
        ? new TextEncoder().encode(options.secret)
        : options.secret;
  else throw new Error('jwtVerifier needs a jwksUrl or a secret');
  const identify =
    options.identity ?? ((p: JWTPayload, t: string) => defaultIdentity(p, t, options.familyClaim));

  return async (token: string): Promise<VerifiedToken> => {
    let payload: JWTPayload;
    try {
      const verified =
        key instanceof Uint8Array
          ? await jwtVerify(token, key, checks(options))
          : await jwtVerify(token, key, checks(options));
      payload = verified.payload;
    } catch (err) {
      throw new TokenRejection(causeOf(err), 'The access token is invalid', peek(token));
    }
    const identity = identify(payload, token);
    return {
      identity,
      authInfo: {
        token,
        clientId: identity.clientId ?? '',
        scopes: identity.scopes ?? scopesOf(payload),
        expiresAt: payload.exp,
        resource: new URL(options.audience),
      },
    };
  };
}

const checks = (options: JwtVerifierOptions) => ({
  issuer: options.issuer,
  audience: options.audience,
  clockTolerance: options.clockToleranceSec ?? 30,
});

/** What an unverified token claims, only to say which token and agent a refusal was about. */
function peek(token: string): TokenIdentity {
  try {
    const part = token.split('.')[1];
    if (!part) return {};
    const payload = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as JWTPayload;
    return {
      tokenRef: str(payload.jti) ?? tokenHashRef(token),
      clientId: str(payload.client_id) ?? str(payload.azp),
    };
  } catch {
    return {};
  }
}
