import { sendRaw } from './http';

export type SignInOutcome = 'signed_in' | 'invalid' | 'rate_limited' | `other: ${string}`;

const cookiesOf = (setCookie: string | undefined) =>
  (setCookie ?? '')
    .split(/,(?=\s*[\w.-]+=)/)
    .map((c) => c.split(';')[0]!.trim())
    .filter(Boolean);

/**
 * A password sign-in as a script (or an attacker) does it: next-auth's CSRF token, then the
 * credentials callback, from the client address `ip` (127.0.0.x; the hub reads the socket's),
 * with `forwardedFor` as the X-Forwarded-For a proxy (or a forger) would send.
 */
export async function signIn(
  url: string,
  ip: string,
  email: string,
  password: string,
  forwardedFor?: string,
): Promise<SignInOutcome> {
  const forwarded: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  const csrf = await sendRaw(
    url,
    { method: 'GET', path: '/api/auth/csrf', headers: forwarded },
    { localAddress: ip },
  );
  const { csrfToken } = JSON.parse(csrf.body.toString()) as { csrfToken: string };
  const cookie = cookiesOf(csrf.headers['set-cookie']).join('; ');
  const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: `${url}/` });
  const answer = await sendRaw(
    url,
    {
      method: 'POST',
      path: '/api/auth/callback/password',
      headers: { ...forwarded, 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: Buffer.from(form.toString()),
    },
    { localAddress: ip },
  );
  const location = answer.headers.location ?? '';
  if (answer.status === 302 && /session-token=/.test(answer.headers['set-cookie'] ?? ''))
    return 'signed_in';
  if (/code=rate_limited/.test(location)) return 'rate_limited';
  if (/error=CredentialsSignin/.test(location)) return 'invalid';
  return `other: ${answer.status} ${location}`;
}
