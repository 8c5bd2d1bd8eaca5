'use client';

import { ConfirmAction } from '@/components/ui/confirm-action';
import {
  rotateSourceSecretAction,
  setSourceEnabledAction,
  type IssuedCredentials,
} from '../actions';
import { IssuedCredentialsPanel } from './issued-credentials';

export function SourceActions({
  source,
}: {
  source: { id: string; name: string; status: 'active' | 'disabled' };
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <ConfirmAction
        action={rotateSourceSecretAction}
        fields={{ sourceId: source.id }}
        label="Rotate secret"
        title={`Rotate the signing secret of “${source.name}”`}
        description="A new secret is made and shown once. The current one keeps working for 24 hours, so the sender can switch without losing events."
        confirmLabel="Rotate secret"
        variant="primary"
        askReason={false}
        renderResult={(data) => <IssuedCredentialsPanel issued={data as IssuedCredentials} />}
      />
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
    </div>
  );
}
