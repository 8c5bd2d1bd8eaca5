import { z } from 'zod';
import { sourceKinds } from '@/lib/constants';
import { targetUrlProblem } from '@/lib/outbound/target-url';

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(2048, `The ${what} is longer than 2,048 characters.`)
    .refine((v) => {
      try {
        const url = new URL(v);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    }, `The ${what} must be an absolute http(s) URL.`);

/**
 * A URL the hub itself will call: besides being http(s), it may carry no credentials and may not
 * name a private, special-purpose or metadata address (lib/outbound). What a name resolves to is
 * checked again at every call, which is the real guard.
 */
const outboundUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(2048, `The ${what} is longer than 2,048 characters.`)
    .superRefine((v, ctx) => {
      const problem = targetUrlProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `The ${what} ${problem}.` });
    });

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** A new source, as the API (snake_case) and the console form both send it. */
export const createSourceSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Name the source.')
      .max(100, 'Keep the name under 100 characters.'),
    kind: z.enum(sourceKinds, 'The kind must be authorization_server, mcp_server or gateway.'),
    issuer: optional(httpUrl('issuer')),
    resource: optional(httpUrl('resource URI')),
    // A gateway fronts several MCP servers; `resource` alone stays enough for one.
    resources: z
      .array(httpUrl('resource URI'), 'The resources must be a list of resource URIs.')
      .max(100, 'A gateway may be registered with at most 100 resources.')
      .optional()
      .describe(
        'A gateway only: every resource URI it fronts (with `resource`, if given). A source speaks only for its own resources: events naming another are refused.',
      ),
    revocation_webhook_url: optional(outboundUrl('revocation webhook URL')).describe(
      'Where the hub POSTs each revocation entry: a public http(s) address without credentials. Loopback, private and link-local addresses are refused (when saved and at every connect) unless the hub runs with HUB_ALLOW_PRIVATE_TARGETS=1; cloud metadata addresses always.',
    ),
    enforces_revocations: z
      .boolean('enforces_revocations must be true or false.')
      .optional()
      .describe(
        'Whether it enforces the revocation entries (default true). A source that does not (an authorization server that only reports) is listed under each entry but never counted.',
      ),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'authorization_server' && !v.issuer) {
      ctx.addIssue({
        code: 'custom',
        path: ['issuer'],
        message: 'An authorization server needs its issuer URL.',
      });
    }
    if (v.resources?.length && v.kind !== 'gateway') {
      ctx.addIssue({
        code: 'custom',
        path: ['resources'],
        message:
          'Only a gateway is registered with several resources; give an MCP server its one resource URI.',
      });
    }
    if (v.kind === 'mcp_server' && !v.resource) {
      ctx.addIssue({
        code: 'custom',
        path: ['resource'],
        message: 'An MCP server needs its resource URI.',
      });
    }
  });
export type CreateSourceInput = z.infer<typeof createSourceSchema>;

/** A change of a source's settings (`PATCH /api/v1/sources/{id}`). */
export const updateSourceSchema = z
  .object({
    enforces_revocations: z
      .boolean('enforces_revocations must be true or false.')
      .optional()
      .describe('false: listed under each revocation entry it should enforce, but never counted'),
  })
  .strict()
  .refine((v) => v.enforces_revocations !== undefined, {
    message: 'Name a setting to change: enforces_revocations.',
    path: ['enforces_revocations'],
  });
export type UpdateSourceInput = z.infer<typeof updateSourceSchema>;

/** Every resource a source speaks for: `resource`, then a gateway's further ones. */
export function resourcesOf(source: {
  resource: string | null;
  additionalResources: readonly string[];
}): string[] {
  return [...new Set([source.resource, ...source.additionalResources].filter((r) => r !== null))];
}

/** How a new source's resources are stored: the first in `resource`, the others beside it. */
export function storedResources(input: Pick<CreateSourceInput, 'resource' | 'resources'>) {
  const all = [...new Set([input.resource, ...(input.resources ?? [])].filter((r) => r != null))];
  return { resource: all[0] ?? null, additionalResources: all.slice(1) };
}
