'use client';

import { ConfirmAction } from '@/components/ui/confirm-action';
import { EntriesSent } from '@/components/ui/grant-display';
import { revokeConsentAction, revokeSubjectAction, type RevocationOutcome } from '../actions';

function Outcome({ outcome }: { outcome: RevocationOutcome }) {
  return (
    <div className="space-y-3">
      {outcome.state === 'revoked' ? null : (
        <p className="text-sm">
          Still granted:{' '}
          <span className="font-mono text-xs break-all">{outcome.scopes.join(' ')}</span>
        </p>
      )}
      <EntriesSent entries={outcome.entries} />
    </div>
  );
}

/**
 * Revoke the whole consent, or remove some permissions. Both stay mounted once the consent is
 * revoked (disabled), so the outcome of the action stays in its dialog.
 */
export function ConsentActions({
  consent,
}: {
  consent: {
    id: string;
    state: string;
    scopes: string[];
    who: string;
    agent: string;
    issuer: string;
    sub: string;
  };
}) {
  const revoked = consent.state === 'revoked';
  return (
    <div className="flex flex-wrap gap-2">
      <ConfirmAction
        action={revokeConsentAction}
        fields={{ consentId: consent.id, mode: 'some' }}
        label="Remove permissions"
        title="Remove permissions"
        description={`Take some of what ${consent.who} granted ${consent.agent} away. Tokens that carry a removed permission are revoked, and the connected servers are told.`}
        confirmLabel="Remove permissions"
        disabled={revoked || consent.scopes.length < 2}
        renderResult={(data) => <Outcome outcome={data as RevocationOutcome} />}
      >
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium">Permissions to remove</legend>
          <div className="max-h-60 space-y-1 overflow-y-auto rounded-md border border-border p-2">
            {consent.scopes.map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  className="mt-0.5 size-4 shrink-0 accent-[var(--accent)]"
                />
                <span className="min-w-0 font-mono text-xs break-all">{scope}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </ConfirmAction>
      <ConfirmAction
        action={revokeConsentAction}
        fields={{ consentId: consent.id, mode: 'all' }}
        label="Revoke consent"
        title="Revoke this consent"
        description={`${consent.agent} loses everything ${consent.who} granted it here. Its tokens stop working at every connected server.`}
        confirmLabel="Revoke consent"
        disabled={revoked}
        renderResult={(data) => <Outcome outcome={data as RevocationOutcome} />}
      />
      <ConfirmAction
        action={revokeSubjectAction}
        fields={{ issuer: consent.issuer, sub: consent.sub }}
        label={`Revoke everything of ${consent.who}`}
        title={`Revoke everything of ${consent.who}`}
        description={`Every consent ${consent.who} gave any agent ends, and every connected server refuses every token of theirs, including tokens this hub never saw. For offboarding or a compromised account.`}
        confirmLabel="Revoke everything"
        renderResult={(data) => <Outcome outcome={data as RevocationOutcome} />}
      />
    </div>
  );
}
