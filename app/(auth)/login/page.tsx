import { KeyRound, UserRound } from 'lucide-react';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { buttonClasses } from '@/components/ui/button';
import { getDb } from '@/db/client';
import { ensureDefaultOrg } from '@/db/queries/orgs';
import { getSession } from '@/lib/auth/guards';
import { safeRedirectPath } from '@/lib/auth/session';
import { loadConfig } from '@/lib/config/env';
import { demoPersonas } from '@/lib/demo/personas';
import { demoSignInAction, ssoSignInAction } from './actions';
import { LoginForm } from './_components/login-form';

export const metadata: Metadata = { title: 'Sign in' };

const errorMessages: Record<string, string> = {
  AccessDenied: 'That account may not sign in here. Ask an owner of this hub for access.',
  DemoUnavailable: 'Demo sign-in is not available on this hub.',
  Configuration:
    'Sign-in is not set up correctly on this hub. An administrator has to check its configuration.',
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(
    typeof params.callbackUrl === 'string' ? params.callbackUrl : null,
  );
  const session = await getSession();
  if (session) redirect(session.kind === 'end_user' ? '/account' : callbackUrl);

  const error =
    typeof params.error === 'string'
      ? (errorMessages[params.error] ?? 'Sign-in failed. Try again.')
      : null;
  const sso = loadConfig().oidc !== null;
  const demo = (await ensureDefaultOrg(getDb())).demoMode;

  return (
    <div className="w-full max-w-sm space-y-6">
      <div className="text-center">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
        <p className="mt-1 text-sm text-fg-muted">
          The console for every AI agent acting in your organization.
        </p>
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
          {error}
        </p>
      ) : null}
      <Card className="space-y-5 p-6">
        <LoginForm callbackUrl={callbackUrl} />
        {sso ? (
          <>
            <div className="flex items-center gap-3 text-xs text-fg-muted">
              <span className="h-px flex-1 bg-border" /> or{' '}
              <span className="h-px flex-1 bg-border" />
            </div>
            <form action={ssoSignInAction}>
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <button type="submit" className={buttonClasses('secondary') + ' w-full'}>
                <KeyRound className="size-4" aria-hidden />
                Sign in with single sign-on
              </button>
            </form>
          </>
        ) : null}
      </Card>
      {demo ? (
        <Card className="p-5">
          <h2 className="text-sm font-semibold">Try the end-user page</h2>
          <p className="mt-1 text-sm text-fg-muted">
            This hub runs the demo. Sign in as one of its end users to see which agents act for them
            and revoke their access.
          </p>
          <ul className="mt-4 space-y-2">
            {demoPersonas.map((p) => (
              <li key={p.sub}>
                <form action={demoSignInAction}>
                  <input type="hidden" name="persona" value={p.sub} />
                  <button
                    type="submit"
                    className="flex w-full items-center gap-3 rounded-md border border-border px-3 py-2 text-left hover:bg-surface-muted"
                  >
                    <span className="flex size-8 items-center justify-center rounded-full bg-accent-soft text-accent">
                      <UserRound className="size-4" aria-hidden />
                    </span>
                    <span className="min-w-0">
                      <span className="block truncate text-sm font-medium">
                        Continue as {p.name}
                      </span>
                      <span className="block truncate text-xs text-fg-muted">{p.title}</span>
                    </span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
