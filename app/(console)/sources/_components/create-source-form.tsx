'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionResult } from '@/lib/auth/action';
import type { SourceKind } from '@/lib/constants';
import { createSourceAction, type IssuedCredentials } from '../actions';
import { IssuedCredentialsPanel } from './issued-credentials';

export function CreateSourceForm() {
  const [state, formAction, pending] = useActionState<
    ActionResult<IssuedCredentials> | null,
    FormData
  >(createSourceAction, null);
  const [kind, setKind] = useState<SourceKind>('authorization_server');
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4 p-5" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="source-name" label="Name" errors={errors?.name}>
          <Input
            id="source-name"
            name="name"
            required
            maxLength={100}
            placeholder="Corporate authorization server"
            aria-describedby="source-name-error"
          />
        </Field>
        <Field id="source-kind" label="Kind" errors={errors?.kind}>
          <Select
            id="source-kind"
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as SourceKind)}
          >
            <option value="authorization_server">Authorization server</option>
            <option value="mcp_server">MCP server</option>
            <option value="gateway">Gateway</option>
          </Select>
        </Field>
        <Field
          id="source-issuer"
          label={kind === 'authorization_server' ? 'Issuer URL' : 'Issuer URL (optional)'}
          hint="The authorization server's issuer, as in its metadata."
          errors={errors?.issuer}
        >
          <Input
            id="source-issuer"
            name="issuer"
            type="url"
            placeholder="https://auth.example.com"
            aria-describedby="source-issuer-error"
          />
        </Field>
        <Field
          id="source-resource"
          label={kind === 'mcp_server' ? 'Resource URI' : 'Resource URI (optional)'}
          hint="The MCP server's canonical URI."
          errors={errors?.resource}
        >
          <Input
            id="source-resource"
            name="resource"
            type="url"
            placeholder="https://mcp.example.com"
            aria-describedby="source-resource-error"
          />
        </Field>
        <div className="sm:col-span-2">
          <Field
            id="source-webhook"
            label="Revocation webhook URL (optional)"
            hint="The hub POSTs each revocation here, signed with this source's secret."
            errors={errors?.revocation_webhook_url}
          >
            <Input
              id="source-webhook"
              name="revocation_webhook_url"
              type="url"
              placeholder="https://mcp.example.com/hub/revocations"
              aria-describedby="source-webhook-error"
            />
          </Field>
        </div>
      </div>
      <FormMessage state={state} />
      {state?.ok ? <IssuedCredentialsPanel issued={state.data} /> : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Registering…' : 'Register source'}
      </Button>
    </form>
  );
}
