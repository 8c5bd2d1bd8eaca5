import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import { headers } from 'next/headers';
import Credentials from 'next-auth/providers/credentials';
import type {} from 'next-auth/jwt';
import { getDb } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import { getOrg, ensureDefaultOrg } from '@/db/queries/orgs';
import { loadConfig } from '@/lib/config/env';
import { findDemoPersona, DEMO_ISSUER } from '@/lib/demo/personas';
import { signInWithPassword } from './password-sign-in';
import { checkSession, endSessionOnSignOut, startSession } from './server-sessions';
import { clientIp, type HubSession } from './session';
import { resolveSsoSignIn, type OidcClaims } from './sso-sign-in';

declare module 'next-auth' {
  interface Session {
    hub: HubSession;
    /** the console_sessions row this cookie names */
    sessionId?: string;
  }
  interface User {
    hub?: HubSession;
    auditLabel?: string;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    hub?: HubSession;
    auditLabel?: string;
    /** the console_sessions row: every request checks it, so a session can end on the server */
    sid?: string;
  }
}

/** Raised from authorize() so the sign-in form can say "too many attempts" (and nothing more). */
export class RateLimitedSignIn extends CredentialsSignin {
  code = 'rate_limited';
}

/** Where a sign-in or sign-out came from. next-auth's events get no request, but run inside one. */
async function requestOrigin(): Promise<{ ip: string | null; userAgent: string | null }> {
  try {
    const h = await headers();
    return { ip: clientIp(h), userAgent: h.get('user-agent')?.slice(0, 500) ?? null };
  } catch {
    return { ip: null, userAgent: null };
  }
}

function buildConfig(): NextAuthConfig {
  const config = loadConfig();
  const oidc = config.oidc;
  return {
    trustHost: true,
    // The cookie lives as long as a session may; whether it still may is the database's answer.
    session: { strategy: 'jwt', maxAge: config.sessions.maxAgeSeconds },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      Credentials({
        id: 'password',
        name: 'Email and password',
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          const email =
            typeof credentials.email === 'string' ? credentials.email.slice(0, 320) : '';
          const password =
            typeof credentials.password === 'string' ? credentials.password.slice(0, 1024) : '';
          if (!email || !password) return null;
          const result = await signInWithPassword(getDb(), {
            email,
            password,
            ip: clientIp(request.headers),
            userAgent: request.headers.get('user-agent'),
          });
          if (!result.ok) {
            if (result.reason === 'rate_limited') throw new RateLimitedSignIn();
            return null;
          }
          return {
            id: result.session.userId,
            email: result.email,
            hub: result.session,
            auditLabel: result.email,
          };
        },
      }),
      Credentials({
        id: 'demo',
        name: 'Demo end user',
        credentials: { persona: {} },
        async authorize(credentials) {
          const db = getDb();
          const org = await ensureDefaultOrg(db);
          const persona =
            typeof credentials.persona === 'string' ? findDemoPersona(credentials.persona) : null;
          if (!persona || !(await getOrg(db, org.id))?.demoMode) return null;
          const hub: HubSession = {
            kind: 'end_user',
            orgId: org.id,
            issuer: DEMO_ISSUER,
            sub: persona.sub,
            name: persona.name,
            email: persona.email,
            demo: true,
          };
          return {
            id: persona.sub,
            name: persona.name,
            email: persona.email,
            hub,
            auditLabel: persona.email,
          };
        },
      }),
      ...(oidc
        ? [
            {
              id: 'oidc',
              name: 'Single sign-on',
              type: 'oidc' as const,
              issuer: oidc.issuer,
              clientId: oidc.clientId,
              clientSecret: oidc.clientSecret,
              authorization: { params: { scope: 'openid email profile' } },
              checks: ['pkce' as const, 'state' as const, 'nonce' as const],
              profile(profile: Record<string, unknown>) {
                return {
                  id: String(profile.sub),
                  email: profile.email as string | undefined,
                  name: profile.name as string | undefined,
                };
              },
            },
          ]
        : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== 'oidc') return Boolean(user.hub);
        if (!oidc || !profile) return false;
        const result = await resolveSsoSignIn(getDb(), oidc, profile as OidcClaims);
        if (!result.ok) {
          const org = await ensureDefaultOrg(getDb());
          await insertAuditEvent(getDb(), org.id, {
            type: 'user.sign_in_failed',
            actorType: 'user',
            actorLabel:
              typeof profile.email === 'string' ? profile.email : String(profile.sub ?? ''),
            outcome: 'failure',
            reason: result.reason,
            summary: `Refused single sign-on (${result.reason})`,
            data: { method: 'oidc' },
          });
          return false;
        }
        user.hub = result.session;
        user.auditLabel = result.label;
        return true;
      },
      async jwt({ token, user }) {
        if (user?.hub) {
          token.hub = user.hub;
          token.auditLabel = user.auditLabel;
          token.sid = await startSession(getDb(), user.hub, await requestOrigin(), config.sessions);
          return token;
        }
        // Every later request: a session ended, idle or too old signs the cookie out (null).
        if (!token.hub) return null;
        const check = await checkSession(getDb(), token.hub, token.sid, config.sessions);
        return check.ok ? token : null;
      },
      session({ session, token }) {
        if (token.hub) session.hub = token.hub;
        if (token.sid) session.sessionId = token.sid;
        return session;
      },
      redirect({ url, baseUrl }) {
        if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\'))
          return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {
          // not a URL at all: fall through to the base
        }
        return baseUrl;
      },
    },
    events: {
      async signIn({ user, account }) {
        const hub = user.hub;
        if (!hub) return;
        await insertAuditEvent(getDb(), hub.orgId, {
          ...(await requestOrigin()),
          type: hub.kind === 'console' ? 'user.signed_in' : 'end_user.signed_in',
          actorType: 'user',
          actorId: hub.kind === 'console' ? hub.userId : hub.sub,
          actorLabel: user.auditLabel ?? null,
          sub: hub.kind === 'end_user' ? hub.sub : null,
          issuer: hub.kind === 'end_user' ? hub.issuer : null,
          outcome: 'success',
          summary: `${user.auditLabel ?? 'Someone'} signed in (${account?.provider === 'oidc' ? 'single sign-on' : account?.provider === 'demo' ? 'demo end user' : 'password'})`,
          data: { method: account?.provider ?? 'unknown' },
        });
      },
      async signOut(message) {
        const token = 'token' in message ? message.token : null;
        const hub = token?.hub;
        if (!hub) return;
        await endSessionOnSignOut(getDb(), hub, token.sid, {
          ...(await requestOrigin()),
          label: token.auditLabel ?? null,
        });
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());
