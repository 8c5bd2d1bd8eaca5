import type { ActionResult } from '@/lib/auth/action';

/** The outcome of an action, announced to screen readers. */
export function FormMessage({ state }: { state: ActionResult<unknown> | null }) {
  return (
    <div aria-live="polite">
      {state && !state.ok ? (
        <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
          {state.error}
        </p>
      ) : null}
      {state?.ok && state.message ? (
        <p className="rounded-md bg-success-soft px-3 py-2 text-sm text-success">{state.message}</p>
      ) : null}
    </div>
  );
}
