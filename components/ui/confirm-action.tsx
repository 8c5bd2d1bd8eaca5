'use client';

import { useActionState, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/auth/action';
import { Button, type ButtonVariant } from './button';
import { inputClasses } from './field';
import { FormMessage } from './form-message';

type Action = (
  previous: ActionResult<unknown> | null,
  formData: FormData,
) => Promise<ActionResult<unknown>>;

/**
 * A button that asks before it acts: a dialog with what will happen, a reason (kept in the audit
 * trail), and the outcome once the server answered.
 */
export function ConfirmAction({
  action,
  fields,
  label,
  ariaLabel,
  title,
  description,
  confirmLabel,
  variant = 'danger',
  askReason = true,
  renderResult,
  disabled,
  children,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  /** the trigger's accessible name, when its visible label is one of many alike ("Remove") */
  ariaLabel?: string;
  title: string;
  description: string;
  confirmLabel: string;
  variant?: ButtonVariant;
  askReason?: boolean;
  /** keeps the dialog open after success to show what the action returned (e.g. a new secret) */
  renderResult?: (data: unknown) => ReactNode;
  /** the trigger is shown but cannot be used; kept mounted so an outcome stays on screen */
  disabled?: boolean;
  /** more fields of the form, shown above the reason */
  children?: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [state, formAction, pending] = useActionState<ActionResult<unknown> | null, FormData>(
    action,
    null,
  );
  // The outcome shown after "Done" is not shown again when the dialog is reopened.
  const [dismissed, setDismissed] = useState<ActionResult<unknown> | null>(null);
  useEffect(() => {
    if (state?.ok && !renderResult) dialog.current?.close();
  }, [state, renderResult]);
  const showResult = state?.ok && renderResult && state !== dismissed;

  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        disabled={disabled}
        aria-label={ariaLabel}
        onClick={() => dialog.current?.showModal()}
      >
        {label}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        className="m-auto w-full max-w-lg rounded-lg border border-border bg-surface p-0 text-fg shadow-xl backdrop:bg-black/40"
      >
        {showResult ? (
          <div className="space-y-4 p-6">
            <h2 id={`${id}-title`} className="text-base font-semibold">
              {title}
            </h2>
            <FormMessage state={state} />
            {renderResult(state.data)}
            <div className="flex justify-end">
              <Button
                variant="secondary"
                onClick={() => {
                  setDismissed(state);
                  dialog.current?.close();
                }}
              >
                Done
              </Button>
            </div>
          </div>
        ) : (
          <form action={formAction} className="space-y-4 p-6">
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <h2 id={`${id}-title`} className="text-base font-semibold">
              {title}
            </h2>
            <p className="text-sm text-fg-muted">{description}</p>
            {children}
            {askReason ? (
              <div className="space-y-1.5">
                <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
                  Reason{' '}
                  <span className="font-normal text-fg-muted">(kept in the audit trail)</span>
                </label>
                <textarea
                  id={`${id}-reason`}
                  name="reason"
                  required
                  maxLength={500}
                  rows={2}
                  className={inputClasses}
                />
              </div>
            ) : null}
            <FormMessage state={state && !state.ok ? state : null} />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => dialog.current?.close()}>
                Cancel
              </Button>
              <Button type="submit" variant={variant} disabled={pending}>
                {pending ? 'Working…' : confirmLabel}
              </Button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
