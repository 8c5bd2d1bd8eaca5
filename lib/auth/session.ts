/** What the signed session cookie carries. Roles are not in it: guards read them from the database. */
export type HubSession =
  | { kind: 'console'; userId: string; orgId: string }
  | {
      kind: 'end_user';
      orgId: string;
      issuer: string;
      sub: string;
      name: string | null;
      email: string | null;
      demo: boolean;
    };

/** Only same-site paths: `callbackUrl=https://evil.example` or `//evil.example` fall back to `/`. */
export function safeRedirectPath(value: string | null | undefined, fallback = '/'): string {
  if (!value) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  try {
    const url = new URL(value, 'http://hub.invalid');
    if (url.origin !== 'http://hub.invalid') return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** The client IP as the hub's own server saw it (lib/server/start.ts sets the header). */
export function clientIp(headers: Headers): string | null {
  return headers.get('x-hub-client-ip');
}
