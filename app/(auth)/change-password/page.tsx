import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { requireConsole } from '@/lib/auth/guards';
import { MIN_ADMIN_PASSWORD_LENGTH } from '@/lib/config/env';
import { signOutAction } from '../actions';
import { ChangePasswordForm } from './_components/change-password-form';

export const metadata: Metadata = { title: 'Change password' };

export default async function ChangePasswordPage() {
  const actor = await requireConsole('read', { allowTemporaryPassword: true });
  return (
    <div className="w-full max-w-sm space-y-6">
      <div className="text-center">
        <h1 className="text-2xl font-semibold tracking-tight">
          {actor.passwordIsTemporary ? 'Choose your password' : 'Change password'}
        </h1>
        <p className="mt-1 text-sm text-fg-muted">
          {actor.passwordIsTemporary
            ? `You signed in as ${actor.email} with a one-time password. Replace it before you continue.`
            : `For ${actor.email}.`}
        </p>
      </div>
      <Card className="p-6">
        <ChangePasswordForm minLength={MIN_ADMIN_PASSWORD_LENGTH} />
      </Card>
      {actor.passwordIsTemporary ? (
        <form action={signOutAction} className="text-center">
          <button
            type="submit"
            className="text-sm text-fg-muted underline-offset-4 hover:underline"
          >
            Sign out instead
          </button>
        </form>
      ) : (
        <p className="text-center">
          <Link href="/" className="text-sm text-fg-muted underline-offset-4 hover:underline">
            Back to the console
          </Link>
        </p>
      )}
    </div>
  );
}
