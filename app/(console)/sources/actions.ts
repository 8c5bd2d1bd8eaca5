'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { protectedAction } from '@/lib/auth/protected-action';
import { createSource, rotateSourceSecret, setSourceEnabled } from '@/lib/sources/manage-sources';
import { ingestionUrl } from '@/lib/sources/present';
import { createSourceSchema } from '@/lib/sources/source-input';
import { testEventSnippets } from '@/lib/sources/test-event-snippet';

export type IssuedCredentials = {
  name: string;
  endpointUrl: string;
  signingSecret: string;
  apiKey: string | null;
  snippets: { shell: string; node: string };
};

export const createSourceAction = protectedAction(
  { permission: 'write', schema: createSourceSchema },
  async (input, { auditActor }) => {
    const { source, signingSecret, apiKey } = await createSource(getDb(), auditActor, input);
    revalidatePath('/sources');
    const endpointUrl = ingestionUrl(source.id);
    return {
      ok: true,
      data: {
        name: source.name,
        endpointUrl,
        signingSecret,
        apiKey,
        snippets: testEventSnippets({
          endpointUrl,
          secret: signingSecret,
          issuer: source.issuer ?? source.resource,
        }),
      } satisfies IssuedCredentials,
      message: `“${source.name}” is registered. Copy its secret and API key now.`,
    };
  },
);

export const rotateSourceSecretAction = protectedAction(
  {
    permission: 'write',
    schema: z.object({ sourceId: z.uuid(), reason: z.string().trim().max(500).optional() }),
  },
  async (input, { auditActor }) => {
    const { source, signingSecret, graceEndsAt } = await rotateSourceSecret(
      getDb(),
      auditActor,
      input.sourceId,
    );
    revalidatePath('/sources');
    const endpointUrl = ingestionUrl(source.id);
    return {
      ok: true,
      data: {
        name: source.name,
        endpointUrl,
        signingSecret,
        apiKey: null,
        snippets: testEventSnippets({
          endpointUrl,
          secret: signingSecret,
          issuer: source.issuer ?? source.resource,
        }),
      } satisfies IssuedCredentials,
      message: `New secret for “${source.name}”. The previous one keeps working until ${graceEndsAt.toUTCString()}.`,
    };
  },
);

export const setSourceEnabledAction = protectedAction(
  {
    permission: 'write',
    schema: z.object({
      sourceId: z.uuid(),
      enabled: z.enum(['true', 'false']).transform((v) => v === 'true'),
      reason: z
        .string()
        .trim()
        .max(500)
        .optional()
        .transform((v) => v || null),
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
