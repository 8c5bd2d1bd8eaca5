'use client';

import { ConfirmAction } from '@/components/ui/confirm-action';
import { revokeApiTokenAction } from '../actions';

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  return (
    <ConfirmAction
      action={revokeApiTokenAction}
      fields={{ tokenId }}
      label="Revoke"
      title={`Revoke “${name}”?`}
      description="Every call made with this token is refused from now on. This cannot be undone."
      confirmLabel="Revoke token"
    />
  );
}
