'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import type { ActionResult } from '@/lib/auth/action';
import { changePasswordAction } from '../actions';

export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const [state, formAction, pending] = useActionState<ActionResult<unknown> | null, FormData>(
    changePasswordAction,
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <Field id="currentPassword" label="Current password" errors={errors?.currentPassword}>
        <Input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby="currentPassword-error"
        />
      </Field>
      <Field
        id="newPassword"
        label="New password"
        hint={`At least ${minLength} characters. A passphrase is easiest to remember.`}
        errors={errors?.newPassword}
      >
        <Input
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={minLength}
          aria-describedby="newPassword-error"
        />
      </Field>
      <Field id="confirmPassword" label="Confirm new password" errors={errors?.confirmPassword}>
        <Input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          aria-describedby="confirmPassword-error"
        />
      </Field>
      <div aria-live="polite">
        {state && !state.ok && !state.fieldErrors ? (
          <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
            {state.error}
          </p>
        ) : null}
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Saving…' : 'Change password'}
      </Button>
    </form>
  );
}
