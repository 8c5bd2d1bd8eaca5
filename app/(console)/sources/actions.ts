'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { reasonField } from '@/lib/auth/action-fields';
import { serverAction } from '@/lib/auth/action';
import {
  createSource,
  rotateSourceApiKey,
  rotateSourceSecret,
  setSourceEnabled,
  updateSource,
} from '@/lib/sources/manage-sources';
import { ingestionUrl } from '@/lib/sources/present';
import { graceChoices } from '@/lib/sources/grace-choices';
import { createSourceSchema } from '@/lib/sources/source-input';
import { testEventSnippets } from '@/lib/sources/test-event-snippet';

export type IssuedCredentials = {
  name: string;
  endpointUrl: string;
  signingSecret: string;
  apiKey: string | null;
  snippets: { shell: string; node: string };
};

function issued(
  source: { id: string; name: string; issuer: string | null; resource: string | null },
  signingSecret: string,
  apiKey: string | null,
): IssuedCredentials {
  const endpointUrl = ingestionUrl(source.id);
  const snippets = testEventSnippets({
    endpointUrl,
    secret: signingSecret,
    issuer: source.issuer ?? source.resource,
  });
  return { name: source.name, endpointUrl, signingSecret, apiKey, snippets };
}

export const createSourceAction = serverAction(
  { as: 'console', permission: 'write', schema: createSourceSchema },
  async (input, { auditActor }) => {
    const { source, signingSecret, apiKey } = await createSource(getDb(), auditActor, input);
    revalidatePath('/sources');
    return {
      ok: true,
      data: issued(source, signingSecret, apiKey),
      message: `“${source.name}” is registered. Copy its secret and API key now.`,
    };
  },
);

const graceField = z
  .enum(Object.keys(graceChoices) as [string, ...string[]], 'Choose how long the old one works.')
  .default('24h')
  .transform((v) => graceChoices[v]!.seconds);

const rotationFields = z.object({ sourceId: z.uuid(), grace: graceField, reason: reasonField });

function graceMessage(what: string, graceEndsAt: Date): string {
  return graceEndsAt.getTime() <= Date.now()
    ? `The previous ${what} stopped working just now.`
    : `The previous ${what} keeps working until ${graceEndsAt.toUTCString()}.`;
}

export const rotateSourceSecretAction = serverAction(
  { as: 'console', permission: 'write', schema: rotationFields },
  async (input, { auditActor }) => {
    const { source, signingSecret, graceEndsAt } = await rotateSourceSecret(
      getDb(),
      auditActor,
      input.sourceId,
      input.grace,
    );
    revalidatePath('/sources');
    return {
      ok: true,
      data: issued(source, signingSecret, null),
      message: `New secret for “${source.name}”. ${graceMessage('secret', graceEndsAt)}`,
    };
  },
);

export const rotateSourceApiKeyAction = serverAction(
  { as: 'console', permission: 'write', schema: rotationFields },
  async (input, { auditActor }) => {
    const { source, apiKey, graceEndsAt } = await rotateSourceApiKey(
      getDb(),
      auditActor,
      input.sourceId,
      input.grace,
    );
    revalidatePath('/sources');
    return {
      ok: true,
      data: { name: source.name, apiKey },
      message: `New API key for “${source.name}”. ${graceMessage('key', graceEndsAt)}`,
    };
  },
);

export const setSourceEnabledAction = serverAction(
  {
    as: 'console',
    permission: 'write',
    schema: z.object({
      sourceId: z.uuid(),
      enabled: z.enum(['true', 'false']).transform((v) => v === 'true'),
      reason: reasonField,
    }),
  },
  async (input, { auditActor }) => {
    await setSourceEnabled(getDb(), auditActor, input);
    revalidatePath('/sources');
    return {
      ok: true,
      data: undefined,
      message: input.enabled
        ? 'Source enabled.'
        : 'Source disabled: its events are refused from now on.',
    };
  },
);

export const setSourceEnforcesAction = serverAction(
  {
    as: 'console',
    permission: 'write',
    schema: z.object({
      sourceId: z.uuid(),
      enforces: z.enum(['true', 'false']).transform((v) => v === 'true'),
    }),
  },
  async (input, { auditActor }) => {
    await updateSource(getDb(), auditActor, input.sourceId, {
      enforces_revocations: input.enforces,
    });
    revalidatePath('/sources');
    return {
      ok: true,
      data: undefined,
      message: input.enforces
        ? 'It counts again wherever revocations should be enforced.'
        : 'It is still listed under each revocation, but no longer counted.',
    };
  },
);
