'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionResult } from '@/lib/auth/action';
import { updateRetentionAction } from '../actions';

export function RetentionForm({
  retentionDays,
  canWrite,
}: {
  retentionDays: number;
  canWrite: boolean;
}) {
  const [state, formAction, pending] = useActionState<ActionResult<unknown> | null, FormData>(
    updateRetentionAction,
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4 p-5">
      <Field
        id="retentionDays"
        label="Keep audit events for (days)"
        hint="Older months are dropped whole; sealed checkpoints keep proving what remains."
        errors={errors?.retentionDays}
      >
        <Input
          id="retentionDays"
          name="retentionDays"
          type="number"
          min={30}
          max={3650}
          defaultValue={retentionDays}
          disabled={!canWrite}
          className="max-w-40"
          aria-describedby="retentionDays-error"
        />
      </Field>
      <FormMessage state={state} />
      {canWrite ? (
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save retention'}
        </Button>
      ) : (
        <p className="text-sm text-fg-muted">Auditors can read settings but not change them.</p>
      )}
    </form>
  );
}
