'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SecretReveal } from '@/components/ui/secret-reveal';
import type { ActionResult } from '@/lib/auth/action';
import { createApiTokenAction } from '../actions';

export function CreateTokenForm({ canMakeService }: { canMakeService: boolean }) {
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
      {canMakeService ? (
        <div>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="service"
              className="mt-0.5 size-4 rounded border-border"
              aria-describedby="token-service-hint"
            />
            <span>
              <span className="font-medium">Org service token</span>
              <span id="token-service-hint" className="block text-fg-muted">
                Keeps working if you leave the organization. Without this, the token stops when your
                account is disabled or removed.
              </span>
            </span>
          </label>
          {errors?.service ? (
            <p className="mt-1 text-sm text-danger" role="alert">
              {errors.service.join(' ')}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-fg-muted">
          The token works while your account is active: it stops if you are disabled or removed.
        </p>
      )}
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
