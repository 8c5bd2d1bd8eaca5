'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import { signIn } from '@/lib/auth/auth';
import { safeRedirectPath } from '@/lib/auth/session';

export type LoginState = { error: string | null; email: string };

const loginSchema = z.object({
  email: z.string().trim().max(320),
  password: z.string().max(1024),
  callbackUrl: z.string().max(2048).optional(),
});

// Sign-in actions are the way in, so they have no session to guard; they are rate limited and
// audited in lib/auth/password-sign-in.ts instead.
export async function loginAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse(Object.fromEntries(formData));
  const email = parsed.success ? parsed.data.email : '';
  if (!parsed.success || !parsed.data.email || !parsed.data.password) {
    return { error: 'Enter your email and password.', email };
  }
  try {
    await signIn('password', {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeRedirectPath(parsed.data.callbackUrl),
    });
    return { error: null, email };
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === 'rate_limited') {
      return {
        error: 'Too many failed sign-ins from here. Wait a few minutes, then try again.',
        email,
      };
    }
    if (error instanceof AuthError) return { error: 'Incorrect email or password.', email };
    throw error;
  }
}

export async function ssoSignInAction(formData: FormData): Promise<void> {
  const callbackUrl = formData.get('callbackUrl');
  await signIn('oidc', {
    redirectTo: safeRedirectPath(typeof callbackUrl === 'string' ? callbackUrl : null),
  });
}

export async function demoSignInAction(formData: FormData): Promise<void> {
  const persona = formData.get('persona');
  try {
    await signIn('demo', {
      persona: typeof persona === 'string' ? persona : '',
      redirectTo: '/account',
    });
  } catch (error) {
    if (error instanceof AuthError) {
      const { redirect } = await import('next/navigation');
      redirect('/login?error=DemoUnavailable');
    }
    throw error;
  }
}
