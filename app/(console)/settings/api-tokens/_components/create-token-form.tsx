'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SecretReveal } from '@/components/ui/secret-reveal';
import type { ActionResult } from '@/lib/auth/protected-action';
import { createApiTokenAction } from '../actions';

export function CreateTokenForm() {
  const [state, formAction, pending] = useActionState<
    ActionResult<{ token: string; name: string }> | null,
    FormData
  >(createApiTokenAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4 p-5" noValidate>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          id="token-name"
          label="Name"
          hint="What will use it, e.g. “SIEM export”."
          errors={errors?.name}
        >
          <Input
            id="token-name"
            name="name"
            required
            maxLength={100}
            autoComplete="off"
            aria-describedby="token-name-error"
          />
        </Field>
        <Field id="token-role" label="Role" errors={errors?.role}>
          <Select id="token-role" name="role" defaultValue="auditor">
            <option value="auditor">Auditor (read only)</option>
            <option value="admin">Admin</option>
          </Select>
        </Field>
        <Field id="token-expiry" label="Expires" errors={errors?.expiresInDays}>
          <Select id="token-expiry" name="expiresInDays" defaultValue="90">
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value="365">In a year</option>
            <option value="never">Never</option>
          </Select>
        </Field>
      </div>
      <FormMessage state={state} />
      {state?.ok ? (
        <SecretReveal label={`API token “${state.data.name}”`} value={state.data.token} />
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create token'}
      </Button>
    </form>
  );
}
