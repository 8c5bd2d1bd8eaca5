import { NextResponse, type NextRequest } from 'next/server';
import {
  contentSecurityPolicy,
  newNonce,
  strictTransportSecurity,
} from '@/lib/http/security-headers';

/**
 * Gives every page a Content-Security-Policy with a nonce of its own, and HSTS when HUB_URL is
 * https (both known only when the hub runs, not when it is built). Next reads the nonce from the
 * request's policy and puts it on its scripts; the root layout puts it on the theme script.
 * This is no guard: every page, action and route checks its caller itself.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, {
    oidcIssuer: process.env.AUTH_OIDC_ISSUER,
    development: process.env.NODE_ENV === 'development',
  });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  const hsts = strictTransportSecurity(process.env.HUB_URL);
  if (hsts) response.headers.set('strict-transport-security', hsts);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: API answers are JSON (next.config.ts gives them frame-ancestors), static
      // files run nothing, and prefetches are not documents.
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
