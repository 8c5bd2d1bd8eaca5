'use client';

import { ConfirmAction } from '@/components/ui/confirm-action';
import { endOtherSessionsAction, endSessionAction } from '../actions';

export function EndSessionButton({ sessionId, device }: { sessionId: string; device: string }) {
  return (
    <ConfirmAction
      action={endSessionAction}
      fields={{ sessionId }}
      label="Sign out"
      ariaLabel={`Sign out ${device}`}
      title={`Sign out ${device}?`}
      description="That browser is signed out at its next request and must sign in again."
      confirmLabel="Sign out"
      askReason={false}
    />
  );
}

export function EndOtherSessionsButton({ count, keep }: { count: number; keep: string }) {
  return (
    <ConfirmAction
      action={endOtherSessionsAction}
      fields={{ keep }}
      label="Sign out everywhere else"
      title="Sign out everywhere else?"
      description={`${count} other ${count === 1 ? 'session is' : 'sessions are'} signed out; this browser stays signed in.`}
      confirmLabel="Sign out everywhere else"
      askReason={false}
      disabled={count === 0}
    />
  );
}
