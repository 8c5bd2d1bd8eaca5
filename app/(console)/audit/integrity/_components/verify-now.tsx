'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionResult } from '@/lib/auth/action';
import { verifyTrailAction } from '../actions';

export function VerifyNow() {
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>(
    verifyTrailAction,
    null,
  );
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <Button type="submit" variant="secondary" size="sm" disabled={pending}>
        {pending ? 'Verifying…' : 'Verify now'}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
