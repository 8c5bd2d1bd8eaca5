import type { IncomingMessage, ServerResponse } from 'node:http';
import { quoted } from './scope-challenge.js';
import type { AuthInfo, OAuthTokenVerifier } from './types.js';

/** The request and response shapes the middleware works on (Express's, on node:http). */
export type BearerRequest = IncomingMessage & { auth?: AuthInfo; body?: unknown };
export type Middleware = (
  req: BearerRequest,
  res: ServerResponse,
  next: (err?: unknown) => void,
) => void;

type Refusal = { status: 401 | 403; error: string; description: string; scope?: string };

/** Answers an OAuth refusal: the JSON error and its `WWW-Authenticate: Bearer …` challenge. */
export function refuse(res: ServerResponse, refusal: Refusal, resourceMetadataUrl: string) {
  const challenge = [
    `Bearer error=${quoted(refusal.error)}`,
    `error_description=${quoted(refusal.description)}`,
    ...(refusal.scope !== undefined ? [`scope=${quoted(refusal.scope)}`] : []),
    `resource_metadata=${quoted(resourceMetadataUrl)}`,
  ].join(', ');
  res.writeHead(refusal.status, {
    'content-type': 'application/json',
    'www-authenticate': challenge,
  });
  res.end(JSON.stringify({ error: refusal.error, error_description: refusal.description }));
}

/**
 * Bearer-token middleware for node:http and Express, the same answers as the SDKs'
 * `requireBearerAuth` (1.x and 2.x) without depending on either: 401 `invalid_token` for a
 * missing, malformed, refused or expired token, 403 `insufficient_scope` without `requiredScopes`;
 * otherwise `req.auth` is set, which both SDKs' Streamable HTTP transports hand to tools.
 */
export function bearerMiddleware(options: {
  verifier: OAuthTokenVerifier;
  resourceMetadataUrl: string;
  requiredScopes?: readonly string[];
}): Middleware {
  const { verifier, resourceMetadataUrl, requiredScopes = [] } = options;
  const invalid = (description: string): Refusal => ({
    status: 401,
    error: 'invalid_token',
    description,
  });
  return (req, res, next) => {
    const header = req.headers.authorization;
    const [type, token, extra] = (header ?? '').split(' ');
    if (!header) return refuse(res, invalid('Missing Authorization header'), resourceMetadataUrl);
    if (type?.toLowerCase() !== 'bearer' || !token || extra !== undefined) {
      const format = invalid("Invalid Authorization header format, expected 'Bearer TOKEN'");
      return refuse(res, format, resourceMetadataUrl);
    }
    verifier.verifyAccessToken(token).then(
      (auth) => {
        if (typeof auth.expiresAt === 'number' && auth.expiresAt < Date.now() / 1000) {
          return refuse(res, invalid('Token has expired'), resourceMetadataUrl);
        }
        if (!requiredScopes.every((s) => auth.scopes.includes(s))) {
          const scope = requiredScopes.join(' ');
          const lacking: Refusal = {
            status: 403,
            error: 'insufficient_scope',
            description: `This server needs the scopes ${scope}`,
            scope,
          };
          return refuse(res, lacking, resourceMetadataUrl);
        }
        req.auth = auth;
        next();
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : 'The access token is not valid';
        refuse(res, invalid(message), resourceMetadataUrl);
      },
    );
  };
}
