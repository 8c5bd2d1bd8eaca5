'use client';

import { ConfirmAction } from '@/components/ui/confirm-action';
import { EntriesSent } from '@/components/ui/grant-display';
import { revokeTokenAction, type TokenRevocationOutcome } from '../actions';

const outcome = (data: unknown) => (
  <EntriesSent entries={(data as TokenRevocationOutcome).entries} />
);

/** Revoke the token or its whole family; both stay mounted (disabled) to keep their outcome. */
export function TokenActions({
  token,
}: {
  token: { id: string; revoked: boolean; familyId: string | null; familyRevoked: boolean };
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <ConfirmAction
        action={revokeTokenAction}
        fields={{ tokenId: token.id, family: 'false' }}
        label="Revoke token"
        title="Revoke this token"
        description="Connected servers refuse this token from now on. Other tokens of its family keep working."
        confirmLabel="Revoke token"
        disabled={token.revoked}
        renderResult={outcome}
      />
      {token.familyId ? (
        <ConfirmAction
          action={revokeTokenAction}
          fields={{ tokenId: token.id, family: 'true' }}
          label="Revoke whole family"
          title="Revoke the whole refresh family"
          description="Every token of this family stops working, including refresh tokens, so the agent must ask the user to sign in again. Tokens reported later for this family are revoked too."
          confirmLabel="Revoke family"
          disabled={token.familyRevoked}
          renderResult={outcome}
        />
      ) : null}
    </div>
  );
}
