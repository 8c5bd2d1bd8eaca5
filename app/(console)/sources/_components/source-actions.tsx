'use client';

import { ConfirmAction } from '@/components/ui/confirm-action';
import { SecretReveal } from '@/components/ui/secret-reveal';
import { Field, Select } from '@/components/ui/field';
import { graceChoices } from '@/lib/sources/grace-choices';
import {
  rotateSourceApiKeyAction,
  rotateSourceSecretAction,
  setSourceEnabledAction,
  setSourceEnforcesAction,
  type IssuedCredentials,
} from '../actions';
import { IssuedCredentialsPanel } from './issued-credentials';

function GraceSelect({ id, what }: { id: string; what: string }) {
  return (
    <Field id={id} label={`The old ${what} keeps working`}>
      <Select id={id} name="grace" defaultValue="24h">
        {Object.entries(graceChoices).map(([value, choice]) => (
          <option key={value} value={value}>
            {choice.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function SourceActions({
  source,
}: {
  source: {
    id: string;
    name: string;
    status: 'active' | 'disabled';
    enforcesRevocations: boolean;
  };
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <ConfirmAction
        action={rotateSourceSecretAction}
        fields={{ sourceId: source.id }}
        label="Rotate secret"
        title={`Rotate the signing secret of “${source.name}”`}
        description="A new secret is made and shown once. The current one keeps working for the time you choose, so the sender can switch without losing events."
        confirmLabel="Rotate secret"
        variant="primary"
        askReason={false}
        renderResult={(data) => <IssuedCredentialsPanel issued={data as IssuedCredentials} />}
      >
        <GraceSelect id={`grace-secret-${source.id}`} what="secret" />
      </ConfirmAction>
      <ConfirmAction
        action={rotateSourceApiKeyAction}
        fields={{ sourceId: source.id }}
        label="Rotate API key"
        title={`Rotate the API key of “${source.name}”`}
        description="A new key for reading revocations and agent status is made and shown once. The current one keeps working for the time you choose."
        confirmLabel="Rotate API key"
        variant="primary"
        askReason={false}
        renderResult={(data) => (
          <SecretReveal
            label="API key (reads revocations and agent status)"
            value={(data as { apiKey: string }).apiKey}
          />
        )}
      >
        <GraceSelect id={`grace-key-${source.id}`} what="key" />
      </ConfirmAction>
      <ConfirmAction
        action={setSourceEnabledAction}
        fields={{ sourceId: source.id, enabled: source.status === 'active' ? 'false' : 'true' }}
        label={source.status === 'active' ? 'Disable' : 'Enable'}
        title={
          source.status === 'active' ? `Disable “${source.name}”?` : `Enable “${source.name}”?`
        }
        description={
          source.status === 'active'
            ? 'Every event it sends is refused until it is enabled again, and its API key stops working.'
            : 'Its events are accepted again with its current secret.'
        }
        confirmLabel={source.status === 'active' ? 'Disable source' : 'Enable source'}
        variant={source.status === 'active' ? 'danger' : 'primary'}
      />
      <ConfirmAction
        action={setSourceEnforcesAction}
        fields={{ sourceId: source.id, enforces: source.enforcesRevocations ? 'false' : 'true' }}
        label={source.enforcesRevocations ? 'Mark as not enforcing' : 'Mark as enforcing'}
        title={
          source.enforcesRevocations
            ? `Mark “${source.name}” as not enforcing revocations?`
            : `Mark “${source.name}” as enforcing revocations?`
        }
        description={
          source.enforcesRevocations
            ? 'For a server that only reports, such as an authorization server that does not read the hub’s revocations. It stays listed under each revocation, but is no longer counted, and its leaks no longer need attention.'
            : 'It counts again wherever revocations should be enforced, and a revoked token that still works there needs attention.'
        }
        confirmLabel={source.enforcesRevocations ? 'Mark as not enforcing' : 'Mark as enforcing'}
        variant="primary"
        askReason={false}
      />
    </div>
  );
}
