'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SecretReveal } from '@/components/ui/secret-reveal';
import type { ActionResult } from '@/lib/auth/action';
import { roleDescriptions } from '@/lib/auth/roles';
import type { ConsoleRole } from '@/lib/constants';
import { addConsoleUserAction } from '../actions';

type Added = { email: string; password: string | null };

export function AddUserForm({ ssoEnabled }: { ssoEnabled: boolean }) {
  const [state, formAction, pending] = useActionState<ActionResult<Added> | null, FormData>(
    addConsoleUserAction,
    null,
  );
  const [role, setRole] = useState<ConsoleRole>('admin');
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4 p-5" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="new-email" label="Email" errors={errors?.email}>
          <Input
            id="new-email"
            name="email"
            type="email"
            required
            autoComplete="off"
            aria-describedby="new-email-error"
          />
        </Field>
        <Field id="new-name" label="Name (optional)" errors={errors?.name}>
          <Input id="new-name" name="name" autoComplete="off" />
        </Field>
        <Field id="new-role" label="Role" hint={roleDescriptions[role]} errors={errors?.role}>
          <Select
            id="new-role"
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as ConsoleRole)}
          >
            <option value="admin">Admin</option>
            <option value="auditor">Auditor</option>
            <option value="owner">Owner</option>
          </Select>
        </Field>
        <Field id="new-method" label="Signs in with" errors={errors?.method}>
          <Select id="new-method" name="method" defaultValue="password">
            <option value="password">A one-time password I hand over</option>
            {ssoEnabled ? <option value="sso">Single sign-on only</option> : null}
          </Select>
        </Field>
      </div>
      <FormMessage state={state} />
      {state?.ok && state.data.password ? (
        <SecretReveal
          label={`One-time password for ${state.data.email}`}
          value={state.data.password}
        />
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Adding…' : 'Add user'}
      </Button>
    </form>
  );
}
